/**
 * Presence in the web app: while Ben edits a task, Ada's row says he is editing it and which field, live; it
 * changes as he moves between fields and goes when he closes the form. Carla, who cannot see the task, sees none
 * of it. With UPDATE_DOCS_SCREENSHOT=1 it also rewrites docs/presence.png.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { waitingFor } from '@taskpulse/test-support';
import { Api, TestUser } from '../support/api';
import { launchChromium } from '../support/browser';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, UI_TIMEOUT_MS, saveLog } from './helpers/app-window';
import { axeViolations } from './helpers/axe';

const DOCS_SCREENSHOT = join(__dirname, '..', '..', 'docs', 'presence.png');

describe('presence: who else is editing a task', () => {
  let server: RunningServer;
  let browser: Browser;
  let adaWindow: AppWindow;
  let benWindow: AppWindow;
  let carlaWindow: AppWindow;
  let ada: TestUser;
  let ben: TestUser;
  let carla: TestUser;
  let taskId: string;
  let privateId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const api = new Api(server.url);
    [ada, ben, carla] = await Promise.all([
      api.register({ name: 'Ada Park' }),
      api.register({ name: 'Ben Okafor' }),
      api.register({ name: 'Carla Diaz' }),
    ]);
    const teamId = (await api.createTeam(ada, 'Launch crew')).id;
    await api.addMember(ada, teamId, ben);
    taskId = (await api.createTask(ada, { title: 'Write the launch post', description: 'Two paragraphs, one picture.', teamId })).id;
    privateId = (await api.createTask(carla, { title: 'Carla’s own list' })).id;
    await api.createTask(ada, { title: 'Book the venue', teamId });
    [adaWindow, benWindow, carlaWindow] = await Promise.all([
      AppWindow.open(browser, server.url, "Ada's window (presence)"),
      AppWindow.open(browser, server.url, "Ben's window (presence)"),
      AppWindow.open(browser, server.url, "Carla's window (presence)"),
    ]);
    for (const [window, user] of [
      [adaWindow, ada],
      [benWindow, ben],
      [carlaWindow, carla],
    ] as const) {
      await window.signIn(user);
      await window.navigate('Tasks');
      await window.waitUntilLive();
    }
  });

  afterAll(async () => {
    await Promise.allSettled([adaWindow?.close(), benWindow?.close(), carlaWindow?.close()]);
    await browser?.close();
    if (server) saveLog('presence server', server.output());
    await server?.dispose();
  });

  const presenceIn = (window: AppWindow, id: string) => window.rowById(id).getByTestId('presence-user');

  it('shows in Ada’s row that Ben is editing the title, then the description, live', async () => {
    const benRow = benWindow.rowById(taskId);
    await benRow.getByRole('button', { name: 'Edit' }).click();

    const adaSees = presenceIn(adaWindow, taskId);
    await waitingFor(
      'Ada to see Ben editing the title',
      adaSees.filter({ hasText: 'Ben Okafor is editing the title' }).waitFor({ timeout: UI_TIMEOUT_MS }),
    );
    expect(await adaSees.getAttribute('data-state')).toBe('editing');

    await benRow.getByLabel('Description').focus();
    await waitingFor(
      'Ada to see Ben editing the description',
      adaSees.filter({ hasText: 'Ben Okafor is editing the description' }).waitFor({ timeout: UI_TIMEOUT_MS }),
    );
    expect(await axeViolations(adaWindow.page)).toEqual([]);
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
      await adaWindow.rowById(taskId).screenshot({ path: DOCS_SCREENSHOT, animations: 'disabled', caret: 'hide' });
    }
  });

  it('shows Ben in his own form who else is there (Ada editing too)', async () => {
    await adaWindow.rowById(taskId).getByRole('button', { name: 'Edit' }).click();
    await waitingFor(
      'Ben to see Ada editing the title in his form',
      presenceIn(benWindow, taskId).filter({ hasText: 'Ada Park is editing the title' }).waitFor({ timeout: UI_TIMEOUT_MS }),
    );
    await adaWindow.rowById(taskId).getByRole('button', { name: 'Cancel' }).click();
    await waitingFor('Ada to leave Ben’s form', presenceIn(benWindow, taskId).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS }));
  });

  it('goes when Ben closes the form', async () => {
    await benWindow.rowById(taskId).getByRole('button', { name: 'Cancel' }).click();
    await waitingFor(
      'Ben’s presence to go from Ada’s row',
      presenceIn(adaWindow, taskId).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS }),
    );
  });

  it('never shows anything to someone who cannot see the task', async () => {
    await carlaWindow.rowById(privateId).getByRole('button', { name: 'Edit' }).click();
    await benWindow.rowById(taskId).getByRole('button', { name: 'Edit' }).click();
    await waitingFor('Ada to see Ben again', presenceIn(adaWindow, taskId).first().waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(await carlaWindow.page.getByTestId('presence').count()).toBe(0);
    expect(await adaWindow.page.getByText('Carla Diaz').count()).toBe(0);
    expect(await benWindow.page.getByText('Carla Diaz').count()).toBe(0);
    await benWindow.rowById(taskId).getByRole('button', { name: 'Cancel' }).click();
  });
});
