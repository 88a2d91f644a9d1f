import { type CommentEntity, CommentState } from './comment.entity';

/**
 * The one disclosure policy for what commenters tell about themselves.
 *
 * - Listed per person (in GraphQL, exports, the comment–response table and the by-commenter view), for
 *   a published comment the commenter agreed to publish (hidden and withdrawn ones stay listed, marked,
 *   without their text): name, organisation as given for the comment, stakeholder group; country and
 *   UN region only when the commenter chose `showCountry`.
 * - Only in aggregates, with small-cell suppression: gender, always; and every attribute of people who
 *   did not make it public (unpublished or unconsented comments, undisclosed country).
 * - An aggregate cell is suppressed on the people whose attribute in it is not public, so a cell is
 *   never hidden for people the public list already shows, and never recoverable for the others.
 */

/** A comment whose byline the public sees (SQL twin: LISTED_SQL). */
export const isListed = (c: Pick<CommentEntity, 'state' | 'consentToPublish'>): boolean => c.state === CommentState.PUBLISHED && c.consentToPublish;
export const LISTED_SQL = `(c.state = 'PUBLISHED' AND c.consent_to_publish)`;

/** Per synthesis dimension: the rows where the public already sees the attribute person by person. */
export const DISCLOSED_SQL = {
  stakeholder_group: LISTED_SQL,
  region: `(${LISTED_SQL} AND c.country_public)`,
  gender: 'false',
} as const;

/** Country and region as the public may see them on one comment. */
export const publicPlace = (c: Pick<CommentEntity, 'country' | 'region' | 'countryPublic'>): { country: string | null; region: string | null } =>
  c.countryPublic ? { country: c.country, region: c.region } : { country: null, region: null };
