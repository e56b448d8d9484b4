// `npm start`: build what is missing or stale, then serve API, WebSocket and the web app on one port.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildBackendIfStale, buildFrontendIfStale, root } from './lib.mjs';

buildBackendIfStale();
buildFrontendIfStale();

const server = spawn(process.execPath, [join(root, 'backend', 'dist', 'main.js')], { stdio: 'inherit', cwd: root });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
