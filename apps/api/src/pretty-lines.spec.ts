import { format } from './pretty-lines';

describe('readable log lines for a terminal', () => {
  it('puts time, level, context and message first, then the other fields as key=value, on one line', () => {
    const line = JSON.stringify({ level: 40, time: '2026-11-30T12:00:01.234Z', service: 'intersessional-api', context: 'Mail', msg: 'first\nsecond', to: 'a@example.org', attempt: 2 });
    expect(format(line)).toBe('12:00:01.234 WARN  [Mail] first ⏎ second to=a@example.org attempt=2');
  });

  it('keeps an error with its stack on the same line', () => {
    const line = JSON.stringify({ level: 50, time: '2026-11-30T12:00:01.234Z', msg: 'failed', err: { message: 'boom', stack: 'Error: boom\n    at x' } });
    const formatted = format(line);
    expect(formatted.split('\n')).toHaveLength(1);
    expect(formatted).toBe('12:00:01.234 ERROR failed err={"message":"boom","stack":"Error: boom\\n    at x"}');
  });

  it('passes anything that is not JSON through', () => {
    expect(format('plain text\n')).toBe('plain text');
  });
});
