import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { createApp } from './app.factory';
import { APP_CONFIG, type AppConfig } from './platform/config/app-config';

/** How long in-flight requests get to finish after SIGTERM before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

async function bootstrap(): Promise<void> {
  const app = await createApp();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.port);
  closeIdleConnectionsOnShutdown(app);
  const database = config.database.type === 'postgres' ? 'PostgreSQL' : `SQLite (${config.database.file})`;
  new Logger('Bootstrap').log(`TaskPulse listening on http://localhost:${config.port} with ${database}`);
}

/**
 * A keep-alive connection whose request was still in flight when shutdown began turns idle afterwards, and
 * `server.close()` would then wait out its keep-alive timeout (5 s) before the process can exit: close those as they go idle.
 */
function closeIdleConnectionsOnShutdown(app: INestApplication): void {
  const server = app.getHttpServer() as Server;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setInterval(() => server.closeIdleConnections(), 100).unref();
      // A request that never completes (a client sending half a body) must not hold the exit forever.
      setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    });
  }
}

bootstrap().catch((error: unknown) => {
  // Logs are buffered until the app is up: flush them, so a failed start always says why.
  Logger.flush();
  new Logger('Bootstrap').error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
  setImmediate(() => process.exit(1));
});
