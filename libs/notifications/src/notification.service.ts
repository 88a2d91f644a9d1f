import { Inject, Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { type Actor } from '@intersessional/access';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';
import { Database, type PageRequest } from '@intersessional/database';
import { Loaders } from '@intersessional/graphql';
import { AccountStatus, PeopleDirectory, UserLoader } from '@intersessional/identity';
import { MailOutbox } from './mail/mail-outbox';
import { MailOutboxRepository, type NewMail } from './mail/mail-outbox.repository';
import { NotificationFeed } from './notification-feed';
import { type NotificationKind } from './notification-kind';
import { notificationMailText } from './notification-mail';
import { type NotificationEvent } from './notification.mapper';
import { NotificationRepository } from './notification.repository';

/** One notification for one person. */
export interface Notice {
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** A path in the web app (made absolute with WEB_URL in e-mail) or an absolute URL. */
  link?: string;
  /** Ids of what it is about, e.g. `{ periodId, commentId }`. */
  data?: Record<string, string>;
  /** Also e-mail it to the account's address (the title is the subject). */
  email?: boolean;
}

/** Someone to e-mail who may have no account (a guest commenter). */
export interface MailRecipient {
  address: string;
  name?: string;
}

@Injectable()
export class NotificationService {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationRepository,
    private readonly mail: MailOutboxRepository,
    private readonly outbox: MailOutbox,
    private readonly feed: NotificationFeed,
    private readonly users: UserLoader,
    private readonly people: PeopleDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Notifies people (existing accounts: an unknown user id fails the transaction) in the app and, for
   * notices with `email`, by e-mail to their account's address (not to disabled accounts). Joins the caller's transaction, or opens one: the notifications and
   * their mail commit with the change that caused them, or not at all. `notificationAdded`
   * subscribers hear of them only after the commit. One INSERT for all notices (and one for all mail).
   * Returns the new notifications' ids in the order of `notices`.
   */
  async notify(notices: readonly Notice[]): Promise<string[]> {
    if (!notices.length) return [];
    return this.db.transaction(async () => {
      const rows = await this.notifications.insertMany(
        notices.map((n) => ({ userId: n.userId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null, data: n.data ?? {} })),
      );
      const mails = await this.mailFor(notices.filter((n) => n.email));
      if (mails.length) {
        await this.mail.enqueue(mails);
        this.db.afterCommit(() => this.outbox.wake());
      }
      this.db.afterCommit(() => this.feed.publish(rows));
      return rows.map((row) => row.id);
    });
  }

  /**
   * Queues an e-mail to anyone, account or not (guests), in the caller's transaction if there is one.
   * The outbox sends it after the commit, retrying failures. Returns the outbox id. A `link` (a
   * web-app path, made absolute with WEB_URL) is added under the text, as in notification e-mail.
   */
  async email(to: MailRecipient, subject: string, text: string, link?: string): Promise<string> {
    if (!isEmail(to.address)) throw new RangeError(`not an e-mail address: ${to.address}`);
    const textBody = link ? notificationMailText({ body: text, link }, this.config.WEB_URL) : text;
    const ids = await this.mail.enqueue([{ toAddress: to.address, toName: to.name ?? null, subject, textBody, htmlBody: null }]);
    this.db.afterCommit(() => this.outbox.wake());
    return ids[0] ?? '';
  }

  private async mailFor(notices: readonly Notice[]): Promise<NewMail[]> {
    if (!notices.length) return [];
    const users = await this.users.byId(new Loaders()).loadMany(notices.map((n) => n.userId));
    return notices.flatMap((notice, i) => {
      const user = users[i];
      if (!user || user instanceof Error || user.status !== AccountStatus.ACTIVE) return [];
      return [
        {
          toAddress: user.email,
          toName: user.displayName,
          subject: notice.title,
          textBody: notificationMailText(notice, this.config.WEB_URL),
          htmlBody: null,
        },
      ];
    });
  }

  async list(actor: Actor, unreadOnly: boolean, page: PageRequest) {
    const [rows, total] = await Promise.all([
      this.notifications.page(actor.userId, unreadOnly, page),
      this.notifications.count(actor.userId, unreadOnly),
    ]);
    return { rows, total };
  }

  unreadCount(actor: Actor): Promise<number> {
    return this.notifications.count(actor.userId, true);
  }

  /** Marks the actor's own notifications among `ids` read; others' ids are ignored. Returns how many changed. */
  markRead(actor: Actor, ids: readonly string[]): Promise<number> {
    return ids.length ? this.notifications.markRead(actor.userId, ids) : Promise.resolve(0);
  }

  markAllRead(actor: Actor): Promise<number> {
    return this.notifications.markRead(actor.userId, 'all');
  }

  /**
   * The actor's new notifications from now on. Each is delivered only while the session that opened
   * the subscription stands: signing out, a password change or a disabled account ends the stream.
   */
  added(actor: Actor): AsyncIterableIterator<NotificationEvent> {
    const stream = this.feed.subscribe(actor.userId);
    const ended = async (): Promise<IteratorResult<NotificationEvent>> => {
      await stream.return?.();
      return { done: true, value: undefined };
    };
    // a plain iterator rather than a generator: unsubscribing must release the topic at once, not
    // wait for the next event to arrive
    const iterator: AsyncIterableIterator<NotificationEvent> = {
      next: async () => {
        const result = await stream.next();
        if (result.done) return result;
        return (await this.people.sessionActive(actor.sessionId)) ? result : ended();
      },
      return: ended,
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

}
