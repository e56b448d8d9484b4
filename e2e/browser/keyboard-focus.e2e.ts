/**
 * Keyboard use: after every action focus lands on the natural next place (never on <body>), and Escape
 * cancels the edit form, the share panel and the delete confirmation. Checked on document.activeElement.
 */
import type { Browser, Page } from 'playwright-core';
import { Api, TestUser } from '../support/api';
import { launchChromium } from '../support/browser';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, DESKTOP, UI_TIMEOUT_MS, saveLog } from './helpers/app-window';
import { eventually, waitingFor } from '@taskpulse/test-support';
import { createTasks } from './helpers/seed';

/** Describes the focused element the way a person would check it: tag, id, accessible text, row. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      tag: element?.tagName.toLowerCase() ?? null,
      id: element?.id || null,
      text: element instanceof HTMLButtonElement ? element.textContent?.trim() : null,
      row: element?.closest<HTMLElement>('[data-task-id]')?.dataset['taskId'] ?? null,
      rowItself: element?.matches('[data-testid="task-row"]') ?? false,
    };
  });
}

describe('keyboard: focus after each action, Escape cancels', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let ada: TestUser;
  let ben: TestUser;
  let window: AppWindow;
  let page: Page;
  let ids: string[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    api = new Api(server.url);
    [ada, ben] = await Promise.all([api.register({ name: 'Ada Park' }), api.register({ name: 'Ben Okafor' })]);
    // 60 tasks: "Load more" has a second page of 10.
    await createTasks(api, ada, 60, 'Errand');
    // In the list's order (newest first, then by id): tasks made in parallel need not commit in the order they were sent.
    ids = (await api.allTasks(ada)).items.map((task) => task.id);
    window = await AppWindow.open(browser, server.url, "Ada's keyboard window", DESKTOP);
    page = window.page;
    await window.signIn(ada);
    await window.navigate('Tasks');
    await window.waitUntilLive();
    await waitingFor('the first row', window.rowById(ids[0]).waitFor({ timeout: UI_TIMEOUT_MS }));
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled([window?.close()]);
    await browser?.close();
    if (server) saveLog('keyboard-focus server', server.output());
    await server?.dispose();
  });

  /** Focuses a row's button by name and presses Enter on it, as a keyboard user would. */
  async function press(taskId: string, name: string): Promise<void> {
    await window.rowById(taskId).getByRole('button', { name, exact: true }).first().focus();
    await page.keyboard.press('Enter');
  }

  it('Edit puts focus in the title; Escape closes the form and returns to "Edit"', async () => {
    const id = ids[0];
    await press(id, 'Edit');
    await waitingFor('the edit form', page.locator(`#edit-title-${id}`).waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(await focused(page)).toMatchObject({ tag: 'input', id: `edit-title-${id}` });

    await page.keyboard.press('Escape');
    await waitingFor('the edit form to close', page.locator(`#edit-title-${id}`).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS }));
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Edit', row: id });
  });

  it('Save (Enter in the form) returns focus to "Edit" of the saved row', async () => {
    const id = ids[0];
    await press(id, 'Edit');
    await page.locator(`#edit-title-${id}`).fill('Errand, renamed');
    await page.keyboard.press('Enter');
    await waitingFor(
      'the saved title',
      window.rowById(id).getByRole('heading', { name: 'Errand, renamed' }).waitFor({ timeout: UI_TIMEOUT_MS }),
    );
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Edit', row: id });
  });

  it('Complete and Reopen keep focus on the same button, now saying the opposite', async () => {
    const id = ids[1];
    await press(id, 'Complete');
    await waitingFor(
      'the completed row',
      page.locator(`[data-task-id="${id}"][data-status="completed"]`).waitFor({ timeout: UI_TIMEOUT_MS }),
    );
    await waitingFor('"Reopen"', window.rowById(id).getByRole('button', { name: 'Reopen' }).waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Reopen', row: id });

    await page.keyboard.press('Enter');
    await waitingFor('the reopened row', page.locator(`[data-task-id="${id}"][data-status="pending"]`).waitFor({ timeout: UI_TIMEOUT_MS }));
    await waitingFor('"Complete"', window.rowById(id).getByRole('button', { name: 'Complete' }).waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Complete', row: id });
  });

  it('Reopen pressed while "Complete" is still on its way is not lost: the task ends open, on the server too', async () => {
    const id = ids[2];
    await press(id, 'Complete');
    // At once, before the server has answered: the label has changed in place and focus is still on it.
    await page.keyboard.press('Enter');
    await waitingFor('the reopened row', page.locator(`[data-task-id="${id}"][data-status="pending"]`).waitFor({ timeout: UI_TIMEOUT_MS }));
    await eventually(
      async () => {
        const { body: task } = await api.request('GET', `/api/tasks/${id}`, { token: ada.token });
        return task.status === 'pending' && task.version >= 3;
      },
      'the server to have the completion and then the reopening',
      UI_TIMEOUT_MS,
      100,
    );
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Complete', row: id });
  });

  it('Share puts focus in the email field, keeps it there after sharing, and Escape returns to "Share"', async () => {
    const id = ids[2];
    await press(id, 'Share');
    await waitingFor('the share panel', page.locator(`#share-email-${id}`).waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(await focused(page)).toMatchObject({ tag: 'input', id: `share-email-${id}` });

    await page.keyboard.type(ben.email);
    await page.keyboard.press('Enter');
    await waitingFor(
      'Ben in the share list',
      window.rowById(id).getByTestId('share-row').filter({ hasText: ben.email }).waitFor({ timeout: UI_TIMEOUT_MS }),
    );
    expect(await focused(page)).toMatchObject({ tag: 'input', id: `share-email-${id}` });

    await page.keyboard.press('Escape');
    await waitingFor('the panel to close', page.locator(`#share-email-${id}`).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS }));
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Share', row: id });
  });

  it('Delete asks in place with focus on the confirming "Delete"; Escape returns to "Delete"', async () => {
    const id = ids[3];
    await press(id, 'Delete');
    const confirm = window.rowById(id).getByRole('group', { name: 'Confirm deletion' });
    await waitingFor('the confirmation', confirm.waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Delete', row: id });
    expect(await confirm.evaluate((group) => group.contains(document.activeElement))).toBe(true);

    await page.keyboard.press('Escape');
    await waitingFor('the confirmation to close', confirm.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS }));
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Delete', row: id });
  });

  it('a confirmed deletion moves focus to the row that takes its place', async () => {
    const id = ids[3];
    await press(id, 'Delete');
    const confirm = window.rowById(id).getByRole('group', { name: 'Confirm deletion' });
    await waitingFor(
      'focus in the confirmation',
      page.waitForFunction(() => !!document.activeElement?.closest('[role="group"][aria-label="Confirm deletion"]'), undefined, {
        timeout: UI_TIMEOUT_MS,
      }),
    );
    expect(await confirm.count()).toBe(1);
    await page.keyboard.press('Enter');
    await waitingFor('the row to go', window.rowById(id).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS }));
    await waitingFor(
      'focus on the next row',
      page.waitForFunction((next) => document.activeElement?.getAttribute('data-task-id') === next, ids[4], { timeout: UI_TIMEOUT_MS }),
    );
    expect(await focused(page)).toMatchObject({ rowItself: true, row: ids[4] });
  });

  it('Load more moves focus to the first new row, and the next Tab goes into it (not past the new rows)', async () => {
    const loadMore = page.getByRole('button', { name: 'Load more' });
    await loadMore.focus();
    await page.keyboard.press('Enter');
    const firstNew = ids[50];
    await waitingFor(
      'focus on the first new row',
      page.waitForFunction((id) => document.activeElement?.getAttribute('data-task-id') === id, firstNew, { timeout: UI_TIMEOUT_MS }),
    );

    // The row's first control is now its title, a link to the task's page (part 2).
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', row: firstNew });
  });

  it('Create team moves focus to the new team’s "Email" field, to add people next', async () => {
    await window.navigate('Teams');
    await page.locator('#new-team-name').fill('Weekend crew');
    await page.keyboard.press('Enter');
    const card = page.getByTestId('team-card').filter({ hasText: 'Weekend crew' });
    await waitingFor('the new team', card.waitFor({ timeout: UI_TIMEOUT_MS }));
    const teamId = await card.getAttribute('data-team-id');
    await waitingFor(
      'focus in the new team’s email field',
      page.waitForFunction((id) => document.activeElement?.id === `member-email-${id}`, teamId, { timeout: UI_TIMEOUT_MS }),
    );

    await page.keyboard.type(ben.email);
    await page.keyboard.press('Enter');
    await waitingFor(
      'Ben in the team',
      card.getByTestId('team-member').filter({ hasText: 'Ben Okafor' }).waitFor({ timeout: UI_TIMEOUT_MS }),
    );
    expect(await focused(page)).toMatchObject({ tag: 'input', id: `member-email-${teamId}` });
  });
});
