import { Injectable } from '@nestjs/common';
import { type Actor } from '@intersessional/access';
import { AuditService } from '@intersessional/audit';
import { Database } from '@intersessional/database';
import { badInput, notFound } from '@intersessional/graphql';
import { WorkstreamPolicy } from '../membership/workstream.policy';
import { LifecycleAction, nextStatus } from './lifecycle';
import { CycleOutcome, WorkstreamStatus } from './workstream-kind';
import { WorkstreamEntity } from './workstream.entity';
import { WorkstreamRepository } from './workstream.repository';

export interface TransitionRequest {
  action: LifecycleAction;
  reasons?: string[];
  /** RENEW: the new cycle year (defaults to the next one). */
  cycleYear?: number;
}

const CYCLE_ACTIONS = new Set([LifecycleAction.CONCLUDE, LifecycleAction.RENEW]);

/** Moves workstreams through their lifecycle (see lifecycle.ts), with the audit record. */
@Injectable()
export class WorkstreamLifecycleService {
  constructor(
    private readonly db: Database,
    private readonly workstreams: WorkstreamRepository,
    private readonly policy: WorkstreamPolicy,
    private readonly audit: AuditService,
  ) {}

  async transition(actor: Actor, workstreamId: string, request: TransitionRequest): Promise<WorkstreamEntity> {
    if (CYCLE_ACTIONS.has(request.action)) this.policy.assertCanSteerCycles(actor);
    else this.policy.assertSecretariat(actor);
    return this.db.transaction(async () => {
      const before = await this.workstreams.lock(workstreamId);
      if (!before) throw notFound('Workstream', workstreamId);
      const status = nextStatus(before.kind, before.status, request.action);
      const changes: Partial<WorkstreamEntity> = { status, statusReasons: this.reasonsFor(status, request.reasons) };
      if (request.action === LifecycleAction.CONCLUDE) {
        await this.workstreams.endCurrentCycle(before.id, CycleOutcome.CONCLUDED);
      }
      if (request.action === LifecycleAction.RENEW) {
        changes.cycleYear = await this.renewCycle(before, request.cycleYear);
      }
      const after = await this.workstreams.update(before.id, changes);
      await this.audit.record(actor, {
        action: `workstream.${request.action.toLowerCase()}`,
        entityType: 'workstream',
        entityId: before.id,
        workstreamId: before.id,
        summary: {
          before: { status: before.status, cycleYear: before.cycleYear },
          after: { status: after.status, cycleYear: after.cycleYear },
          reasons: request.reasons ?? [],
        },
      });
      return after;
    });
  }

  private reasonsFor(status: WorkstreamStatus, reasons: string[] | undefined): string[] {
    const keepsReasons = status === WorkstreamStatus.INACTIVE || status === WorkstreamStatus.DECLINED;
    return keepsReasons ? (reasons ?? []).filter(Boolean) : [];
  }

  private async renewCycle(workstream: WorkstreamEntity, requested?: number): Promise<number> {
    const current = workstream.cycleYear ?? 0;
    const year = requested ?? current + 1;
    if (year <= current) throw badInput('cycleYear', `must be after the current cycle (${current})`);
    if (await this.workstreams.cycleExists(workstream.id, year)) throw badInput('cycleYear', `cycle ${year} already exists`);
    if (workstream.status === WorkstreamStatus.ACTIVE) {
      await this.workstreams.endCurrentCycle(workstream.id, CycleOutcome.RENEWED);
    }
    await this.workstreams.startCycle(workstream.id, year);
    return year;
  }
}
