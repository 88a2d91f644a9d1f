import { useCallback, useEffect, useState } from 'react';
import type { Passage } from './passage';
import { newClientKey } from '../../../graphql/client-key';

/** The form as typed: kept in sessionStorage until it is submitted, so an error or a reload loses nothing. */
export interface CommentDraft {
  /** What the comment is on: the whole document, a paragraph chosen by number, or the passage selected on the page. */
  target: '' | 'DOCUMENT' | 'PARAGRAPH' | 'SELECTION';
  /** The chosen paragraph's number, as text (the select's value). */
  paragraph: string;
  /** Narrowed with the keyboard inside the chosen paragraph: UTF-16 offsets, or null for the whole paragraph. */
  narrowStart: number | null;
  narrowEnd: number | null;
  /** The passage selected on the page with a mouse or finger (target SELECTION). */
  passage: Passage | null;
  body: string;
  suggestion: string;
  speakingFor: '' | 'PERSONAL' | 'ORGANISATION';
  organisation: string;
  stakeholderGroup: string;
  consent: '' | 'yes' | 'no';
  language: string;
  name: string;
  email: string;
  /** One key per comment: a double submit or a retry after a dropped connection makes one comment. */
  clientKey: string;
}

export const emptyDraft = (language: string): CommentDraft => ({
  target: '',
  paragraph: '',
  narrowStart: null,
  narrowEnd: null,
  passage: null,
  body: '',
  suggestion: '',
  speakingFor: '',
  organisation: '',
  stakeholderGroup: '',
  consent: '',
  language,
  name: '',
  email: '',
  clientKey: newClientKey(),
});

const keyOf = (periodId: string) => `intersessional.comment-draft.${periodId}`;

function load(periodId: string, language: string): CommentDraft {
  try {
    const raw = sessionStorage.getItem(keyOf(periodId));
    if (raw) return { ...emptyDraft(language), ...(JSON.parse(raw) as Partial<CommentDraft>) };
  } catch {
    // storage refused or a damaged entry: start afresh
  }
  return emptyDraft(language);
}

/** The draft of this period's comment form, saved as it changes; `clear` after a successful submission. */
export function useCommentDraft(periodId: string, language: string) {
  const [draft, setDraft] = useState<CommentDraft>(() => load(periodId, language));
  useEffect(() => {
    try {
      sessionStorage.setItem(keyOf(periodId), JSON.stringify(draft));
    } catch {
      // not kept: the form still works for this page
    }
  }, [periodId, draft]);
  const update = useCallback((change: Partial<CommentDraft>) => setDraft((current) => ({ ...current, ...change })), []);
  const clear = useCallback(() => {
    // keeps who is speaking and in which language: the next comment is likely from the same person
    setDraft((current) => ({ ...emptyDraft(current.language), speakingFor: current.speakingFor, organisation: current.organisation, stakeholderGroup: current.stakeholderGroup, name: current.name, email: current.email }));
  }, []);
  return { draft, update, clear };
}
