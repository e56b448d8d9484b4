import { Injectable } from '@nestjs/common';
import type { Queryable, Sql, SqlDatabase } from '../platform/database/sql-database';
import type { SessionEntity } from './session.entity';

interface SessionRow {
  id: string;
  user_id: string;
  created_at: string;
  revoked_at: string | null;
}

const toEntity = (row: SessionRow): SessionEntity => ({
  id: row.id,
  userId: row.user_id,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

/** Every statement on `sessions`. */
@Injectable()
export class SessionsRepository {
  async insert(tx: Sql, session: SessionEntity): Promise<void> {
    await tx.query('INSERT INTO sessions (id, user_id, created_at, revoked_at) VALUES (:id, :userId, :createdAt, :revokedAt)', session);
  }

  /** The session, locked against a concurrent revocation until the transaction ends (PostgreSQL; SQLite has one writer). */
  async lock(tx: Sql, id: string): Promise<SessionEntity | null> {
    const [row] = await tx.query<SessionRow>(
      `SELECT id, user_id, created_at, revoked_at FROM sessions WHERE id = :id${tx.lock('update')}`,
      { id },
    );
    return row ? toEntity(row) : null;
  }

  /** Revokes a live session; false when it was revoked already (or does not exist). */
  async revoke(tx: Sql, id: string, now: string): Promise<boolean> {
    const rows = await tx.query<{ id: string }>(
      'UPDATE sessions SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL RETURNING id',
      { id, now },
    );
    return rows.length > 0;
  }

  /** Whether access tokens naming this session are refused: it was revoked, or never existed. */
  async isRevoked(db: Pick<SqlDatabase, 'lookup'>, id: string): Promise<boolean> {
    const [row] = await db.lookup<{ revoked_at: string | null }>('SELECT revoked_at FROM sessions WHERE id = :id', { id });
    return !row || row.revoked_at !== null;
  }

  /** Sessions revoked at or after `since` (ISO time), by the index on `revoked_at`. */
  async revokedSince(db: Queryable, since: string): Promise<Array<{ id: string; revokedAt: string }>> {
    const rows = await db.query<{ id: string; revoked_at: string }>(
      'SELECT id, revoked_at FROM sessions WHERE revoked_at >= :since ORDER BY revoked_at',
      { since },
    );
    return rows.map((row) => ({ id: row.id, revokedAt: row.revoked_at }));
  }
}
