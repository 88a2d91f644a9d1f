import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** What a guest holds for a comment: a number to quote and a private link (only its hash is kept). */
@Entity({ name: 'guest_comment_receipts' })
export class GuestReceiptEntity {
  @PrimaryColumn({ name: 'comment_id', type: 'uuid' })
  commentId!: string;

  @Column({ name: 'tracking_number', type: 'text' })
  trackingNumber!: string;

  /** SHA-256 of the secret in the private link. */
  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash!: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
