/** axe-core (the npm package, 4.14) injected into the page under test; every rule axe runs by default. */
import type { AxeResults } from 'axe-core';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');

/** Runs axe on the whole page as it is now and returns its violations (empty when the page passes). */
export async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    // Evaluated by the browser's debugging protocol: a <script> tag would be (rightly) refused by the app's CSP.
    await page.evaluate(readFileSync(AXE_SCRIPT, 'utf8'));
  }
  // Animations and the reduced-motion transitions must be over, or axe may read a colour mid-change.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`.replace(/\s+/g, ' ')),
    }));
  });
  return violations;
}
