// Shared by start/test/bench: staleness checks and builds, so `npm start` and `npm test` build only what changed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

export function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === '.angular') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function isStale(output, sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((source) => newestMtime(source) > built);
}

function npm(args) {
  execFileSync('npm', args, { cwd: root, stdio: 'inherit' });
}

const contractSources = [join(root, 'contract', 'src'), join(root, 'contract', 'tsconfig.json')];

/** The contract package is compiled once for the backend (CommonJS) and the web app (ES modules). */
export function buildContractIfStale() {
  if (!isStale(join(root, 'contract', 'dist', 'esm', 'index.js'), contractSources)) return;
  console.log('Building the contract package…');
  npm(['run', 'build', '-w', 'contract']);
}

const testSupportSources = [join(root, 'test-support', 'src'), join(root, 'test-support', 'tsconfig.json')];

/** The shared test helpers: the specs and suites run their source, the compiled bench and the type-check their build. */
export function buildTestSupportIfStale() {
  if (!isStale(join(root, 'test-support', 'dist', 'index.js'), testSupportSources)) return;
  console.log('Building the test-support package…');
  npm(['run', 'build', '-w', 'test-support']);
}

export function buildBackendIfStale() {
  buildContractIfStale();
  const output = join(root, 'backend', 'dist', 'main.js');
  if (!isStale(output, [join(root, 'backend', 'src'), join(root, 'backend', 'tsconfig.build.json'), ...contractSources])) return;
  console.log('Building the backend…');
  npm(['run', 'build', '-w', 'backend']);
}

export function frontendExists() {
  return existsSync(join(root, 'angular.json')) && existsSync(join(root, 'frontend', 'src', 'main.ts'));
}

export function buildFrontendIfStale() {
  if (!frontendExists()) return;
  buildContractIfStale();
  const output = join(root, 'frontend', 'dist', 'browser', 'index.html');
  const sources = [join(root, 'frontend', 'src'), join(root, 'angular.json'), ...contractSources];
  if (!isStale(output, sources)) return;
  console.log('Building the web app (first start takes about a minute)…');
  npm(['run', 'build', '-w', 'frontend']);
}
