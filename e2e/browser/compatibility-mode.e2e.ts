/**
 * A proxy that refuses WebSocket upgrades: the app falls back to server-sent events, says "Live (compatibility
 * mode)", and shows another user's changes live (not by polling) as they happen.
 */
import type { Browser } from 'playwright-core';
import { waitingFor } from '@taskpulse/test-support';
import { Api, TestUser } from '../support/api';
import { launchChromium } from '../support/browser';
import { type NoUpgradeProxy, startNoUpgradeProxy } from '../support/no-upgrade-proxy';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, UI_TIMEOUT_MS, saveLog } from './helpers/app-window';

/** Two refused upgrades (after ~1 and ~2 s of backoff) before the app tries server-sent events. */
const FALLBACK_TIMEOUT_MS = 20_000;
/** Polling would take up to 5 s: a change shown sooner than this came over the stream. */
const LIVE_MS = 2_000;

describe('live behind a proxy that refuses WebSocket upgrades', () => {
  let server: RunningServer;
  let proxy: NoUpgradeProxy;
  let browser: Browser;
  let window: AppWindow;
  let api: Api;
  let ada: TestUser;
  let ben: TestUser;
  let teamId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    proxy = await startNoUpgradeProxy(server.url);
    api = new Api(server.url);
    [ada, ben] = await Promise.all([api.register({ name: 'Ada Park' }), api.register({ name: 'Ben Okafor' })]);
    teamId = (await api.createTeam(ada, 'Proxy crew')).id;
    await api.addMember(ada, teamId, ben);
    window = await AppWindow.open(browser, proxy.url, "Ada's window (behind the proxy)");
  });

  afterAll(async () => {
    await window?.close();
    await browser?.close();
    await proxy?.close();
    if (server) saveLog('compatibility-mode server', server.output());
    await server?.dispose();
  });

  it('says "Live (compatibility mode)" once WebSocket upgrades have failed', async () => {
    await window.signIn(ada);
    await window.navigate('Tasks');
    await waitingFor(
      'the mode line to say "Live (compatibility mode)"',
      window.page.getByTestId('realtime-mode').filter({ hasText: 'Live (compatibility mode)' }).waitFor({ timeout: FALLBACK_TIMEOUT_MS }),
    );
    expect(await window.connectionIndicator().getAttribute('data-status')).toBe('connected');
    expect(proxy.refusedUpgrades()).toBeGreaterThanOrEqual(2);
  });

  it('shows another user’s new task and its completion live over the stream', async () => {
    const started = Date.now();
    const task = await api.createTask(ben, { title: 'Carried by server-sent events', teamId });
    await waitingFor('the new task in the list', window.rowById(task.id).waitFor({ timeout: UI_TIMEOUT_MS }));
    const shownMs = Date.now() - started;

    const completedAt = Date.now();
    await api.request('PATCH', `/api/tasks/${task.id}`, { token: ben.token, body: { status: 'completed' } });
    await waitingFor(
      'the completion in the list',
      window.page.locator(`[data-task-id="${task.id}"][data-status="completed"]`).waitFor({ timeout: UI_TIMEOUT_MS }),
    );
    const completedMs = Date.now() - completedAt;
    console.log(`compatibility mode: new task shown after ${shownMs} ms, completion after ${completedMs} ms`);
    expect(shownMs).toBeLessThan(LIVE_MS);
    expect(completedMs).toBeLessThan(LIVE_MS);
    expect(await window.page.getByTestId('realtime-mode').textContent()).toContain('Live (compatibility mode)');
  });
});
