/**
 * A report draft started from the organ's records: table II from the register (table2.ts), table
 * III and section 六's fee sentence from the 依申请公开 ledger (src/ledger/table3.ts), with the
 * record of where each figure came from — the documents behind a count, the cases behind a cell.
 * Section 二 gets a sentence that states the derived counts, revisions included, so that the reader
 * sees why 现行有效 moved as it did.
 */
import { blankReport } from '../server/drafts.js';
import { applyLedgerToReport, type LedgerReportPart, type Table3 } from '../ledger/table3.js';
import { REQUEST_TOTAL_COL } from '../model/layouts.js';
import type { Report } from '../model/report.js';
import type { Table2, Table2Source } from './table2.js';

export const SOURCES_SCHEMA_ID = 'nianbao/report-sources@1';

export interface ReportSources {
  schema: typeof SOURCES_SCHEMA_ID;
  organ: string;
  year: number;
  /** Table II cells: the documents behind a count, or the yearly counts a figure was taken from. */
  active: Table2Source[];
  /** Table III cells: the case numbers counted in each (the 总计 column: every case of the row). */
  requests: { row: string; col: number; value: number; cases: string[] }[];
}

export function requestSources(table: Table3): ReportSources['requests'] {
  const cells = new Map<string, { row: string; col: number; cases: string[] }>();
  const add = (row: string, col: number, caseNo: string) => {
    const key = `${row}|${col}`;
    const cell = cells.get(key) ?? cells.set(key, { row, col, cases: [] }).get(key)!;
    cell.cases.push(caseNo);
  };
  for (const c of table.cells) {
    add(c.row, c.col, c.caseNo);
    add(c.row, REQUEST_TOTAL_COL, c.caseNo);
  }
  // （七）总计 is the sum of the outcome rows: its cases are theirs
  const outcome = new Set(Object.keys(table.requests).filter((k) => !['newReceived', 'carriedOver', 'total', 'carriedForward'].includes(k)));
  for (const c of table.cells) {
    if (!outcome.has(c.row)) continue;
    add('total', c.col, c.caseNo);
    add('total', REQUEST_TOTAL_COL, c.caseNo);
  }
  return [...cells.values()].map((c) => ({ ...c, value: c.cases.length }));
}

/** The sentence of section 二 stating the derived document counts. */
export function activeSentence(year: number, t: Table2): string {
  if (t.layout !== '2021') return '';
  const parts: string[] = [];
  for (const [row, label] of [['regulations', '规章'], ['normativeDocuments', '行政规范性文件']] as const) {
    const v = t.active[row];
    const revised = t.sources.find((s) => s.row === row && s.field === 'repealed')?.documents?.filter((d) => d.why === '被修订文本替代').length ?? 0;
    parts.push(`${label}本年制发${v.issued}件、本年废止${v.repealed}件${revised ? `（其中${revised}件因修订由新文本替代，新文本计入本年制发）` : ''}，现行有效${v.inForce}件`);
  }
  return `${year}年，本机关${parts.join('；')}。`;
}

export function draftFromRecords(
  organ: string,
  year: number,
  parts: { table2: Table2; ledger?: (LedgerReportPart & { table: Table3 }) | null; previous?: Report },
): { report: Report; sources: ReportSources } {
  let report = blankReport(organ, year, parts.previous);
  if (parts.table2.layout === report.meta.template) report.active = structuredClone(parts.table2.active);
  const sentence = activeSentence(year, parts.table2);
  if (sentence) report.sections = report.sections.map((s) => (s.no === 2 && !s.text.trim() ? { ...s, text: sentence } : s));
  if (parts.ledger && parts.ledger.meta.template === report.meta.template) report = applyLedgerToReport(report, parts.ledger);
  return {
    report,
    sources: {
      schema: SOURCES_SCHEMA_ID,
      organ,
      year,
      active: parts.table2.sources,
      requests: parts.ledger ? requestSources(parts.ledger.table) : [],
    },
  };
}

/** Puts the register's table II (and its sentence in section 二, when that section is empty) into an existing draft. */
export function applyTable2ToReport(report: Report, t: Table2): Report {
  if (report.meta.template !== t.layout) throw new Error(`报告使用${report.meta.template}版表格，主动公开台账按${t.layout}版生成，请先统一格式`);
  const sentence = activeSentence(t.year, t);
  return {
    ...report,
    active: structuredClone(t.active),
    sections: report.sections.map((s) => (s.no === 2 && !s.text.trim() && sentence ? { ...s, text: sentence } : s)),
  };
}
