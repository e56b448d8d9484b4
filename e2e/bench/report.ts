// The figures every bench phase prints: one line as it is measured, and one row of the closing markdown table.

export const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const rows: string[][] = [];

/** `ours` is TaskPulse's figure; `baseline` what it is compared with (a bare server, pgbench, or a smaller data set). */
export function report(metric: string, ours: string, baseline: string, ratio: string, target: string, met: boolean | null): void {
  rows.push([metric, ours, baseline, ratio, target, met === null ? '' : met ? 'met' : 'MISSED']);
  console.log(
    `  ${metric}: TaskPulse ${ours}, baseline ${baseline}, ratio ${ratio} (target ${target}) ${met === null ? '' : met ? 'met' : 'MISSED'}`,
  );
}

export type Report = typeof report;

export function printTable(): void {
  console.log('\n| metric | TaskPulse | baseline | ratio | target | |\n|---|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}
