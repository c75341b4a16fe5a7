/**
 * Reading a report back, cell by cell: how many figures came back right, how many are missing
 * (and of those, how many the parser owned up to as unreadable), and how many are wrong — a
 * figure where the report had another figure or none. Wrong must always be 0.
 */
import type { Report } from '../../src/model/report.js';

export interface CellCounts {
  right: number;
  /** Expected a figure, got none, and the cell is marked unreadable. */
  unreadable: number;
  /** Expected a figure, got none, with nothing said about it. */
  missing: number;
  wrong: number;
  /** The first few wrong or silently missing cells, for failure messages. */
  examples: string[];
}

export function emptyCounts(): CellCounts {
  return { right: 0, unreadable: 0, missing: 0, wrong: 0, examples: [] };
}

export function countCells(expected: Report, parsed: Report, counts: CellCounts, label: string): CellCounts {
  const flagged = new Set((parsed.anomalies ?? []).filter((a) => a.kind === 'unreadable').map((a) => `${a.where.table}/${a.where.row}/${a.where.col ?? a.where.field}`));
  const compare = (where: string, want: unknown, got: unknown) => {
    if (got === want) counts.right++;
    else if ((got === null || got === undefined) && want !== null) {
      if (flagged.has(where)) counts.unreadable++;
      else {
        counts.missing++;
        if (counts.examples.length < 8) counts.examples.push(`${label} ${where}: missing (want ${JSON.stringify(want)})`);
      }
    } else if ((got === null || got === undefined) && want === null) counts.right++;
    else {
      counts.wrong++;
      if (counts.examples.length < 8) counts.examples.push(`${label} ${where}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
  };
  for (const table of ['requests', 'review'] as const) {
    for (const [row, cells] of Object.entries(expected[table])) {
      cells.forEach((v, col) => compare(`${table}/${row}/${col}`, v, parsed[table][row]?.[col]));
    }
  }
  for (const [row, fields] of Object.entries(expected.active)) {
    for (const [field, v] of Object.entries(fields)) compare(`active/${row}/${field}`, v, parsed.active[row]?.[field]);
  }
  return counts;
}
