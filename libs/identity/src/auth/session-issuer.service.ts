import { Injectable } from '@nestjs/common';
import { UserEntity } from '../people/user.entity';
import { type ClientInfo } from './client-info';
import { SessionRepository } from './session.repository';
import { type IssuedToken, TokenService } from './token.service';

export interface IssuedSession {
  sessionId: string;
  access: IssuedToken;
  refresh: IssuedToken;
  user: UserEntity;
}

/** Opens a session for a user and hands out its first token pair. */
@Injectable()
export class SessionIssuer {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly tokens: TokenService,
  ) {}

  async open(user: UserEntity, client: ClientInfo): Promise<IssuedSession> {
    const refresh = this.tokens.newRefreshToken();
    const session = await this.sessions.create({
      userId: user.id,
      expiresAt: refresh.expiresAt,
      userAgent: client.userAgent?.slice(0, 500) ?? null,
      ip: client.ip,
    });
    await this.sessions.addRefreshToken(session.id, refresh.hash);
    return {
      sessionId: session.id,
      user,
      access: this.tokens.issueAccessToken(user.id, session.id),
      refresh: { token: refresh.token, expiresAt: refresh.expiresAt },
    };
  }

  /**
   * The next pair of a session's chain: a new refresh token and a fresh access token. Nothing is
   * stored; `store` adds the refresh token once the spent one is claimed.
   */
  successor(user: UserEntity, sessionId: string, sessionExpiresAt: Date): { issued: IssuedSession; refreshHash: string } {
    const refresh = this.tokens.newRefreshToken();
    return {
      refreshHash: refresh.hash,
      issued: {
        sessionId,
        user,
        access: this.tokens.issueAccessToken(user.id, sessionId),
        refresh: { token: refresh.token, expiresAt: sessionExpiresAt },
      },
    };
  }

  async store(sessionId: string, refreshHash: string): Promise<void> {
    await this.sessions.addRefreshToken(sessionId, refreshHash);
  }
}
