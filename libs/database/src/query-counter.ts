import { AbstractLogger, type LogLevel, type LogMessage } from 'typeorm';

type Sink = (level: 'warn' | 'error', message: string) => void;

/**
 * TypeORM logger that counts executed statements (tests use it to prove DataLoaders batch nested
 * fields) and forwards warnings and errors to the application log.
 */
export class CountingQueryLogger extends AbstractLogger {
  private count = 0;
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

  /**
   * Counted without formatting: TypeORM's own path formats and highlights every statement (with
   * sql-highlight) before a logger can ignore it, which cost more CPU than the queries' own handling.
   */
  override logQuery(query: string): void {
    this.count += 1;
    if (this.recordStatements) this.statements.push(query);
  }

  protected writeLog(level: LogLevel, message: LogMessage | string | number | (LogMessage | string | number)[]): void {
    for (const m of this.prepareLogMessages(message)) {
      if (level === 'query') {
        this.count += 1;
        if (this.recordStatements) this.statements.push(String(m.message));
      } else if (level === 'error' || level === 'warn') {
        this.sink(level, String(m.message));
      }
    }
  }
}
