import { AsyncLocalStorage } from 'node:async_hooks';
import { AbstractLogger, type LogLevel, type LogMessage } from 'typeorm';

type Sink = (level: 'warn' | 'error', message: string) => void;

interface Tally {
  count: number;
}

/**
 * TypeORM logger that counts executed statements (tests use it to prove DataLoaders batch nested
 * fields) and forwards warnings and errors to the application log.
 *
 * `queries` counts every statement of the process, background work included (the period scheduler,
 * the mail outbox, collaboration re-checks, compaction), so it depends on what their timers happened
 * to do meanwhile. `within(key, fn)` counts apart the statements that `fn` and everything it starts
 * run (through AsyncLocalStorage), which is what a spec about one request needs.
 */
export class CountingQueryLogger extends AbstractLogger {
  private count = 0;
  private readonly scope = new AsyncLocalStorage<Tally>();
  private readonly tallies = new Map<string, Tally>();
  readonly statements: string[] = [];
  recordStatements = false;

  constructor(private readonly sink: Sink = () => undefined) {
    super(['query', 'error', 'warn']);
  }

  get queries(): number {
    return this.count;
  }

  reset(): void {
    this.count = 0;
    this.statements.length = 0;
  }

  /** Runs `fn` with its own tally under `key` (a request id): read it with `countOf(key)`. */
  within<T>(key: string, fn: () => T): T {
    const tally = { count: 0 };
    this.tallies.set(key, tally);
    return this.scope.run(tally, fn);
  }

  /** The statements run under `key` so far; the tally is forgotten once read. */
  countOf(key: string): number {
    const tally = this.tallies.get(key);
    this.tallies.delete(key);
    return tally?.count ?? 0;
  }

  /**
   * Counted without formatting: TypeORM's own path formats and highlights every statement (with
   * sql-highlight) before a logger can ignore it, which cost more CPU than the queries' own handling.
   */
  override logQuery(query: string): void {
    this.counted(query);
  }

  protected writeLog(level: LogLevel, message: LogMessage | string | number | (LogMessage | string | number)[]): void {
    for (const m of this.prepareLogMessages(message)) {
      if (level === 'query') this.counted(String(m.message));
      else if (level === 'error' || level === 'warn') this.sink(level, String(m.message));
    }
  }

  private counted(statement: string): void {
    this.count += 1;
    const tally = this.scope.getStore();
    if (tally) tally.count += 1;
    if (this.recordStatements) this.statements.push(statement);
  }
}
