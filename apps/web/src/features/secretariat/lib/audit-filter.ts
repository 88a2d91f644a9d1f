/** The audit log's filter as the page's address keeps it (so a filtered view can be linked and shared). */
export interface AuditFilterParams {
  workstream: string;
  actor: string;
  action: string;
  /** Local calendar dates, YYYY-MM-DD. */
  since: string;
  until: string;
}

export const ACTION_DOMAINS = ['workstream', 'membership', 'document', 'dc_filing', 'period', 'comment', 'user', 'session'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTION = /^[a-z_]+(\.[a-z_]+)?$/;

export function readFilter(params: URLSearchParams): AuditFilterParams {
  const take = (key: string, valid: RegExp) => {
    const value = params.get(key) ?? '';
    return valid.test(value) ? value : '';
  };
  return { workstream: take('workstream', UUID), actor: take('actor', UUID), action: take('action', ACTION), since: take('since', DATE), until: take('until', DATE) };
}

export function writeFilter(filter: AuditFilterParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  return params;
}

/** Start of a local calendar day as an instant; `next` gives the start of the day after (for "until", inclusive). */
function dayStart(date: string, next = false): string | undefined {
  if (!date) return undefined;
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d + (next ? 1 : 0)).toISOString();
}

/** The API's AuditLogFilter: dates read in the reader's time zone, "until" including that whole day. */
export function toApiFilter(filter: AuditFilterParams) {
  return {
    workstreamId: filter.workstream || undefined,
    actorId: filter.actor || undefined,
    action: filter.action || undefined,
    since: dayStart(filter.since),
    until: dayStart(filter.until, true),
  };
}

/** Problems with a filter before it is sent, by field. */
export function filterProblems(filter: AuditFilterParams): Partial<Record<'until', 'beforeSince'>> {
  return filter.since && filter.until && filter.until < filter.since ? { until: 'beforeSince' } : {};
}
