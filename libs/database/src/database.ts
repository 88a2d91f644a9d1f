import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';

interface UnitOfWork {
  manager: EntityManager;
  afterCommit: (() => void)[];
}

/**
 * The unit of work. Repositories take their EntityManager from here, so everything a service does
 * inside `transaction()` (the state change and its audit record) commits or rolls back together,
 * without passing a manager through every call.
 */
@Injectable()
export class Database {
  private readonly current = new AsyncLocalStorage<UnitOfWork>();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.current.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  /** Runs `work` in a transaction, joining the caller's transaction if there is one. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    const afterCommit: (() => void)[] = [];
    const result = await this.dataSource.transaction((manager) => this.current.run({ manager, afterCommit }, work));
    afterCommit.forEach((effect) => effect());
    return result;
  }

  /**
   * Runs `effect` once the surrounding transaction has committed (at once outside a transaction), and
   * never if it rolls back: for effects others can observe, such as broadcasting a stored edit.
   */
  afterCommit(effect: () => void): void {
    const unit = this.current.getStore();
    if (unit) unit.afterCommit.push(effect);
    else effect();
  }

  /**
   * A hot statement as a named prepared statement, on a pooled connection of its own and outside any
   * unit of work (like `dataSource.query`, never joining the caller's transaction): each connection
   * parses and plans it once, then only binds and runs it. For the few statements every edit waits
   * for; `name` must always go with the same `text`. A probe on this machine: 70 against 124 µs of the
   * caller's CPU a statement, and 99 against 176 µs until the answer, than an unnamed statement.
   */
  async prepared<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
    // TypeORM's postgres driver keeps its pg Pool as `master` (typed `any` there)
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    // A pool of one is the embedded PGlite, whose connections all share its one session: a connection
    // replaced after an error (pg-pool drops it) would find the name taken by its predecessor.
    if (pool.options.max === 1) return this.dataSource.query(text, values);
    return (await pool.query({ name, text, values })).rows as T[];
  }

  async isReachable(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
