// `npm run bench`: builds the server and the bench, then runs e2e/bench/run.ts (see there for what it measures).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildBackendIfStale, buildTestSupportIfStale, root } from './lib.mjs';

buildBackendIfStale();
buildTestSupportIfStale();
execFileSync('npx', ['tsc', '-p', 'tsconfig.bench.json'], { cwd: join(root, 'e2e'), stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'e2e', 'dist', 'e2e', 'bench', 'run.js')], { cwd: root, stdio: 'inherit' });
