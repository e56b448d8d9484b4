import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createPostgresDatabase, eventually, testDatabase } from '@taskpulse/test-support';

/** The repository root, found from here whether this file runs from source (Jest) or compiled (bench). */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'backend', 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${__dirname}`);
    dir = parent;
  }
  return dir;
}
const root = repoRoot();

/** The JWT secret of every server started here (a test that needs another passes `env.JWT_SECRET`). */
export const E2E_JWT_SECRET = 'e2e-secret-0123456789-0123456789-0123456789';

export interface ServerOptions {
  env?: Record<string, string>;
  /** Reuse an existing data dir / database / port (for restart tests). */
  dataDir?: string;
  port?: number;
  /** Extra node flags for the server process (the bench profiles with --cpu-prof). */
  execArgv?: string[];
  databaseUrl?: string;
}

export interface RunningServer {
  url: string;
  wsUrl: string;
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  process: ChildProcess;
  output: () => string;
  /** Sends a signal and waits for the exit; resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  /** Stops the server and removes its data (and its PostgreSQL database). */
  dispose: () => Promise<void>;
}

/** Sends `signal` to `child` unless it has exited already, and answers its exit code once it has. */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Waits for /health/ready. A fresh PostgreSQL database is migrated first, and each of the schema's indexes is synced
 * to disk as it is built: seconds on an idle machine, tens of seconds on a busy one.
 */
async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs = 50_000): Promise<void> {
  const ready = async () => {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready`);
    // Refused while it is not listening yet.
    return (await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) }).catch(() => null))?.ok;
  };
  try {
    await eventually(ready, `the server at ${url} to be ready`, timeoutMs, 100);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : error}:\n${output()}`);
  }
}

/** Starts the real server (`node backend/dist/main.js`, as `npm start` does) on a free port with its own data. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'taskpulse-e2e-'));
  let databaseUrl = options.databaseUrl ?? null;
  let dropDatabase: (() => Promise<void>) | null = null;
  if (!databaseUrl && testDatabase === 'postgres') {
    const database = await createPostgresDatabase('taskpulse_e2e');
    databaseUrl = database.url;
    dropDatabase = database.drop;
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'test',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // The suites make requests and connections far faster than people do: limits are lifted unless a test sets one.
    AUTH_RATE_LIMIT: '100000',
    AUTH_ACCOUNT_RATE_LIMIT: '100000',
    REFRESH_RATE_LIMIT: '100000',
    USER_LOOKUP_RATE_LIMIT: '100000',
    MUTATION_RATE_LIMIT: '100000',
    WS_CONNECT_RATE_LIMIT: '100000',
    WS_CONNECT_RATE_LIMIT_PER_ADDRESS: '100000',
    JWT_SECRET: E2E_JWT_SECRET,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  };
  const args = [...(options.execArgv ?? []), join(root, 'backend', 'dist', 'main.js')];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (chunk) => (log = (log + chunk).slice(-200_000)));
  child.stderr?.on('data', (chunk) => (log = (log + chunk).slice(-200_000)));
  const output = () => log;
  const url = `http://127.0.0.1:${port}`;
  const stop = (signal: NodeJS.Signals = 'SIGTERM') => stopProcess(child, signal);
  try {
    await waitForHealth(url, child, output);
  } catch (error) {
    await stop('SIGKILL');
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase?.();
    throw error;
  }
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/api/ws`,
    port,
    dataDir,
    databaseUrl,
    process: child,
    output,
    stop,
    dispose: async () => {
      await stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      await dropDatabase?.();
    },
  };
}
