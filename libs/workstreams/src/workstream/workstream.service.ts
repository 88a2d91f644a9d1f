import { Injectable } from '@nestjs/common';
import { type Actor } from '@intersessional/access';
import { AuditService } from '@intersessional/audit';
import { Database } from '@intersessional/database';
import { badInput, conflict, notFound } from '@intersessional/graphql';
import { PeopleDirectory } from '@intersessional/identity';
import { MembershipStatus, WorkstreamRole } from '../membership/membership.entity';
import { MembershipNotifier } from '../membership/membership.notifier';
import { MembershipRepository } from '../membership/membership.repository';
import { WorkstreamPolicy } from '../membership/workstream.policy';
import { slugify } from './slug';
import { JoinPolicy, WorkstreamKind, WorkstreamStatus } from './workstream-kind';
import { WorkstreamEntity } from './workstream.entity';
import { CreateWorkstreamInput, ProposeDynamicCoalitionInput, UpdateWorkstreamInput } from './workstream.inputs';
import { workstreamSnapshot } from './workstream.mapper';
import { WorkstreamRepository } from './workstream.repository';

const cleanTopics = (topics: string[] | undefined) => [...new Set((topics ?? []).map((t) => t.trim()).filter(Boolean))];

/** Creating and editing workstreams. Status changes are in WorkstreamLifecycleService. */
@Injectable()
export class WorkstreamService {
  constructor(
    private readonly db: Database,
    private readonly workstreams: WorkstreamRepository,
    private readonly memberships: MembershipRepository,
    private readonly people: PeopleDirectory,
    private readonly policy: WorkstreamPolicy,
    private readonly audit: AuditService,
    private readonly notifier: MembershipNotifier,
  ) {}

  /** A BPF or PN, created by the Secretariat or a MAG member for one IGF cycle. */
  async create(actor: Actor, input: CreateWorkstreamInput): Promise<WorkstreamEntity> {
    this.policy.assertCanSteerCycles(actor);
    const facilitatorIds = [...new Set(input.facilitatorIds?.length ? input.facilitatorIds : [actor.userId])];
    for (const id of facilitatorIds) {
      if (!(await this.people.exists(id))) throw badInput('facilitatorIds', `has no user with id ${id}`);
    }
    return this.db.transaction(async () => {
      const workstream = await this.insert(actor, input, {
        kind: input.kind,
        cycleYear: input.cycleYear,
        status: WorkstreamStatus.ACTIVE,
        joinPolicy: input.joinPolicy ?? JoinPolicy.APPROVAL,
      });
      await this.workstreams.startCycle(workstream.id, input.cycleYear);
      for (const userId of facilitatorIds) {
        const membership = await this.memberships.insert({ workstreamId: workstream.id, userId, role: WorkstreamRole.FACILITATOR, status: MembershipStatus.ACTIVE });
        await this.notifier.added(actor, workstream, membership);
      }
      await this.audit.record(actor, {
        action: 'workstream.created',
        entityType: 'workstream',
        entityId: workstream.id,
        workstreamId: workstream.id,
        summary: { after: { ...workstreamSnapshot(workstream), facilitatorIds } },
      });
      return workstream;
    });
  }

  /** Any user proposes a Dynamic Coalition; they become its first coordinator. */
  async propose(actor: Actor, input: ProposeDynamicCoalitionInput): Promise<WorkstreamEntity> {
    return this.db.transaction(async () => {
      const workstream = await this.insert(actor, input, {
        kind: WorkstreamKind.DC,
        cycleYear: null,
        status: WorkstreamStatus.PROPOSED,
        joinPolicy: JoinPolicy.OPEN,
        statementOfPurpose: input.statementOfPurpose.trim(),
      });
      await this.memberships.insert({
        workstreamId: workstream.id,
        userId: actor.userId,
        role: WorkstreamRole.FACILITATOR,
        status: MembershipStatus.ACTIVE,
      });
      await this.audit.record(actor, {
        action: 'workstream.proposed',
        entityType: 'workstream',
        entityId: workstream.id,
        workstreamId: workstream.id,
        summary: { after: workstreamSnapshot(workstream) },
      });
      return workstream;
    });
  }

  async update(actor: Actor, input: UpdateWorkstreamInput): Promise<WorkstreamEntity> {
    return this.db.transaction(async () => {
      const before = await this.workstreams.lock(input.id);
      if (!before) throw notFound('Workstream', input.id);
      await this.policy.assertCanManage(actor, input.id);
      if (input.statementOfPurpose !== undefined && before.kind !== WorkstreamKind.DC) {
        throw badInput('statementOfPurpose', 'applies to Dynamic Coalitions only');
      }
      const changes: Partial<WorkstreamEntity> = {};
      if (input.name !== undefined) changes.name = input.name.trim();
      if (input.summary !== undefined) changes.summary = input.summary.trim();
      if (input.topics !== undefined) changes.topics = cleanTopics(input.topics);
      if (input.mailingListUrl !== undefined) changes.mailingListUrl = input.mailingListUrl || null;
      if (input.archiveUrl !== undefined) changes.archiveUrl = input.archiveUrl || null;
      if (input.joinPolicy !== undefined) changes.joinPolicy = input.joinPolicy;
      if (input.statementOfPurpose !== undefined) changes.statementOfPurpose = input.statementOfPurpose.trim();
      const after = await this.workstreams.update(input.id, changes);
      await this.audit.record(actor, {
        action: 'workstream.updated',
        entityType: 'workstream',
        entityId: after.id,
        workstreamId: after.id,
        summary: { before: workstreamSnapshot(before), after: workstreamSnapshot(after) },
      });
      return after;
    });
  }

  private async insert(
    actor: Actor,
    input: CreateWorkstreamInput | ProposeDynamicCoalitionInput,
    fixed: Pick<WorkstreamEntity, 'kind' | 'cycleYear' | 'status' | 'joinPolicy'> & Partial<WorkstreamEntity>,
  ): Promise<WorkstreamEntity> {
    const slug = input.slug ?? slugify(input.name);
    if (!slug) throw badInput('slug', 'cannot be derived from the name; give one');
    if (await this.workstreams.findBySlug(slug)) {
      throw conflict(`The slug "${slug}" is taken; choose another.`, { field: 'slug' });
    }
    return this.workstreams.insert({
      ...fixed,
      slug,
      name: input.name.trim(),
      summary: input.summary?.trim() ?? '',
      topics: cleanTopics(input.topics),
      mailingListUrl: input.mailingListUrl || null,
      archiveUrl: input.archiveUrl || null,
      createdBy: actor.userId,
    });
  }
}
