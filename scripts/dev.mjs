// `npm run dev`: the API (rebuilt on start) plus the Angular dev server, which proxies /api to it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildBackendIfStale, root } from './lib.mjs';

buildBackendIfStale();
const children = [
  spawn(process.execPath, [join(root, 'backend', 'dist', 'main.js')], { stdio: 'inherit', cwd: root }),
  spawn('npx', ['ng', 'serve', '--proxy-config', 'frontend/proxy.conf.json', '--port', '4200'], { stdio: 'inherit', cwd: root }),
];
const stop = (signal) => children.forEach((child) => child.kill(signal));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
for (const child of children) child.on('exit', () => stop('SIGTERM'));
