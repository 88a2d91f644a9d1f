/** At most this many facts per entry, and this many characters per value: a row stays readable. */
const MAX_FACTS = 8;
const MAX_VALUE = 80;

const show = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') : null;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

const clip = (text: string) => (text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text);

/**
 * An audit entry's summary (what the action recorded: before/after values, reasons, ids) as short
 * "key: value" facts; nested objects one level deep as "after.status: ACTIVE"; empty values left out.
 */
export function summaryFacts(summary: unknown): string[] {
  if (!summary || typeof summary !== 'object') return [];
  const facts: string[] = [];
  for (const [key, value] of Object.entries(summary as Record<string, unknown>)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>)) {
        const text = show(innerValue);
        if (text !== null) facts.push(`${key}.${inner}: ${clip(text)}`);
      }
    } else {
      const text = show(value);
      if (text !== null) facts.push(`${key}: ${clip(text)}`);
    }
  }
  return facts.length > MAX_FACTS ? [...facts.slice(0, MAX_FACTS), '…'] : facts;
}
