/**
 * Errors that say the right thing (the client checks the server's own rules first; the server's messages are
 * reworded for people) and lists that say what they show: "No tasks match …", filters kept in the URL, what is
 * loaded and whether more exists, a deletion in the feed with its title, and the first-run dashboard.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { Api, TestUser } from '../support/api';
import { launchChromium } from '../support/browser';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, DESKTOP, UI_TIMEOUT_MS, saveLog } from './helpers/app-window';
import { waitingFor } from '@taskpulse/test-support';
import { createTasks } from './helpers/seed';

describe('forms that say what is wrong, lists that say what they show', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let ada: TestUser;
  let window: AppWindow;
  let page: Page;
  /** Mutating /api requests the page sent (a form the client refuses must send none). */
  const sent: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    api = new Api(server.url);
    ada = await api.register({ name: 'Ada Park', email: `ada-${randomUUID()}@example.com` });
    await createTasks(api, ada, 58, 'Chore');
    await api.createTask(ada, { title: 'Plan the launch party', description: 'Venue and cake' });
    await api.createTask(ada, { title: 'Book the venue' });
    window = await AppWindow.open(browser, server.url, "Ada's window", DESKTOP);
    page = window.page;
    page.on('request', (request) => {
      if (request.method() !== 'GET' && new URL(request.url()).pathname.startsWith('/api/'))
        sent.push(`${request.method()} ${new URL(request.url()).pathname}`);
    });
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled([window?.close()]);
    await browser?.close();
    if (server) saveLog('forms-and-lists server', server.output());
    await server?.dispose();
  });

  async function fieldState(selector: string) {
    return page.locator(selector).evaluate((field) => {
      const describedBy = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      return {
        invalid: field.getAttribute('aria-invalid'),
        message: describedBy
          .map((id) => document.getElementById(id)?.textContent?.trim())
          .filter((text) => text && !/^8 to 128/.test(text))
          .join(' '),
        focused: document.activeElement === field,
      };
    });
  }

  describe('sign-up', () => {
    beforeAll(async () => {
      await page.goto('/register');
      await waitingFor('the sign-up form', page.locator('#register-name').waitFor({ timeout: UI_TIMEOUT_MS }));
    });

    it('empty: marks every field (aria-invalid), says what each needs, focuses the first, sends nothing', async () => {
      sent.length = 0;
      await page.getByRole('button', { name: 'Sign up' }).click();

      expect(await fieldState('#register-name')).toEqual({ invalid: 'true', message: 'Enter your name.', focused: true });
      expect(await fieldState('#register-email')).toEqual({ invalid: 'true', message: 'Enter your email address.', focused: false });
      expect(await fieldState('#register-password')).toEqual({
        invalid: 'true',
        message: 'Choose a password of at least 8 characters.',
        focused: false,
      });
      expect(sent).toEqual([]);
    });

    it('ada@localhost: refused before sending, saying the domain needs a dot (the server would refuse it too)', async () => {
      sent.length = 0;
      await page.locator('#register-name').fill('Ada Park');
      await page.locator('#register-email').fill('ada@localhost');
      await page.locator('#register-password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Sign up' }).click();

      expect(await fieldState('#register-email')).toEqual({
        invalid: 'true',
        message: 'Enter a complete email address, such as name@example.com: the part after the @ needs a dot.',
        focused: true,
      });
      expect(await fieldState('#register-name')).toMatchObject({ invalid: null });
      expect(sent).toEqual([]);
      const server = await api.request('POST', '/api/auth/register', {
        body: { name: 'Ada Park', email: 'ada@localhost', password: 'correct horse battery' },
      });
      expect(server.status).toBe(400);
    });

    it('an address already taken: the server’s answer, in words for people, on the email field', async () => {
      await page.locator('#register-email').fill(ada.email);
      await page.getByRole('button', { name: 'Sign up' }).click();

      await waitingFor('the email field marked', page.locator('#register-email[aria-invalid="true"]').waitFor({ timeout: UI_TIMEOUT_MS }));
      expect(await fieldState('#register-email')).toEqual({
        invalid: 'true',
        message: 'An account with this email address already exists. Sign in instead.',
        focused: true,
      });
    });
  });

  describe('tasks', () => {
    beforeAll(async () => {
      await window.signIn(ada);
      await window.navigate('Tasks');
      await window.waitUntilLive();
    });

    it('a 201-character title says the title is too long (not the description), and is not sent', async () => {
      sent.length = 0;
      await page.locator('#new-task-title').fill('x'.repeat(201));
      await page.getByRole('button', { name: 'Add task' }).click();

      expect(await fieldState('#new-task-title')).toEqual({
        invalid: 'true',
        message: 'The title can be at most 200 characters; this one has 201.',
        focused: true,
      });
      expect(await fieldState('#new-task-description')).toMatchObject({ invalid: null });
      expect(sent).toEqual([]);
      await page.locator('#new-task-title').fill('');
    });

    it('sharing with yourself says so in words, before asking the server', async () => {
      sent.length = 0;
      const row = window.row('Book the venue');
      await row.getByRole('button', { name: 'Share' }).click();
      const email = row.getByLabel('Email');
      await email.fill(ada.email.toUpperCase());
      await row.getByRole('button', { name: 'Share', exact: true }).click();

      const id = await row.getAttribute('data-task-id');
      expect(await fieldState(`#share-email-${id}`)).toEqual({
        invalid: 'true',
        message: "That's your own email address: you own this task already. Enter someone else's.",
        focused: true,
      });
      expect(sent).toEqual([]);
      await page.keyboard.press('Escape');
    });

    it('says how many are shown and whether there are more; the list API has no total, so none is made up', async () => {
      const count = page.getByTestId('task-count');
      await waitingFor(
        '"50 shown, more available"',
        count.filter({ hasText: /^50 shown, more available$/ }).waitFor({ timeout: UI_TIMEOUT_MS }),
      );
      await page.getByRole('button', { name: 'Load more' }).click();
      await waitingFor('"60 tasks"', count.filter({ hasText: /^60 tasks$/ }).waitFor({ timeout: UI_TIMEOUT_MS }));
      expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    });

    it('a search with no match says "No tasks match …", not "No tasks here yet"', async () => {
      await page.locator('#task-search').fill('zebra crossing');
      const empty = page.getByTestId('empty-list');
      await waitingFor('the empty list', empty.waitFor({ timeout: UI_TIMEOUT_MS }));
      expect((await empty.locator('p').textContent())?.trim()).toBe('No tasks match “zebra crossing”.');
      expect(await page.getByTestId('task-count').textContent()).toBe('');
    });

    it('keeps the filters in the URL: a reload shows the same filtered list', async () => {
      await page.locator('#task-search').fill('launch');
      await page.locator('#task-status-filter').selectOption('pending');
      await waitingFor('the URL to carry the filters', page.waitForURL(/\/tasks\?.*q=launch/, { timeout: UI_TIMEOUT_MS }));
      await waitingFor('the URL to carry the status', page.waitForURL(/status=pending/, { timeout: UI_TIMEOUT_MS }));
      await waitingFor(
        'the filtered list',
        page
          .getByTestId('task-count')
          .filter({ hasText: /^1 task$/ })
          .waitFor({ timeout: UI_TIMEOUT_MS }),
      );

      await page.reload();
      await waitingFor('the list after the reload', window.row('Plan the launch party').waitFor({ timeout: UI_TIMEOUT_MS }));
      expect(await page.locator('#task-search').inputValue()).toBe('launch');
      expect(await page.locator('#task-status-filter').inputValue()).toBe('pending');
      expect(await page.getByTestId('task-row').count()).toBe(1);

      await page.locator('#task-search').fill('');
      await page.locator('#task-status-filter').selectOption('');
      await waitingFor(
        'the whole list',
        page.getByTestId('task-count').filter({ hasText: '50 shown, more available' }).waitFor({ timeout: UI_TIMEOUT_MS }),
      );
      expect(new URL(page.url()).search).toBe('');
    });

    it('a deletion in the feed names the task: "You deleted \'…\'"', async () => {
      const row = window.row('Book the venue');
      await row.getByRole('button', { name: 'Delete' }).click();
      await row.getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete' }).click();
      await waitingFor(
        'the feed entry with the title',
        page.getByTestId('activity-entry').filter({ hasText: "You deleted 'Book the venue'" }).waitFor({ timeout: UI_TIMEOUT_MS }),
      );
      expect((await window.activityTexts()).filter((text) => text.includes('deleted a task'))).toEqual([]);
    });
  });

  describe('the dashboard', () => {
    it('invites a newcomer’s first task instead of a wall of zeros, then shows the figures it makes', async () => {
      const newcomer = await AppWindow.open(browser, server.url, "Nadia's window", DESKTOP);
      try {
        await newcomer.signUp({ name: 'Nadia Newcomer', email: `nadia-${randomUUID()}@example.com`, password: 'correct horse battery' });
        const invitation = newcomer.page.getByTestId('first-run');
        await waitingFor('the first-run invitation', invitation.waitFor({ timeout: UI_TIMEOUT_MS }));
        expect(await newcomer.page.getByTestId('stat-total').count()).toBe(0);
        expect(await invitation.getByRole('heading').textContent()).toContain('Welcome, Nadia!');

        await newcomer.page.locator('#first-task-title').fill('Water the office plants');
        await newcomer.page.keyboard.press('Enter');
        await waitingFor(
          'the total to read 1',
          newcomer.page.getByTestId('stat-total').filter({ hasText: /^1$/ }).waitFor({ timeout: UI_TIMEOUT_MS }),
        );
        const notice = await newcomer.page.evaluate(() => document.activeElement?.textContent?.replace(/\s+/g, ' ').trim());
        expect(notice).toBe('Added “Water the office plants”. See it with your tasks.');
      } finally {
        await newcomer.close();
      }
    });

    it('folds a burst of a teammate’s changes into a few stats requests, and ends with the right figures', async () => {
      const ben = await api.register({ name: 'Ben Okafor' });
      const teamId = (await api.createTeam(ada, 'Launch crew')).id;
      await api.addMember(ada, teamId, ben);
      await window.navigate('Dashboard');
      await waitingFor('the figures', page.getByTestId('stat-total').waitFor({ timeout: UI_TIMEOUT_MS }));
      await page.waitForTimeout(1500);
      const requests: number[] = [];
      const onRequest = (request: { url: () => string }) => request.url().endsWith('/api/dashboard/stats') && requests.push(Date.now());
      page.on('request', onRequest);

      const started = Date.now();
      await createTasks(api, ben, 20, 'Burst', { teamId }, 4);
      const total = (await api.request('GET', '/api/dashboard/stats', { token: ada.token })).body.total;
      await waitingFor(
        `the total to read ${total}`,
        page
          .getByTestId('stat-total')
          .filter({ hasText: new RegExp(`^${total}$`) })
          .waitFor({ timeout: UI_TIMEOUT_MS }),
      );
      await page.waitForTimeout(1500);
      page.off('request', onRequest);

      const seconds = (Date.now() - started) / 1000;
      console.log(`20 changes in ${seconds.toFixed(1)} s → ${requests.length} stats requests from the dashboard`);
      expect(requests.length).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
      expect(requests.length).toBeLessThan(20);
    });
  });
});
