import type { SqlDatabase } from './sql-database';

/** The id the database was given when it was created: what tells its instances from another deployment's. */
export async function deploymentId(db: SqlDatabase): Promise<string> {
  const [row] = await db.query<{ id: string }>('SELECT id FROM deployment');
  return row.id;
}
