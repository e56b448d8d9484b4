import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PublicUser } from '@taskpulse/contract';

export type { PublicUser };

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;
}

export function toPublicUser(user: UserEntity): PublicUser {
  return { id: user.id, email: user.email, name: user.name };
}
