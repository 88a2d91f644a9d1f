import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

const AUDIENCE = 'intersessional:collab';
/**
 * Long enough to survive ordinary reconnects (sleep, train tunnels); the session, the account and the
 * role are checked on each connect and every few seconds while connected.
 */
export const COLLAB_TOKEN_TTL_SECONDS = 12 * 60 * 60;

export interface CollabClaims {
  userId: string;
  /** The sign-in that asked for the token: when it ends, so do the token and its sockets. */
  sessionId: string;
  documentId: string;
}

/** Short-lived tokens scoped to one user, one session and one document, for the sync socket only. */
@Injectable()
export class CollaborationTokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(userId: string, sessionId: string, documentId: string): { token: string; expiresAt: Date } {
    const token = this.jwt.sign(
      { doc: documentId, sid: sessionId },
      { subject: userId, audience: AUDIENCE, expiresIn: COLLAB_TOKEN_TTL_SECONDS, algorithm: 'HS256' },
    );
    return { token, expiresAt: new Date(Date.now() + COLLAB_TOKEN_TTL_SECONDS * 1000) };
  }

  verify(token: string): CollabClaims | null {
    try {
      const claims = this.jwt.verify<{ sub?: unknown; sid?: unknown; doc?: unknown }>(token, {
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      // a token without a session (issued before sessions were named) is refused: it could not be ended
      return typeof claims.sub === 'string' && typeof claims.sid === 'string' && typeof claims.doc === 'string'
        ? { userId: claims.sub, sessionId: claims.sid, documentId: claims.doc }
        : null;
    } catch {
      return null;
    }
  }
}
