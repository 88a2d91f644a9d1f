import { AppError } from '@intersessional/graphql';

/** Workstreams' additions to the error catalogue. */
export const WorkstreamErrorCode = {
  /** The change would leave the workstream without an active facilitator. */
  LAST_FACILITATOR: 'LAST_FACILITATOR',
  /** The workstream is concluded or declined and takes no new members. */
  WORKSTREAM_NOT_OPEN: 'WORKSTREAM_NOT_OPEN',
} as const;

export const lastFacilitator = () =>
  new AppError(
    WorkstreamErrorCode.LAST_FACILITATOR,
    'A workstream must keep at least one facilitator: appoint another facilitator first.',
  );

export const workstreamNotOpen = (status: string) =>
  new AppError(WorkstreamErrorCode.WORKSTREAM_NOT_OPEN, `This workstream is ${status.toLowerCase()} and takes no new members.`, {
    status,
  });
