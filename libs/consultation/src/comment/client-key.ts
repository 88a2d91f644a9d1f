import { conflict } from '@intersessional/graphql';
import type { CommentEntity } from './comment.entity';

/** What a repeat must match to count as the same submission (a double-click or a retry). */
export interface SubmissionShape {
  parentId: string | null;
  anchorKind: string | null;
  body: string;
  bodyFormat: string;
  language: string;
  speakingFor: string;
  suggestion: string | null;
}

/**
 * The first comment made with this client key, when the repeat asks for the same thing; a key reused
 * for different content is a client bug, refused with CONFLICT rather than silently answered with
 * another comment.
 */
export function firstSubmission(first: CommentEntity, repeat: SubmissionShape): CommentEntity {
  const same =
    first.parentId === repeat.parentId &&
    first.anchorKind === repeat.anchorKind &&
    first.body === repeat.body &&
    first.bodyFormat === repeat.bodyFormat &&
    first.language === repeat.language &&
    first.speakingFor === repeat.speakingFor &&
    (first.suggestion ?? null) === (repeat.suggestion ?? null);
  if (!same) {
    throw conflict('This client key was already used for a different comment; make a new key for each new comment.', { field: 'clientKey', commentId: first.id });
  }
  return first;
}
