/**
 * Reading a report's tables the way the rules need them: a cell's value, a column's sum, the
 * name of a cell as the report itself prints it. Rules import from here so that none of them
 * knows row labels on its own (those live in src/model/layouts.ts).
 */
import {
  LAYOUTS,
  REQUEST_COLUMNS,
  REVIEW_COLUMNS,
  REVIEW_ROWS,
  requestCellName,
  requestRowName,
  reviewCellName,
  type RequestRowDef,
} from '../model/layouts.js';
import type { CellRef, CountCell, Report } from '../model/report.js';
import { compact, nfkc } from '../parse/normalize.js';
import type { RuleContext } from './rule.js';

export { REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_ROWS };

export const REQUEST_TOTAL = REQUEST_COLUMNS.length - 1;
export const REVIEW_TOTAL = REVIEW_COLUMNS.length - 1;

/** The table III rows of the report's own layout, in printed order. */
export function requestRows(report: Report): RequestRowDef[] {
  return LAYOUTS[report.meta.template].requests;
}

/** The table III rows summed into （七）总计. */
export function outcomeRows(report: Report): RequestRowDef[] {
  return requestRows(report).filter((r) => r.outcome);
}

export function requestCell(report: Report, row: string, col: number): CountCell | undefined {
  return report.requests[row]?.[col];
}

/**
 * Sum of the given cells (from index `from` up to `to`), blanks counting as nothing; `null` when
 * every cell is blank or absent, so that an empty table is reported once (as blank cells), not as
 * a wrong sum.
 */
export function sumCells(values: Array<CountCell | undefined>, from = 0, to = values.length): number | null {
  let sum = 0;
  let seen = false;
  for (let i = from; i < to; i++) {
    const v = values[i];
    if (typeof v === 'number') {
      sum += v;
      seen = true;
    }
  }
  return seen ? sum : null;
}

export function rowName(report: Report, row: string): string {
  return requestRowName(report.meta.template, row);
}

export function cellName(report: Report, row: string, col: number): string {
  return requestCellName(report.meta.template, row, col);
}

export function columnName(col: number): string {
  return REQUEST_COLUMNS[col].label;
}

export { reviewCellName };

/** A table III row of the report's layout whose group is the given heading, e.g. "（三）不予公开". */
export function rowsOfGroup(report: Report, group: string): RequestRowDef[] {
  return requestRows(report).filter((r) => r.group === group);
}

/** Is any value in the report's tables III and IV a number other than 0? */
export function hasFigures(report: Report): boolean {
  for (const row of Object.values(report.requests)) if (row.some((v) => typeof v === 'number' && v !== 0)) return true;
  for (const row of Object.values(report.review)) if (row.some((v) => typeof v === 'number' && v !== 0)) return true;
  return false;
}

/** The report's year, or the year its statistics period starts in. */
export function reportYear(report: Report): number | null {
  if (report.meta.year) return report.meta.year;
  const start = report.meta.period?.start;
  return start ? Number(start.slice(0, 4)) : null;
}

/** A key for a cell reference, to match findings against the report's anomalies. */
export function refKey(w: CellRef): string {
  return `${w.table}|${w.row}|${w.col ?? ''}|${w.field ?? ''}`;
}

/** The cells the parser could not take as values (reported by cell.invalid and cell.unreadable). */
export function anomalyCells(report: Report): Set<string> {
  return new Set((report.anomalies ?? []).map((a) => refKey(a.where)));
}

/**
 * Whether any of the cells (table, row, col) is one the parser could not read: a sum over it says
 * nothing, and the cell is reported by cell.invalid or cell.unreadable instead.
 */
export function anyUnread(flagged: Set<string>, table: 'requests' | 'review', cells: Array<[row: string, col: number]>): boolean {
  if (flagged.size === 0) return false;
  return cells.some(([row, col]) => flagged.has(refKey({ table, row, col })));
}

/** A cell named in the report's own words, e.g. 表三“（一）予以公开”行“自然人”列. */
export function describeCell(report: Report, where: CellRef): string {
  if (where.table === 'requests') return `表三${where.col === undefined ? `“${rowName(report, where.row)}”行` : cellName(report, where.row, where.col)}`;
  if (where.table === 'review') {
    if (where.col !== undefined) return `表四${reviewCellName(where.row, where.col)}`;
    const row = REVIEW_ROWS.find((r) => r.key === where.row);
    return `表四“${row ? row.label : where.row}”`;
  }
  const row = LAYOUTS[report.meta.template].active.find((r) => r.key === where.row);
  const field = row?.fields.find((f) => f.key === where.field);
  return `表二“${row ? row.labels[0] : where.row}”${field ? `的“${field.label}”` : ''}`;
}

/** A short cell reference for listings: 表三 一、本年新收政府信息公开申请数量 / 总计. */
export function whereLabel(template: Report['meta']['template'], where: CellRef | undefined): string {
  if (!where) return '';
  if (where.table === 'requests') {
    const row = where.row === '*' ? '（整表）' : requestRowName(template, where.row);
    return `表三 ${row}${where.col === undefined ? '' : ` / ${REQUEST_COLUMNS[where.col].label}`}`;
  }
  if (where.table === 'review') {
    const row = REVIEW_ROWS.find((r) => r.key === where.row);
    const name = row ? (row.group ? `${row.group}·${row.label}` : row.label) : '（整表）';
    return `表四 ${name}${where.col === undefined ? '' : ` / ${REVIEW_COLUMNS[where.col].label}`}`;
  }
  const row = LAYOUTS[template].active.find((r) => r.key === where.row);
  const field = row?.fields.find((f) => f.key === where.field);
  return `表二 ${row ? row.labels[0] : '（整表）'}${field ? ` / ${field.label}` : ''}`;
}

const PROSE = new WeakMap<RuleContext, string[]>();

/**
 * Each section's text with widths normalised and spaces removed, computed once per check run
 * (keyed by the run's context, not the report, which callers may edit between runs).
 */
export function compactSections(context: RuleContext): string[] {
  let texts = PROSE.get(context);
  if (!texts) {
    texts = context.report.sections.map((s) => compact(nfkc(s.text)));
    PROSE.set(context, texts);
  }
  return texts;
}
