import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';

export interface AccessClaims {
  sub: string;
  sid: string;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  issueAccessToken(userId: string, sessionId: string): IssuedToken {
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const token = this.jwt.sign({ sid: sessionId } satisfies Omit<AccessClaims, 'sub'>, {
      subject: userId,
      expiresIn: ttl,
      algorithm: 'HS256',
      audience: 'intersessional',
    });
    return { token, expiresAt: new Date(Date.now() + ttl * 1000) };
  }

  /** Returns the claims, or null for a malformed, forged or expired token. */
  verifyAccessToken(token: string): AccessClaims | null {
    try {
      const claims = this.jwt.verify<AccessClaims>(token, {
        algorithms: ['HS256'],
        audience: 'intersessional',
      });
      return typeof claims.sub === 'string' && typeof claims.sid === 'string' ? claims : null;
    } catch {
      return null;
    }
  }

  /** A 256-bit random refresh token; only its SHA-256 is stored. */
  newRefreshToken(): { token: string; hash: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    return {
      token,
      hash: this.hashRefreshToken(token),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
    };
  }

  hashRefreshToken(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }
}
