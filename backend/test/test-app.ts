import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase, testDatabase } from '@taskpulse/test-support';
import { AccessRepository } from '../src/access/access.repository';
import { AccessService } from '../src/access/access.service';
import { VisibleTasksRepository } from '../src/access/visible-tasks.repository';
import { AuthService } from '../src/auth/auth.service';
import { RefreshTokensRepository } from '../src/auth/refresh-tokens.repository';
import { TokenVerifier } from '../src/auth/token-verifier';
import { DashboardRepository } from '../src/dashboard/dashboard.repository';
import { DashboardService } from '../src/dashboard/dashboard.service';
import { TaskChangedEvent, TeamMembershipChangedEvent } from '../src/event-log/domain-events';
import { DomainEvents } from '../src/event-log/domain-events.publisher';
import type { EventLogEntry } from '../src/event-log/event-log-entry';
import { EventLogRepository } from '../src/event-log/event-log.repository';
import { EventLogService } from '../src/event-log/event-log.service';
import { NotificationsRepository } from '../src/notifications/notifications.repository';
import { NotificationsService } from '../src/notifications/notifications.service';
import { CommentsRepository } from '../src/comments/comments.repository';
import { CommentsService } from '../src/comments/comments.service';
import { AppConfig, loadConfig } from '../src/platform/config/app-config';
import { openDatabase } from '../src/platform/database/data-source';
import type { SqlDatabase } from '../src/platform/database/sql-database';
import { SharesRepository } from '../src/shares/shares.repository';
import { SharesService } from '../src/shares/shares.service';
import { TasksRepository } from '../src/tasks/tasks.repository';
import { TasksService } from '../src/tasks/tasks.service';
import { TeamsRepository } from '../src/teams/teams.repository';
import { TeamsService } from '../src/teams/teams.service';
import { UsersRepository } from '../src/users/users.repository';
import { UsersService } from '../src/users/users.service';

export { testDatabase };

/** The real services wired by hand over a real database of their own (SQLite file, or a fresh PostgreSQL db). */
export interface TestApp {
  config: AppConfig;
  db: SqlDatabase;
  log: EventLogService;
  auth: AuthService;
  tokens: TokenVerifier;
  users: UsersService;
  tasks: TasksService;
  shares: SharesService;
  teams: TeamsService;
  dashboard: DashboardService;
  notifications: NotificationsService;
  comments: CommentsService;
  /** Every domain event emitted after commit, in emission order. */
  emitted: EventLogEntry[];
  close(): Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'taskpulse-unit-'));
  const pg = testDatabase === 'postgres' ? await createPostgresDatabase('taskpulse_unit') : null;
  const config = loadConfig({
    DATA_DIR: dataDir,
    JWT_SECRET: 'unit-secret-0123456789-0123456789-0123456789',
    PASSWORD_HASH_MEMORY_KIB: '1024',
    ...(pg ? { DATABASE_URL: pg.url } : {}),
    ...env,
  });
  const db = await openDatabase(config);
  const emitter = new EventEmitter2();
  const emitted: EventLogEntry[] = [];
  emitter.on(TaskChangedEvent.eventName, (event: TaskChangedEvent) => emitted.push(event.entry));
  emitter.on(TeamMembershipChangedEvent.eventName, (event: TeamMembershipChangedEvent) => emitted.push(event.entry));
  const log = new EventLogService(db, new EventLogRepository(), new DomainEvents(emitter));
  const access = new AccessService(db, new AccessRepository());
  const visible = new VisibleTasksRepository(db);
  const users = new UsersRepository();
  const tokens = new TokenVerifier(config);
  const notifications = new NotificationsService(db, new NotificationsRepository(), log);
  return {
    config,
    db,
    log,
    tokens,
    auth: new AuthService(db, users, new RefreshTokensRepository(), tokens, config),
    users: new UsersService(db, users),
    tasks: new TasksService(new TasksRepository(), visible, access, log, notifications),
    shares: new SharesService(db, new SharesRepository(), users, access, log, notifications),
    teams: new TeamsService(db, new TeamsRepository(), users, log, access, notifications),
    dashboard: new DashboardService(new DashboardRepository(visible), log),
    notifications,
    comments: new CommentsService(new CommentsRepository(), access, log, notifications),
    emitted,
    close: async () => {
      await db.close();
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
