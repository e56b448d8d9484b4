/**
 * The header says "live" only while something can reach the server: one indicator (its line says "Live"; no
 * second "Live" badge beside it), not-live within a second of the browser going offline, at once when an action
 * gets no answer and the socket then misses its pong, and within the heartbeat when pongs stop coming.
 * With UPDATE_DOCS_SCREENSHOT=1 it also rewrites docs/after-offline-header.png.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Api, TestUser } from '../support/api';
import { launchChromium } from '../support/browser';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, DESKTOP, UI_TIMEOUT_MS, saveLog } from './helpers/app-window';
import { waitingFor } from '@taskpulse/test-support';

const DOCS_OFFLINE = join(__dirname, '..', '..', 'docs', 'after-offline-header.png');
/** The client pings every 30 s and gives a pong 5 s. */
const PING_INTERVAL_MS = 30_000;
const PONG_TIMEOUT_MS = 5_000;

describe('an honest connection indicator', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let ada: TestUser;
  const windows: AppWindow[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    api = new Api(server.url);
    ada = await api.register({ name: 'Ada Park' });
    await api.createTask(ada, { title: 'Call the caterer' });
  });

  afterAll(async () => {
    await Promise.allSettled(windows.map((window) => window.close()));
    await browser?.close();
    if (server) saveLog('connection-honesty server', server.output());
    await server?.dispose();
  });

  async function open(label: string, before?: (window: AppWindow) => Promise<void>): Promise<AppWindow> {
    const window = await AppWindow.open(browser, server.url, label, DESKTOP);
    windows.push(window);
    await before?.(window);
    await window.signIn(ada);
    await window.navigate('Tasks');
    await window.waitUntilLive();
    return window;
  }

  /** What the indicator says now (its data-status, the line a person reads). */
  async function indicator(page: Page) {
    return page.evaluate(() => ({
      status: document.querySelector('[data-testid="connection-indicator"]')?.getAttribute('data-status'),
      mode: document.querySelector('[data-testid="realtime-mode"]')?.textContent?.trim(),
    }));
  }

  async function waitForNotLive(page: Page, what: string, timeoutMs: number): Promise<number> {
    const started = Date.now();
    await waitingFor(
      what,
      page.waitForFunction(
        () => document.querySelector('[data-testid="connection-indicator"]')?.getAttribute('data-status') !== 'connected',
        undefined,
        { timeout: timeoutMs, polling: 50 },
      ),
    );
    return Date.now() - started;
  }

  it('shows one indicator, in the header', async () => {
    const window = await open("Ada's window");
    const { page } = window;

    const header = page.locator('header');
    expect(await page.getByTestId('connection-status').count()).toBe(1);
    expect(await page.getByTestId('connection-indicator').count()).toBe(1);
    expect(await header.getByTestId('connection-indicator').count()).toBe(1);
    // The one "Live" on the page is the indicator's own line.
    expect(await page.getByText('Live', { exact: true }).count()).toBe(1);
    expect(await header.getByTestId('connection-indicator').getByText('Live', { exact: true }).count()).toBe(1);
    expect(await indicator(page)).toEqual({ status: 'connected', mode: 'Live' });
    await window.markPage();
  });

  it('stops saying live within a second of the browser going offline, and says "Offline"', async () => {
    const window = windows[0];
    const { page } = window;

    await window.context.setOffline(true);
    const ms = await waitForNotLive(page, 'the indicator to leave "live" after going offline', 1000);

    console.log(`Offline shown ${ms} ms after the offline event`);
    await waitingFor(
      '"Offline"',
      page
        .getByTestId('realtime-mode')
        .filter({ hasText: /^Offline$/ })
        .waitFor({ timeout: 1000 }),
    );
    expect(await indicator(page)).toEqual({ status: 'disconnected', mode: 'Offline' });
    await window.screenshot('connection-offline');
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
      await page.screenshot({
        path: DOCS_OFFLINE,
        clip: { x: 0, y: 0, width: DESKTOP.width, height: 200 },
        animations: 'disabled',
        caret: 'hide',
      });
    }
  });

  it('stays not-live while offline, and goes live by itself as soon as the browser is back online', async () => {
    const window = windows[0];
    await window.page.waitForTimeout(3000);
    expect((await indicator(window.page)).status).not.toBe('connected');

    const before = Date.now();
    await window.context.setOffline(false);
    await window.waitUntilLive(UI_TIMEOUT_MS);
    console.log(`Live again ${Date.now() - before} ms after the online event`);
    expect(await window.wasReloaded()).toBe(false);
  });

  it('when an action gets no answer, checks the socket at once: no pong within 5 s, no "live"', async () => {
    let dropPongs = false;
    const window = await open("Ada's window (server unreachable)", (w) =>
      w.context.routeWebSocket(/\/api\/ws/, (socket) => {
        const upstream = socket.connectToServer();
        upstream.onMessage((message) => {
          if (!(dropPongs && String(message).includes('"event_type":"pong"'))) socket.send(message);
        });
      }),
    );
    const { page } = window;
    // What a server that is gone looks like to the page: requests fail, and the socket (kept open by a
    // proxy, say) answers nothing.
    dropPongs = true;
    await window.context.route('**/api/tasks/**', (route) => route.abort('connectionrefused'));

    const clicked = Date.now();
    await window.row('Call the caterer').getByRole('button', { name: 'Complete' }).click();
    await waitingFor(
      'the action to say the server cannot be reached',
      window.row('Call the caterer').getByRole('alert').filter({ hasText: 'Cannot reach the server' }).waitFor({ timeout: UI_TIMEOUT_MS }),
    );
    await waitForNotLive(page, 'the indicator to leave "live" once the probe ping goes unanswered', PONG_TIMEOUT_MS + 2000);
    console.log(`Not live ${Date.now() - clicked} ms after the failed action`);
    await window.context.unroute('**/api/tasks/**');
  });

  it('when pongs stop coming, stops saying live within the heartbeat (30 s ping + 5 s), not at the next ping', async () => {
    let dropPongs = false;
    const window = await open("Ada's window (silent socket)", async (w) => {
      await w.context.clock.install();
      await w.context.routeWebSocket(/\/api\/ws/, (socket) => {
        const upstream = socket.connectToServer();
        upstream.onMessage((message) => {
          if (!(dropPongs && String(message).includes('"event_type":"pong"'))) socket.send(message);
        });
      });
    });
    const { page } = window;

    dropPongs = true;
    await page.clock.fastForward(PING_INTERVAL_MS);
    expect((await indicator(page)).status).toBe('connected');
    await page.clock.fastForward(PONG_TIMEOUT_MS + 100);

    await waitForNotLive(page, 'the indicator to leave "live" after an unanswered ping', 2000);
    expect((await indicator(page)).mode).not.toBe('Live');
  });
});
