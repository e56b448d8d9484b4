/** The database a test run uses, and fresh PostgreSQL databases so every server or spec starts from empty. */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export type TestDatabaseKind = 'sqlite' | 'postgres';

/** `TEST_DATABASE=postgres` runs on PostgreSQL (CI runs both); SQLite otherwise. */
export const testDatabase: TestDatabaseKind = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

/** The database fresh ones are created from (the runner passes `TEST_POSTGRES_URL`). */
export const postgresAdminUrl = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';

export interface PostgresDatabase {
  url: string;
  /** Drops the database, closing whatever connections are still open on it. */
  drop(): Promise<void>;
}

async function asAdmin(sql: string): Promise<void> {
  const admin = new Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A fresh, empty PostgreSQL database named `<prefix>_<time>_<random>`, so a leftover shows which run made it. */
export async function createPostgresDatabase(prefix = 'taskpulse_test'): Promise<PostgresDatabase> {
  if (!/^[a-z_][a-z0-9_]{0,30}$/.test(prefix)) throw new Error(`database prefix "${prefix}" must be a short lower-case identifier`);
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString('hex')}`;
  await asAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
