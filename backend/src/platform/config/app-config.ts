import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { isAbsolute, join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { parseDuration } from './duration';

/** Every setting of the server, read and validated once at start-up from the environment. */
export interface AppConfig {
  port: number;
  production: boolean;
  dataDir: string;
  database: { type: 'sqlite'; file: string } | { type: 'postgres'; url: string };
  /** PostgreSQL connections per instance. */
  databasePoolSize: number;
  /** SQLite: worker threads that answer reads beside the writer (0: reads take turns with writes on the event loop). */
  sqliteReadWorkers: number;
  redisUrl: string | null;
  /** Names this deployment's event-bus channel on Redis; null: the database's deployment id. */
  eventBusNamespace: string | null;
  jwtSecret: string;
  jwtTtlMs: number;
  refreshTtlMs: number;
  corsOrigins: string[];
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  wsMaxPayload: number;
  wsMaxConnectionsPerUser: number;
  wsHeartbeatMs: number;
  wsMaxBufferedBytes: number;
  wsMessagesPerSecond: number;
  eventRetentionMs: number;
  /** A resume reaching back further than this many of the user's events gets `resync_required`. */
  replayMaxEvents: number;
  eventPruneIntervalMs: number;
  /** How long a deleted task stays in the trash before it is purged. */
  trashRetentionMs: number;
  trashPruneIntervalMs: number;
  /** How often each instance looks for tasks due within 24 h to notify (once per task and due date, claimed in the database). */
  dueSoonIntervalMs: number;
  /** Register and login requests per client address and minute. */
  authRateLimit: number;
  /** Failed logins per account (email) within `authAccountWindowMs`, from any address. */
  authAccountRateLimit: number;
  authAccountWindowMs: number;
  /** Refresh requests per client address and minute (a budget of their own). */
  refreshRateLimit: number;
  /** `GET /api/users` lookups per user and minute. */
  userLookupRateLimit: number;
  /** Mutating API requests (POST, PATCH, PUT, DELETE) per user and minute. */
  mutationRateLimit: number;
  /** WebSocket connection attempts per user, and per client address, within `wsConnectWindowMs` (then 1013). */
  wsConnectRateLimit: number;
  wsConnectRateLimitPerAddress: number;
  wsConnectWindowMs: number;
  /** Which proxies' `X-Forwarded-For` / `-Proto` to believe: a hop count, or addresses / CIDR ranges / Express names. */
  trustProxy: number | string[];
  /** Absolute lifetime of a session (a refresh-token family), whatever its refreshes. */
  sessionMaxAgeMs: number;
  /** When set, `/metrics` answers only `Authorization: Bearer <METRICS_TOKEN>`. */
  metricsToken: string | null;
  passwordHashMemoryKib: number;
  /** The built web app; null: `frontend/dist/browser` of this repository. */
  frontendDir: string | null;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  return value;
}

function duration(env: Env, name: string, fallback: string): number {
  return parseDuration(env[name] || fallback, name);
}

function databaseFrom(env: Env, dataDir: string): AppConfig['database'] {
  const url = env.DATABASE_URL;
  if (!url) return { type: 'sqlite', file: join(dataDir, 'taskpulse.sqlite') };
  if (/^postgres(ql)?:\/\//.test(url)) return { type: 'postgres', url };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (file === ':memory:') return { type: 'sqlite', file };
    return { type: 'sqlite', file: isAbsolute(file) ? file : resolve(file) };
  }
  throw new Error('DATABASE_URL must start with sqlite: or postgres://');
}

/** In development a secret is generated once and kept under DATA_DIR so tokens survive a restart. */
function jwtSecretFrom(env: Env, dataDir: string, production: boolean): string {
  if (env.JWT_SECRET) {
    if (env.JWT_SECRET.length < 32) throw new Error('JWT_SECRET must be at least 32 characters');
    return env.JWT_SECRET;
  }
  if (production) throw new Error('JWT_SECRET is required when NODE_ENV=production');
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    // The same rule as for JWT_SECRET: a short or empty file would sign tokens anyone can brute-force.
    if (kept.length < 32) {
      throw new Error(`The JWT secret in ${file} is shorter than 32 characters: delete the file to have one generated, or set JWT_SECRET`);
    }
    return kept;
  }
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  new Logger('Config').warn(`JWT_SECRET is not set: generated one and kept it in ${file}`);
  return secret;
}

/** Express's own names for address ranges, accepted in TRUST_PROXY beside addresses and CIDRs. */
const proxyRangeNames = ['loopback', 'linklocal', 'uniquelocal'];

/** `TRUST_PROXY`: a hop count (`1`: one load balancer in front), or a comma-separated list of addresses and CIDRs. */
function trustProxyFrom(env: Env): number | string[] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '') return ['loopback'];
  if (/^\d+$/.test(raw)) return Number(raw);
  if (raw === 'false') return 0;
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (proxyRangeNames.includes(entry)) continue;
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    const bitsValid = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !bitsValid || extra !== undefined) {
      throw new Error(`TRUST_PROXY must be a hop count or a comma-separated list of addresses/CIDRs (got "${entry}")`);
    }
  }
  return entries;
}

function optionalSecret(env: Env, name: string): string | null {
  const value = env[name];
  if (!value) return null;
  if (value.length < 16) throw new Error(`${name} must be at least 16 characters`);
  return value;
}

function namespaceFrom(env: Env): string | null {
  const value = env.EVENT_BUS_NAMESPACE;
  if (!value) return null;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(value)) throw new Error('EVENT_BUS_NAMESPACE must be 1 to 64 letters, digits, ".", "_" or "-"');
  return value;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const dataDir = resolve(env.DATA_DIR || './data');
  mkdirSync(dataDir, { recursive: true });
  const logLevel = (env.LOG_LEVEL || 'log') as AppConfig['logLevel'];
  if (!['error', 'warn', 'log', 'debug', 'verbose'].includes(logLevel)) {
    throw new Error('LOG_LEVEL must be one of error, warn, log, debug, verbose');
  }
  return {
    port: integer(env, 'PORT', 3000, 0),
    production,
    dataDir,
    database: databaseFrom(env, dataDir),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10),
    sqliteReadWorkers: integer(env, 'SQLITE_READ_WORKERS', 2, 0),
    redisUrl: env.REDIS_URL || null,
    eventBusNamespace: namespaceFrom(env),
    jwtSecret: jwtSecretFrom(env, dataDir, production),
    jwtTtlMs: duration(env, 'JWT_TTL', '15m'),
    refreshTtlMs: duration(env, 'REFRESH_TTL', '7d'),
    corsOrigins: (env.CORS_ORIGINS || '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    logLevel,
    wsMaxPayload: integer(env, 'WS_MAX_PAYLOAD', 16384),
    wsMaxConnectionsPerUser: integer(env, 'WS_MAX_CONNECTIONS_PER_USER', 32),
    wsHeartbeatMs: duration(env, 'WS_HEARTBEAT', '30s'),
    wsMaxBufferedBytes: integer(env, 'WS_MAX_BUFFERED_BYTES', 1024 * 1024),
    wsMessagesPerSecond: integer(env, 'WS_MESSAGES_PER_SECOND', 20),
    eventRetentionMs: duration(env, 'EVENT_RETENTION', '7d'),
    replayMaxEvents: integer(env, 'REPLAY_MAX_EVENTS', 5000),
    eventPruneIntervalMs: duration(env, 'EVENT_PRUNE_INTERVAL', '1h'),
    trashRetentionMs: duration(env, 'TRASH_RETENTION', '30d'),
    trashPruneIntervalMs: duration(env, 'TRASH_PRUNE_INTERVAL', '1h'),
    dueSoonIntervalMs: duration(env, 'DUE_SOON_INTERVAL', '1m'),
    authRateLimit: integer(env, 'AUTH_RATE_LIMIT', 20),
    authAccountRateLimit: integer(env, 'AUTH_ACCOUNT_RATE_LIMIT', 10),
    authAccountWindowMs: duration(env, 'AUTH_ACCOUNT_WINDOW', '15m'),
    refreshRateLimit: integer(env, 'REFRESH_RATE_LIMIT', 60),
    userLookupRateLimit: integer(env, 'USER_LOOKUP_RATE_LIMIT', 30),
    mutationRateLimit: integer(env, 'MUTATION_RATE_LIMIT', 600),
    wsConnectRateLimit: integer(env, 'WS_CONNECT_RATE_LIMIT', 10),
    wsConnectRateLimitPerAddress: integer(env, 'WS_CONNECT_RATE_LIMIT_PER_ADDRESS', 60),
    wsConnectWindowMs: duration(env, 'WS_CONNECT_WINDOW', '10s'),
    trustProxy: trustProxyFrom(env),
    sessionMaxAgeMs: duration(env, 'SESSION_MAX_AGE', '30d'),
    metricsToken: optionalSecret(env, 'METRICS_TOKEN'),
    passwordHashMemoryKib: integer(env, 'PASSWORD_HASH_MEMORY_KIB', 19456, 1024),
    frontendDir: env.FRONTEND_DIR ? resolve(env.FRONTEND_DIR) : null,
  };
}
