import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
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

  async isReachable(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
