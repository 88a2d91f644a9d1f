import { useState } from 'react';
import type { CombinedError } from 'urql';
import { errorCode } from '../../../graphql/errors';
import type { MessageId, useT } from '../../../i18n/t';

/** What each refusal the desk can meet says, by the API's stable error code. */
const PROBLEMS: Record<string, MessageId> = {
  LAST_SECRETARIAT: 'secretariat.problem.lastSecretariat',
  INVALID_TRANSITION: 'secretariat.problem.invalidTransition',
  FORBIDDEN: 'secretariat.problem.forbidden',
  UNAUTHENTICATED: 'secretariat.problem.forbidden',
  BAD_USER_INPUT: 'secretariat.problem.badInput',
  NETWORK: 'secretariat.problem.network',
};

/** Reports an action's result: true when done, false (with the reason shown) when refused. */
export type Done = (result: { error?: CombinedError }, message: string) => boolean;

/**
 * The outcome of the desk's actions: a polite status when one is done, an alert naming why when the
 * API refused it. `done` returns whether it succeeded.
 */
export function useOutcome(t: ReturnType<typeof useT>) {
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const done: Done = (result, message) => {
    if (result.error) {
      const code = errorCode(result.error) ?? 'NETWORK';
      const api = result.error.graphQLErrors[0]?.message;
      setProblem(PROBLEMS[code] ? t(PROBLEMS[code], { detail: api ?? '' }) : t('secretariat.problem.other', { code }));
      return false;
    }
    setProblem(null);
    setNotice(message);
    return true;
  };
  return { notice, problem, done };
}
