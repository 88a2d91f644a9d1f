import { Injectable } from '@nestjs/common';
import { parseEntry } from '@intersessional/record';
import { type IssuedReceipt, RecordService } from '@intersessional/record-store';
import type { CommentEntity } from '../comment/comment.entity';
import { bylineOf, textOf } from './record-entries';
import type { OpenedPart } from './record-openings';

const TEXT_KINDS = new Set(['comment.submitted', 'comment.edited']);

export interface CommentReceipt extends IssuedReceipt {
  openings: Record<string, OpenedPart>;
}

/** Receipts for a comment's author (signed in, or a guest with the private link). */
@Injectable()
export class CommentReceipts {
  constructor(private readonly record: RecordService) {}

  /**
   * The receipt of the entry that holds the comment's current text (its submission, or its latest
   * edit), opened for its author: the text, and the byline on the submission entry. Null for a comment
   * made before the record existed. Outside transactions (it may sign a head).
   */
  async of(comment: CommentEntity): Promise<CommentReceipt | null> {
    const entries = await this.record.entriesAbout(comment.periodId, comment.id);
    const current = entries.filter((e) => TEXT_KINDS.has(e.kind) && parseEntry(e.entry)?.revision === comment.revision).at(-1);
    if (!current) return null;
    const issued = await this.record.receipt(comment.periodId, current.index, current);
    const openings: Record<string, OpenedPart> = {};
    if (current.sealedSalts.text) openings.text = { salt: current.sealedSalts.text, value: textOf(comment) };
    if (current.sealedSalts.byline) openings.byline = { salt: current.sealedSalts.byline, value: bylineOf(comment) };
    return { ...issued, openings };
  }
}
