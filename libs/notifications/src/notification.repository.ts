import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Database, type PageRequest, fetchPage } from '@intersessional/database';
import { NotificationEntity } from './notification.entity';
import { type NotificationKind } from './notification-kind';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  data: Record<string, string>;
}

interface Raw {
  id: string;
  user_id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  data: Record<string, string>;
  read_at: Date | null;
  created_at: Date;
}

const COLUMNS = 'id, user_id, kind, title, body, link, data, read_at, created_at';

const fromRaw = (r: Raw): NotificationEntity =>
  Object.assign(new NotificationEntity(), {
    id: r.id,
    userId: r.user_id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    data: r.data,
    readAt: r.read_at && new Date(r.read_at),
    createdAt: new Date(r.created_at),
  });

@Injectable()
export class NotificationRepository {
  constructor(private readonly db: Database) {}

  /** Any number of notifications in one statement (one parameter per column, as arrays). */
  async insertMany(rows: readonly NewNotification[]): Promise<NotificationEntity[]> {
    if (!rows.length) return [];
    const ids = rows.map(() => randomUUID());
    const inserted: Raw[] = await this.db.manager.query(
      `INSERT INTO notifications (id, user_id, kind, title, body, link, data)
       SELECT id, user_id, kind, title, body, link, data::jsonb
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           AS n(id, user_id, kind, title, body, link, data)
       RETURNING ${COLUMNS}`,
      [
        ids,
        rows.map((r) => r.userId),
        rows.map((r) => r.kind),
        rows.map((r) => r.title),
        rows.map((r) => r.body),
        rows.map((r) => r.link),
        rows.map((r) => JSON.stringify(r.data)),
      ],
    );
    const byId = new Map(inserted.map((r) => [r.id, fromRaw(r)]));
    return ids.map((id) => byId.get(id) as NotificationEntity);
  }

  private filtered(userId: string, unreadOnly: boolean) {
    const qb = this.db.manager.createQueryBuilder(NotificationEntity, 'n').where('n.user_id = :userId', { userId });
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    return qb;
  }

  page(userId: string, unreadOnly: boolean, page: PageRequest): Promise<NotificationEntity[]> {
    return fetchPage(this.filtered(userId, unreadOnly), page, { columns: ['n.created_at', 'n.id'], direction: 'DESC' });
  }

  count(userId: string, unreadOnly: boolean): Promise<number> {
    return this.filtered(userId, unreadOnly).getCount();
  }

  /** Marks the user's own unread notifications among `ids` read; returns how many changed. */
  async markRead(userId: string, ids: readonly string[] | 'all'): Promise<number> {
    const qb = this.db.manager
      .createQueryBuilder()
      .update(NotificationEntity)
      .set({ readAt: () => 'now()' })
      .where('user_id = :userId AND read_at IS NULL', { userId });
    if (ids !== 'all') qb.andWhere('id = ANY(CAST(:ids AS uuid[]))', { ids: [...ids] });
    const result = await qb.execute();
    return result.affected ?? 0;
  }
}
