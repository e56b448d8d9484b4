/**
 * Undo: the toast after a change takes it back through the API (with `version`), and so does Ctrl+Z when focus
 * is not in a text field (in one, the browser's own undo of the typing comes first).
 */
import type { Browser } from 'playwright-core';
import type { TaskDto } from '@taskpulse/contract';
import { eventually } from '@taskpulse/test-support';
import { Api, TestUser } from '../support/api';
import { launchChromium } from '../support/browser';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, UI_TIMEOUT_MS, saveLog } from './helpers/app-window';
import { axeViolations } from './helpers/axe';

describe('undo the last change', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let ada: TestUser;
  let task: TaskDto;
  let window: AppWindow;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    api = new Api(server.url);
    ada = await api.register({ name: 'Ada Park' });
    task = await api.createTask(ada, { title: 'Send the invoices', priority: 'medium' });
    window = await AppWindow.open(browser, server.url, "Ada's window (undo)");
    await window.signIn(ada);
    await window.navigate('Tasks');
    await window.waitUntilLive();
  });

  afterAll(async () => {
    await window?.close();
    await browser?.close();
    if (server) saveLog('undo server', server.output());
    await server?.dispose();
  });

  const onServer = async (): Promise<TaskDto> => (await api.request<TaskDto>('GET', `/api/tasks/${task.id}`, { token: ada.token })).body;

  it('"Undo" in the toast reopens a task just completed', async () => {
    await window.rowById(task.id).getByRole('button', { name: 'Complete' }).click();
    await eventually(async () => (await onServer()).status === 'completed', 'the completion to reach the server', UI_TIMEOUT_MS, 100);
    const toast = window.page.getByTestId('undo-toast');
    await toast.filter({ hasText: 'Completed “Send the invoices”' }).waitFor();
    expect(await axeViolations(window.page)).toEqual([]);

    await toast.getByRole('button', { name: 'Undo' }).click();

    await eventually(async () => (await onServer()).status === 'pending', 'the task to be pending again on the server', UI_TIMEOUT_MS, 100);
    await window.page.locator(`[data-task-id="${task.id}"][data-status="pending"]`).waitFor();
  });

  it('Ctrl+Z outside a text field puts an edit back, field by field', async () => {
    const row = window.rowById(task.id);
    await row.getByRole('button', { name: 'Edit' }).click();
    await row.getByLabel('Title').fill('Send the invoices today');
    await row.getByLabel('Priority').selectOption({ label: 'High' });
    await row.getByRole('button', { name: 'Save' }).click();
    await eventually(
      async () => (await onServer()).title === 'Send the invoices today',
      'the edit to reach the server',
      UI_TIMEOUT_MS,
      100,
    );

    await window.page.locator('h1').click();
    await window.page.keyboard.press('Control+z');

    await eventually(
      async () => {
        const now = await onServer();
        return now.title === 'Send the invoices' && now.priority === 'medium';
      },
      'the old title and priority to be back on the server',
      UI_TIMEOUT_MS,
      100,
    );
    await window.row('Send the invoices').filter({ hasNotText: 'today' }).waitFor();
  });
});
