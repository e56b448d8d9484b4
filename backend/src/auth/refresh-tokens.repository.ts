import { Injectable } from '@nestjs/common';
import type { Sql } from '../platform/database/sql-database';
import type { RefreshTokenEntity } from './refresh-token.entity';

interface RefreshTokenRow {
  id: string;
  user_id: string;
  family_id: string;
  secret_hash: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

/** Every statement on `refresh_tokens`. */
@Injectable()
export class RefreshTokensRepository {
  async findById(tx: Sql, id: string): Promise<RefreshTokenEntity | null> {
    const [row] = await tx.query<RefreshTokenRow>(
      'SELECT id, user_id, family_id, secret_hash, expires_at, used_at, revoked_at, created_at FROM refresh_tokens WHERE id = :id',
      { id },
    );
    if (!row) return null;
    return {
      id: row.id,
      userId: row.user_id,
      familyId: row.family_id,
      secretHash: row.secret_hash,
      expiresAt: row.expires_at,
      usedAt: row.used_at,
      revokedAt: row.revoked_at,
      createdAt: row.created_at,
    };
  }

  async insert(tx: Sql, token: RefreshTokenEntity): Promise<void> {
    await tx.query(
      `INSERT INTO refresh_tokens (id, user_id, family_id, secret_hash, expires_at, used_at, revoked_at, created_at)
       VALUES (:id, :userId, :familyId, :secretHash, :expiresAt, :usedAt, :revokedAt, :createdAt)`,
      token,
    );
  }

  /** Marks an unspent token spent; false when it was already spent (a concurrent refresh won). */
  async claim(tx: Sql, id: string, now: string): Promise<boolean> {
    const rows = await tx.query<{ id: string }>(
      'UPDATE refresh_tokens SET used_at = :now WHERE id = :id AND used_at IS NULL RETURNING id',
      {
        id,
        now,
      },
    );
    return rows.length > 0;
  }

  async revokeFamily(tx: Sql, familyId: string, now: string): Promise<void> {
    await tx.query('UPDATE refresh_tokens SET revoked_at = :now WHERE family_id = :familyId AND revoked_at IS NULL', { familyId, now });
  }
}
