/**
 * A corpus of reports in shapes other tools make, read back and counted cell by cell: the test
 * asserts on the counts (wrong 0, missing 0 outside cell.unreadable, planted defects found) and
 * `npm run bench -- shapes` prints them for docs/read.md.
 *
 * Figures are random (the project's generator makes consistent reports); some zero cells are left
 * blank, and one report in three has a defect planted in table III. The text is written by
 * test/support/other-shapes.ts, or by the real pandoc and turndown from the page's HTML.
 */
import { execFileSync } from 'node:child_process';
import { checkReport } from '../../src/check/index.js';
import { generateReport, rng } from '../../src/model/generate.js';
import { REQUEST_TOTAL_COL } from '../../src/model/layouts.js';
import type { Report } from '../../src/model/report.js';
import type { Finding } from '../../src/model/findings.js';
import { parseDocument } from '../../src/parse/index.js';
import { textToDocument } from '../../src/read/text.js';
import { countCells, emptyCounts, type CellCounts } from './cell-count.js';
import { OTHER_SHAPES, writeOtherShape } from './other-shapes.js';

/**
 * Written by real converters: pandoc from the page's HTML (pipe tables; its own Markdown, with
 * simple and multiline tables) and from a Word file (this project's DOCX, merged cells and all),
 * and turndown from the HTML.
 */
export const CONVERTED = ['pandoc-pipe', 'pandoc-markdown', 'pandoc-docx', 'turndown'] as const;
export type Form = (typeof OTHER_SHAPES)[number] | (typeof CONVERTED)[number];
export const FORMS: readonly Form[] = [...OTHER_SHAPES, ...CONVERTED];

export interface Planted {
  /** The cell where the checker must report it. */
  row: string;
  col: number;
  rule: string;
}

export interface Case {
  report: Report;
  planted: Planted | null;
}

/** Report `i` of the corpus: random figures, some blank zero cells, perhaps a planted defect. */
export function corpusCase(i: number): Case {
  const layout = i % 2 ? '2019' : '2021';
  const report = generateReport({ seed: 9000 + i, layout, year: layout === '2021' ? 2021 + (i % 4) : 2020, scale: i % 5 === 0 ? 400 : 40 });
  const r = rng(i * 131 + 7);
  // a blank is "not stated": left where the figure is 0, so that the report stays correct
  const keys = Object.keys(report.requests);
  const blankable = keys.filter((k) => k !== 'total');
  for (let k = 0; k < 3; k++) {
    const row = report.requests[blankable[Math.floor(r() * blankable.length)]];
    const col = Math.floor(r() * 6);
    if (row[col] === 0) row[col] = null;
  }
  let planted: Planted | null = null;
  const kind = i % 3 === 2 ? Math.floor(r() * 2) : -1;
  const outcomeKeys = keys.filter((k) => !['newReceived', 'carriedOver', 'total', 'carriedForward'].includes(k));
  const row = outcomeKeys[Math.floor(r() * outcomeKeys.length)];
  if (kind === 0) {
    // a wrong row total
    report.requests[row][REQUEST_TOTAL_COL] = (report.requests[row][REQUEST_TOTAL_COL] ?? 0) + 1 + Math.floor(r() * 5);
    planted = { row, col: REQUEST_TOTAL_COL, rule: 'requests.row-total' };
  } else if (kind === 1) {
    // a blank 总计 beside figures
    const cells = report.requests[row];
    if (cells.slice(0, 6).every((v) => v === null)) cells[0] = 0;
    cells[0] = (cells[0] ?? 0) + 3;
    cells[REQUEST_TOTAL_COL] = null;
    // the outcome rows changed: keep （七）总计 and the balance in step, so only the blank is wrong
    const total = report.requests.total;
    total[0] = (total[0] ?? 0) + 3;
    total[REQUEST_TOTAL_COL] = (total[REQUEST_TOTAL_COL] ?? 0) + 3;
    const received = report.requests.newReceived;
    received[0] = (received[0] ?? 0) + 3;
    received[REQUEST_TOTAL_COL] = (received[REQUEST_TOTAL_COL] ?? 0) + 3;
    planted = { row, col: REQUEST_TOTAL_COL, rule: 'requests.row-total' };
  }
  return { report, planted };
}

export interface FormCounts extends CellCounts {
  reports: number;
  planted: number;
  /** Planted defects reported at their cell. */
  found: number;
  /** Planted defects in a row the parser marked unreadable (reported as such instead). */
  hiddenByUnreadable: number;
  /** Error findings on reports without a planted defect. */
  falseErrors: number;
  falseExamples: string[];
}

/** The text of each case in a form (converted forms: one run of the converter over all of them). */
export async function writeForm(form: Form, cases: Case[], first: number): Promise<string[]> {
  if (form === 'pandoc-pipe' || form === 'pandoc-markdown') {
    // pipe tables hold no line breaks inside a cell: for those pandoc gets the labels unwrapped
    const html = cases.map((c, k) => {
      const page = writeOtherShape(c.report, 'html', first + k);
      return form === 'pandoc-pipe' ? page.replace(/<br>/g, '') : page;
    });
    const to = form === 'pandoc-pipe' ? 'gfm-raw_html' : 'markdown';
    return convertAll(html, (all) => execFileSync('pandoc', ['-f', 'html', '-t', to, '--wrap=none'], { input: all, encoding: 'utf8', maxBuffer: 1 << 28 }));
  }
  if (form === 'pandoc-docx') {
    const { renderDocx } = await import('../../src/render/docx.js');
    const out: string[] = [];
    for (const c of cases) {
      const docx = Buffer.from(await renderDocx(c.report));
      out.push(execFileSync('pandoc', ['-f', 'docx', '-t', 'gfm', '--wrap=none'], { input: docx, encoding: 'utf8', maxBuffer: 1 << 26 }));
    }
    return out;
  }
  if (form === 'turndown') {
    const { default: TurndownService } = await import('turndown');
    const { gfm } = await import('turndown-plugin-gfm');
    const service = new TurndownService({ headingStyle: 'atx' });
    service.use(gfm);
    return cases.map((c, k) => service.turndown(writeOtherShape(c.report, 'html', first + k)));
  }
  return cases.map((c, k) => writeOtherShape(c.report, form, first + k));
}

const BOUNDARY = 'REPORTBOUNDARY';
function convertAll(pages: string[], convert: (html: string) => string): string[] {
  const out = convert(pages.join(`\n<p>${BOUNDARY}</p>\n`));
  const parts = out.split(new RegExp(`^.*${BOUNDARY}.*$`, 'm'));
  if (parts.length !== pages.length) throw new Error(`converter gave ${parts.length} parts for ${pages.length} pages`);
  return parts;
}

export function isPandocAvailable(): boolean {
  try {
    execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Reads every case of a form back and counts. */
export async function measureForm(form: Form, count: number, first = 0): Promise<FormCounts> {
  const cases = Array.from({ length: count }, (_, k) => corpusCase(first + k));
  const texts = await writeForm(form, cases, first);
  const counts: FormCounts = { ...emptyCounts(), reports: 0, planted: 0, found: 0, hiddenByUnreadable: 0, falseErrors: 0, falseExamples: [] };
  cases.forEach((c, k) => {
    const label = `${form} #${first + k}`;
    let parsed: Report;
    try {
      parsed = parseDocument(textToDocument(texts[k]), `${form}-${first + k}.md`);
    } catch (error) {
      counts.missing += 1;
      counts.examples.push(`${label}: ${(error as Error).message}`);
      return;
    }
    counts.reports++;
    countCells(c.report, parsed, counts, label);
    const errors = checkReport(parsed).filter((f: Finding) => f.severity === 'error' && f.rule !== 'cell.unreadable');
    if (c.planted) {
      counts.planted++;
      const p = c.planted;
      const hit = errors.some((f) => f.rule === p.rule && f.where?.row === p.row && f.where?.col === p.col);
      const unreadable = (parsed.anomalies ?? []).some((a) => a.kind === 'unreadable' && a.where.row === p.row);
      if (hit) counts.found++;
      else if (unreadable) counts.hiddenByUnreadable++;
      else if (counts.falseExamples.length < 8) counts.falseExamples.push(`${label}: planted ${p.rule} at ${p.row}/${p.col} not found`);
    } else if (errors.length) {
      counts.falseErrors++;
      if (counts.falseExamples.length < 8) counts.falseExamples.push(`${label}: ${errors.map((f) => `${f.rule} ${f.message}`).join('; ')}`);
    }
  });
  return counts;
}
