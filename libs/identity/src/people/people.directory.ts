import { Injectable } from '@nestjs/common';
import type { PlatformRole } from '@intersessional/access';
import { Gender, StakeholderGroup } from './stakeholder-group';
import { UnRegion, regionOf } from './un-region';
import { AccountStatus } from './user.entity';
import { SessionRepository } from '../auth/session.repository';
import { UserRepository } from './user.repository';

/** What other contexts may know of a person for counting: no names, no e-mail. */
export interface PersonAttributes {
  userId: string;
  stakeholderGroup: StakeholderGroup | null;
  region: UnRegion | null;
  gender: Gender | null;
  active: boolean;
}

export interface PersonProfile {
  userId: string;
  displayName: string;
  organisation: string | null;
  country: string | null;
  stakeholderGroup: StakeholderGroup | null;
  region: UnRegion | null;
  gender: Gender | null;
  email: string;
}

/** Identity's read API for other bounded contexts. */
@Injectable()
export class PeopleDirectory {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
  ) {}

  /**
   * Whether a signed-in session still stands: not signed out or revoked, not expired, its account
   * active. Long-lived connections (subscriptions) ask before each delivery.
   */
  async sessionActive(sessionId: string, now = new Date()): Promise<boolean> {
    const found = sessionId ? await this.sessions.standingOf(sessionId) : null;
    return found !== null && !found.revokedAt && found.expiresAt > now && found.accountStatus === AccountStatus.ACTIVE;
  }

  /** Which of these sessions still stand (see `sessionActive`), in one query for any number. */
  activeSessions(sessionIds: readonly string[], now = new Date()): Promise<Set<string>> {
    return this.sessions.standing([...new Set(sessionIds)], now);
  }

  async attributesOf(userIds: readonly string[]): Promise<PersonAttributes[]> {
    const users = await this.users.findByIds([...new Set(userIds)]);
    return users.map((u) => ({
      userId: u.id,
      stakeholderGroup: u.stakeholderGroup,
      region: regionOf(u.country, u.stakeholderGroup),
      gender: u.gender,
      active: u.status === AccountStatus.ACTIVE,
    }));
  }

  /**
   * How a person presents themselves when they speak in public (a comment's byline), with the private
   * attributes counted in suppressed aggregates. Null for unknown or disabled accounts.
   */
  async profileOf(userId: string): Promise<PersonProfile | null> {
    const user = await this.users.findById(userId);
    if (!user || user.status !== AccountStatus.ACTIVE) return null;
    return {
      userId: user.id,
      displayName: user.displayName,
      organisation: user.organisation,
      country: user.country,
      stakeholderGroup: user.stakeholderGroup,
      region: regionOf(user.country, user.stakeholderGroup),
      gender: user.gender,
      email: user.email,
    };
  }

  /** Whether each account may act, and its platform role (for checks outside a GraphQL request). */
  async accountsOf(userIds: readonly string[]): Promise<Map<string, { active: boolean; platformRole: PlatformRole }>> {
    const users = await this.users.findByIds([...new Set(userIds)]);
    return new Map(users.map((u) => [u.id, { active: u.status === AccountStatus.ACTIVE, platformRole: u.platformRole }]));
  }

  async isEmpty(): Promise<boolean> {
    return (await this.users.count()) === 0;
  }

  async exists(userId: string): Promise<boolean> {
    return (await this.users.findById(userId)) !== null;
  }
}
