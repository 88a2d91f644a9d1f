import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The unit of work. Repositories take their EntityManager from here, so everything a service does
 * inside `transaction()` (the state change and its audit record) commits or rolls back together,
 * without passing a manager through every call.
 */
@Injectable()
export class Database {
  private readonly current = new AsyncLocalStorage<EntityManager>();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.current.getStore() ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  /** Runs `work` in a transaction, joining the caller's transaction if there is one. */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    return this.dataSource.transaction((manager) => this.current.run(manager, work));
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
