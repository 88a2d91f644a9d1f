import { registerEnumType } from '@nestjs/graphql';

export enum WorkstreamKind {
  /** Best Practice Forum: MAG-approved theme, one annual cycle, may be renewed. */
  BPF = 'BPF',
  /** Policy Network: MAG-created on a digital-cooperation topic, one annual cycle, usually renewed. */
  PN = 'PN',
  /** Dynamic Coalition: self-formed, recognised by the Secretariat, open-ended. */
  DC = 'DC',
}

export enum WorkstreamStatus {
  /** DC proposed, awaiting recognition by the Secretariat. */
  PROPOSED = 'PROPOSED',
  ACTIVE = 'ACTIVE',
  /** DC that does not meet the minimum requirements, or asked to pause. */
  INACTIVE = 'INACTIVE',
  /** DC proposal the Secretariat did not recognise. */
  DECLINED = 'DECLINED',
  /** BPF or PN whose last cycle ended without renewal. */
  CONCLUDED = 'CONCLUDED',
}

export enum JoinPolicy {
  /** Anyone joins at once (required of Dynamic Coalitions). */
  OPEN = 'OPEN',
  /** A facilitator approves each request. */
  APPROVAL = 'APPROVAL',
}

export enum CycleOutcome {
  RENEWED = 'RENEWED',
  CONCLUDED = 'CONCLUDED',
}

registerEnumType(WorkstreamKind, { name: 'WorkstreamKind' });
registerEnumType(WorkstreamStatus, { name: 'WorkstreamStatus' });
registerEnumType(JoinPolicy, { name: 'JoinPolicy' });
registerEnumType(CycleOutcome, { name: 'CycleOutcome' });

export const hasCycles = (kind: WorkstreamKind) => kind !== WorkstreamKind.DC;
