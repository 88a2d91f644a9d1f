import { Injectable } from '@nestjs/common';
import { Database } from '@intersessional/database';
import { GuestReceiptEntity } from './guest-receipt.entity';

@Injectable()
export class GuestReceiptRepository {
  constructor(private readonly db: Database) {}

  /** False when the tracking number is taken (the caller draws another); never aborts the transaction. */
  async insert(receipt: Pick<GuestReceiptEntity, 'commentId' | 'trackingNumber' | 'tokenHash'>): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(
      `INSERT INTO guest_comment_receipts (comment_id, tracking_number, token_hash) VALUES ($1, $2, $3)
       ON CONFLICT (tracking_number) DO NOTHING RETURNING comment_id`,
      [receipt.commentId, receipt.trackingNumber, receipt.tokenHash],
    );
    return rows.length === 1;
  }

  findByComment(commentId: string): Promise<GuestReceiptEntity | null> {
    return this.db.manager.findOneBy(GuestReceiptEntity, { commentId });
  }

  findByTokenHash(tokenHash: Buffer): Promise<GuestReceiptEntity | null> {
    return this.db.manager.findOneBy(GuestReceiptEntity, { tokenHash });
  }

  /** Tracking numbers of many comments (facilitators' lists). */
  async trackingNumbers(commentIds: readonly string[]): Promise<Map<string, string>> {
    const rows: { comment_id: string; tracking_number: string }[] = await this.db.manager.query(
      `SELECT comment_id, tracking_number FROM guest_comment_receipts WHERE comment_id = ANY($1)`,
      [[...commentIds]],
    );
    return new Map(rows.map((r) => [r.comment_id, r.tracking_number]));
  }
}
