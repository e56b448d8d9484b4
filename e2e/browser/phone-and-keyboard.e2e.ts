/** Phone width (375×740): no sideways scrolling and the main actions in reach; the sign-in form by keyboard alone. */
import type { Browser, Locator } from 'playwright-core';
import { Api } from '../support/api';
import { launchChromium } from '../support/browser';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, PHONE, UI_TIMEOUT_MS, saveLog } from './helpers/app-window';
import { eventually, waitingFor } from '@taskpulse/test-support';
import { Workspace, seedWorkspace } from './helpers/workspace';

describe('phone width and keyboard use', () => {
  let server: RunningServer;
  let browser: Browser;
  let workspace: Workspace;
  const windows: AppWindow[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    workspace = await seedWorkspace(new Api(server.url));
  });

  afterAll(async () => {
    await Promise.allSettled(windows.map((window) => window.close()));
    await browser?.close();
    if (server) saveLog('phone-and-keyboard server', server.output());
    await server?.dispose();
  });

  async function open(label: string, viewport = PHONE): Promise<AppWindow> {
    const window = await AppWindow.open(browser, server.url, label, viewport);
    windows.push(window);
    return window;
  }

  describe('at 375×740', () => {
    let phone: AppWindow;

    beforeAll(async () => {
      phone = await open("Maya's phone");
      await phone.signIn(workspace.maya);
      await phone.waitUntilLive();
    });

    it.each(['Tasks', 'Dashboard', 'Teams'] as const)('the %s page does not scroll sideways', async (page) => {
      await phone.navigate(page);
      const content = {
        Tasks: phone.row('Brief the support team'),
        Dashboard: phone.page.getByTestId('team-progress').first(),
        Teams: phone.page.getByTestId('team-card').first(),
      }[page];
      await waitingFor(`the content of the ${page} page`, content.waitFor({ timeout: UI_TIMEOUT_MS }));
      await expectNoSidewaysScroll();
    });

    it('keeps the main task actions on screen and usable', async () => {
      await phone.navigate('Tasks');
      const title = 'Confirm the booking at https://venue.example.com/bookings/2026/launch_party_main_hall_reservation_confirmation';
      await inReach(phone.page.locator('#new-task-title'), 'the new task title field');
      await phone.page.locator('#new-task-title').fill(title);
      const add = phone.page.getByRole('button', { name: 'Add task' });
      await inReach(add, '"Add task"');
      await add.click();
      const row = phone.row(title);
      await waitingFor('the new task on the phone', row.waitFor({ timeout: UI_TIMEOUT_MS }));

      for (const name of ['Complete', 'Edit', 'Share', 'Delete']) {
        await inReach(row.getByRole('button', { name, exact: true }), `"${name}" of the new task`);
      }
      for (const name of ['Dashboard', 'Tasks', 'Teams']) {
        await inReach(phone.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }), `the ${name} link`);
      }
      await inReach(phone.page.getByRole('button', { name: 'Sign out' }), '"Sign out"');
      await inReach(phone.page.getByTestId('connection-status'), 'the connection badge');

      await row.getByRole('button', { name: 'Complete' }).click();
      await waitingFor(
        'the task to be completed from the phone',
        phone.page
          .locator('[data-testid="task-row"][data-status="completed"]')
          .filter({ hasText: title })
          .waitFor({ timeout: UI_TIMEOUT_MS }),
      );
      await row.getByRole('button', { name: 'Share' }).click();
      await inReach(row.getByRole('button', { name: 'Share', exact: true }), 'the share panel\'s "Share"');
      await expectNoSidewaysScroll();
      await row.scrollIntoViewIfNeeded();
      await phone.screenshot('phone-tasks');
    });

    /** document.scrollWidth <= innerWidth; on failure the message names the elements that stick out. */
    async function expectNoSidewaysScroll(): Promise<void> {
      const layout = await phone.page.evaluate(() => {
        const innerWidth = window.innerWidth;
        const stickingOut = Array.from(document.body.querySelectorAll<HTMLElement>('*'))
          .filter((element) => element.getBoundingClientRect().right > innerWidth + 0.5)
          .slice(0, 5)
          .map(
            (element) =>
              `${element.tagName.toLowerCase()}.${element.className} (right edge ${Math.round(element.getBoundingClientRect().right)})`,
          );
        const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
        return { scrollWidth, innerWidth, stickingOut };
      });
      expect({ fits: layout.scrollWidth <= layout.innerWidth, ...layout }).toMatchObject({ fits: true });
    }

    /** Visible, enabled and entirely within the width of the screen (reachable without sideways scrolling). */
    async function inReach(target: Locator, what: string): Promise<void> {
      await waitingFor(`${what} to be visible`, target.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS }));
      // A live update can re-render the row between two steps (the element found is then detached): measure again.
      const { box, enabled } = await eventually(
        async () => {
          try {
            await target.scrollIntoViewIfNeeded({ timeout: 1000 });
            const box = await target.boundingBox();
            return box ? { box, enabled: await target.isEnabled() } : undefined;
          } catch {
            return undefined;
          }
        },
        `${what} to be measured on screen`,
        UI_TIMEOUT_MS,
        50,
      );
      expect({ what, left: box.x >= 0, right: box.x + box.width <= PHONE.width, enabled }).toEqual({
        what,
        left: true,
        right: true,
        enabled: true,
      });
    }
  });

  it('signs in with Tab, typing and Enter only', async () => {
    const window = await open('keyboard-only window', { width: 1280, height: 800 });
    const { page } = window;
    await page.goto('/login');
    await waitingFor('the sign-in form', page.locator('#login-email').waitFor({ timeout: UI_TIMEOUT_MS }));
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName.toLowerCase() || '');

    await page.keyboard.press('Tab');
    expect(await focused()).toBe('login-email');
    await page.keyboard.type(workspace.ben.email);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('login-password');
    await page.keyboard.type(workspace.ben.password);
    await page.keyboard.press('Enter');

    await window.expectSignedIn(workspace.ben);
    await waitingFor(
      'the dashboard after signing in',
      page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor({ timeout: UI_TIMEOUT_MS }),
    );
    expect(page.url()).toBe(`${server.url}/dashboard`);
  });
});
