const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
/** Fields every line has, shown in their own places rather than as key=value. */
const SHOWN = new Set(['level', 'time', 'msg', 'service', 'context', 'pid', 'hostname']);

/**
 * A pino destination for terminals: each JSON entry becomes one line, `12:00:01.234 INFO  [Context]
 * message key=value …`, newlines in messages folded so a line is an entry. Synchronous like pino's own
 * default destination, so log lines and the start banner keep their order.
 */
export class PrettyLines {
  constructor(private readonly out: NodeJS.WritableStream) {}

  write(line: string): void {
    this.out.write(`${format(line)}\n`);
  }
}

export function format(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.trimEnd();
  }
  const time = typeof entry['time'] === 'string' ? entry['time'].slice(11, 23) : '';
  const level = LEVELS[Number(entry['level'])] ?? String(entry['level']);
  const context = typeof entry['context'] === 'string' ? ` [${entry['context']}]` : '';
  const extra = Object.entries(entry)
    .filter(([key, value]) => !SHOWN.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return fold([time, level + context, String(entry['msg'] ?? ''), ...extra].filter((part) => part !== '').join(' '));
}

const fold = (text: string) => text.replace(/\s*\n\s*/g, ' ⏎ ');
