import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, ObjectLiteral } from 'typeorm';

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
 */
@Injectable()
export class UnitOfWork {
  private readonly sqliteTurns = new Mutex();
  readonly isPostgres: boolean;

  constructor(readonly dataSource: DataSource) {
    this.isPostgres = dataSource.options.type === 'postgres';
  }

  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isPostgres) return this.sqliteTurns.run(() => this.dataSource.transaction(work));
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      await manager.query('SELECT seq FROM event_head WHERE id = 1 FOR UPDATE');
      return work(manager);
    });
  }

  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isPostgres) return this.sqliteTurns.run(() => work(this.dataSource.manager));
    return this.dataSource.transaction('REPEATABLE READ', work);
  }
}

/** Runs SQL with `:name` parameters on either database (TypeORM rewrites them to `?` or `$n`). */
export function query<T extends ObjectLiteral = ObjectLiteral>(
  manager: EntityManager,
  sql: string,
  parameters: ObjectLiteral = {},
): Promise<T[]> {
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(sql, parameters);
  return manager.query(text, values);
}
