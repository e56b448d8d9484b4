import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UserEntity } from './user.entity';

/** Every statement on `users`. */
@Injectable()
export class UsersRepository {
  findById(m: EntityManager, id: string): Promise<UserEntity | null> {
    return m.findOneBy(UserEntity, { id });
  }

  /** Exact match; emails are stored normalised (trimmed, lower case). */
  findByEmail(m: EntityManager, email: string): Promise<UserEntity | null> {
    return m.findOneBy(UserEntity, { email });
  }

  async insert(m: EntityManager, user: UserEntity): Promise<void> {
    await m.insert(UserEntity, user);
  }
}
