/**
 * The dashboard of a populated workspace: the same figures as the API, kept current by teammates' changes.
 * With UPDATE_DOCS_SCREENSHOT=1 it also rewrites docs/screenshot-dashboard.png (1280×800).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { Api } from '../support/api';
import { launchChromium } from '../support/browser';
import type { DashboardStats } from '@taskpulse/contract';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, DESKTOP, UI_TIMEOUT_MS, saveLog } from './helpers/app-window';
import { waitingFor } from '@taskpulse/test-support';
import { Workspace, seedWorkspace, setStatus } from './helpers/workspace';

const DOCS_SCREENSHOT = join(__dirname, '..', '..', 'docs', 'screenshot-dashboard.png');
const DOCS_SCREENSHOT_MAX_BYTES = 300 * 1024;

type Stats = Omit<DashboardStats, 'seq'>;

describe('dashboard of a populated workspace', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let workspace: Workspace;
  let window: AppWindow;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    api = new Api(server.url);
    workspace = await seedWorkspace(api);
    window = await AppWindow.open(browser, server.url, "Maya's window", DESKTOP);
  });

  afterAll(async () => {
    await Promise.allSettled([window?.close()]);
    await browser?.close();
    if (server) saveLog('dashboard server', server.output());
    await server?.dispose();
  });

  it('shows the figures the API reports, per card and per team', async () => {
    await window.signIn(workspace.maya);
    await window.waitUntilLive();
    const stats = await apiStats();
    expect(stats).toMatchObject({ total: 10, completed: 2, overdue: 1, dueToday: 1, sharedWithMe: 0, sharedByMe: 1 });
    await expectCards(stats);
  });

  it("follows teammates' changes live: cards, team progress and who did what", async () => {
    const { ben, priya, webTeamId, tasks } = workspace;
    await window.markPage();
    const hero = await api.createTask(priya, { title: 'Draw the new hero illustration', teamId: webTeamId, priority: 'low' });
    await setStatus(api, priya, hero.id, 'completed');
    await setStatus(api, ben, tasks.get('Write the release notes')!, 'completed');
    await setStatus(api, ben, tasks.get('Brief the support team')!, 'completed');
    await api.share(priya, tasks.get('Review the Q3 roadmap draft')!, workspace.maya, 'edit');

    for (const entry of [
      "Priya Sharma created 'Draw the new hero illustration'",
      "Priya Sharma completed 'Draw the new hero illustration'",
      "Ben Okafor completed 'Write the release notes'",
      "Ben Okafor completed 'Brief the support team'",
      "Priya Sharma shared 'Review the Q3 roadmap draft'",
    ]) {
      await waitingFor(
        `the activity entry "${entry}"`,
        window.page.getByTestId('activity-entry').filter({ hasText: entry }).waitFor({ timeout: UI_TIMEOUT_MS }),
      );
    }
    const stats = await apiStats();
    expect(stats).toMatchObject({ total: 12, completed: 5, sharedWithMe: 1 });
    await expectCards(stats);
    expect(await window.wasReloaded()).toBe(false);

    const path = await window.screenshot('dashboard-populated');
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
      await window.page.screenshot({ path: DOCS_SCREENSHOT, animations: 'disabled', caret: 'hide' });
      expect(statSync(DOCS_SCREENSHOT).size).toBeLessThan(DOCS_SCREENSHOT_MAX_BYTES);
      console.log(`Wrote ${DOCS_SCREENSHOT} (${Math.round(statSync(DOCS_SCREENSHOT).size / 1024)} KB); the test artefact is ${path}`);
    }
  });

  async function apiStats(): Promise<Stats> {
    const answer = await api.request<Stats>('GET', '/api/dashboard/stats', { token: workspace.maya.token });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  /** Waits until every card and team bar shows what the API says (the page refetches after each event). */
  async function expectCards(stats: Stats): Promise<void> {
    const cards: Record<string, string> = {
      'stat-total': `${stats.total}`,
      'stat-pending': `${stats.pending}`,
      'stat-in-progress': `${stats.inProgress}`,
      'stat-assigned-to-me': `${stats.assignedToMe}`,
      'stat-completed': `${stats.completed}`,
      'stat-overdue': `${stats.overdue}`,
      'stat-due-today': `${stats.dueToday}`,
      'stat-completed-week': `${stats.completedThisWeek}`,
      'stat-shared-with-me': `${stats.sharedWithMe}`,
      'stat-shared-by-me': `${stats.sharedByMe}`,
      'stat-completion-rate': `${Math.round(stats.completionRate * 100)}%`,
    };
    for (const [testId, value] of Object.entries(cards)) {
      await waitingFor(
        `${testId} to read "${value}"`,
        window.page.waitForFunction(
          ([id, expected]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() === expected,
          [testId, value] as const,
          { timeout: UI_TIMEOUT_MS },
        ),
      );
    }
    for (const team of stats.teams) {
      await waitingFor(
        `the progress of ${team.name} to read "${team.completed} of ${team.total} done"`,
        window.page
          .locator(`[data-testid="team-progress"][data-team-id="${team.teamId}"]`)
          .filter({ hasText: `${team.completed} of ${team.total} done` })
          .waitFor({ timeout: UI_TIMEOUT_MS }),
      );
    }
  }
});
