/**
 * A long list keeps what was loaded and where the reader was: with 300 tasks loaded through "Load more" and
 * the page scrolled deep into them, being added to a team (a refetch) adds the team's tasks and drops none,
 * and the row being read does not move; a live change patches its row without any refetch.
 */
import type { Browser } from 'playwright-core';
import { Api, TestUser } from '../support/api';
import { launchChromium } from '../support/browser';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, DESKTOP, UI_TIMEOUT_MS, saveLog } from './helpers/app-window';
import { waitingFor } from '@taskpulse/test-support';
import { createTasks } from './helpers/seed';

describe('a long list keeps its rows and the reader’s place', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let ada: TestUser;
  let ben: TestUser;
  let teamId: string;
  let window: AppWindow;
  const listRequests: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    api = new Api(server.url);
    [ada, ben] = await Promise.all([api.register({ name: 'Ada Park' }), api.register({ name: 'Ben Okafor' })]);
    await createTasks(api, ada, 320, 'Backlog item');
    teamId = (await api.createTeam(ben, 'Launch crew')).id;
    await createTasks(api, ben, 3, 'Launch crew task', { teamId });
    window = await AppWindow.open(browser, server.url, "Ada's window (320 tasks)", DESKTOP);
    window.page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() === 'GET' && url.pathname === '/api/tasks') listRequests.push(url.search);
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([window?.close()]);
    await browser?.close();
    if (server) saveLog('long-list server', server.output());
    await server?.dispose();
  });

  const rowCount = () => window.page.getByTestId('task-row').count();

  it('loads 300 rows through "Load more" and says what is loaded', async () => {
    await window.signIn(ada);
    await window.navigate('Tasks');
    await window.waitUntilLive();
    const count = window.page.getByTestId('task-count');
    await waitingFor(
      '"50 shown, more available"',
      count.filter({ hasText: '50 shown, more available' }).waitFor({ timeout: UI_TIMEOUT_MS }),
    );
    for (let shown = 100; shown <= 300; shown += 50) {
      await window.page.getByRole('button', { name: 'Load more' }).click();
      await waitingFor(`"${shown} shown"`, count.filter({ hasText: `${shown} shown, more available` }).waitFor({ timeout: UI_TIMEOUT_MS }));
    }
    expect(await rowCount()).toBe(300);
    await window.markPage();
  });

  it('after being added to a team, shows the team’s tasks and still every row loaded, with the row being read in place', async () => {
    const { page } = window;
    const before = await page.getByTestId('task-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-task-id')));
    // Read deep in the list: row 250 at the top of the screen.
    const anchorId = before[249]!;
    const anchor = window.rowById(anchorId);
    await anchor.evaluate((row) => row.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(200);
    const topBefore = await anchor.evaluate((row) => row.getBoundingClientRect().top);
    const scrollBefore = await page.evaluate(() => document.documentElement.scrollTop);
    listRequests.length = 0;

    await api.addMember(ben, teamId, ada);
    await waitingFor(
      'the team’s tasks to join the list',
      page.waitForFunction(() => document.querySelectorAll('[data-testid="task-row"]').length >= 303, undefined, {
        timeout: UI_TIMEOUT_MS,
      }),
    );
    await page.waitForTimeout(500);

    const after = await page.getByTestId('task-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-task-id')));
    const topAfter = await anchor.evaluate((row) => row.getBoundingClientRect().top);
    const scrollAfter = await page.evaluate(() => document.documentElement.scrollTop);
    console.log(
      `Refetch after joining a team: ${listRequests.length} list requests (${listRequests.join(', ')}); rows ${before.length} → ${after.length}; row 250 moved ${Math.round(topAfter - topBefore)} px on screen (page scrolled ${Math.round(scrollAfter - scrollBefore)} px to keep it)`,
    );
    expect(before.filter((id) => !after.includes(id))).toEqual([]);
    expect(after.length).toBeGreaterThanOrEqual(303);
    expect(Math.abs(topAfter - topBefore)).toBeLessThanOrEqual(2);
    expect(await window.wasReloaded()).toBe(false);
  });

  it('patches a row in place when it changes live, without refetching the list', async () => {
    const teamTasks = (await api.allTasks(ben)).items.filter((task) => task.teamId === teamId);
    const target = teamTasks[0];
    listRequests.length = 0;

    const answer = await api.request('PATCH', `/api/tasks/${target.id}`, {
      token: ben.token,
      body: { title: 'Launch crew task, renamed' },
    });
    expect(answer.status).toBe(200);
    await waitingFor(
      'the renamed row',
      window.rowById(target.id).filter({ hasText: 'Launch crew task, renamed' }).waitFor({ timeout: UI_TIMEOUT_MS }),
    );

    expect(listRequests).toEqual([]);
    expect(await rowCount()).toBeGreaterThanOrEqual(303);
  });
});
