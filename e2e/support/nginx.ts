import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@taskpulse/test-support';
import { freePort } from './server';

export const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

/** The site configuration of docs/deploy.md: the first ```nginx block, exactly as documented. */
export function documentedSiteConfig(): string {
  const page = readFileSync(join(__dirname, '..', '..', 'docs', 'deploy.md'), 'utf8');
  const block = /```nginx\n([\s\S]*?)```/.exec(page);
  if (!block) throw new Error('docs/deploy.md has no ```nginx block');
  return block[1];
}

/** The documented site for these upstream ports and this listening port; `stripUpgrades`: as a proxy that refuses WebSocket. */
export function siteFor(site: string, upstreamPorts: readonly number[], port: number, stripUpgrades = false): string {
  const servers = upstreamPorts.map((p) => `    server 127.0.0.1:${p};`).join('\n');
  let config = site
    .replace(/(upstream taskpulse \{\n)((?:\s*server [^\n]+\n)+)/, `$1${servers}\n`)
    .replace('listen 80;', `listen 127.0.0.1:${port};`);
  if (stripUpgrades) {
    config = config
      .replace('proxy_set_header Upgrade $http_upgrade;', 'proxy_set_header Upgrade "";')
      .replace('proxy_set_header Connection $taskpulse_connection;', "proxy_set_header Connection '';");
  }
  if (!config.includes(`listen 127.0.0.1:${port};`) || !config.includes(servers))
    throw new Error('the documented site did not take the test ports');
  return config;
}

export interface RunningNginx {
  url: string;
  wsUrl: string;
  port: number;
  output(): string;
  stop(): Promise<void>;
}

/** Runs nginx in the foreground with its own prefix, temp paths and logs in a temporary directory. */
export async function startNginx(site: (port: number) => string): Promise<RunningNginx> {
  const port = await freePort();
  const prefix = mkdtempSync(join(tmpdir(), 'taskpulse-nginx-'));
  for (const dir of ['logs', 'tmp']) mkdirSync(join(prefix, dir));
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
master_process off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
${site(port)}
}
`,
  );
  const child: ChildProcess = spawn(NGINX_BIN, ['-p', prefix, '-c', conf, '-e', join(prefix, 'logs', 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const output = () => {
    const errors = existsSync(join(prefix, 'logs', 'error.log')) ? readFileSync(join(prefix, 'logs', 'error.log'), 'utf8') : '';
    return `${log}${errors}`;
  };
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        rmSync(prefix, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGQUIT');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${output()}`);
        return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) }).catch(() => null))?.ok;
      },
      `nginx on port ${port} to answer`,
      10_000,
      100,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, wsUrl: `ws://127.0.0.1:${port}/api/ws`, port, output, stop };
}
