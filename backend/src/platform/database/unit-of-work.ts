import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** Serialises async critical sections without blocking the event loop. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

/**
 * Every database access goes through here.
 * - SQLite has one connection: a read issued while another request's transaction is open would see its
 *   uncommitted rows, so reads and writes take turns (better-sqlite3 is synchronous and each turn is short).
 * - PostgreSQL: a write first locks the event-head row, so writers run one at a time and each computes its
 *   audience from every earlier commit; a read runs in one REPEATABLE READ snapshot so its data and its `seq`
 *   belong to the same moment.
 * Work registered with `afterCommit` runs once the transaction has committed, in registration order, and never
 * when it rolls back.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);
  private readonly sqliteTurns = new Mutex();
  private readonly afterCommitHooks = new WeakMap<EntityManager, Array<() => void>>();
  readonly isPostgres: boolean;

  constructor(readonly dataSource: DataSource) {
    this.isPostgres = dataSource.options.type === 'postgres';
  }

  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isPostgres) return this.sqliteTurns.run(() => this.transaction(null, work));
    return this.transaction('READ COMMITTED', async (manager) => {
      await manager.query('SELECT seq FROM event_head WHERE id = 1 FOR UPDATE');
      return work(manager);
    });
  }

  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isPostgres) return this.sqliteTurns.run(() => work(this.dataSource.manager));
    return this.dataSource.transaction('REPEATABLE READ', work);
  }

  /** Runs `hook` after the transaction of `manager` commits. Only inside `write`. */
  afterCommit(manager: EntityManager, hook: () => void): void {
    const hooks = this.afterCommitHooks.get(manager);
    if (!hooks) throw new Error('afterCommit needs the manager of a UnitOfWork.write transaction');
    hooks.push(hook);
  }

  /**
   * Runs `work` in a transaction whose manager accepts `afterCommit` hooks, then the hooks. On SQLite this is still
   * inside the writer's turn, so the hooks of consecutive transactions run in commit order.
   */
  private async transaction<T>(isolation: 'READ COMMITTED' | null, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const hooks: Array<() => void> = [];
    const managers: EntityManager[] = [];
    const run = (manager: EntityManager) => {
      managers.push(manager);
      this.afterCommitHooks.set(manager, hooks);
      return work(manager);
    };
    let result: T;
    try {
      result = isolation ? await this.dataSource.transaction(isolation, run) : await this.dataSource.transaction(run);
    } finally {
      for (const manager of managers) this.afterCommitHooks.delete(manager);
    }
    for (const hook of hooks) {
      try {
        hook();
      } catch (error) {
        // The transaction is committed: a failing hook must not turn it into an error for the caller.
        this.logger.error(`after-commit hook failed: ${error instanceof Error ? error.stack : String(error)}`);
      }
    }
    return result;
  }
}
