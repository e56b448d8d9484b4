import { Injectable } from '@nestjs/common';
import type { Queryable, Sql } from '../platform/database/sql-database';
import type { UserEntity } from './user.entity';

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
}

const toUser = (row: UserRow): UserEntity => ({
  id: row.id,
  email: row.email,
  name: row.name,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
});

/** Every statement on `users`. */
@Injectable()
export class UsersRepository {
  async findById(db: Queryable, id: string): Promise<UserEntity | null> {
    const [row] = await db.query<UserRow>('SELECT id, email, name, password_hash, created_at FROM users WHERE id = :id', { id });
    return row ? toUser(row) : null;
  }

  /** Exact match; emails are stored normalised (trimmed, lower case). */
  async findByEmail(db: Queryable, email: string): Promise<UserEntity | null> {
    const [row] = await db.query<UserRow>('SELECT id, email, name, password_hash, created_at FROM users WHERE email = :email', {
      email,
    });
    return row ? toUser(row) : null;
  }

  async insert(tx: Sql, user: UserEntity): Promise<void> {
    await tx.query(
      'INSERT INTO users (id, email, name, password_hash, created_at) VALUES (:id, :email, :name, :passwordHash, :createdAt)',
      user,
    );
  }
}
