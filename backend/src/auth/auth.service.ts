import { ConflictException, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import * as argon2 from 'argon2';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AuthSession } from '@taskpulse/contract';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { type Sql, SqlDatabase } from '../platform/database/sql-database';
import { toPublicUser, UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { LoginDto, RegisterDto } from './dto/auth.dto';
import { RefreshTokenEntity } from './refresh-token.entity';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionRevokedEvent } from './session-revoked.event';
import { SessionsRepository } from './sessions.repository';
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
    private readonly sessions: SessionsRepository,
    private readonly tokens: TokenVerifier,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.dummyHash = this.hashPassword(randomUUID());
  }

  async register(dto: RegisterDto): Promise<AuthSession> {
    const passwordHash = await this.hashPassword(dto.password);
    const issued = await this.db.write(async (tx) => {
      if (await this.users.findByEmail(tx, dto.email)) throw new ConflictException('Email is already registered');
      const entity: UserEntity = { id: randomUUID(), email: dto.email, name: dto.name, passwordHash, createdAt: new Date().toISOString() };
      await this.users.insert(tx, entity);
      return { user: entity, ...(await this.openSession(tx, entity.id)) };
    });
    this.logger.log(`registered user ${issued.user.id}`);
    return this.answer(issued);
  }

  /** Checks the credentials; the caller (the rate limit) learns whether they were wrong, never which part. */
  async login(dto: LoginDto): Promise<AuthSession> {
    const user = await this.users.findByEmail(this.db, dto.email);
    const valid = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), dto.password).catch(() => false);
    if (!user || !valid) throw new UnauthorizedException(BAD_CREDENTIALS);
    const issued = await this.db.write((tx) => this.openSession(tx, user.id));
    return this.answer({ user, ...issued });
  }

  /**
   * Rotates: the presented token is spent and its successor stored in the same transaction, under a lock on the
   * session, so a logout racing it either revokes the successor too or makes this refresh fail. Presenting a spent
   * token again revokes the whole session. A session older than SESSION_MAX_AGE is over, whatever its refreshes.
   */
  async refresh(refreshToken: string): Promise<AuthSession> {
    const [id, secret] = refreshToken.split('.');
    if (!id || !secret) throw new UnauthorizedException(BAD_REFRESH);
    const outcome = await this.db.write(async (tx) => {
      const row = await this.refreshTokens.findById(tx, id);
      if (!row || !this.secretMatches(row, secret)) return { error: BAD_REFRESH } as const;
      const session = await this.sessions.lock(tx, row.familyId);
      const now = new Date().toISOString();
      if (row.usedAt || row.revokedAt || !session || session.revokedAt) {
        const revoked = await this.revokeFamily(tx, row.familyId, now);
        if (row.usedAt && !row.revokedAt) this.logger.warn(`refresh token reuse for user ${row.userId}: session revoked`);
        return { error: BAD_REFRESH, revoked: revoked ? { sessionId: row.familyId, userId: row.userId } : null } as const;
      }
      if (row.expiresAt <= now || this.pastMaxAge(session.createdAt)) return { error: BAD_REFRESH } as const;
      if (!(await this.refreshTokens.claim(tx, id, now))) return { error: BAD_REFRESH } as const;
      const user = await this.users.findById(tx, row.userId);
      if (!user) return { error: BAD_REFRESH } as const;
      return { user, sessionId: session.id, refreshToken: await this.issueRefreshToken(tx, user.id, session.id) } as const;
    });
    if ('error' in outcome) {
      if ('revoked' in outcome && outcome.revoked) this.announce(outcome.revoked.sessionId, outcome.revoked.userId);
      throw new UnauthorizedException(outcome.error);
    }
    return this.answer(outcome);
  }

  /** Ends the session of the given token: its refresh tokens and access tokens are refused, its sockets closed. */
  async logout(refreshToken: string): Promise<void> {
    const [id, secret] = refreshToken.split('.');
    if (!id || !secret) return;
    const ended = await this.db.write(async (tx) => {
      const row = await this.refreshTokens.findById(tx, id);
      if (!row || !this.secretMatches(row, secret)) return null;
      return (await this.revokeFamily(tx, row.familyId, new Date().toISOString())) ? row : null;
    });
    if (ended) this.announce(ended.familyId, ended.userId);
  }

  /** Whether an access token naming this session must be refused (the session ended, or never was). */
  isSessionRevoked(sessionId: string): Promise<boolean> {
    return this.sessions.isRevoked(this.db, sessionId);
  }

  private async openSession(tx: Sql, userId: string): Promise<{ sessionId: string; refreshToken: string }> {
    const sessionId = randomUUID();
    await this.sessions.insert(tx, { id: sessionId, userId, createdAt: new Date().toISOString(), revokedAt: null });
    return { sessionId, refreshToken: await this.issueRefreshToken(tx, userId, sessionId) };
  }

  /** True when the session was live until now. */
  private async revokeFamily(tx: Sql, familyId: string, now: string): Promise<boolean> {
    await this.refreshTokens.revokeFamily(tx, familyId, now);
    return this.sessions.revoke(tx, familyId, now);
  }

  /** After commit: the realtime layer closes the session's sockets, here and on the other instances. */
  private announce(sessionId: string, userId: string): void {
    this.events.emit(SessionRevokedEvent.eventName, new SessionRevokedEvent(sessionId, userId));
  }

  private pastMaxAge(createdAt: string): boolean {
    return Date.parse(createdAt) + this.config.sessionMaxAgeMs <= Date.now();
  }

  private hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, memoryCost: this.config.passwordHashMemoryKib, timeCost: 2, parallelism: 1 });
  }

  private secretMatches(row: RefreshTokenEntity, secret: string): boolean {
    const given = Buffer.from(sha256(secret));
    const stored = Buffer.from(row.secretHash);
    return given.length === stored.length && timingSafeEqual(given, stored);
  }

  private async issueRefreshToken(tx: Sql, userId: string, sessionId: string): Promise<string> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const now = Date.now();
    await this.refreshTokens.insert(tx, {
      id,
      userId,
      familyId: sessionId,
      secretHash: sha256(secret),
      expiresAt: new Date(now + this.config.refreshTtlMs).toISOString(),
      usedAt: null,
      revokedAt: null,
      createdAt: new Date(now).toISOString(),
    });
    return `${id}.${secret}`;
  }

  private answer(issued: { user: UserEntity; sessionId: string; refreshToken: string }): AuthSession {
    const access = this.tokens.sign(issued.user.id, issued.sessionId);
    return {
      user: toPublicUser(issued.user),
      access_token: access.token,
      refresh_token: issued.refreshToken,
      expires_in: Math.max(1, Math.round(this.config.jwtTtlMs / 1000)),
    };
  }
}
