/**
 * Keyboard shortcuts (`c`, `/`, `j`/`k`, `?`; never while typing), compact rows (20+ tasks on a 1280×800
 * screen), and the dark theme that follows the system setting: axe finds 0 violations in light and dark.
 */
import type { Browser, Page } from 'playwright-core';
import { Api, TestUser } from '../support/api';
import { launchChromium } from '../support/browser';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, DESKTOP, UI_TIMEOUT_MS, saveLog } from './helpers/app-window';
import { eventually, waitingFor } from '@taskpulse/test-support';
import { axeViolations } from './helpers/axe';
import { createTasks } from './helpers/seed';

/** The focused element: its id, and the task row it is or is in. */
async function focused(page: Page): Promise<{ id: string | null; row: string | null; tag: string | null }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      id: element?.id || null,
      row: element?.closest<HTMLElement>('[data-task-id]')?.dataset['taskId'] ?? null,
      tag: element?.tagName.toLowerCase() ?? null,
    };
  });
}

describe('keyboard shortcuts, compact rows and the dark theme', () => {
  let server: RunningServer;
  let browser: Browser;
  let ada: TestUser;
  let app: AppWindow;
  let page: Page;
  /** Newest first, as the list shows them. */
  let ids: string[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const api = new Api(server.url);
    ada = await api.register({ name: 'Ada Park' });
    ids = (await createTasks(api, ada, 30, 'Errand', {}, 1)).map((task) => task.id).reverse();
    app = await AppWindow.open(browser, server.url, "Ada's window", DESKTOP);
    page = app.page;
    await app.signIn(ada);
    await app.waitUntilLive();
  }, 90_000);

  afterAll(async () => {
    await Promise.allSettled([app?.close()]);
    await browser?.close();
    if (server) saveLog('shortcuts-and-theme server', server.output());
    await server?.dispose();
  });

  async function expectNoViolations(what: string): Promise<void> {
    const violations = await axeViolations(page);
    if (violations.length) await app.screenshot(`axe-${what}`.replace(/[^a-z0-9-]+/gi, '-'), true);
    expect({ what, violations }).toEqual({ what, violations: [] });
  }

  /** The browser restyles a moment after the system setting changes: wait for the page's background. */
  async function pageBackground(colour: string): Promise<void> {
    await waitingFor(
      `the page background to become ${colour}`,
      page.waitForFunction((wanted) => getComputedStyle(document.documentElement).backgroundColor === wanted, colour, {
        timeout: UI_TIMEOUT_MS,
      }),
    );
  }

  it('"c" on the dashboard opens the tasks page with the new-task title focused', async () => {
    await waitingFor('the dashboard', page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor({ timeout: UI_TIMEOUT_MS }));
    await page.locator('body').press('c');
    await waitingFor('the tasks page', page.getByRole('heading', { level: 1, name: 'Tasks' }).waitFor({ timeout: UI_TIMEOUT_MS }));
    await waitingFor(
      'the title field to take focus',
      page.waitForFunction(() => document.activeElement?.id === 'new-task-title'),
    );
  });

  it('never fires while typing: "c", "j" and "/" go into the field', async () => {
    await page.keyboard.type('cj/k?');
    expect(await page.locator('#new-task-title').inputValue()).toBe('cj/k?');
    expect((await focused(page)).id).toBe('new-task-title');
    expect(await page.getByTestId('shortcuts-help').isVisible()).toBe(false);
    await page.locator('#new-task-title').fill('');
  });

  it('"j" and "k" walk the rows; "/" goes to the search', async () => {
    await waitingFor('the first row', app.rowById(ids[0]).waitFor({ timeout: UI_TIMEOUT_MS }));
    await page.locator('h1').click();
    await page.keyboard.press('j');
    expect((await focused(page)).row).toBe(ids[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect((await focused(page)).row).toBe(ids[2]);
    await page.keyboard.press('k');
    expect((await focused(page)).row).toBe(ids[1]);
    // From a button inside a row, "j" goes on to the next row.
    await app.rowById(ids[1]).getByRole('button', { name: 'Edit' }).focus();
    await page.keyboard.press('j');
    expect((await focused(page)).row).toBe(ids[2]);
    await page.keyboard.press('/');
    expect((await focused(page)).id).toBe('task-search');
    await page.keyboard.type('Errand 030');
    await waitingFor(
      'the search to narrow the list to one row',
      page.waitForFunction(() => document.querySelectorAll('[data-testid="task-row"]').length === 1),
    );
    await page.locator('#task-search').fill('');
  });

  it('"?" lists the shortcuts in a dialog that Escape closes, giving focus back', async () => {
    await app.rowById(ids[0]).focus();
    await page.keyboard.press('Shift+?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await waitingFor('the shortcuts dialog', dialog.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS }));
    const keys = await dialog.locator('kbd').allTextContents();
    expect(keys.slice(0, 5)).toEqual(['c', '/', 'j', 'k', '?']);
    // Shortcuts are off while the dialog is open.
    await page.keyboard.press('j');
    expect(await dialog.isVisible()).toBe(true);
    await expectNoViolations('shortcuts dialog (light)');
    await page.keyboard.press('Escape');
    await waitingFor('the dialog to close', dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS }));
    expect((await focused(page)).row).toBe(ids[0]);
  });

  it('compact rows show 20+ tasks at once on a 1280×800 screen', async () => {
    await page.getByTestId('density-toggle').click();
    await eventually(
      async () => (await page.getByTestId('density-toggle').getAttribute('aria-pressed')) === 'true',
      'the density toggle to be pressed',
      UI_TIMEOUT_MS,
    );
    // Scroll the first row to the top and count the rows wholly on screen; again while the page is still laying out
    // the compact rows (it renders after the click), for up to UI_TIMEOUT_MS.
    const countOnScreen = async () => {
      await app.rowById(ids[0]).evaluate((row) => window.scrollTo(0, row.getBoundingClientRect().top + window.scrollY - 70));
      return page.evaluate(() => {
        const header = document.querySelector('.app-header')!.getBoundingClientRect().bottom;
        return Array.from(document.querySelectorAll('[data-testid="task-row"]')).filter((row) => {
          const box = row.getBoundingClientRect();
          return box.top >= header && box.bottom <= window.innerHeight;
        }).length;
      });
    };
    let visible = await countOnScreen();
    for (const deadline = Date.now() + UI_TIMEOUT_MS; visible < 20 && Date.now() < deadline; visible = await countOnScreen()) {
      await page.waitForTimeout(100);
    }
    await app.screenshot('compact-rows');
    expect(visible).toBeGreaterThanOrEqual(20);
    await expectNoViolations('tasks, compact (light)');
  });

  it('the compact choice survives a reload', async () => {
    await page.reload();
    await waitingFor('the first row', app.rowById(ids[0]).waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(await page.getByTestId('density-toggle').getAttribute('aria-pressed')).toBe('true');
  });

  it('follows a dark system setting, with 0 axe violations on every page', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await pageBackground('rgb(17, 21, 29)');
    await expectNoViolations('tasks, compact (dark)');
    await page.getByTestId('density-toggle').click();
    await eventually(
      async () => (await page.getByTestId('density-toggle').getAttribute('aria-pressed')) === 'false',
      'the roomy rows again',
      UI_TIMEOUT_MS,
    );
    await app.rowById(ids[0]).getByRole('button', { name: 'Edit' }).click();
    await waitingFor('the edit form', page.locator('#edit-title-' + ids[0]).waitFor({ timeout: UI_TIMEOUT_MS }));
    await expectNoViolations('tasks with an edit form (dark)');
    await page.keyboard.press('Escape');
    // "?" typed while the title field still has focus would be text, not a shortcut: wait for the form to close.
    await waitingFor(
      'the edit form to close',
      page.locator('#edit-title-' + ids[0]).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS }),
    );
    await page.keyboard.press('Shift+?');
    await waitingFor('the shortcuts dialog', page.getByRole('dialog').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS }));
    await expectNoViolations('shortcuts dialog (dark)');
    await page.keyboard.press('Escape');
    await app.navigate('Dashboard');
    await expectNoViolations('dashboard (dark)');
    await app.navigate('Teams');
    await expectNoViolations('teams (dark)');
    await page.emulateMedia({ colorScheme: 'light' });
    await pageBackground('rgb(244, 246, 250)');
  });
});
