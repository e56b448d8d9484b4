import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A sign-in: one refresh-token family, named in its access tokens as `sid`. Revoked as a whole. */
@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index()
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** The session's absolute lifetime (SESSION_MAX_AGE) counts from here, whatever its refreshes. */
  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;

  @Index()
  @Column({ name: 'revoked_at', type: 'varchar', length: 24, nullable: true })
  revokedAt: string | null;
}
