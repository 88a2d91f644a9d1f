import { graphql, type ResultOf, type VariablesOf } from '../../graphql/graphql';

/** The document to open to comment: its frozen versions to choose from. */
export const PERIOD_DOCUMENT = graphql(`
  query OpenPeriodDocument($id: ID!) {
    document(id: $id) {
      id
      title
      language
      workstreamId
      versions {
        id
        number
        label
        createdAt
      }
    }
  }
`);

export const PERIOD_ROLE = graphql(`
  query OpenPeriodRole($id: ID!) {
    workstream(id: $id) {
      id
      name
      myMembership {
        id
        role
        status
      }
    }
  }
`);

export const CREATE_PERIOD = graphql(`
  mutation OpenCommentPeriod($input: CreateCommentPeriodInput!) {
    createCommentPeriod(input: $input) {
      id
      status
    }
  }
`);

export type CreatePeriodInput = VariablesOf<typeof CREATE_PERIOD>['input'];

/** A period's settings, for editing it before it opens. */
export const EDIT_PERIOD = graphql(`
  query EditPeriod($id: ID!) {
    commentPeriod(id: $id) {
      id title instructions guidingQuestions timeZone opensAt closesAt participation moderation status viewerCanFacilitate
    }
  }
`);

export const UPDATE_PERIOD = graphql(`
  mutation UpdateCommentPeriod($input: UpdateCommentPeriodInput!) {
    updateCommentPeriod(input: $input) { id title instructions guidingQuestions timeZone opensAt closesAt participation moderation status }
  }
`);

export type UpdatePeriodInput = VariablesOf<typeof UPDATE_PERIOD>['input'];

/** A period as its facilitators run it: status, times, and the synthesis so far. */
export const MANAGE_PERIOD = graphql(`
  query ManagePeriod($id: ID!) {
    commentPeriod(id: $id) {
      id
      title
      status
      timeZone
      opensAt
      closesAt
      viewerCanFacilitate
      synthesisPublishedAt
      synthesis {
        totalComments
        totalCommenters
        byDisposition { disposition count }
        byStakeholderGroup { category commenters comments display suppressed }
        byRegion { category commenters comments display suppressed }
        byGender { category commenters comments display suppressed }
        byParagraph { paragraph comments unanswered accepted notAccepted suggestions }
        clusters { size identical excerpt }
      }
    }
  }
`);

export const SCHEDULE_PERIOD = graphql(`
  mutation SchedulePeriod($id: ID!) {
    scheduleCommentPeriod(id: $id) { id status }
  }
`);

export const EXTEND_PERIOD = graphql(`
  mutation ExtendPeriod($id: ID!, $closesAt: DateTime!, $reason: String) {
    extendCommentPeriod(id: $id, closesAt: $closesAt, reason: $reason) { id status closesAt }
  }
`);

export const CLOSE_EARLY = graphql(`
  mutation ClosePeriodEarly($id: ID!, $reason: String) {
    closeCommentPeriodEarly(id: $id, reason: $reason) { id status closesAt }
  }
`);

export const PUBLISH_SYNTHESIS = graphql(`
  mutation PublishSynthesis($id: ID!, $reason: String) {
    publishSynthesis(id: $id, reason: $reason) { id status synthesisPublishedAt }
  }
`);

export type ManagedPeriod = ResultOf<typeof MANAGE_PERIOD>['commentPeriod'];
