/**
 * axe-core on every page, at desktop (1280×800) and phone (390×844) size: sign-in and sign-up (also with their
 * errors shown), the dashboard (populated and first-run), tasks (also with a row's edit form, share panel and
 * delete confirmation open), teams, the board, a task page (comments, history), the open bell, and the phone's
 * activity panel. Every rule axe runs by default; 0 violations.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { Api, TestUser } from '../support/api';
import { launchChromium } from '../support/browser';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, DESKTOP, PHONE_LARGE, UI_TIMEOUT_MS, Viewport, saveLog } from './helpers/app-window';
import { waitingFor } from '@taskpulse/test-support';
import { axeViolations } from './helpers/axe';
import { Workspace, seedWorkspace } from './helpers/workspace';

describe.each([
  ['desktop 1280×800', DESKTOP],
  ['phone 390×844', PHONE_LARGE],
] as [string, Viewport][])('accessibility (axe-core) at %s', (size, viewport) => {
  let server: RunningServer;
  let browser: Browser;
  let workspace: Workspace;
  let newcomer: TestUser;
  let guest: AppWindow;
  let maya: AppWindow;
  let fresh: AppWindow;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const api = new Api(server.url);
    [workspace, newcomer] = await Promise.all([
      seedWorkspace(api),
      api.register({ name: 'Nadia Newcomer', email: `nadia-${randomUUID()}@example.com` }),
    ]);
    [guest, maya, fresh] = await Promise.all([
      AppWindow.open(browser, server.url, `guest (${size})`, viewport),
      AppWindow.open(browser, server.url, `Maya (${size})`, viewport),
      AppWindow.open(browser, server.url, `Nadia, first run (${size})`, viewport),
    ]);
    await Promise.all([maya.signIn(workspace.maya), fresh.signIn(newcomer)]);
    await Promise.all([maya.waitUntilLive(), fresh.waitUntilLive()]);
  });

  afterAll(async () => {
    await Promise.allSettled([guest?.close(), maya?.close(), fresh?.close()]);
    await browser?.close();
    if (server) saveLog(`accessibility ${size} server`, server.output());
    await server?.dispose();
  });

  async function expectNoViolations(window: AppWindow, page: string): Promise<void> {
    const violations = await axeViolations(window.page);
    if (violations.length) await window.screenshot(`axe-${page}-${viewport.width}`.replace(/[^a-z0-9-]+/gi, '-'), true);
    expect({ page, violations }).toEqual({ page, violations: [] });
  }

  it('sign-in, with its <main> landmark', async () => {
    await guest.page.goto('/login');
    await waitingFor('the sign-in form', guest.page.locator('main #login-email').waitFor({ timeout: UI_TIMEOUT_MS }));
    await expectNoViolations(guest, 'sign-in');
  });

  it('sign-in after a failed attempt', async () => {
    await guest.page.getByRole('button', { name: 'Sign in' }).click();
    await waitingFor('the marked email field', guest.page.locator('#login-email[aria-invalid="true"]').waitFor({ timeout: UI_TIMEOUT_MS }));
    await guest.page.locator('#login-email').fill(workspace.maya.email);
    await guest.page.locator('#login-password').fill('not the password');
    await guest.page.getByRole('button', { name: 'Sign in' }).click();
    await waitingFor('the sign-in error', guest.page.getByTestId('form-error').waitFor({ timeout: UI_TIMEOUT_MS }));
    await expectNoViolations(guest, 'sign-in with an error');
  });

  it('sign-up, with its <main> landmark, and with every field marked', async () => {
    await guest.page.goto('/register');
    await waitingFor('the sign-up form', guest.page.locator('main #register-name').waitFor({ timeout: UI_TIMEOUT_MS }));
    await expectNoViolations(guest, 'sign-up');
    await guest.page.getByRole('button', { name: 'Sign up' }).click();
    await waitingFor(
      'the marked fields',
      guest.page.locator('#register-password[aria-invalid="true"]').waitFor({ timeout: UI_TIMEOUT_MS }),
    );
    await expectNoViolations(guest, 'sign-up with errors');
  });

  it('the dashboard of a populated workspace', async () => {
    await maya.navigate('Dashboard');
    await waitingFor('team progress', maya.page.getByTestId('team-progress').first().waitFor({ timeout: UI_TIMEOUT_MS }));
    await expectNoViolations(maya, 'dashboard');
  });

  it('the first-run dashboard', async () => {
    await waitingFor('the first-run invitation', fresh.page.getByTestId('first-run').waitFor({ timeout: UI_TIMEOUT_MS }));
    await expectNoViolations(fresh, 'dashboard (first run)');
  });

  it('tasks, with every priority, an overdue and a completed task', async () => {
    await maya.navigate('Tasks');
    await waitingFor('the task rows', maya.row('Audit page load times').waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(await maya.page.locator('[data-testid="task-row"][data-overdue="true"]').count()).toBeGreaterThan(0);
    await expectNoViolations(maya, 'tasks');
  });

  it("tasks with a row's edit form, share panel and delete confirmation open", async () => {
    await maya.row('Brief the support team').getByRole('button', { name: 'Edit' }).click();
    await maya.row('Renew the domain name').getByRole('button', { name: 'Share' }).click();
    await waitingFor('the share panel', maya.page.getByTestId('share-row').first().waitFor({ timeout: UI_TIMEOUT_MS }));
    await maya.row('Record the demo video').getByRole('button', { name: 'Delete' }).click();
    await expectNoViolations(maya, 'tasks with forms open');
    await maya.page.keyboard.press('Escape');
  });

  it('teams', async () => {
    await maya.navigate('Teams');
    await waitingFor('the team cards', maya.page.getByTestId('team-card').first().waitFor({ timeout: UI_TIMEOUT_MS }));
    await expectNoViolations(maya, 'teams');
  });

  it('the board', async () => {
    await maya.navigate('Board');
    await waitingFor('the cards', maya.page.getByTestId('board-card').first().waitFor({ timeout: UI_TIMEOUT_MS }));
    await expectNoViolations(maya, 'board');
  });

  it('a task page with its checklist, comments and history, and the open bell', async () => {
    await maya.page.getByTestId('board-card').first().getByRole('link').click();
    await waitingFor('the task page', maya.page.getByTestId('task-detail').waitFor({ timeout: UI_TIMEOUT_MS }));
    await maya.page.locator('#new-checklist-item').fill('Check the numbers');
    await maya.page.locator('#new-checklist-item').press('Enter');
    await waitingFor('the checklist', maya.page.getByTestId('checklist-item').first().waitFor({ timeout: UI_TIMEOUT_MS }));
    await waitingFor('the assignees', maya.page.getByTestId('assignees').getByRole('checkbox').first().waitFor({ timeout: UI_TIMEOUT_MS }));
    await expectNoViolations(maya, 'task page');
    await maya.page.getByRole('tab', { name: 'History' }).click();
    await waitingFor('the history', maya.page.getByTestId('history-entry').first().waitFor({ timeout: UI_TIMEOUT_MS }));
    await expectNoViolations(maya, 'task page, history');
    await maya.page.getByTestId('notification-bell').click();
    await waitingFor('the bell panel', maya.page.getByTestId('notifications-panel').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS }));
    await expectNoViolations(maya, 'notifications panel');
    await maya.page.keyboard.press('Escape');
  });

  if (viewport === PHONE_LARGE) {
    it('the activity panel opened from the header', async () => {
      await maya.page.getByRole('button', { name: 'Activity' }).click();
      await waitingFor('the activity panel', maya.page.getByTestId('activity-feed').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS }));
      await expectNoViolations(maya, 'activity panel');
      await maya.page.keyboard.press('Escape');
    });
  }
});
