// `npm test`: every suite this machine can run. Suites that need PostgreSQL or Chromium are skipped with one
// line when the service is absent, except under CI=true, where an absent service fails the run.
// TEST_ONLY=lint,typecheck,backend,frontend,api,realtime,browser narrows the run (names of the steps below).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBackendIfStale, buildFrontendIfStale, buildTestSupportIfStale, frontendExists, root } from './lib.mjs';
import { chromiumAvailable, chromiumPath, postgresAvailable, postgresUrl, redisAvailable, redisUrl } from './services.mjs';

const ci = process.env.CI === 'true';
const only = process.env.TEST_ONLY ? process.env.TEST_ONLY.split(',') : null;
const reports = mkdtempSync(join(tmpdir(), 'taskpulse-test-'));
const results = [];
let problems = 0;

function hasTests(dir) {
  return existsSync(dir) && readdirSync(dir, { recursive: true }).some((file) => String(file).endsWith('.e2e.ts'));
}

function wanted(name) {
  return !only || only.includes(name);
}

function unavailable(what, suites) {
  if (ci) {
    console.error(`✗ ${what} is not available, and CI=true requires the ${suites}.`);
    problems += 1;
  } else {
    console.log(`- skipping the ${suites}: ${what} is not available on this machine.`);
  }
}

function jest(label, workspace, args, env = {}) {
  const report = join(reports, `${results.length}.json`);
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const run = spawnSync('npx', ['jest', ...args, '--json', `--outputFile=${report}`], {
    cwd: join(root, workspace),
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  let counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    counts = { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests };
  } catch {
    // no report: the run crashed before writing it
  }
  const ok = run.status === 0;
  if (!ok) problems += 1;
  results.push({ label, ok, seconds: Math.round((Date.now() - started) / 1000), ...counts });
}

const esm = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim() };
const postgres = await postgresAvailable();
const redis = await redisAvailable();
const chromium = chromiumAvailable();
buildBackendIfStale();
buildTestSupportIfStale();

/** A step that is one or more commands rather than a Jest run: passes when every command exits 0. */
function commands(label, list) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  let ok = true;
  for (const [command, args] of list) ok = spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status === 0 && ok;
  if (!ok) problems += 1;
  results.push({ label, ok, seconds: Math.round((Date.now() - started) / 1000), passed: 0, failed: ok ? 0 : 1, skipped: 0 });
}

if (wanted('lint'))
  commands('lint (ESLint, Prettier)', [
    ['npx', ['eslint', '.']],
    ['npx', ['prettier', '--check', '.']],
  ]);
if (wanted('typecheck')) {
  commands('type-check (backend with specs, e2e, test-support, web app with strict templates)', [
    ...['backend/tsconfig.json', 'e2e/tsconfig.json', 'test-support/tsconfig.json'].map((project) => [
      'npx',
      ['tsc', '--noEmit', '-p', project],
    ]),
    ['npx', ['ngc', '-p', 'frontend/tsconfig.app.json', '--noEmit']],
  ]);
}
if (wanted('backend')) {
  jest('backend unit specs (SQLite)', 'backend', [], esm);
  if (postgres)
    jest('backend unit specs (PostgreSQL)', 'backend', [], { ...esm, TEST_DATABASE: 'postgres', TEST_POSTGRES_URL: postgresUrl });
  else unavailable(`PostgreSQL at ${postgresUrl}`, 'backend PostgreSQL specs');
}
if (wanted('frontend') && frontendExists()) jest('frontend unit tests', 'frontend', []);
for (const project of ['api', 'realtime']) {
  if (!wanted(project)) continue;
  if (!hasTests(join(root, 'e2e', project))) {
    console.log(`- e2e ${project}: no suites in e2e/${project} yet.`);
    continue;
  }
  // Suites that need Redis (the scale-out suite, the bus and rate-limit checks) run when it answers.
  const withRedis = project === 'realtime' && redis ? { TEST_REDIS_URL: redisUrl } : {};
  if (project === 'realtime' && !redis) unavailable(`Redis at ${redisUrl}`, 'Redis suites (scale-out, bus, rate limits)');
  jest(`e2e ${project} (SQLite)`, 'e2e', ['--selectProjects', project, '--runInBand'], withRedis);
  if (postgres) {
    // Two instances on one database and one Redis: the scale-out suite (realtime) runs here.
    const scaleOut = withRedis;
    jest(`e2e ${project} (PostgreSQL)`, 'e2e', ['--selectProjects', project, '--runInBand'], {
      TEST_DATABASE: 'postgres',
      TEST_POSTGRES_URL: postgresUrl,
      ...scaleOut,
    });
  } else {
    unavailable(`PostgreSQL at ${postgresUrl}`, `e2e ${project} PostgreSQL suites`);
  }
}
if (wanted('browser') && frontendExists() && hasTests(join(root, 'e2e', 'browser'))) {
  if (chromium) {
    buildFrontendIfStale();
    jest('e2e browser (Chromium)', 'e2e', ['--selectProjects', 'browser', '--runInBand'], { CHROMIUM_PATH: chromiumPath });
  } else {
    unavailable(`Chromium at ${chromiumPath} (apt-get install -y chromium)`, 'browser suites');
  }
}

console.log('\nSummary');
for (const r of results) {
  console.log(`${r.ok ? '✓' : '✗'} ${r.label}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${r.seconds} s)`);
}
const total = results.reduce(
  (sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(problems === 0 ? 0 : 1);
