/**
 * One connection per browser: twenty tabs of one browser hold one socket (the leader tab's; the others hear it
 * through a BroadcastChannel), counted by the server's `taskpulse_ws_connections` gauge. When the leader tab
 * closes another takes over, and a change made after that still reaches every remaining tab.
 */
import type { Browser, Page } from 'playwright-core';
import { eventually, waitingFor } from '@taskpulse/test-support';
import { Api, TestUser } from '../support/api';
import { launchChromium } from '../support/browser';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, UI_TIMEOUT_MS, saveLog } from './helpers/app-window';

const TABS = 20;

describe('one realtime connection per browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let ada: TestUser;
  let window: AppWindow;
  let tabs: Page[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    api = new Api(server.url);
    ada = await api.register({ name: 'Ada Park' });
    await api.createTask(ada, { title: 'Seen in every tab' });
    window = await AppWindow.open(browser, server.url, "Ada's browser (20 tabs)");
  });

  afterAll(async () => {
    await window?.close();
    await browser?.close();
    if (server) saveLog('one-connection server', server.output());
    await server?.dispose();
  });

  async function openConnections(): Promise<number> {
    const answer = await api.request<string>('GET', '/metrics');
    const line = String(answer.body)
      .split('\n')
      .find((text) => text.startsWith('taskpulse_ws_connections'));
    return Number(line?.split(/\s+/)[1] ?? NaN);
  }

  async function expectConnections(count: number, what: string): Promise<void> {
    await eventually(async () => (await openConnections()) === count, `${what}: taskpulse_ws_connections to be ${count}`, 15_000, 200);
  }

  const live = (page: Page) =>
    page.locator('[data-testid="connection-indicator"][data-status="connected"]').waitFor({ timeout: UI_TIMEOUT_MS });
  const role = (page: Page) => page.getByTestId('connection-status').getAttribute('data-tab-role');

  it(`opens ${TABS} tabs of one browser on one connection`, async () => {
    await window.signIn(ada);
    await window.navigate('Tasks');
    await window.waitUntilLive();
    tabs = [window.page];
    for (let i = 1; i < TABS; i++) {
      const page = await window.context.newPage();
      await page.goto('/tasks');
      await waitingFor(`tab ${i + 1} to show the task list`, page.getByTestId('task-row').first().waitFor({ timeout: UI_TIMEOUT_MS }));
      tabs.push(page);
    }
    await Promise.all(tabs.map((page, i) => waitingFor(`tab ${i + 1} to say live`, live(page))));

    await expectConnections(1, `${TABS} tabs`);
    const roles = await Promise.all(tabs.map(role));
    expect(roles.filter((r) => r === 'leader')).toHaveLength(1);
    expect(roles.filter((r) => r === 'follower')).toHaveLength(TABS - 1);
  });

  it('when the leader tab closes, another takes over; a change made after reaches every remaining tab', async () => {
    const roles = await Promise.all(tabs.map(role));
    const leader = tabs[roles.indexOf('leader')];
    tabs = tabs.filter((page) => page !== leader);
    await leader.close();

    await eventually(
      async () => (await Promise.all(tabs.map(role))).filter((r) => r === 'leader').length === 1,
      'one of the remaining tabs to lead',
      15_000,
      200,
    );
    await Promise.all(tabs.map((page, i) => waitingFor(`remaining tab ${i + 1} to say live`, live(page))));
    await expectConnections(1, 'after the leader closed');

    const title = 'Made after the leader tab closed';
    await api.createTask(ada, { title });
    await Promise.all(
      tabs.map((page, i) =>
        waitingFor(
          `remaining tab ${i + 1} to show "${title}"`,
          page.getByTestId('task-row').filter({ hasText: title }).waitFor({ timeout: UI_TIMEOUT_MS }),
        ),
      ),
    );
    expect(await openConnections()).toBe(1);
  });
});
