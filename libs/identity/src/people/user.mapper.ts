import { type IssuedSession } from '../auth/session-issuer.service';
import { regionOf } from './un-region';
import { UserEntity } from './user.entity';
import { AuthPayloadModel, UserModel } from './user.model';

export function toUserModel(user: UserEntity): UserModel {
  return {
    id: user.id,
    displayName: user.displayName,
    organisation: user.organisation,
    country: user.country,
    region: regionOf(user.country, user.stakeholderGroup),
    stakeholderGroup: user.stakeholderGroup,
    preferredLanguage: user.preferredLanguage,
    platformRole: user.platformRole,
    status: user.status,
    createdAt: user.createdAt,
    email: user.email,
    gender: user.gender,
    disabledReason: user.disabledReason,
    emailVerifiedAt: user.emailVerifiedAt,
  };
}

export function toAuthPayload(issued: IssuedSession): AuthPayloadModel {
  return {
    accessToken: issued.access.token,
    accessTokenExpiresAt: issued.access.expiresAt,
    refreshToken: issued.refresh.token,
    refreshTokenExpiresAt: issued.refresh.expiresAt,
    user: toUserModel(issued.user),
  };
}
