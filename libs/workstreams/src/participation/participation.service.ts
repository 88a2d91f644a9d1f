import { Injectable } from '@nestjs/common';
import { Gender, PeopleDirectory, type PersonAttributes, StakeholderGroup, UnRegion } from '@intersessional/identity';
import { MembershipRepository } from '../membership/membership.repository';
import { type Cell, suppress } from './suppression';

export const NOT_STATED = 'NOT_STATED';

export interface Participation {
  totalMembers: number;
  byStakeholderGroup: Cell[];
  byRegion: Cell[];
  byGender: Cell[];
}

function tally<T extends string>(values: (T | null)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value ?? NOT_STATED, (counts.get(value ?? NOT_STATED) ?? 0) + 1);
  return counts;
}

/** Who takes part, as aggregates only: never a list of people with their attributes. */
@Injectable()
export class ParticipationService {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly people: PeopleDirectory,
  ) {}

  /** Breakdowns for many workstreams in two queries (a list of workstreams stays batched). */
  async ofMany(workstreamIds: readonly string[]): Promise<Participation[]> {
    const members = await this.memberships.activeMembersOf(workstreamIds);
    const people = new Map((await this.people.attributesOf(members.map((m) => m.userId))).map((p) => [p.userId, p]));
    return workstreamIds.map((id) =>
      this.breakdown(members.filter((m) => m.workstreamId === id).map((m) => people.get(m.userId)).filter((p) => p?.active) as PersonAttributes[]),
    );
  }

  private breakdown(people: PersonAttributes[]): Participation {
    return {
      totalMembers: people.length,
      byStakeholderGroup: suppress(tally(people.map((p) => p.stakeholderGroup)), [...Object.values(StakeholderGroup), NOT_STATED]),
      byRegion: suppress(tally(people.map((p) => p.region)), [...Object.values(UnRegion), NOT_STATED]),
      byGender: suppress(tally(people.map((p) => p.gender)), [...Object.values(Gender), NOT_STATED]),
    };
  }
}
