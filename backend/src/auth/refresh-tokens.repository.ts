import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { RefreshTokenEntity } from './refresh-token.entity';

/** Every statement on `refresh_tokens`. */
@Injectable()
export class RefreshTokensRepository {
  findById(m: EntityManager, id: string): Promise<RefreshTokenEntity | null> {
    return m.findOneBy(RefreshTokenEntity, { id });
  }

  async insert(m: EntityManager, token: RefreshTokenEntity): Promise<void> {
    await m.insert(RefreshTokenEntity, token);
  }

  /** Marks an unspent token spent; false when it was already spent (a concurrent refresh won). */
  async claim(m: EntityManager, id: string, now: string): Promise<boolean> {
    const claimed = await m.update(RefreshTokenEntity, { id, usedAt: IsNull() }, { usedAt: now });
    return Boolean(claimed.affected);
  }

  async revokeFamily(m: EntityManager, familyId: string, now: string): Promise<void> {
    await m.update(RefreshTokenEntity, { familyId, revokedAt: IsNull() }, { revokedAt: now });
  }
}
