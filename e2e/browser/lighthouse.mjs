// `npm run lighthouse` (opt-in, not part of `npm test`): builds what is stale, starts the server on a free port
// with throwaway data, and runs Lighthouse (mobile preset) on the sign-in page and, signed in through the form,
// on the dashboard. Prints performance / accessibility / best practices and the figures behind them; the full
// reports go to artifacts/lighthouse/.
// LIGHTHOUSE_PREVIEW_SERVER=1 puts a small proxy in front of the server that does what the server is meant to do
// for the web app (Brotli/gzip, `Cache-Control: immutable` for hashed files, `no-cache` for index.html), to
// preview the figures once it does.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { connect, createServer } from 'node:net';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { buildBackendIfStale, buildFrontendIfStale, root } from '../../scripts/lib.mjs';

const CHROME_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const REPORTS = join(root, 'artifacts', 'lighthouse');

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startServer() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'taskpulse-lighthouse-'));
  const child = spawn(process.execPath, [join(root, 'backend', 'dist', 'main.js')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomUUID() + randomUUID(),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it was ready`);
    if (Date.now() > deadline) throw new Error(`the server did not answer ${url}/health/ready within 30 s`);
    const ready = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = () =>
    new Promise((resolve) => {
      child.once('exit', () => {
        rmSync(dataDir, { recursive: true, force: true });
        resolve();
      });
      child.kill('SIGTERM');
    });
  return { url, stop };
}

/** Compression and caching as the server should do them for the web app; WebSocket upgrades pass through. */
async function startPreviewProxy(target) {
  const upstream = new URL(target);
  const port = await freePort();
  const hashed = /-[A-Z0-9]{8,}\.(js|css)$/;
  const proxy = createHttpServer((request, response) => {
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, 'accept-encoding': 'identity' },
      },
      (answer) => {
        const chunks = [];
        answer.on('data', (chunk) => chunks.push(chunk));
        answer.on('end', () => {
          let body = Buffer.concat(chunks);
          const headers = { ...answer.headers };
          const path = new URL(request.url, target).pathname;
          if (!path.startsWith('/api/')) {
            headers['cache-control'] = hashed.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
          }
          const accepts = String(request.headers['accept-encoding'] ?? '');
          if (/^(text\/|application\/(javascript|json))/.test(String(headers['content-type'] ?? '')) && body.length > 1024) {
            if (accepts.includes('br')) {
              body = brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } });
              headers['content-encoding'] = 'br';
            } else if (accepts.includes('gzip')) {
              body = gzipSync(body, { level: 9 });
              headers['content-encoding'] = 'gzip';
            }
            headers['content-length'] = String(body.length);
            headers.vary = 'Accept-Encoding';
            delete headers['transfer-encoding'];
          }
          response.writeHead(answer.statusCode ?? 502, headers);
          response.end(body);
        });
      },
    );
    forward.on('error', () => response.writeHead(502).end());
    request.pipe(forward);
  });
  proxy.on('upgrade', (request, socket, head) => {
    const server = connect(Number(upstream.port), upstream.hostname, () => {
      const lines = [`${request.method} ${request.url} HTTP/1.1`, ...Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`)];
      server.write(`${lines.join('\r\n')}\r\n\r\n`);
      server.write(head);
      server.pipe(socket);
      socket.pipe(server);
    });
    server.on('error', () => socket.destroy());
    socket.on('error', () => server.destroy());
  });
  await new Promise((resolve) => proxy.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => proxy.close(resolve)) };
}

async function post(url, path, body, token) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** A user with a few tasks, so the dashboard shows figures rather than its first-run invitation. */
async function seedUser(url) {
  const person = {
    name: 'Lighthouse Tester',
    email: `lighthouse-${randomUUID().slice(0, 8)}@example.com`,
    password: 'correct horse battery',
  };
  const session = await post(url, '/api/auth/register', person);
  const team = await post(url, '/api/teams', { name: 'Launch crew' }, session.access_token);
  for (const [title, extra] of [
    ['Write the release notes', { teamId: team.id }],
    ['Renew the domain name', { priority: 'high' }],
    ['Record the demo video', { teamId: team.id, priority: 'low' }],
  ]) {
    await post(url, '/api/tasks', { title, ...extra }, session.access_token);
  }
  return person;
}

/** Signs in through the form, as a person would; the session (refresh token) stays in the profile's storage. */
async function signIn(port, url, person) {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}` });
  const page = await browser.newPage();
  await page.goto(`${url}/login`);
  await page.waitForSelector('#login-email');
  await page.type('#login-email', person.email);
  await page.type('#login-password', person.password);
  await Promise.all([
    page.waitForFunction(() => globalThis.location.pathname === '/dashboard', { timeout: 15_000 }),
    page.keyboard.press('Enter'),
  ]);
  await page.waitForSelector('[data-testid="stat-total"]', { timeout: 15_000 });
  // Measure the dashboard as a first visit would load it: the session stays, the HTTP cache goes.
  const cdp = await page.createCDPSession();
  await cdp.send('Network.clearBrowserCache');
  await page.close();
  await browser.disconnect();
}

async function audit(port, url, name, disableStorageReset) {
  const result = await lighthouse(url, { port, output: 'html', logLevel: 'error', onlyCategories: CATEGORIES, disableStorageReset });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.message}`);
  mkdirSync(REPORTS, { recursive: true });
  writeFileSync(join(REPORTS, `${name}.html`), result.report);
  writeFileSync(join(REPORTS, `${name}.json`), JSON.stringify(lhr, null, 1));
  const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const shown = (id) => lhr.audits[id]?.displayValue ?? '–';
  const failed = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
    .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
  return {
    page: name,
    url: lhr.finalDisplayedUrl,
    performance: score('performance'),
    accessibility: score('accessibility'),
    'best-practices': score('best-practices'),
    FCP: shown('first-contentful-paint'),
    LCP: shown('largest-contentful-paint'),
    TBT: shown('total-blocking-time'),
    CLS: shown('cumulative-layout-shift'),
    below90: failed,
  };
}

buildBackendIfStale();
buildFrontendIfStale();
const preview = process.env.LIGHTHOUSE_PREVIEW_SERVER === '1';
const server = await startServer();
const proxy = preview ? await startPreviewProxy(server.url) : null;
const base = proxy?.url ?? server.url;
const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS });
const rows = [];
try {
  const person = await seedUser(server.url);
  // Signed out first: the sign-in page redirects to the dashboard once there is a session.
  rows.push(await audit(chrome.port, `${base}/login`, 'sign-in', false));
  await signIn(chrome.port, base, person);
  rows.push(await audit(chrome.port, `${base}/dashboard`, 'dashboard', true));
} finally {
  await chrome.kill();
  await proxy?.stop();
  await server.stop();
}

const { version } = createRequire(import.meta.url)('lighthouse/package.json');
console.log(
  `\nLighthouse ${version}, mobile preset${preview ? ', server compression and caching previewed by a proxy' : ''} (reports in ${REPORTS})`,
);
console.log('| page | performance | accessibility | best practices | FCP | LCP | TBT | CLS |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.page} | ${r.performance} | ${r.accessibility} | ${r['best-practices']} | ${r.FCP} | ${r.LCP} | ${r.TBT} | ${r.CLS} |`);
}
for (const r of rows) {
  if (r.below90.length) console.log(`${r.page}: audits below 0.9: ${r.below90.join(', ')}`);
}
