import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions: one row per refresh-token family, named by the access tokens it issues (`sid`), so ending a session
 * (logout, a reused refresh token) refuses its access tokens at once, and a session has an absolute lifetime
 * (SESSION_MAX_AGE from `created_at`). Existing families become sessions started when their first token was issued;
 * a family with a revoked token was revoked as a whole, so the session is revoked.
 */
export class Sessions1766000000000 implements MigrationInterface {
  name = 'Sessions1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sessions (
      id varchar(36) PRIMARY KEY, user_id varchar(36) NOT NULL, created_at varchar(24) NOT NULL, revoked_at varchar(24))`);
    await q.query('CREATE INDEX idx_sessions_user ON sessions (user_id)');
    await q.query('CREATE INDEX idx_sessions_revoked ON sessions (revoked_at)');
    await q.query(`INSERT INTO sessions (id, user_id, created_at, revoked_at)
      SELECT family_id, MIN(user_id), MIN(created_at), MAX(revoked_at) FROM refresh_tokens GROUP BY family_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sessions');
  }
}
