/** One signed-in browser window of TaskPulse: its own context (cookies, localStorage), so its own session. */
import { writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { waitingFor } from '@taskpulse/test-support';
import { screenshotPath } from '../../support/browser';

export interface Viewport {
  width: number;
  height: number;
}

export const DESKTOP: Viewport = { width: 1280, height: 800 };
export const PHONE: Viewport = { width: 375, height: 740 };
/** A current phone (390×844), the size the web app is checked at besides the desktop. */
export const PHONE_LARGE: Viewport = { width: 390, height: 844 };

/** What every UI wait in these suites allows; realtime latency is asserted separately and much tighter. */
export const UI_TIMEOUT_MS = 10_000;

export interface Person {
  name: string;
  email: string;
  password: string;
}

export class AppWindow {
  /** Console errors, page errors and failed requests, saved next to the screenshots to explain a failure. */
  private readonly log: string[] = [];

  private constructor(
    readonly label: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    const note = (line: string) => this.log.push(`${new Date().toISOString()} ${line}`);
    page.on('console', (message) => ['error', 'warning'].includes(message.type()) && note(`console.${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => note(`page error: ${error.message}`));
    page.on('requestfailed', (request) => note(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`));
    page.on('framenavigated', (frame) => frame === page.mainFrame() && note(`navigated to ${frame.url()}`));
  }

  static async open(browser: Browser, baseURL: string, label: string, viewport: Viewport = DESKTOP): Promise<AppWindow> {
    const context = await browser.newContext({ baseURL, viewport, reducedMotion: 'reduce', locale: 'en-GB', timezoneId: 'UTC' });
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    const page = await context.newPage();
    return new AppWindow(label, context, page);
  }

  /** Creates the account through the sign-up form. */
  async signUp(person: Person): Promise<void> {
    await this.page.goto('/register');
    await this.page.locator('#register-name').fill(person.name);
    await this.page.locator('#register-email').fill(person.email);
    await this.page.locator('#register-password').fill(person.password);
    await this.page.getByRole('button', { name: 'Sign up' }).click();
    await this.expectSignedIn(person);
  }

  /** Signs in through the sign-in form. */
  async signIn(person: Person): Promise<void> {
    await this.page.goto('/login');
    await this.page.locator('#login-email').fill(person.email);
    await this.page.locator('#login-password').fill(person.password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.expectSignedIn(person);
  }

  async expectSignedIn(person: Person): Promise<void> {
    await waitingFor(
      `${this.label}: the header to show ${person.name} as signed in`,
      // Attached, not visible: at phone width the name is hidden to save room.
      this.page.getByTestId('current-user').filter({ hasText: person.name }).waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS }),
    );
  }

  /** Client-side navigation through the header (never a reload: the socket and the page state survive). */
  async navigate(to: 'Dashboard' | 'Tasks' | 'Board' | 'Teams' | 'Trash'): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: to, exact: true }).click();
    await waitingFor(
      `${this.label}: the ${to} page`,
      this.page.getByRole('heading', { level: 1, name: to, exact: true }).waitFor({ timeout: UI_TIMEOUT_MS }),
    );
  }

  connectionIndicator(): Locator {
    return this.page.getByTestId('connection-indicator');
  }

  async waitForConnection(statuses: readonly string[], timeoutMs = UI_TIMEOUT_MS): Promise<string> {
    const handle = await waitingFor(
      `${this.label}: the connection indicator to become ${statuses.join(' or ')}`,
      this.page.waitForFunction(
        (wanted) => {
          const status = document.querySelector('[data-testid="connection-indicator"]')?.getAttribute('data-status');
          return status && wanted.includes(status) ? status : false;
        },
        statuses,
        { timeout: timeoutMs },
      ),
    );
    return (await handle.jsonValue()) as string;
  }

  async waitUntilLive(timeoutMs = UI_TIMEOUT_MS): Promise<void> {
    await this.waitForConnection(['connected'], timeoutMs);
  }

  /** The row of a task, found by its (unique) title. */
  row(title: string): Locator {
    return this.page.getByTestId('task-row').filter({ hasText: title });
  }

  /** The row of a task by id (stable while the row is in edit mode, where the title is in an input). */
  rowById(taskId: string): Locator {
    return this.page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`);
  }

  async taskIdOf(title: string): Promise<string> {
    const row = this.row(title);
    await waitingFor(`${this.label}: the row of "${title}"`, row.waitFor({ timeout: UI_TIMEOUT_MS }));
    const id = await row.getAttribute('data-task-id');
    if (!id) throw new Error(`${this.label}: the row of "${title}" has no data-task-id`);
    return id;
  }

  /** A marker that only a full page load would wipe: proves changes arrived without a reload. */
  async markPage(): Promise<void> {
    await this.page.evaluate(() => ((window as unknown as { __notReloaded?: boolean }).__notReloaded = true));
  }

  async wasReloaded(): Promise<boolean> {
    return this.page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded !== true);
  }

  async activityTexts(): Promise<string[]> {
    const texts = await this.page.getByTestId('activity-entry').locator('.text').allTextContents();
    return texts.map((text) => text.replace(/\s+/g, ' ').trim());
  }

  async screenshot(name: string, fullPage = false): Promise<string> {
    const path = screenshotPath(name);
    await this.page.screenshot({ path, fullPage, animations: 'disabled', caret: 'hide' });
    return path;
  }

  async close(): Promise<void> {
    saveLog(this.label, this.log.join('\n'));
    await this.context.close();
  }
}

/** Writes a log next to the screenshots (artifacts/browser/<name>.log). */
export function saveLog(name: string, text: string): void {
  const file = name
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  writeFileSync(screenshotPath(file).replace(/\.png$/, '.log'), text.replace(/token=[^&\s'"]+/g, 'token=…'));
}
