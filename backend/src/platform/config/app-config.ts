import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  /** How often each instance looks for tasks due within 24 h to notify (once per task and due date, claimed in the database). */
  dueSoonIntervalMs: number;
  authRateLimit: number;
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
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  new Logger('Config').warn(`JWT_SECRET is not set: generated one and kept it in ${file}`);
  return secret;
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
    dueSoonIntervalMs: duration(env, 'DUE_SOON_INTERVAL', '1m'),
    authRateLimit: integer(env, 'AUTH_RATE_LIMIT', 20),
    passwordHashMemoryKib: integer(env, 'PASSWORD_HASH_MEMORY_KIB', 19456, 1024),
    frontendDir: env.FRONTEND_DIR ? resolve(env.FRONTEND_DIR) : null,
  };
}
