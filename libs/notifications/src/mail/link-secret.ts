/**
 * Private links (a guest's link to their comment) carry their secret in the URL fragment, so it never
 * reaches a server log. Once the message is delivered the secret is not kept anywhere else either:
 * not in the log transport's output, not in the sent row of the outbox.
 */
const LINK_SECRET = /(\S)#[A-Za-z0-9_-]{16,}/g;

/** The same pattern for PostgreSQL's regexp_replace. */
export const LINK_SECRET_SQL = '(\\S)#[A-Za-z0-9_-]{16,}';

export const REMOVED = '#[secret removed]';

export const withoutLinkSecrets = (text: string): string => text.replace(LINK_SECRET, `$1${REMOVED}`);
