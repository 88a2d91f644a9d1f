import { Gender, StakeholderGroup } from './stakeholder-group';
import { UserEntity } from './user.entity';

export interface ProfileFields {
  organisation?: string | null;
  country?: string | null;
  stakeholderGroup?: StakeholderGroup | null;
  gender?: Gender | null;
  preferredLanguage?: string;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * What the audit log keeps of a profile. Gender is never written there: it is visible only to the
 * person and in aggregates, and the audit log is read by others. Only the fact that it changed is kept.
 */
export function profileSnapshot(user: UserEntity): Record<string, unknown> {
  return {
    email: user.email,
    displayName: user.displayName,
    organisation: user.organisation,
    country: user.country,
    stakeholderGroup: user.stakeholderGroup,
    preferredLanguage: user.preferredLanguage,
    platformRole: user.platformRole,
    status: user.status,
  };
}
