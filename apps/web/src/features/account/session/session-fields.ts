import { graphql } from '../../../graphql/graphql';

/**
 * What every mutation that starts or renews a session asks for (signIn, register, refreshSession):
 * the shape the session store keeps. Unmasked, so the result is the plain object stored as a Session.
 */
export const SESSION_FIELDS = graphql(`
  fragment SessionFields on AuthPayload @_unmask {
    accessToken
    accessTokenExpiresAt
    refreshToken
    refreshTokenExpiresAt
    user { id displayName email platformRole preferredLanguage }
  }
`);
