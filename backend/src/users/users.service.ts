import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { type PublicUser, toPublicUser } from './user.entity';
import { UsersRepository } from './users.repository';

/** Looking people up, as others may see them (never the password hash). */
@Injectable()
export class UsersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: UsersRepository,
  ) {}

  async findUser(id: string): Promise<PublicUser | null> {
    const user = await this.uow.read((m) => this.repository.findById(m, id));
    return user ? toPublicUser(user) : null;
  }

  async findByEmail(email: string): Promise<PublicUser[]> {
    const user = await this.uow.read((m) => this.repository.findByEmail(m, email));
    return user ? [toPublicUser(user)] : [];
  }
}
