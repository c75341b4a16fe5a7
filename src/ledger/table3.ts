/**
 * Table III (收到和处理政府信息公开申请情况) and the fee sentence of section 六, derived from the
 * ledger, so that the report is right by construction:
 * - 一、本年新收: cases whose received date (art 31) falls in the year;
 * - 二、上年结转: cases received on or before 31 December of the previous year and not closed by then;
 * - 三、outcome rows: every case closed in the year, in exactly one row (its decision, mapped) of its
 *   applicant's column; （七）总计 is their sum;
 * - 四、结转下年度: cases received on or before 31 December of the year and not closed by then.
 * Since a case is closed on or after its received date, 一 + 二 = （七） + 四 in every column, and this
 * year's 二 is by the same predicate last year's 四.
 */
import { LAYOUTS, REQUEST_TOTAL_COL, SECTIONS, type LayoutId } from '../model/layouts.js';
import type { Report } from '../model/report.js';
import { applicantColumn, closing, openAt, type CaseRecord } from './cases.js';
import { yearOf } from './dates.js';
import { defaultDecisionMap, layoutForYear, rowFor, type DecisionMap } from './decisions.js';
import { feeSentence, type FeeCollected } from './fees.js';

export interface Table3Options {
  layout?: LayoutId;
  decisionMap?: DecisionMap;
}

export interface Table3 {
  year: number;
  layout: LayoutId;
  requests: Record<string, number[]>;
  /** Where each case was counted: for tracing a cell back to its cases. */
  cells: { caseId: string; caseNo: string; row: string; col: number }[];
}

export function deriveTable3(cases: readonly CaseRecord[], year: number, options: Table3Options = {}): Table3 {
  const layout = options.layout ?? layoutForYear(year);
  const map = options.decisionMap ?? defaultDecisionMap();
  const rows = LAYOUTS[layout].requests;
  const requests: Record<string, number[]> = {};
  for (const row of rows) requests[row.key] = [0, 0, 0, 0, 0, 0, 0];
  const cells: Table3['cells'] = [];
  const prevEnd = `${year - 1}-12-31`;
  const end = `${year}-12-31`;
  const add = (row: string, c: CaseRecord) => {
    const col = applicantColumn(c.applicant.type);
    requests[row][col]++;
    cells.push({ caseId: c.id, caseNo: c.caseNo, row, col });
  };
  for (const c of cases) {
    if (yearOf(c.receivedOn) === year) add('newReceived', c);
    if (openAt(c, prevEnd)) add('carriedOver', c);
    const cl = closing(c);
    if (cl && yearOf(cl.date) === year && c.receivedOn <= cl.date) {
      const row = rowFor(cl.decision, layout, map);
      add(row, c);
    }
    if (openAt(c, end)) add('carriedForward', c);
  }
  const outcome = rows.filter((r) => r.outcome).map((r) => r.key);
  for (let col = 0; col < REQUEST_TOTAL_COL; col++) {
    requests.total[col] = outcome.reduce((s, k) => s + requests[k][col], 0);
  }
  for (const row of rows) {
    const cellsOfRow = requests[row.key];
    cellsOfRow[REQUEST_TOTAL_COL] = cellsOfRow.slice(0, REQUEST_TOTAL_COL).reduce((s, v) => s + v, 0);
  }
  return { year, layout, requests, cells };
}

/** Fees actually collected in the year: cases with a payment dated in it, and the sum. */
export function feesCollected(cases: readonly CaseRecord[], year: number): FeeCollected {
  let n = 0;
  let amount = 0;
  for (const c of cases) {
    const paid = c.events.filter((e) => e.kind === 'feePaid' && yearOf(e.date) === year);
    if (!paid.length) continue;
    const sum = paid.reduce((s, e) => s + (Number(e.data.amount) || 0), 0);
    if (sum > 0) {
      n++;
      amount += sum;
    }
  }
  return { cases: n, amount: Math.round(amount * 100) / 100 };
}

/** What the ledger contributes to a report draft: table III and section 六's fee sentence. */
export interface LedgerReportPart {
  meta: { year: number; template: LayoutId };
  requests: Record<string, number[]>;
  fees: FeeCollected;
  feeSentence: string;
  sections: { no: 6; heading: string; text: string }[];
}

export function ledgerReportPart(cases: readonly CaseRecord[], year: number, options: Table3Options = {}): LedgerReportPart {
  const t = deriveTable3(cases, year, options);
  const fees = feesCollected(cases, year);
  const sentence = feeSentence(year, fees);
  return {
    meta: { year, template: t.layout },
    requests: t.requests,
    fees,
    feeSentence: sentence,
    sections: [{ no: 6, heading: SECTIONS[5].heading, text: sentence }],
  };
}

const FEE_SENTENCE = /[^。\n]*(信息处理费)[^。\n]*。/g;

/**
 * A report draft with the ledger's table III and fee sentence in place: table III is replaced;
 * in section 六, an existing sentence about 信息处理费 is replaced, otherwise the sentence is added.
 * The report's layout must be the one the year uses.
 */
export function applyLedgerToReport(report: Report, part: LedgerReportPart): Report {
  if (report.meta.template !== part.meta.template) {
    throw new Error(`报告使用${report.meta.template}版表格，台账按${part.meta.template}版生成，请先统一格式`);
  }
  const sections = report.sections.map((s) => ({ ...s }));
  let six = sections.find((s) => s.no === 6);
  if (!six) {
    six = { no: 6, heading: SECTIONS[5].heading, text: '' };
    sections.push(six);
  }
  const text = six.text;
  if (/信息处理费/.test(text)) {
    let done = false;
    six.text = text.replace(FEE_SENTENCE, () => {
      if (done) return '';
      done = true;
      return part.feeSentence;
    });
  } else {
    six.text = text.trim() ? `${text.trim()}\n${part.feeSentence}` : part.feeSentence;
  }
  return { ...report, meta: { ...report.meta, year: part.meta.year }, sections, requests: { ...part.requests } };
}
