import { Injectable } from '@nestjs/common';
import { Gender, StakeholderGroup, UnRegion } from '@intersessional/identity';
import { suppress } from '@intersessional/workstreams';
import { type DimensionRow, SynthesisRepository } from './synthesis.repository';
import type { SynthesisCellModel, SynthesisModel } from './synthesis.model';
import { clusterTexts } from './near-duplicates';

const NOT_STATED = 'NOT_STATED';
const EXCERPT = 200;

/** Aggregates only: people are counted, never listed, and small cells are suppressed. */
@Injectable()
export class SynthesisService {
  constructor(private readonly rows: SynthesisRepository) {}

  /** `forPublic`: clusters list only public comments and quote only those (sizes still count every submission). */
  async of(periodId: string, forPublic: boolean): Promise<SynthesisModel> {
    const [figures, byParagraph, texts] = await Promise.all([this.figures(periodId), this.rows.byParagraph(periodId), this.rows.texts(periodId)]);
    const shown = new Map(texts.filter((t) => !forPublic || t.public).map((t) => [t.id, t.body]));
    return {
      ...figures,
      byParagraph,
      clusters: clusterTexts(texts).map((c) => {
        const visible = c.ids.filter((id) => shown.has(id));
        return { size: c.ids.length, identical: c.identical, commentIds: visible, excerpt: (shown.get(visible[0] ?? '') ?? '').slice(0, EXCERPT) };
      }),
    };
  }

  /** The counts the synthesis publishes (totals and suppressed breakdowns), without the per-paragraph table and the clusters. */
  async figures(periodId: string): Promise<Omit<SynthesisModel, 'byParagraph' | 'clusters'>> {
    const [totals, groups, regions, genders, byDisposition] = await Promise.all([
      this.rows.totals(periodId),
      this.rows.byDimension(periodId, 'stakeholder_group'),
      this.rows.byDimension(periodId, 'region'),
      this.rows.byDimension(periodId, 'gender'),
      this.rows.byDisposition(periodId),
    ]);
    return {
      totalComments: totals.comments,
      totalCommenters: totals.commenters,
      byStakeholderGroup: cells(groups, [...Object.values(StakeholderGroup), NOT_STATED]),
      byRegion: cells(regions, [...Object.values(UnRegion), NOT_STATED]),
      byGender: cells(genders, [...Object.values(Gender), NOT_STATED]),
      byDisposition,
    };
  }
}

/**
 * Suppression is decided on the people whose attribute is NOT public (comment/disclosure.ts): a cell
 * the public list already shows person by person is not hidden, and a cell is hidden when its
 * undisclosed people are few (or could be recovered from the others). A suppressed cell hides its
 * comment count too, and shows only how many people it has in public.
 */
function cells(rows: DimensionRow[], categories: string[]): SynthesisCellModel[] {
  const byCategory = new Map(rows.map((r) => [r.category, r]));
  const undisclosed = new Map(rows.map((r) => [r.category, r.commenters - r.disclosed]));
  return suppress(undisclosed, categories).map((cell) => {
    const row = byCategory.get(cell.category);
    if (!cell.suppressed) return { category: cell.category, commenters: row?.commenters ?? 0, comments: row?.comments ?? 0, suppressed: false, display: String(row?.commenters ?? 0) };
    const disclosed = row?.disclosed ?? 0;
    return { category: cell.category, commenters: null, comments: null, suppressed: true, display: disclosed > 0 ? `at least ${disclosed}` : cell.display };
  });
}
