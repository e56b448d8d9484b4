import { ConflictException, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import * as argon2 from 'argon2';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AuthSession } from '@taskpulse/contract';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { SqlDatabase } from '../platform/database/sql-database';
import { toPublicUser, UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { LoginDto, RegisterDto } from './dto/auth.dto';
import { RefreshTokenEntity } from './refresh-token.entity';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { TokenVerifier } from './token-verifier';

export type { AuthSession };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const BAD_CREDENTIALS = 'Invalid email or password';
const BAD_REFRESH = 'Invalid or expired refresh token';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  /** Compared against when the email is unknown, so both failures cost the same time. */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly db: SqlDatabase,
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly tokens: TokenVerifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.dummyHash = this.hashPassword(randomUUID());
  }

  async register(dto: RegisterDto): Promise<AuthSession> {
    const passwordHash = await this.hashPassword(dto.password);
    const user = await this.db.write(async (tx) => {
      if (await this.users.findByEmail(tx, dto.email)) throw new ConflictException('Email is already registered');
      const entity: UserEntity = { id: randomUUID(), email: dto.email, name: dto.name, passwordHash, createdAt: new Date().toISOString() };
      await this.users.insert(tx, entity);
      return entity;
    });
    this.logger.log(`registered user ${user.id}`);
    return this.startSession(user, randomUUID());
  }

  async login(dto: LoginDto): Promise<AuthSession> {
    const user = await this.users.findByEmail(this.db, dto.email);
    const valid = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), dto.password).catch(() => false);
    if (!user || !valid) throw new UnauthorizedException(BAD_CREDENTIALS);
    return this.startSession(user, randomUUID());
  }

  /** Rotates: the presented token is spent; presenting a spent token again revokes its whole family. */
  async refresh(refreshToken: string): Promise<AuthSession> {
    const [id, secret] = refreshToken.split('.');
    if (!id || !secret) throw new UnauthorizedException(BAD_REFRESH);
    const outcome = await this.db.write(async (tx) => {
      const row = await this.refreshTokens.findById(tx, id);
      if (!row || !this.secretMatches(row, secret)) return { error: BAD_REFRESH } as const;
      const now = new Date().toISOString();
      if (row.usedAt || row.revokedAt) {
        await this.refreshTokens.revokeFamily(tx, row.familyId, now);
        if (row.usedAt && !row.revokedAt) this.logger.warn(`refresh token reuse for user ${row.userId}: family revoked`);
        return { error: BAD_REFRESH } as const;
      }
      if (row.expiresAt <= now) return { error: BAD_REFRESH } as const;
      if (!(await this.refreshTokens.claim(tx, id, now))) return { error: BAD_REFRESH } as const;
      const user = await this.users.findById(tx, row.userId);
      return user ? ({ user, familyId: row.familyId } as const) : ({ error: BAD_REFRESH } as const);
    });
    if ('error' in outcome) throw new UnauthorizedException(outcome.error);
    return this.startSession(outcome.user, outcome.familyId);
  }

  async logout(refreshToken: string): Promise<void> {
    const [id, secret] = refreshToken.split('.');
    if (!id || !secret) return;
    await this.db.write(async (tx) => {
      const row = await this.refreshTokens.findById(tx, id);
      if (row && this.secretMatches(row, secret)) await this.refreshTokens.revokeFamily(tx, row.familyId, new Date().toISOString());
    });
  }

  private hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, memoryCost: this.config.passwordHashMemoryKib, timeCost: 2, parallelism: 1 });
  }

  private secretMatches(row: RefreshTokenEntity, secret: string): boolean {
    const given = Buffer.from(sha256(secret));
    const stored = Buffer.from(row.secretHash);
    return given.length === stored.length && timingSafeEqual(given, stored);
  }

  private async startSession(user: UserEntity, familyId: string): Promise<AuthSession> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const now = Date.now();
    await this.db.write((tx) =>
      this.refreshTokens.insert(tx, {
        id,
        userId: user.id,
        familyId,
        secretHash: sha256(secret),
        expiresAt: new Date(now + this.config.refreshTtlMs).toISOString(),
        usedAt: null,
        revokedAt: null,
        createdAt: new Date(now).toISOString(),
      }),
    );
    const access = this.tokens.sign(user.id);
    return {
      user: toPublicUser(user),
      access_token: access.token,
      refresh_token: `${id}.${secret}`,
      expires_in: Math.max(1, Math.round(this.config.jwtTtlMs / 1000)),
    };
  }
}
