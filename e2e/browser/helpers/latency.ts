/**
 * Click-to-screen latency between two windows. The observing page itself stamps the moment its DOM first
 * satisfies the condition (polled every animation frame), so the figure does not include the round trip
 * from the browser back to Jest; the click time is taken in Jest just before the click. Both are wall-clock
 * time of the same machine.
 */
import type { Locator, Page } from 'playwright-core';
import { waitingFor } from '@taskpulse/test-support';

/** What the observing page must show: elements matching `selector` whose text contains / equals a value, or none. */
export interface DomCondition {
  selector: string;
  textIncludes?: string;
  textEquals?: string;
  /** True: wait until no element matches. */
  gone?: boolean;
}

export interface Measurement {
  change: string;
  seenIn: string;
  ms: number;
}

/** How long to keep waiting for a change at all; the budget itself (1 s) is asserted on the figures. */
const GIVE_UP_MS = 10_000;

export class LatencyLog {
  readonly measurements: Measurement[] = [];

  /**
   * Waits until `button` (in the acting window) can be clicked, starts watching `observer`, stamps the time,
   * clicks, and resolves with the milliseconds from that stamp to the first animation frame in which
   * `observer` shows `condition`.
   */
  async measure(change: string, button: Locator, observer: { page: Page; label: string }, condition: DomCondition): Promise<number> {
    const what = `${observer.label} to show "${change}" (${describe(condition)})`;
    // A trial click waits for the button to be visible, stable and enabled without clicking it, so the
    // figure below is not inflated by the acting window still settling from its previous change.
    await waitingFor(`the button for "${change}" to be clickable`, button.click({ trial: true }));
    if (await domSatisfies(observer.page, condition)) {
      throw new Error(`${observer.label} already shows "${change}" before the change was made: the measurement would be meaningless`);
    }
    const seen = waitingFor(what, observer.page.waitForFunction(stampWhenSatisfied, condition, { timeout: GIVE_UP_MS, polling: 'raf' }));
    const clickedAt = Date.now();
    const [handle] = await Promise.all([seen, button.click()]);
    const ms = Math.max(0, ((await handle.jsonValue()) as number) - clickedAt);
    this.measurements.push({ change, seenIn: observer.label, ms });
    return ms;
  }

  /**
   * Like `measure`, for a change made by something other than one click (a drag, a key press): `act` runs right
   * after the stamp, and the figure runs from the stamp to the first frame in which `observer` shows `condition`.
   */
  async measureAction(
    change: string,
    act: () => Promise<void>,
    observer: { page: Page; label: string },
    condition: DomCondition,
  ): Promise<number> {
    const what = `${observer.label} to show "${change}" (${describe(condition)})`;
    if (await domSatisfies(observer.page, condition)) {
      throw new Error(`${observer.label} already shows "${change}" before the change was made: the measurement would be meaningless`);
    }
    const seen = waitingFor(what, observer.page.waitForFunction(stampWhenSatisfied, condition, { timeout: GIVE_UP_MS, polling: 'raf' }));
    const actedAt = Date.now();
    const [handle] = await Promise.all([seen, act()]);
    const ms = Math.max(0, ((await handle.jsonValue()) as number) - actedAt);
    this.measurements.push({ change, seenIn: observer.label, ms });
    return ms;
  }

  table(): string {
    const rows = this.measurements.map((m) => [m.change, m.seenIn, `${m.ms}`]);
    const header = ['change (made in the other window)', 'seen in', 'ms'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
    const sorted = this.measurements.map((m) => m.ms).sort((a, b) => a - b);
    const median = sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : 0;
    return [
      line(header),
      `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
      ...rows.map(line),
      `median ${median} ms, max ${sorted[sorted.length - 1] ?? 0} ms over ${sorted.length} changes (budget < 1000 ms each)`,
    ].join('\n');
  }
}

function describe(condition: DomCondition): string {
  const text =
    condition.textEquals !== undefined
      ? ` with text "${condition.textEquals}"`
      : condition.textIncludes !== undefined
        ? ` containing "${condition.textIncludes}"`
        : '';
  return `${condition.gone ? 'no' : 'an'} element ${condition.selector}${text}`;
}

async function domSatisfies(page: Page, condition: DomCondition): Promise<boolean> {
  return (await page.evaluate(stampWhenSatisfied, condition)) !== 0;
}

/** Runs in the page: the page's clock when the condition holds, else 0 (keep polling). */
function stampWhenSatisfied({ selector, textIncludes, textEquals, gone }: DomCondition): number {
  const matches = Array.from(document.querySelectorAll(selector)).filter((element) => {
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    return (textIncludes === undefined || text.includes(textIncludes)) && (textEquals === undefined || text === textEquals);
  });
  return (gone ? matches.length === 0 : matches.length > 0) ? Date.now() : 0;
}

export const rowSelector = (taskId?: string, extra = ''): string =>
  `[data-testid="task-row"]${taskId ? `[data-task-id="${taskId}"]` : ''}${extra}`;
