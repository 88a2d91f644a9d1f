import { Injectable } from '@nestjs/common';
import { DocumentPolicy, DocumentRepository, isEditableStatus } from '@intersessional/documents';
import { SessionDirectory } from '@intersessional/identity';
import { CloseCode, CloseReason } from './close-codes';
import type { PresenceUser } from './connection';
import { presenceUserOf } from './presence-user';

/** Who is on which document through which sign-in: what access is judged for. */
export interface Seat {
  documentId: string;
  userId: string;
  sessionId: string;
}

/** A verdict: read-write or read-only with the name others see, or a close code and reason. */
export type Access = { allowed: true; writable: boolean; user: PresenceUser } | { allowed: false; code: number; reason: string };

export const deny = (code: number, reason: string): Access => ({ allowed: false, code, reason });

/**
 * Judges sync-socket access: the token's session still stands (not signed out, revoked or expired),
 * the account is active, the document exists and the person's current role lets them read (and
 * edit) it. The same rule as the API's guard and DocumentPolicy, for many sockets at once.
 */
@Injectable()
export class CollabAccess {
  constructor(
    private readonly sessions: SessionDirectory,
    private readonly documents: DocumentRepository,
    private readonly policy: DocumentPolicy,
  ) {}

  /**
   * The current access of some seats, in three queries however many there are: the documents, the
   * sessions with their accounts, the memberships. Used on connect and by the re-check.
   */
  async of(seats: readonly Seat[]): Promise<(seat: Seat) => Access> {
    const [documents, sessions] = await Promise.all([
      this.documents.findByIds([...new Set(seats.map((s) => s.documentId))]),
      this.sessions.statusOf(seats.map((s) => s.sessionId)),
    ]);
    const byId = new Map(documents.map((d) => [d.id, d]));
    const live = (seat: Seat) => {
      const session = sessions.get(seat.sessionId);
      return session?.userId === seat.userId && session.state === 'ACTIVE' ? session : null;
    };
    const rights = await this.policy.rightsOnMany(
      documents.map((document) => ({
        document,
        people: seats.flatMap((seat) => {
          const session = seat.documentId === document.id ? live(seat) : null;
          return session ? [{ userId: seat.userId, platformRole: session.platformRole }] : [];
        }),
      })),
    );
    return (seat) => {
      const session = sessions.get(seat.sessionId);
      if (session?.state === 'ACCOUNT_DISABLED') return deny(CloseCode.UNAUTHENTICATED, CloseReason.ACCOUNT_DISABLED);
      if (!session || session.userId !== seat.userId || session.state !== 'ACTIVE') return deny(CloseCode.UNAUTHENTICATED, CloseReason.SESSION_ENDED);
      const document = byId.get(seat.documentId);
      if (!document) return deny(CloseCode.NOT_FOUND, CloseReason.NOT_FOUND);
      const right = rights.get(`${seat.documentId}:${seat.userId}`);
      if (!right?.read) return deny(CloseCode.FORBIDDEN, CloseReason.FORBIDDEN);
      return { allowed: true, writable: isEditableStatus(document.status) && right.edit, user: presenceUserOf(seat.userId, session.displayName) };
    };
  }
}
