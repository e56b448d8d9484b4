/**
 * The board, two people on one team's cards: Ada drags a card to another column and Ben sees it arrive in under
 * a second, without a reload; moves by keyboard (Alt+arrows) keep focus on the card; both windows end with the
 * same order in every column; axe finds nothing on the board, light or dark.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { Api, TestUser } from '../support/api';
import { launchChromium } from '../support/browser';
import { RunningServer, startServer } from '../support/server';
import { AppWindow, UI_TIMEOUT_MS, saveLog } from './helpers/app-window';
import { waitingFor } from '@taskpulse/test-support';
import { axeViolations } from './helpers/axe';
import { LatencyLog } from './helpers/latency';

const BUDGET_MS = 1000;
const card = (taskId: string, status?: string) =>
  `${status ? `[data-testid="column-${status}"] ` : ''}[data-testid="board-card"][data-task-id="${taskId}"]`;

/** Each column's card ids, top to bottom. */
async function boardOrder(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() =>
    Object.fromEntries(
      ['pending', 'in_progress', 'completed'].map((status) => [
        status,
        Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="column-${status}"] [data-testid="board-card"]`)).map(
          (element) => element.dataset['taskId'] ?? '',
        ),
      ]),
    ),
  );
}

describe('the board, live between two people', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;
  let ada: TestUser;
  let ben: TestUser;
  let adaWindow: AppWindow;
  let benWindow: AppWindow;
  const ids: Record<string, string> = {};
  const latency = new LatencyLog();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    api = new Api(server.url);
    [ada, ben] = await Promise.all([api.register({ name: 'Ada Park' }), api.register({ name: 'Ben Okafor' })]);
    const team = await api.createTeam(ada, 'Launch crew');
    await api.addMember(ada, team.id, ben);
    for (const title of ['Write the brief', 'Book the venue', 'Order the cake', 'Invite the press']) {
      ids[title] = (await api.createTask(ada, { title, teamId: team.id })).id;
    }
    [adaWindow, benWindow] = await Promise.all([
      AppWindow.open(browser, server.url, "Ada's board"),
      AppWindow.open(browser, server.url, "Ben's board"),
    ]);
    await Promise.all([adaWindow.signIn(ada), benWindow.signIn(ben)]);
    await Promise.all([adaWindow.waitUntilLive(), benWindow.waitUntilLive()]);
    await Promise.all([adaWindow.navigate('Board'), benWindow.navigate('Board')]);
    await benWindow.markPage();
  }, 90_000);

  afterAll(async () => {
    console.log(`board latency:\n${latency.table()}`);
    await Promise.allSettled([adaWindow?.close(), benWindow?.close()]);
    await browser?.close();
    if (server) saveLog('board server', server.output());
    await server?.dispose();
  });

  async function expectSameBoards(): Promise<void> {
    await waitingFor(
      'both boards to show the same order',
      (async () => {
        for (let attempt = 0; attempt < 50; attempt++) {
          const [mine, theirs] = await Promise.all([boardOrder(adaWindow.page), boardOrder(benWindow.page)]);
          if (JSON.stringify(mine) === JSON.stringify(theirs)) return;
          await adaWindow.page.waitForTimeout(100);
        }
      })(),
    );
    expect(await boardOrder(benWindow.page)).toEqual(await boardOrder(adaWindow.page));
  }

  async function drag(page: Page, from: Locator, to: Locator, where: 'top' | 'bottom'): Promise<void> {
    const source = (await from.boundingBox())!;
    const target = (await to.boundingBox())!;
    await page.mouse.move(source.x + source.width / 2, source.y + 12);
    await page.mouse.down();
    // CDK starts a drag after 5 px of movement; then it follows the pointer.
    await page.mouse.move(source.x + source.width / 2 + 10, source.y + 20, { steps: 3 });
    const y = where === 'top' ? target.y + 8 : target.y + target.height - 8;
    await page.mouse.move(target.x + target.width / 2, y, { steps: 12 });
    await page.waitForTimeout(100);
  }

  it('shows every card in its column, in board order, in both windows', async () => {
    await waitingFor("Ada's cards", adaWindow.page.locator(card(ids['Invite the press'], 'pending')).waitFor({ timeout: UI_TIMEOUT_MS }));
    await waitingFor("Ben's cards", benWindow.page.locator(card(ids['Invite the press'], 'pending')).waitFor({ timeout: UI_TIMEOUT_MS }));
    const order = ['Write the brief', 'Book the venue', 'Order the cake', 'Invite the press'].map((title) => ids[title]);
    expect(await boardOrder(adaWindow.page)).toEqual({ pending: order, in_progress: [], completed: [] });
    await expectSameBoards();
  });

  it('Ada drags a card to "In progress"; Ben sees it move in under a second', async () => {
    const id = ids['Book the venue'];
    await drag(adaWindow.page, adaWindow.page.locator(card(id)), adaWindow.page.getByTestId('column-in_progress'), 'top');
    const ms = await latency.measureAction('drag to In progress', () => adaWindow.page.mouse.up(), benWindow, {
      selector: card(id, 'in_progress'),
    });
    expect(ms).toBeLessThan(BUDGET_MS);
    await waitingFor("the card in Ada's column", adaWindow.page.locator(card(id, 'in_progress')).waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(await benWindow.page.locator(card(id)).getAttribute('class')).toContain('card--moved');
    expect(await benWindow.wasReloaded()).toBe(false);
    await expectSameBoards();
  });

  it('Ada drags a card within its column; Ben sees the new order', async () => {
    const id = ids['Invite the press'];
    const pending = adaWindow.page.getByTestId('column-pending');
    await drag(adaWindow.page, adaWindow.page.locator(card(id)), pending.locator('[data-testid="board-card"]').first(), 'top');
    await latency.measureAction('drag to the top of Pending', () => adaWindow.page.mouse.up(), benWindow, {
      selector: `[data-testid="column-pending"] [data-testid="board-card"]:first-child[data-task-id="${id}"]`,
    });
    await expectSameBoards();
    expect((await boardOrder(benWindow.page)).pending[0]).toBe(id);
  });

  it('moves a focused card with Alt+arrows, keeping focus on it, and Ben sees each move', async () => {
    const id = ids['Order the cake'];
    const focusedCard = () => adaWindow.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['taskId'] ?? null);
    await adaWindow.page.locator(card(id)).focus();
    const ms = await latency.measureAction('Alt+ArrowRight', () => adaWindow.page.keyboard.press('Alt+ArrowRight'), benWindow, {
      selector: card(id, 'in_progress'),
    });
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(await focusedCard()).toBe(id);
    await adaWindow.page.keyboard.press('Alt+ArrowRight');
    await waitingFor('the card in Completed', adaWindow.page.locator(card(id, 'completed')).waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(await focusedCard()).toBe(id);
    await waitingFor('Ben to see it completed', benWindow.page.locator(card(id, 'completed')).waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(await adaWindow.page.getByTestId('board-announcement').textContent()).toContain('Moved “Order the cake” to Completed, 1 of 1.');
    // Alt+Left would be the browser's Back: the board takes it, and the page stays.
    await adaWindow.page.keyboard.press('Alt+ArrowLeft');
    await waitingFor('the card back in progress', adaWindow.page.locator(card(id, 'in_progress')).waitFor({ timeout: UI_TIMEOUT_MS }));
    expect(new URL(adaWindow.page.url()).pathname).toBe('/board');
    await adaWindow.page.keyboard.press('Alt+ArrowDown');
    await expectSameBoards();
    expect((await boardOrder(adaWindow.page)).in_progress).toEqual([ids['Book the venue'], id]);
  });

  it('moves a card with its buttons, for people who cannot drag', async () => {
    const id = ids['Write the brief'];
    await adaWindow.page.locator(card(id)).getByRole('button', { name: 'Move to In progress' }).click();
    await waitingFor('Ben to see it in progress', benWindow.page.locator(card(id, 'in_progress')).waitFor({ timeout: UI_TIMEOUT_MS }));
    await expectSameBoards();
  });

  it('"j" and "k" walk the cards', async () => {
    await adaWindow.page.locator('h1').click();
    await adaWindow.page.keyboard.press('j');
    const first = (await boardOrder(adaWindow.page)).pending[0];
    expect(await adaWindow.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['taskId'])).toBe(first);
  });

  it('has no axe violations, light or dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await benWindow.page.emulateMedia({ colorScheme: scheme });
      await benWindow.page.waitForFunction(
        (dark) => getComputedStyle(document.documentElement).backgroundColor === (dark ? 'rgb(17, 21, 29)' : 'rgb(244, 246, 250)'),
        scheme === 'dark',
      );
      const violations = await axeViolations(benWindow.page);
      if (violations.length) await benWindow.screenshot(`axe-board-${scheme}`, true);
      expect({ scheme, violations }).toEqual({ scheme, violations: [] });
      await benWindow.screenshot(`board-${scheme}`);
    }
  });
});
