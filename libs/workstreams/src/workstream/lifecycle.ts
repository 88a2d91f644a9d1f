import { registerEnumType } from '@nestjs/graphql';
import { invalidTransition } from '@intersessional/graphql';
import { WorkstreamKind, WorkstreamStatus } from './workstream-kind';

export enum LifecycleAction {
  /** BPF/PN: end the cycle without renewal. */
  CONCLUDE = 'CONCLUDE',
  /** BPF/PN: close the current cycle and start the next one (also revives a concluded one). */
  RENEW = 'RENEW',
  /** DC: the Secretariat recognises a proposed coalition. */
  RECOGNISE = 'RECOGNISE',
  /** DC: the Secretariat does not recognise a proposal. */
  DECLINE = 'DECLINE',
  /** DC: listed as inactive (non-compliance or on request). */
  DEACTIVATE = 'DEACTIVATE',
  /** DC: back to active. */
  REACTIVATE = 'REACTIVATE',
}

registerEnumType(LifecycleAction, { name: 'LifecycleAction' });

const { PROPOSED, ACTIVE, INACTIVE, DECLINED, CONCLUDED } = WorkstreamStatus;

type Transitions = Partial<Record<LifecycleAction, Partial<Record<WorkstreamStatus, WorkstreamStatus>>>>;

/** The whole lifecycle, per kind: action → (from → to). Anything not listed is refused. */
const TRANSITIONS: Record<WorkstreamKind, Transitions> = {
  [WorkstreamKind.BPF]: {
    [LifecycleAction.CONCLUDE]: { [ACTIVE]: CONCLUDED },
    [LifecycleAction.RENEW]: { [ACTIVE]: ACTIVE, [CONCLUDED]: ACTIVE },
  },
  [WorkstreamKind.PN]: {
    [LifecycleAction.CONCLUDE]: { [ACTIVE]: CONCLUDED },
    [LifecycleAction.RENEW]: { [ACTIVE]: ACTIVE, [CONCLUDED]: ACTIVE },
  },
  [WorkstreamKind.DC]: {
    [LifecycleAction.RECOGNISE]: { [PROPOSED]: ACTIVE },
    [LifecycleAction.DECLINE]: { [PROPOSED]: DECLINED },
    [LifecycleAction.DEACTIVATE]: { [ACTIVE]: INACTIVE },
    [LifecycleAction.REACTIVATE]: { [INACTIVE]: ACTIVE },
  },
};

/** The status after `action`, or INVALID_TRANSITION naming what was refused. */
export function nextStatus(kind: WorkstreamKind, from: WorkstreamStatus, action: LifecycleAction): WorkstreamStatus {
  const to = TRANSITIONS[kind][action]?.[from];
  if (!to) {
    throw invalidTransition(
      `A ${kind} that is ${from.toLowerCase()} cannot be ${pastTense(action)}.`,
      from,
      action,
    );
  }
  return to;
}

export function allowedActions(kind: WorkstreamKind, from: WorkstreamStatus): LifecycleAction[] {
  return (Object.entries(TRANSITIONS[kind]) as [LifecycleAction, Partial<Record<WorkstreamStatus, WorkstreamStatus>>][])
    .filter(([, moves]) => moves[from] !== undefined)
    .map(([action]) => action);
}

function pastTense(action: LifecycleAction): string {
  const words: Record<LifecycleAction, string> = {
    CONCLUDE: 'concluded',
    RENEW: 'renewed',
    RECOGNISE: 'recognised',
    DECLINE: 'declined',
    DEACTIVATE: 'deactivated',
    REACTIVATE: 'reactivated',
  };
  return words[action];
}
