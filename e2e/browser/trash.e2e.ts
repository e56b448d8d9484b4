/**
 * The Trash page: a task deleted in one window shows up live in the trash of the same person's other window;
 * once the undo toast is gone, the person opens Trash from the header by keyboard, restores with the keyboard
 * (focus moves to the next Restore button, then to the heading when the trash is empty, and a status says what
 * was restored), and the tasks are back in the list. On a phone the Tasks page links to it. axe finds nothing at
 * desktop and phone size, light or dark, with tasks in the trash and empty. With UPDATE_DOCS_SCREENSHOT=1 it
 * rewrites docs/trash-light.png and docs/trash-dark.png.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { TaskDto } from '@taskpulse/contract';
import { eventually, waitingFor } from '@taskpulse/test-support';
import { Api, TestUser } from '../support/api';
import { launchChromium } from '../support/browser';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, DESKTOP, PHONE_LARGE, UI_TIMEOUT_MS, Viewport, saveLog } from './helpers/app-window';
import { axeViolations } from './helpers/axe';

const DOCS = join(__dirname, '..', '..', 'docs');

/** The titles of the trash's rows, top to bottom. */
async function trashTitles(page: Page): Promise<string[]> {
  const titles = await page.getByTestId('trash-row').locator('h2').allTextContents();
  return titles.map((title) => title.trim());
}

/** The accessible name of the focused element (its text, which is what the Restore buttons and the heading are named by). */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => (document.activeElement?.textContent ?? '').replace(/\s+/g, ' ').trim());
}

describe('the trash page', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let ada: TestUser;
  /** Ada deletes and restores here. */
  let laptop: AppWindow;
  /** Ada's other window, with the trash open. */
  let other: AppWindow;
  const windows: AppWindow[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    api = new Api(server.url);
    ada = await api.register({ name: 'Ada Park' });
    [laptop, other] = await Promise.all([open("Ada's laptop (trash)"), open("Ada's other window (trash)")]);
    await Promise.all([laptop.signIn(ada), other.signIn(ada)]);
    await laptop.navigate('Tasks');
    await other.navigate('Trash');
    await Promise.all([laptop.waitUntilLive(), other.waitUntilLive()]);
  });

  afterAll(async () => {
    await Promise.allSettled(windows.map((window) => window.close()));
    await browser?.close();
    if (server) saveLog('trash server', server.output());
    await server?.dispose();
  });

  async function open(label: string, viewport: Viewport = DESKTOP): Promise<AppWindow> {
    const window = await AppWindow.open(browser, server.url, label, viewport);
    windows.push(window);
    return window;
  }

  const status = async (id: string) => (await api.request<TaskDto>('GET', `/api/tasks/${id}`, { token: ada.token })).status;

  /** axe in the light and the dark theme; each screenshot is kept, and `docs` names the README's copy of it. */
  async function expectNoViolations(window: AppWindow, what: string, docs?: string): Promise<void> {
    for (const scheme of ['light', 'dark'] as const) {
      await window.page.emulateMedia({ colorScheme: scheme });
      await window.page.waitForFunction(
        (dark) => getComputedStyle(document.documentElement).backgroundColor === (dark ? 'rgb(17, 21, 29)' : 'rgb(244, 246, 250)'),
        scheme === 'dark',
      );
      const violations = await axeViolations(window.page);
      const name = `trash-${what}-${window.page.viewportSize()?.width}-${scheme}`.replace(/[^a-z0-9-]+/gi, '-');
      if (violations.length) await window.screenshot(`axe-${name}`, true);
      expect({ what, scheme, violations }).toEqual({ what, scheme, violations: [] });
      const shot = await window.screenshot(name);
      if (docs && process.env.UPDATE_DOCS_SCREENSHOT === '1') copyFileSync(shot, join(DOCS, `${docs}-${scheme}.png`));
    }
    await window.page.emulateMedia({ colorScheme: null });
  }

  /** document.scrollWidth <= innerWidth; on failure it names what sticks out (a box, or text wider than its box). */
  async function expectNoSidewaysScroll(page: Page): Promise<void> {
    const layout = await page.evaluate(() => {
      const innerWidth = window.innerWidth;
      const describe = (element: Element) => `${element.tagName.toLowerCase()}.${element.className}`;
      const elements = Array.from(document.body.querySelectorAll<HTMLElement>('*'));
      const boxes = elements.filter((element) => element.getBoundingClientRect().right > innerWidth + 0.5).map(describe);
      // Deepest last: the element whose own content is too wide ends the list.
      const text = elements
        .filter((element) => element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX === 'visible')
        .map(describe);
      const stickingOut = [...boxes.slice(0, 5), ...text.slice(-3)];
      return { scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), innerWidth, stickingOut };
    });
    expect({ fits: layout.scrollWidth <= layout.innerWidth, ...layout }).toEqual({ fits: true, ...layout });
  }

  let domain: TaskDto;
  let badges: TaskDto;

  it('a task deleted in one window shows up live in the trash of the other, newest first', async () => {
    await other.markPage();
    badges = await api.createTask(ada, { title: 'Order the badges' });
    domain = await api.createTask(ada, { title: 'Renew the domain' });
    await waitingFor('both rows on the laptop', laptop.rowById(domain.id).waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(await other.page.getByTestId('trash-empty').textContent()).toContain('The trash is empty');

    for (const task of [badges, domain]) {
      const row = laptop.rowById(task.id);
      await row.getByRole('button', { name: 'Delete' }).click();
      await row.getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete' }).click();
      await eventually(async () => (await status(task.id)) === 404, `"${task.title}" to be deleted on the server`, UI_TIMEOUT_MS, 100);
      await waitingFor(
        `"${task.title}" in the trash of the other window`,
        other.page.getByTestId('trash-row').filter({ hasText: task.title }).waitFor({ timeout: UI_TIMEOUT_MS }),
      );
    }

    expect(await trashTitles(other.page)).toEqual(['Renew the domain', 'Order the badges']);
    const meta = await other.page.getByTestId('trash-row').first().locator('.meta').textContent();
    expect(meta?.replace(/\s+/g, ' ').trim()).toBe('Deleted just now by you');
    expect(await other.wasReloaded()).toBe(false);
    expect(await other.page.getByTestId('trash-empty').count()).toBe(0);
  });

  it('with tasks in it, has no axe violations at desktop size, light or dark', async () => {
    await expectNoViolations(other, 'listed', 'trash');
  });

  it('after the undo toast, opens from the header by keyboard and restores with the keyboard; focus and a status follow', async () => {
    // The toast's Undo is no longer on offer (it has gone by itself by now, or is dismissed here).
    const toast = laptop.page.getByTestId('undo-toast');
    const dismiss = toast.getByRole('button', { name: 'Dismiss' });
    if (await dismiss.isVisible()) await dismiss.click();
    await waitingFor('the undo toast to go', toast.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS }));
    expect(await toast.getByRole('button', { name: 'Undo' }).count()).toBe(0);

    const link = laptop.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trash', exact: true });
    await link.focus();
    await laptop.page.keyboard.press('Enter');
    const heading = laptop.page.getByRole('heading', { level: 1, name: 'Trash', exact: true });
    await waitingFor('the Trash page', heading.waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(await link.getAttribute('aria-current')).toBe('page');
    await waitingFor('the trash rows', laptop.page.getByTestId('trash-row').nth(1).waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(await trashTitles(laptop.page)).toEqual(['Renew the domain', 'Order the badges']);
    expect(await laptop.page.getByTestId('trash-retention').textContent()).toContain('Deleted tasks stay here for 30 days');

    await laptop.page.getByRole('button', { name: 'Restore “Renew the domain”', exact: true }).focus();
    await laptop.page.keyboard.press('Enter');
    const statusLine = laptop.page.getByTestId('trash-status');
    await waitingFor('the status to say what was restored', statusLine.filter({ hasText: 'Restored “Renew the domain”' }).waitFor());
    expect(await statusLine.getAttribute('aria-live')).toBe('polite');
    expect(await trashTitles(laptop.page)).toEqual(['Order the badges']);
    expect(await focusedName(laptop.page)).toBe('Restore “Order the badges”');
    await waitingFor(
      'the restored task to leave the other window’s trash',
      other.page.getByTestId('trash-row').filter({ hasText: 'Renew the domain' }).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS }),
    );

    // Focus is on the next Restore button: Enter again restores that one too.
    await laptop.page.keyboard.press('Enter');
    await waitingFor('the empty trash', laptop.page.getByTestId('trash-empty').waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(await statusLine.textContent()).toContain('Restored “Order the badges”');
    expect(await focusedName(laptop.page)).toBe('Trash');
    expect(await laptop.page.getByTestId('trash-empty').textContent()).toContain('The trash is empty');
    await waitingFor('the other window’s trash to be empty', other.page.getByTestId('trash-empty').waitFor({ timeout: UI_TIMEOUT_MS }));

    for (const task of [domain, badges]) expect(await status(task.id)).toBe(200);
    await laptop.navigate('Tasks');
    for (const task of [domain, badges]) {
      await waitingFor(`"${task.title}" back in the Tasks list`, laptop.rowById(task.id).waitFor({ timeout: UI_TIMEOUT_MS }));
    }
  });

  it('empty, has no axe violations at desktop size, light or dark', async () => {
    await expectNoViolations(other, 'empty');
  });

  it('on a 390×844 phone: reached from the Tasks page, no sideways scrolling, no axe violations, light or dark', async () => {
    const task = await api.createTask(ada, {
      title: 'Confirm the booking at https://venue.example.com/bookings/2026/launch_party_main_hall',
    });
    expect((await api.request('DELETE', `/api/tasks/${task.id}`, { token: ada.token })).status).toBe(204);
    const phone = await open("Ada's phone (trash)", PHONE_LARGE);
    await phone.signIn(ada);
    await phone.navigate('Tasks');

    await phone.page.getByTestId('trash-link').click();
    await waitingFor(
      'the Trash page on the phone',
      phone.page.getByRole('heading', { level: 1, name: 'Trash' }).waitFor({ timeout: UI_TIMEOUT_MS }),
    );
    const restore = phone.page.getByRole('button', { name: `Restore “${task.title}”`, exact: true });
    await waitingFor('the Restore button on the phone', restore.waitFor({ timeout: UI_TIMEOUT_MS }));
    const box = await restore.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE_LARGE.width).toBe(true);
    await expectNoSidewaysScroll(phone.page);
    await expectNoViolations(phone, 'phone');

    await restore.click();
    await waitingFor('the empty trash on the phone', phone.page.getByTestId('trash-empty').waitFor({ timeout: UI_TIMEOUT_MS }));
    await expectNoSidewaysScroll(phone.page);
    expect(await status(task.id)).toBe(200);
  });
});
