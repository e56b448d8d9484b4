/**
 * Never lose work: a person goes offline, makes five changes (two new tasks, a completion, an edit, a delete),
 * reloads the page while still offline (the app opens from its own cache and IndexedDB, shows the changes and
 * says they wait), then goes back online: the server gets each change exactly once, and another person's
 * window shows them. With UPDATE_DOCS_SCREENSHOT=1 it also rewrites docs/offline-changes-waiting.png.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { TaskDto } from '@taskpulse/contract';
import { waitingFor } from '@taskpulse/test-support';
import { Api, TestUser } from '../support/api';
import { launchChromium } from '../support/browser';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, UI_TIMEOUT_MS, saveLog } from './helpers/app-window';
import { axeViolations } from './helpers/axe';

const DOCS_SCREENSHOT = join(__dirname, '..', '..', 'docs', 'offline-changes-waiting.png');

describe('offline first: changes made offline survive a reload and reach the server once', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let ada: TestUser;
  let ben: TestUser;
  let teamName: string;
  let adaWindow: AppWindow;
  let benWindow: AppWindow;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    api = new Api(server.url);
    [ada, ben] = await Promise.all([api.register({ name: 'Ada Park' }), api.register({ name: 'Ben Okafor' })]);
    const team = await api.createTeam(ada, 'Field trip');
    teamName = team.name;
    await api.addMember(ada, team.id, ben);
    for (const title of ['Water the plants', 'Book the bus', 'Draft the agenda']) {
      ids.set(title, (await api.createTask(ada, { title, teamId: team.id })).id);
    }
    [adaWindow, benWindow] = await Promise.all([
      AppWindow.open(browser, server.url, "Ada's window (offline)"),
      AppWindow.open(browser, server.url, "Ben's window"),
    ]);
  });

  afterAll(async () => {
    await Promise.allSettled([adaWindow?.close(), benWindow?.close()]);
    await browser?.close();
    if (server) saveLog('offline-first server', server.output());
    await server?.dispose();
  });

  it('signs both in; the app installs its offline copy', async () => {
    await Promise.all([adaWindow.signIn(ada), benWindow.signIn(ben)]);
    await Promise.all([adaWindow.navigate('Tasks'), benWindow.navigate('Tasks')]);
    await Promise.all([adaWindow.waitUntilLive(), benWindow.waitUntilLive()]);
    await waitingFor(
      'the service worker to control the page',
      adaWindow.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: UI_TIMEOUT_MS }),
    );
    await adaWindow.row('Draft the agenda').waitFor();
  });

  it('offline, applies five changes at once and says they are waiting', async () => {
    const { page } = adaWindow;
    await adaWindow.context.setOffline(true);
    await page
      .getByTestId('realtime-mode')
      .filter({ hasText: /^Offline$/ })
      .waitFor();

    for (const title of ['Buy stamps', 'Call the museum']) {
      await page.locator('#new-task-title').fill(title);
      await page.locator('#new-task-team').selectOption({ label: teamName });
      await page.getByRole('button', { name: 'Add task' }).click();
      await adaWindow.row(title).waitFor();
    }
    await adaWindow.row('Book the bus').getByRole('button', { name: 'Complete' }).click();
    const agenda = adaWindow.rowById(ids.get('Draft the agenda')!);
    await agenda.getByRole('button', { name: 'Edit' }).click();
    await agenda.getByLabel('Title').fill('Draft the agenda, v2');
    await agenda.getByRole('button', { name: 'Save' }).click();
    const plants = adaWindow.row('Water the plants');
    await plants.getByRole('button', { name: 'Delete' }).click();
    await plants.getByRole('button', { name: 'Delete' }).click();

    await page.getByTestId('outbox-status').filter({ hasText: '5 changes waiting' }).waitFor();
    await adaWindow.row('Water the plants').waitFor({ state: 'detached' });
    expect(await adaWindow.row('Book the bus').getAttribute('data-status')).toBe('completed');
  });

  it('reloaded while offline, shows the last known state with the changes, still queued, and says it is offline', async () => {
    const { page } = adaWindow;
    await adaWindow.markPage();
    await page.reload();

    expect(await adaWindow.wasReloaded()).toBe(true);
    await page.getByTestId('outbox-status').filter({ hasText: '5 changes waiting' }).waitFor();
    await page
      .getByTestId('realtime-mode')
      .filter({ hasText: /^Offline$/ })
      .waitFor();
    for (const title of ['Buy stamps', 'Call the museum', 'Draft the agenda, v2', 'Book the bus']) {
      await waitingFor(`"${title}" after the offline reload`, adaWindow.row(title).waitFor({ timeout: UI_TIMEOUT_MS }));
    }
    expect(await adaWindow.row('Water the plants').count()).toBe(0);
    expect(await adaWindow.row('Book the bus').getAttribute('data-status')).toBe('completed');
    expect(await axeViolations(page)).toEqual([]);
    // The list under the (sticky) header: the offline badge, the changes waiting and the rows they are in.
    await page.evaluate(() => document.querySelector('[data-testid="task-count"]')?.scrollIntoView());
    await adaWindow.screenshot('offline-changes-waiting');
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
      await page.screenshot({ path: DOCS_SCREENSHOT, animations: 'disabled', caret: 'hide' });
    }
  });

  it('back online, sends every change exactly once; the other window shows them', async () => {
    const { page } = adaWindow;
    await adaWindow.context.setOffline(false);
    await waitingFor('the outbox to empty', page.getByTestId('outbox-status').waitFor({ state: 'hidden', timeout: 20_000 }));
    await adaWindow.waitUntilLive(20_000);

    const listed = await api.request<{ items: TaskDto[] }>('GET', '/api/tasks?limit=200', { token: ben.token });
    const titles = listed.body.items.map((task) => task.title).sort();
    expect(titles).toEqual(['Book the bus', 'Buy stamps', 'Call the museum', 'Draft the agenda, v2']);
    expect(listed.body.items.find((task) => task.title === 'Book the bus')?.status).toBe('completed');

    for (const title of ['Buy stamps', 'Call the museum', 'Draft the agenda, v2']) {
      await waitingFor(`Ben to see "${title}"`, benWindow.row(title).waitFor({ timeout: UI_TIMEOUT_MS }));
    }
    await benWindow.row('Water the plants').waitFor({ state: 'detached' });
    await waitingFor(
      'Ben to see "Book the bus" completed',
      benWindow.page.locator(`[data-testid="task-row"][data-task-id="${ids.get('Book the bus')}"][data-status="completed"]`).waitFor(),
    );
  });
});
