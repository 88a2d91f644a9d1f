import { Injectable } from '@nestjs/common';
import { type PublishedKey, RecordService, publishedKey, toSignedHead } from '@intersessional/record-store';
import { type SignedTreeHead, toHex } from '@intersessional/record';
import type { CommentEntity } from '../comment/comment.entity';
import { CommentRepository } from '../comment/comment.repository';
import type { CommentPeriodEntity } from '../period/comment-period.entity';
import { type LatestEntries, REASON_KINDS, RESPONSE_KINDS, type RecordAudience, openingsOf } from './record-openings';

export const ARCHIVE_FORMAT = 'intersessional/record-archive/v1';

/** Heads read per round trip; a period rarely has more than a few hundred. */
const HEAD_BATCH = 1000;

/**
 * A period's whole record as one JSON document (format in libs/record/README.md): the keys, every
 * signed head, and every entry with its salt and leaf hash, plus the openings of the sealed parts the
 * audience may read. It ends at the newest head (signed first if the record has grown past it), so
 * everything in it is under a signed head. Written piece by piece: memory stays flat however long the
 * record.
 */
@Injectable()
export class RecordArchive {
  constructor(
    private readonly record: RecordService,
    private readonly comments: CommentRepository,
  ) {}

  async *json(period: CommentPeriodEntity, audience: RecordAudience, now: Date): AsyncGenerator<string> {
    const head = await this.record.currentHead(period.id);
    const size = head?.treeSize ?? 0;
    const keys: PublishedKey[] = (await this.record.keys()).map(publishedKey);
    const header = {
      format: ARCHIVE_FORMAT,
      log: period.id,
      audience,
      generatedAt: now.toISOString(),
      period: {
        id: period.id,
        title: period.title,
        kind: period.kind,
        workstream: period.workstreamId,
        document: period.documentId,
        version: period.versionId,
        opensAt: period.opensAt.toISOString(),
        closesAt: period.closesAt.toISOString(),
        synthesisPublishedAt: period.synthesisPublishedAt?.toISOString() ?? null,
      },
      treeSize: size,
      keys,
    };
    yield `${JSON.stringify(header).slice(0, -1)},\n"heads":[`;
    let first = true;
    for await (const heads of this.heads(period.id, size)) {
      for (const h of heads) {
        yield `${first ? '\n' : ',\n'}${JSON.stringify(h)}`;
        first = false;
      }
    }
    yield '\n],\n"entries":[';
    const latest = await this.latest(period.id);
    first = true;
    for await (const rows of this.record.entries(period.id)) {
      const within = rows.filter((r) => r.index < size);
      const subjects = [...new Set(within.map((r) => r.subject).filter((s): s is string => s !== null))];
      const about = new Map<string, CommentEntity>((subjects.length ? await this.comments.findByIds(subjects) : []).map((c) => [c.id, c]));
      for (const row of within) {
        const comment = row.subject ? about.get(row.subject) : undefined;
        const openings = comment ? openingsOf(row, comment, audience, latest) : {};
        const item = { index: row.index, entry: row.entry, salt: toHex(row.salt), leafHash: toHex(row.leafHash), ...(Object.keys(openings).length ? { openings } : {}) };
        yield `${first ? '\n' : ',\n'}${JSON.stringify(item)}`;
        first = false;
      }
      if (within.length < rows.length) break;
    }
    yield '\n]}\n';
  }

  private async *heads(periodId: string, size: number): AsyncGenerator<SignedTreeHead[]> {
    for (let after = 0; ; ) {
      const rows = (await this.record.headPage(periodId, { after, limit: HEAD_BATCH })).filter((h) => h.treeSize <= size);
      if (rows.length === 0) return;
      yield rows.map(toSignedHead);
      after = rows[rows.length - 1].treeSize;
      if (rows.length < HEAD_BATCH) return;
    }
  }

  private async latest(periodId: string): Promise<LatestEntries> {
    const latest: LatestEntries = { response: new Map(), reason: new Map() };
    for (const { subject, kind, index } of await this.record.latestOfKinds(periodId, [...RESPONSE_KINDS, ...REASON_KINDS])) {
      const map = (RESPONSE_KINDS as readonly string[]).includes(kind) ? latest.response : latest.reason;
      map.set(subject, Math.max(index, map.get(subject) ?? -1));
    }
    return latest;
  }
}
