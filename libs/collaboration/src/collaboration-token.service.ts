import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

const AUDIENCE = 'intersessional:collab';
/** Long enough to survive ordinary reconnects (sleep, train tunnels); roles are re-checked on each connect. */
export const COLLAB_TOKEN_TTL_SECONDS = 12 * 60 * 60;

export interface CollabClaims {
  userId: string;
  documentId: string;
}

/** Short-lived tokens scoped to one user and one document, for the sync socket only. */
@Injectable()
export class CollaborationTokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(userId: string, documentId: string): { token: string; expiresAt: Date } {
    const token = this.jwt.sign(
      { doc: documentId },
      { subject: userId, audience: AUDIENCE, expiresIn: COLLAB_TOKEN_TTL_SECONDS, algorithm: 'HS256' },
    );
    return { token, expiresAt: new Date(Date.now() + COLLAB_TOKEN_TTL_SECONDS * 1000) };
  }

  verify(token: string): CollabClaims | null {
    try {
      const claims = this.jwt.verify<{ sub?: unknown; doc?: unknown }>(token, {
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      return typeof claims.sub === 'string' && typeof claims.doc === 'string' ? { userId: claims.sub, documentId: claims.doc } : null;
    } catch {
      return null;
    }
  }
}
