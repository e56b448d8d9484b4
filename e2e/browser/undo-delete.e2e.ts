/**
 * Undo of a delete: the task goes to the trash, "Undo" in the toast restores it (POST /api/tasks/:id/restore) with
 * its share, and the person it is shared with sees it go and come back live. Ctrl+Z does the same.
 */
import type { Browser } from 'playwright-core';
import type { TaskDto, TrashPage } from '@taskpulse/contract';
import { eventually, waitingFor } from '@taskpulse/test-support';
import { Api, TestUser } from '../support/api';
import { launchChromium } from '../support/browser';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, UI_TIMEOUT_MS, saveLog } from './helpers/app-window';

describe('undo a delete: restore from the trash', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let ada: TestUser;
  let ben: TestUser;
  let adaWindow: AppWindow;
  let benWindow: AppWindow;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    api = new Api(server.url);
    [ada, ben] = await Promise.all([api.register({ name: 'Ada Park' }), api.register({ name: 'Ben Okafor' })]);
    [adaWindow, benWindow] = await Promise.all([
      AppWindow.open(browser, server.url, "Ada's window (undo delete)"),
      AppWindow.open(browser, server.url, "Ben's window (undo delete)"),
    ]);
    for (const [window, user] of [
      [adaWindow, ada],
      [benWindow, ben],
    ] as const) {
      await window.signIn(user);
      await window.navigate('Tasks');
      await window.waitUntilLive();
    }
  });

  afterAll(async () => {
    await Promise.allSettled([adaWindow?.close(), benWindow?.close()]);
    await browser?.close();
    if (server) saveLog('undo-delete server', server.output());
    await server?.dispose();
  });

  const status = async (id: string) => (await api.request<TaskDto>('GET', `/api/tasks/${id}`, { token: ada.token })).status;
  const trash = async () => (await api.request<TrashPage>('GET', '/api/trash', { token: ada.token })).body.items.map((t) => t.id);

  async function deleteInUi(task: TaskDto): Promise<void> {
    await waitingFor(
      'the row in both windows',
      Promise.all([adaWindow, benWindow].map((w) => w.rowById(task.id).waitFor({ timeout: UI_TIMEOUT_MS }))),
    );
    const row = adaWindow.rowById(task.id);
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete' }).click();
    await eventually(async () => (await status(task.id)) === 404, 'the task to be deleted on the server', UI_TIMEOUT_MS, 100);
    expect(await trash()).toContain(task.id);
    await waitingFor('the row to go from Ben’s window', benWindow.rowById(task.id).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS }));
  }

  async function expectBack(task: TaskDto): Promise<void> {
    await eventually(async () => (await status(task.id)) === 200, 'the task to be restored on the server', UI_TIMEOUT_MS, 100);
    await waitingFor('the row back in Ada’s window', adaWindow.rowById(task.id).waitFor({ timeout: UI_TIMEOUT_MS }));
    await waitingFor('the row back in Ben’s window', benWindow.rowById(task.id).waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(await trash()).not.toContain(task.id);
    const shares = (await api.request('GET', `/api/tasks/${task.id}/shares`, { token: ada.token })).body as Array<{ userId: string }>;
    expect(shares.map((s) => s.userId)).toEqual([ben.id]);
  }

  it('"Undo" in the toast brings a deleted task back, with its share, in both windows', async () => {
    const task = await api.createTask(ada, { title: 'Renew the domain' });
    await api.share(ada, task.id, ben, 'view');
    await deleteInUi(task);

    const toast = adaWindow.page.getByTestId('undo-toast');
    await toast.filter({ hasText: 'Deleted “Renew the domain”' }).waitFor();
    await toast.getByRole('button', { name: 'Undo' }).click();

    await expectBack(task);
    expect(await benWindow.rowById(task.id).textContent()).toContain('Renew the domain');
  });

  it('Ctrl+Z outside a text field restores the last deleted task', async () => {
    const task = await api.createTask(ada, { title: 'Order the badges' });
    await api.share(ada, task.id, ben, 'edit');
    await deleteInUi(task);

    await adaWindow.page.locator('h1').click();
    await adaWindow.page.keyboard.press('Control+z');

    await expectBack(task);
  });
});
