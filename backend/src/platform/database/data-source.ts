import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { entities, migrations } from './entities';
import { PostgresDatabase, type SqlDatabase, SqliteDatabase } from './sql-database';

export function dataSourceOptions(database: AppConfig['database']): DataSourceOptions {
  const common = { entities, migrations, migrationsRun: false, synchronize: false, logging: false } as const;
  // Two connections: one holds the migration lock while the other runs the migrations.
  if (database.type === 'postgres') return { ...common, type: 'postgres', url: database.url, extra: { max: 2 } };
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.file,
    prepareDatabase: (db: { pragma(statement: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
    },
  };
}

/** Brings the schema up to date with TypeORM's migrations, then lets go of TypeORM's connection. */
async function migrate(database: AppConfig['database']): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(database));
  await dataSource.initialize();
  try {
    if (database.type !== 'postgres') {
      await dataSource.runMigrations({ transaction: 'each' });
      return;
    }
    // Several instances may start together: one migrates while the others wait on this lock.
    const runner = dataSource.createQueryRunner();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await runner.release();
    }
  } finally {
    await dataSource.destroy();
  }
}

/** Opens the database the server works with, after migrating it. */
export async function openDatabase(config: Pick<AppConfig, 'database' | 'databasePoolSize' | 'sqliteReadWorkers'>): Promise<SqlDatabase> {
  const { database } = config;
  if (database.type === 'sqlite' && database.file === ':memory:') {
    // Migrations and work must share the one connection an in-memory database has.
    throw new Error('DATABASE_URL=sqlite::memory: is not supported: use a file (the default is $DATA_DIR/taskpulse.sqlite)');
  }
  await migrate(database);
  return database.type === 'postgres'
    ? new PostgresDatabase(database.url, config.databasePoolSize)
    : new SqliteDatabase(database.file, config.sqliteReadWorkers);
}

/** An arbitrary key for PostgreSQL's advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK = 7_342_019;
