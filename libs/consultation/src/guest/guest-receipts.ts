import { Injectable } from '@nestjs/common';
import type { CommentEntity } from '../comment/comment.entity';
import { ConsultationNotifier } from '../consultation.notifier';
import type { CommentPeriodEntity } from '../period/comment-period.entity';
import { GuestReceiptRepository } from './guest-receipt.repository';
import { hashGuestToken, newGuestToken, newTrackingNumber } from './tracking-number';

/** Draws before giving up; with 2^30 numbers a second draw is already rare. */
const DRAWS = 8;

/**
 * The web-app page of a guest's comment. The secret travels in the fragment, which browsers never
 * send to a server: it stays out of HTTP access logs (ours and any proxy's) and Referer headers.
 */
export const guestCommentLink = (token: string): string => `/comments/guest#${token}`;

/** Receipts for guests' comments: a tracking number, and a private link sent by e-mail only. */
@Injectable()
export class GuestReceipts {
  constructor(
    private readonly receipts: GuestReceiptRepository,
    private readonly notifier: ConsultationNotifier,
  ) {}

  /** In the comment's transaction: stores the receipt, queues the e-mail, returns the tracking number. */
  async issue(period: CommentPeriodEntity, comment: CommentEntity): Promise<string> {
    const token = newGuestToken();
    const tokenHash = hashGuestToken(token);
    for (let draw = 0; draw < DRAWS; draw += 1) {
      const trackingNumber = newTrackingNumber();
      if (await this.receipts.insert({ commentId: comment.id, trackingNumber, tokenHash })) {
        await this.notifier.guestReceipt(period, comment, trackingNumber, guestCommentLink(token));
        return trackingNumber;
      }
    }
    throw new Error(`no free tracking number after ${DRAWS} draws`);
  }

  async trackingNumber(commentId: string): Promise<string | null> {
    return (await this.receipts.findByComment(commentId))?.trackingNumber ?? null;
  }
}
