import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuthService } from '../src/auth/auth.service';
import { TokenVerifier } from '../src/auth/token-verifier';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { DashboardService } from '../src/dashboard/dashboard.service';
import { openDatabase } from '../src/database/data-source';
import { UnitOfWork } from '../src/database/unit-of-work';
import { TaskChangedEvent, TeamMembershipChangedEvent } from '../src/events/domain-events';
import type { EventLogEntry } from '../src/events/event-log-entry';
import { EventLogService } from '../src/events/event-log.service';
import { Audience } from '../src/sharing/audience';
import { SharesService } from '../src/sharing/shares.service';
import { TeamsService } from '../src/sharing/teams.service';
import { TasksService } from '../src/tasks/tasks.service';

const postgresAdminUrl = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const testDatabase = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

/** The real services wired by hand over a real database of their own (SQLite file, or a fresh PostgreSQL db). */
export interface TestApp {
  config: AppConfig;
  dataSource: DataSource;
  uow: UnitOfWork;
  log: EventLogService;
  auth: AuthService;
  tokens: TokenVerifier;
  tasks: TasksService;
  shares: SharesService;
  teams: TeamsService;
  dashboard: DashboardService;
  /** Every domain event emitted after commit, in emission order. */
  emitted: EventLogEntry[];
  close(): Promise<void>;
}

async function postgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `taskpulse_unit_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: postgresAdminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'taskpulse-unit-'));
  const pg = testDatabase === 'postgres' ? await postgresDatabase() : null;
  const config = loadConfig({
    DATA_DIR: dataDir,
    JWT_SECRET: 'unit-secret-0123456789-0123456789-0123456789',
    PASSWORD_HASH_MEMORY_KIB: '1024',
    ...(pg ? { DATABASE_URL: pg.url } : {}),
    ...env,
  });
  const dataSource = await openDatabase(config.database);
  const uow = new UnitOfWork(dataSource);
  const emitter = new EventEmitter2();
  const emitted: EventLogEntry[] = [];
  emitter.on(TaskChangedEvent.eventName, (event: TaskChangedEvent) => emitted.push(event.entry));
  emitter.on(TeamMembershipChangedEvent.eventName, (event: TeamMembershipChangedEvent) => emitted.push(event.entry));
  const log = new EventLogService(uow);
  const audience = new Audience(log);
  const tokens = new TokenVerifier(config);
  return {
    config,
    dataSource,
    uow,
    log,
    tokens,
    auth: new AuthService(uow, tokens, config),
    tasks: new TasksService(uow, log, audience, emitter),
    shares: new SharesService(uow, audience, emitter),
    teams: new TeamsService(uow, log, emitter),
    dashboard: new DashboardService(uow, log),
    emitted,
    close: async () => {
      await dataSource.destroy();
      await pg?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface UserBuilder {
  id: string;
  email: string;
  name: string;
}

/** Registers a user through the real AuthService. */
export async function aUser(app: TestApp, name = 'Ada'): Promise<UserBuilder> {
  const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`;
  const session = await app.auth.register({ email, password: 'correct horse battery', name });
  return { id: session.user.id, email, name };
}
