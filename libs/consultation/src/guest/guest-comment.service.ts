import { Injectable } from '@nestjs/common';
import { Database } from '@intersessional/database';
import { notFound } from '@intersessional/graphql';
import type { CommentEntity } from '../comment/comment.entity';
import { CommentRepository } from '../comment/comment.repository';
import { CommentService } from '../comment/comment.service';
import { GuestReceiptRepository } from './guest-receipt.repository';
import { hashGuestToken } from './tracking-number';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface GuestView {
  comment: CommentEntity;
  trackingNumber: string;
}

/**
 * What a guest does with the private link from their receipt: the token stands in for an account. A
 * wrong token is NOT_FOUND, and the token never appears in an error, the log or the audit log.
 */
@Injectable()
export class GuestCommentService {
  constructor(
    private readonly db: Database,
    private readonly receipts: GuestReceiptRepository,
    private readonly comments: CommentRepository,
    private readonly commentService: CommentService,
  ) {}

  /** The comment in any state (pending, published, rejected, withdrawn), with its answer once given. */
  async read(token: string): Promise<GuestView> {
    const trackingNumber = await this.receiptOf(token);
    const comment = await this.comments.findById(trackingNumber.commentId);
    if (!comment) throw notFound('Comment');
    return { comment, trackingNumber: trackingNumber.trackingNumber };
  }

  /** A new text, under the same rules as an author's edit (see CommentService.revise). */
  update(token: string, body: string, suggestion: string | null | undefined): Promise<GuestView> {
    return this.change(token, (comment) => this.commentService.revise(comment, body, suggestion));
  }

  withdraw(token: string): Promise<GuestView> {
    return this.change(token, (comment) => this.commentService.retract(comment));
  }

  private change(token: string, apply: (comment: CommentEntity) => Promise<CommentEntity>): Promise<GuestView> {
    return this.db.transaction(async () => {
      const receipt = await this.receiptOf(token);
      const comment = await this.commentService.lockForChange(receipt.commentId);
      if (!comment) throw notFound('Comment');
      return { comment: await apply(comment), trackingNumber: receipt.trackingNumber };
    });
  }

  private async receiptOf(token: string) {
    const receipt = TOKEN.test(token) ? await this.receipts.findByTokenHash(hashGuestToken(token)) : null;
    if (!receipt) throw notFound('Comment');
    return receipt;
  }
}
