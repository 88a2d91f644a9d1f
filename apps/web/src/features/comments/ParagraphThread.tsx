/**
 * The comments on one paragraph (or, with blockId null, on the whole document) of a comment period:
 * paginated, replies on demand, new comments arriving live, virtualised for long threads.
 * Contract between the comment page (features/consultation, which mounts it lazily) and this feature.
 */
export interface ParagraphThreadProps {
  periodId: string;
  /** The paragraph's block id; null for comments on the whole document. */
  blockId: string | null;
  /** The paragraph's number as shown on the page (for headings and announcements); null for the whole document. */
  paragraphNumber: number | null;
}

export function ParagraphThread(_props: ParagraphThreadProps) {
  return null;
}
