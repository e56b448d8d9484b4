/**
 * The built app runs under its strict Content-Security-Policy (scripts only from this origin, no inline scripts,
 * connections only to this API and its WebSocket): it signs up, styles itself, goes live and shows another
 * person's change, and the browser reports no violation.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { waitingFor } from '@taskpulse/test-support';
import { Api } from '../support/api';
import { launchChromium } from '../support/browser';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, type Person, UI_TIMEOUT_MS, saveLog } from './helpers/app-window';

describe('the web app under its Content-Security-Policy', () => {
  let server: RunningServer;
  let browser: Browser;
  let window: AppWindow;
  const violations: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    window = await AppWindow.open(browser, server.url, 'the CSP window');
    await window.page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
    await window.page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(
          `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
        ),
      );
    });
    window.page.on('console', (message) => /Content.Security.Policy/i.test(message.text()) && violations.push(message.text()));
  });

  afterAll(async () => {
    await window?.close();
    await browser?.close();
    if (server) saveLog('security-csp server', server.output());
    await server?.dispose();
  });

  it('is served with the policy', async () => {
    const answer = await window.page.goto('/login');
    const policy = answer?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+/);
  });

  it('signs up, styles itself, goes live and shows a change made elsewhere, with no violation', async () => {
    const suffix = randomUUID().slice(0, 8);
    const person: Person = { name: 'Csp Tester', email: `csp-${suffix}@example.com`, password: 'correct horse battery' };
    await window.signUp(person);
    await window.waitUntilLive();
    const styled = await window.page.evaluate(() => {
      const sheets = Array.from(document.styleSheets).filter((sheet) => sheet.href !== null);
      return { sheets: sheets.length, media: sheets.map((sheet) => sheet.media.mediaText) };
    });
    expect(styled.sheets).toBeGreaterThan(0);
    expect(styled.media.every((media) => media === '' || media === 'all')).toBe(true);

    const api = new Api(server.url);
    const login = await api.request('POST', '/api/auth/login', { body: { email: person.email, password: person.password } });
    await window.navigate('Tasks');
    await api.request('POST', '/api/tasks', { token: login.body.access_token, body: { title: `Made elsewhere ${suffix}` } });
    await waitingFor(
      'the task made through the API to show',
      window.page.getByText(`Made elsewhere ${suffix}`).first().waitFor({ timeout: UI_TIMEOUT_MS }),
    );

    expect(violations).toEqual([]);
  });
});
