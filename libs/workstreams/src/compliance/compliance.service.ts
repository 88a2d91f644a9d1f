import { Injectable } from '@nestjs/common';
import { type Actor } from '@intersessional/access';
import { AuditService } from '@intersessional/audit';
import { Database } from '@intersessional/database';
import { badInput, conflict, notFound } from '@intersessional/graphql';
import { PeopleDirectory } from '@intersessional/identity';
import { MembershipRepository } from '../membership/membership.repository';
import { WorkstreamPolicy } from '../membership/workstream.policy';
import { LifecycleAction } from '../workstream/lifecycle';
import { WorkstreamKind, WorkstreamStatus } from '../workstream/workstream-kind';
import { WorkstreamEntity } from '../workstream/workstream.entity';
import { WorkstreamLifecycleService } from '../workstream/workstream-lifecycle.service';
import { WorkstreamRepository } from '../workstream/workstream.repository';
import { type CriterionResult, evaluateCompliance } from './compliance';
import { DcFilingEntity, DcFilingKind } from './dc-filing.entity';
import { FilingRepository } from './filing.repository';

export interface ComplianceReport {
  workstream: WorkstreamEntity;
  reportingYear: number;
  criteria: CriterionResult[];
  compliant: boolean;
}

export interface FilingRequest {
  workstreamId: string;
  kind: DcFilingKind;
  year: number;
  title: string;
  url: string | null;
  /** Set by the documents context when the report is a published platform document. */
  documentId?: string | null;
}

@Injectable()
export class ComplianceService {
  constructor(
    private readonly db: Database,
    private readonly workstreams: WorkstreamRepository,
    private readonly memberships: MembershipRepository,
    private readonly filings: FilingRepository,
    private readonly people: PeopleDirectory,
    private readonly policy: WorkstreamPolicy,
    private readonly lifecycle: WorkstreamLifecycleService,
    private readonly audit: AuditService,
  ) {}

  /** Compliance of many DCs in a fixed number of queries. */
  async reports(dcs: WorkstreamEntity[], reportingYear: number): Promise<ComplianceReport[]> {
    const ids = dcs.map((w) => w.id);
    if (!ids.length) return [];
    const [members, filings] = await Promise.all([this.memberships.activeMembersOf(ids), this.filings.ofWorkstreams(ids)]);
    const attributes = new Map((await this.people.attributesOf(members.map((m) => m.userId))).map((p) => [p.userId, p]));
    return dcs.map((workstream) => {
      const groups = new Set(
        members
          .filter((m) => m.workstreamId === workstream.id)
          .map((m) => attributes.get(m.userId))
          .filter((p) => p?.active && p.stakeholderGroup)
          .map((p) => p?.stakeholderGroup),
      );
      const criteria = evaluateCompliance({
        joinPolicy: workstream.joinPolicy,
        mailingListUrl: workstream.mailingListUrl,
        archiveUrl: workstream.archiveUrl,
        stakeholderGroups: groups.size,
        filings: filings.filter((f) => f.workstreamId === workstream.id),
        reportingYear,
      });
      return { workstream, reportingYear, criteria, compliant: criteria.every((c) => c.met) };
    });
  }

  async allDynamicCoalitions(reportingYear: number, statuses?: WorkstreamStatus[]): Promise<ComplianceReport[]> {
    const dcs = await this.workstreams.listByKindAndStatus(
      WorkstreamKind.DC,
      statuses ?? [WorkstreamStatus.ACTIVE, WorkstreamStatus.INACTIVE, WorkstreamStatus.PROPOSED],
    );
    return this.reports(dcs, reportingYear);
  }

  /**
   * The Secretariat's check: every active DC that fails a requirement becomes inactive, with the
   * failed requirements as the recorded reasons. Each deactivation is its own audited transition.
   */
  async runCheck(actor: Actor, reportingYear: number): Promise<{ checked: ComplianceReport[]; deactivated: WorkstreamEntity[] }> {
    this.policy.assertSecretariat(actor);
    const checked = await this.allDynamicCoalitions(reportingYear, [WorkstreamStatus.ACTIVE]);
    const deactivated: WorkstreamEntity[] = [];
    for (const report of checked.filter((r) => !r.compliant)) {
      const reasons = report.criteria.filter((c) => !c.met).map((c) => c.detail);
      deactivated.push(
        await this.lifecycle.transition(actor, report.workstream.id, { action: LifecycleAction.DEACTIVATE, reasons }),
      );
    }
    return { checked, deactivated };
  }

  /** Facilitators (or the Secretariat) file a DC's annual report, session request or session report. */
  async file(actor: Actor, request: FilingRequest): Promise<DcFilingEntity> {
    return this.db.transaction(async () => {
      const workstream = await this.workstreams.lock(request.workstreamId);
      if (!workstream) throw notFound('Workstream', request.workstreamId);
      if (workstream.kind !== WorkstreamKind.DC) throw badInput('workstreamId', 'filings are for Dynamic Coalitions');
      await this.policy.assertCanManage(actor, workstream.id);
      if (request.kind !== DcFilingKind.SESSION_REQUEST && !request.url && !request.documentId) {
        throw badInput('url', 'is required for reports (or file a published platform document with fileDcAnnualReportDocument)');
      }
      if (await this.filings.exists(workstream.id, request.kind, request.year)) {
        throw conflict(`A ${request.kind.toLowerCase().replace('_', ' ')} for ${request.year} is already filed.`);
      }
      const filing = await this.filings.insert({ ...request, filedBy: actor.userId });
      await this.audit.record(actor, {
        action: 'dc_filing.filed',
        entityType: 'dc_filing',
        entityId: filing.id,
        workstreamId: workstream.id,
        summary: { after: { kind: filing.kind, year: filing.year, title: filing.title, url: filing.url, documentId: filing.documentId } },
      });
      return filing;
    });
  }

  filingsOf(workstreamIds: readonly string[]): Promise<DcFilingEntity[]> {
    return this.filings.ofWorkstreams(workstreamIds);
  }
}
