/**
 * `nianbao fill`: the figures a table defines by arithmetic, computed where they were left blank —
 * each row's 总计, the （七）总计 row, 四、结转下年度 from the balance, and table IV's 总计.
 * Figures already written are never changed: if they are wrong, the checker says so.
 */
import { LAYOUTS, REQUEST_COLUMNS, REVIEW_ROWS, requestCellName, reviewCellName } from '../model/layouts.js';
import type { CountCell, Report } from '../model/report.js';

export interface Filled {
  report: Report;
  /** What was computed, in words: 表三“（七）总计”行“自然人”列 = 12. */
  filled: string[];
}

const TOTAL = REQUEST_COLUMNS.length - 1;

function sum(values: CountCell[]): number | null {
  if (values.every((v) => v === null)) return null;
  return values.reduce<number>((a, v) => a + (v ?? 0), 0);
}

export function fillTotals(input: Report): Filled {
  const report = structuredClone(input);
  const filled: string[] = [];
  const layout = report.meta.template;
  const rows = LAYOUTS[layout].requests;
  const r = report.requests;
  const set = (row: string, col: number, v: number | null): void => {
    if (v === null || !r[row] || r[row][col] !== null) return;
    r[row][col] = v;
    filled.push(`表三${requestCellName(layout, row, col)} = ${v}`);
  };
  // 1. each row's 总计 from its six applicant columns (the （七）总计 row waits for step 2)
  for (const row of rows) if (row.key !== 'total' && r[row.key]) set(row.key, TOTAL, sum(r[row.key].slice(0, TOTAL)));
  // 2. （七）总计, column by column, from the outcome rows
  if (r.total) {
    const outcomes = rows.filter((x) => x.outcome && r[x.key]);
    for (let col = 0; col < TOTAL; col++) set('total', col, sum(outcomes.map((x) => r[x.key][col])));
    set('total', TOTAL, sum(r.total.slice(0, TOTAL)));
  }
  // 3. 四、结转下年度 from the balance 一 + 二 = （七） + 四
  if (r.carriedForward && r.newReceived && r.carriedOver && r.total) {
    for (let col = 0; col <= TOTAL; col++) {
      const a = r.newReceived[col];
      const b = r.carriedOver[col];
      const t = r.total[col];
      if (a !== null && b !== null && t !== null && a + b - t >= 0) set('carriedForward', col, a + b - t);
    }
  }
  // 4. table IV
  for (const row of REVIEW_ROWS) {
    const cells = report.review[row.key];
    if (!cells || cells[4] !== null) continue;
    const v = sum(cells.slice(0, 4));
    if (v === null) continue;
    cells[4] = v;
    filled.push(`表四${reviewCellName(row.key, 4)} = ${v}`);
  }
  return { report, filled };
}
