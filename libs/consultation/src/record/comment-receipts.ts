import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { Loaders } from '@intersessional/graphql';
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
   * Per request: the receipts of the comments a page asks for, read together (`ofMany`). Keyed by the
   * entity, which the request's comment loader hands out once per id.
   */
  loader(loaders: Loaders): DataLoader<CommentEntity, CommentReceipt | null> {
    return loaders.get('consultation.recordReceipt', () => new DataLoader((comments: readonly CommentEntity[]) => this.ofMany(comments)));
  }

  /**
   * For each comment, the receipt of the entry that holds its current text (its submission, or its
   * latest edit), opened for its author: the text, and the byline on the submission entry; null for a
   * comment made before the record existed. One read of entries and one of heads for all of them.
   * Outside transactions (it may sign a head).
   */
  async ofMany(comments: readonly CommentEntity[]): Promise<(CommentReceipt | null)[]> {
    const entries = await this.record.entriesAboutMany(comments.map((c) => ({ logId: c.periodId, subject: c.id })));
    const currents = comments.map((comment) =>
      entries.filter((e) => e.logId === comment.periodId && e.subject === comment.id && TEXT_KINDS.has(e.kind) && parseEntry(e.entry)?.revision === comment.revision).at(-1) ?? null,
    );
    const wanted = comments.flatMap((comment, i) => {
      const entry = currents[i];
      return entry ? [{ comment, entry }] : [];
    });
    const issued = await this.record.receipts(wanted.map(({ comment, entry }) => ({ logId: comment.periodId, entry })));
    const byComment = new Map(wanted.map(({ comment, entry }, i) => [comment.id, { ...issued[i], openings: openingsOf(comment, entry.sealedSalts) }]));
    return comments.map((comment) => byComment.get(comment.id) ?? null);
  }
}

function openingsOf(comment: CommentEntity, sealedSalts: Record<string, string>): Record<string, OpenedPart> {
  const openings: Record<string, OpenedPart> = {};
  if (sealedSalts.text) openings.text = { salt: sealedSalts.text, value: textOf(comment) };
  if (sealedSalts.byline) openings.byline = { salt: sealedSalts.byline, value: bylineOf(comment) };
  return openings;
}
