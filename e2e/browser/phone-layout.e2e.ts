/**
 * At 390×844: the list comes first (the first task on the first screen, creating behind a compact bar, filters
 * folded), rows wrap sensibly (a member's name and email on full lines, never a letter per line), and the
 * activity feed is one tap away from anywhere. With UPDATE_DOCS_SCREENSHOT=1 it also rewrites
 * docs/after-phone-tasks.png and docs/after-phone-teams.png.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { Api } from '../support/api';
import { launchChromium } from '../support/browser';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, PHONE_LARGE, UI_TIMEOUT_MS, saveLog } from './helpers/app-window';
import { waitingFor } from '@taskpulse/test-support';
import { Workspace, seedWorkspace } from './helpers/workspace';

const DOCS = join(__dirname, '..', '..', 'docs');

describe('phone layout (390×844)', () => {
  let server: RunningServer;
  let browser: Browser;
  let workspace: Workspace;
  let phone: AppWindow;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    workspace = await seedWorkspace(new Api(server.url));
    phone = await AppWindow.open(browser, server.url, "Maya's phone (390×844)", PHONE_LARGE);
    await phone.signIn(workspace.maya);
    await phone.waitUntilLive();
  });

  afterAll(async () => {
    await Promise.allSettled([phone?.close()]);
    await browser?.close();
    if (server) saveLog('phone-layout server', server.output());
    await server?.dispose();
  });

  async function docsScreenshot(name: string): Promise<void> {
    await phone.screenshot(name);
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
      await phone.page.screenshot({ path: join(DOCS, `${name}.png`), animations: 'disabled', caret: 'hide' });
    }
  }

  it('Tasks: the first task starts on the first screen, below a compact create bar and a folded filter bar', async () => {
    await phone.navigate('Tasks');
    const first = phone.page.getByTestId('task-row').first();
    await waitingFor('the first task', first.waitFor({ timeout: UI_TIMEOUT_MS }));
    const box = await first.boundingBox();

    console.log(`First task at y=${Math.round(box!.y)} of ${PHONE_LARGE.height}`);
    expect(box!.y + 60).toBeLessThan(PHONE_LARGE.height);
    expect(await phone.page.locator('#new-task-title').isVisible()).toBe(true);
    expect(await phone.page.getByRole('button', { name: 'Add task' }).isVisible()).toBe(true);
    expect(await phone.page.locator('#new-task-description').isVisible()).toBe(false);
    expect(await phone.page.locator('#task-scope').isVisible()).toBe(false);
    await docsScreenshot('after-phone-tasks');
  });

  it('Tasks: "More options" and "Filters" open the rest, announced as expanded', async () => {
    const more = phone.page.getByRole('button', { name: 'More options' });
    await more.click();
    // The page renders after the click: wait for the button announced as expanded before looking at what it opened.
    const fewer = phone.page.getByRole('button', { name: 'Fewer options', expanded: true });
    await waitingFor('"Fewer options", expanded', fewer.waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(await phone.page.locator('#new-task-description').isVisible()).toBe(true);
    await fewer.click();

    const filters = phone.page.getByRole('button', { name: /^Filters/ });
    await filters.click();
    await waitingFor(
      '"Filters", expanded',
      phone.page.getByRole('button', { name: /^Filters/, expanded: true }).waitFor({ timeout: UI_TIMEOUT_MS }),
    );
    await phone.page.locator('#task-status-filter').selectOption('completed');
    await waitingFor('"Filters (1)"', phone.page.getByRole('button', { name: 'Filters (1)' }).waitFor({ timeout: UI_TIMEOUT_MS }));
    await waitingFor('the completed tasks only', phone.row('Finalise pricing page copy').waitFor({ timeout: UI_TIMEOUT_MS }));
    await phone.page.locator('#task-status-filter').selectOption('');
    await filters.click();
  });

  it('Teams: each member row keeps name and email on whole lines, buttons wrap below', async () => {
    await phone.navigate('Teams');
    await waitingFor('the team cards', phone.page.getByTestId('team-member').first().waitFor({ timeout: UI_TIMEOUT_MS }));
    const rows = await phone.page.getByTestId('team-member').evaluateAll((items) =>
      items.map((item) => {
        const name = item.querySelector('strong')!;
        const email = item.querySelector('.who .muted')!;
        const lineHeight = parseFloat(getComputedStyle(name).lineHeight) || 24;
        return {
          name: name.textContent,
          nameWidth: Math.round(name.getBoundingClientRect().width),
          nameLines: Math.round(name.getBoundingClientRect().height / lineHeight),
          emailLines: Math.round(email.getBoundingClientRect().height / (parseFloat(getComputedStyle(email).lineHeight) || 24)),
        };
      }),
    );

    for (const row of rows) {
      expect({ name: row.name, oneLine: row.nameLines <= 1, emailFits: row.emailLines <= 2, wide: row.nameWidth > 60 }).toEqual({
        name: row.name,
        oneLine: true,
        emailFits: true,
        wide: true,
      });
    }
    await docsScreenshot('after-phone-teams');
  });

  it('the activity feed is one tap away from anywhere on the page, and Escape closes it where the reader was', async () => {
    await phone.navigate('Tasks');
    await waitingFor('the rows', phone.page.getByTestId('task-row').last().waitFor({ timeout: UI_TIMEOUT_MS }));
    await phone.page.getByTestId('task-row').last().scrollIntoViewIfNeeded();
    const scrolled = await phone.page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(0);

    const toggle = phone.page.getByRole('button', { name: 'Activity' });
    await toggle.click();
    const feed = phone.page.getByTestId('activity-feed');
    await waitingFor('the feed', feed.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS }));
    const box = await feed.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(PHONE_LARGE.height / 2);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await phone.page.evaluate(() => document.activeElement?.id)).toBe('activity-heading');

    await phone.page.keyboard.press('Escape');
    await waitingFor('the feed to close', feed.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS }));
    expect(await phone.page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Activity');
    expect(await phone.page.evaluate(() => window.scrollY)).toBe(scrolled);
  });

  it('the activity panel closes when another page opens', async () => {
    const toggle = phone.page.getByRole('button', { name: 'Activity' });
    await toggle.click();
    await waitingFor('the feed', phone.page.getByTestId('activity-feed').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS }));

    await phone.navigate('Dashboard');

    await waitingFor('the feed to close', phone.page.getByTestId('activity-feed').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS }));
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('no page scrolls sideways', async () => {
    for (const page of ['Dashboard', 'Tasks', 'Teams'] as const) {
      await phone.navigate(page);
      await phone.page.waitForTimeout(300);
      const widths = await phone.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      expect({ page, fits: widths.scroll <= widths.inner }).toEqual({ page, fits: true });
    }
  });
});
