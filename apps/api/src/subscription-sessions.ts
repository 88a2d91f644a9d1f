import type { Logger } from '@nestjs/common';
import type { PeopleDirectory } from '@intersessional/identity';
import type { SubscriptionClients } from './subscription-clients';
import { SubscriptionCloseCode } from './subscription.errors';

/**
 * Ends subscription sockets whose session has ended. Every `intervalMs`, one query asks which of the
 * sessions behind open sockets still stand (not signed out or revoked — sign-out, a password change and
 * disabling all revoke — not expired, account active); the sockets of the others are closed with 4401,
 * which ends every subscription on them, public ones included, without waiting for an event. Polling
 * rather than listening for sign-outs covers every way a session ends, expiry too, on every instance.
 * Rounds never overlap; a failed round (database unavailable) is retried at the next one.
 */
export class SessionWatch {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly clients: SubscriptionClients,
    private readonly people: PeopleDirectory,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async check(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const signedIn = this.clients.signedIn();
      if (!signedIn.length) return;
      const standing = await this.people.activeSessions(signedIn.map((client) => client.actor?.sessionId ?? ''));
      for (const client of signedIn) {
        if (client.actor && !standing.has(client.actor.sessionId)) {
          client.socket.close(SubscriptionCloseCode.SESSION_ENDED, 'session ended: signed out, revoked, expired or account disabled');
        }
      }
    } catch (error) {
      this.logger.warn(`could not check the sessions of subscription sockets: ${String(error)}`);
    } finally {
      this.running = false;
    }
  }
}
