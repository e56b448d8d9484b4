/**
 * The list's assignee, label and order controls: each narrows or orders the list as the server does, is kept in
 * the URL (a reload or a shared link shows the same list), and rows say who is assigned and which labels a task has.
 */
import type { Browser, Page } from 'playwright-core';
import { Api, TestUser } from '../support/api';
import { launchChromium } from '../support/browser';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, UI_TIMEOUT_MS, saveLog } from './helpers/app-window';
import { waitingFor } from '@taskpulse/test-support';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('list controls: assignee, label, order', () => {
  let server: RunningServer;
  let browser: Browser;
  let ada: TestUser;
  let ben: TestUser;
  let app: AppWindow;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const api = new Api(server.url);
    [ada, ben] = await Promise.all([api.register({ name: 'Ada Park' }), api.register({ name: 'Ben Okafor' })]);
    const team = await api.createTeam(ada, 'Launch crew');
    await api.addMember(ada, team.id, ben);
    const soon = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
    await api.createTask(ada, { title: 'Draft the invite', teamId: team.id, assigneeIds: [ada.id], labels: ['Writing'], dueDate: soon(3) });
    await api.createTask(ada, {
      title: 'Book the hall',
      teamId: team.id,
      assigneeIds: [ben.id],
      labels: ['Venue', 'Urgent'],
      dueDate: soon(1),
    });
    await api.createTask(ada, { title: 'Pick the menu', teamId: team.id, assigneeIds: [ada.id, ben.id], labels: ['urgent'] });
    app = await AppWindow.open(browser, server.url, "Ada's list");
    page = app.page;
    await app.signIn(ada);
    await app.navigate('Tasks');
    await app.waitUntilLive();
    await waitingFor('the rows', app.row('Pick the menu').waitFor({ timeout: UI_TIMEOUT_MS }));
  }, 90_000);

  afterAll(async () => {
    await Promise.allSettled([app?.close()]);
    await browser?.close();
    if (server) saveLog('list-controls server', server.output());
    await server?.dispose();
  });

  async function titlesShown(expected: string[]): Promise<void> {
    await waitingFor(
      `the list to show ${expected.join(', ')}`,
      page.waitForFunction(
        (wanted) =>
          JSON.stringify(Array.from(document.querySelectorAll('[data-testid="task-row"] h3')).map((h) => h.textContent?.trim())) ===
          JSON.stringify(wanted),
        expected,
        { timeout: UI_TIMEOUT_MS },
      ),
    );
  }

  it('shows who is assigned and the labels on each row', async () => {
    await titlesShown(['Pick the menu', 'Book the hall', 'Draft the invite']);
    await waitingFor('the team names', app.row('Pick the menu').getByTestId('row-assignees').filter({ hasText: 'Ben Okafor' }).waitFor());
    expect(await app.row('Pick the menu').getByTestId('row-assignees').textContent()).toContain('You, Ben Okafor');
    expect(await app.row('Book the hall').getByTestId('row-label').allTextContents()).toEqual(['Venue', 'Urgent']);
  });

  it('narrows to tasks assigned to me, then to Ben, keeping it in the URL', async () => {
    await page.locator('#task-assignee-filter').selectOption({ label: 'Me' });
    await titlesShown(['Pick the menu', 'Draft the invite']);
    expect(new URL(page.url()).searchParams.get('assignee')).toBe('me');
    await page.locator('#task-assignee-filter').selectOption({ label: 'Ben Okafor' });
    await titlesShown(['Pick the menu', 'Book the hall']);
    expect(new URL(page.url()).searchParams.get('assignee')).toBe(ben.id);
  });

  it('narrows by a label, whatever its case, and orders by due date; a reload keeps all of it', async () => {
    await page.locator('#task-assignee-filter').selectOption({ label: 'Anyone' });
    await page.locator('#task-label-filter').fill('URGENT');
    await titlesShown(['Pick the menu', 'Book the hall']);
    await page.locator('#task-sort').selectOption({ label: 'Due soonest' });
    await titlesShown(['Book the hall', 'Pick the menu']);
    const url = new URL(page.url());
    expect([url.searchParams.get('label'), url.searchParams.get('sort')]).toEqual(['URGENT', 'due']);
    await page.reload();
    await titlesShown(['Book the hall', 'Pick the menu']);
    expect(await page.locator('#task-sort').inputValue()).toBe('due');
    expect(await page.locator('#task-label-filter').inputValue()).toBe('URGENT');
  });

  it('"Clear filters" keeps the order', async () => {
    await page.locator('#task-label-filter').fill('nothing-has-this');
    await waitingFor('the empty list', page.getByTestId('empty-list').waitFor({ timeout: UI_TIMEOUT_MS }));
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await titlesShown(['Book the hall', 'Draft the invite', 'Pick the menu']);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('due');
  });
});
