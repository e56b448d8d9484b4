import { Injectable } from '@nestjs/common';
import { SqlDatabase } from '../platform/database/sql-database';
import { type PublicUser, toPublicUser } from './user.entity';
import { UsersRepository } from './users.repository';

/** Looking people up, as others may see them (never the password hash). */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: SqlDatabase,
    private readonly repository: UsersRepository,
  ) {}

  async findUser(id: string): Promise<PublicUser | null> {
    const user = await this.repository.findById(this.db, id);
    return user ? toPublicUser(user) : null;
  }

  async findByEmail(email: string): Promise<PublicUser[]> {
    const user = await this.repository.findByEmail(this.db, email);
    return user ? [toPublicUser(user)] : [];
  }
}
