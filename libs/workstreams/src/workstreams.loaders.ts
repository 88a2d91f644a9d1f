import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Loaders, byKeys, groupByKeys } from '@intersessional/graphql';
import { MembershipEntity } from './membership/membership.entity';
import { type MembershipQuery, MembershipRepository } from './membership/membership.repository';
import { WorkstreamCycleEntity, WorkstreamEntity } from './workstream/workstream.entity';
import { WorkstreamRepository } from './workstream/workstream.repository';

/** Per-request batching for the workstream graph (nested lists cost one query per level, not per row). */
@Injectable()
export class WorkstreamLoaders {
  constructor(
    private readonly workstreams: WorkstreamRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  byId(loaders: Loaders): DataLoader<string, WorkstreamEntity | null> {
    return loaders.get('workstreams.byId', () =>
      new DataLoader(async (ids: readonly string[]) => byKeys(ids, await this.workstreams.findByIds(ids), (w) => w.id)),
    );
  }

  cycles(loaders: Loaders): DataLoader<string, WorkstreamCycleEntity[]> {
    return loaders.get('workstreams.cycles', () =>
      new DataLoader(async (ids: readonly string[]) =>
        groupByKeys(ids, await this.workstreams.cyclesOf(ids), (c) => c.workstreamId),
      ),
    );
  }

  /** First `limit` rows of each workstream's member list (fetch limit + 1 to know if more follow). */
  firstMembers(loaders: Loaders, query: MembershipQuery, limit: number): DataLoader<string, MembershipEntity[]> {
    return loaders.get(`workstreams.firstMembers:${query.status}:${query.role ?? '*'}:${limit}`, () =>
      new DataLoader(async (ids: readonly string[]) =>
        groupByKeys(ids, await this.memberships.firstPages(ids, query, limit), (m) => m.workstreamId),
      ),
    );
  }

  memberCount(loaders: Loaders, query: MembershipQuery): DataLoader<string, number> {
    return loaders.get(`workstreams.memberCount:${query.status}:${query.role ?? '*'}`, () =>
      new DataLoader(async (ids: readonly string[]) => {
        const counts = await this.memberships.counts(ids, query);
        return ids.map((id) => counts.get(id) ?? 0);
      }),
    );
  }

  /** The signed-in person's own membership in each workstream. */
  membershipOf(loaders: Loaders, userId: string): DataLoader<string, MembershipEntity | null> {
    return loaders.get(`workstreams.membershipOf:${userId}`, () =>
      new DataLoader(async (ids: readonly string[]) =>
        byKeys(ids, await this.memberships.ofUserIn(userId, ids), (m) => m.workstreamId),
      ),
    );
  }
}
