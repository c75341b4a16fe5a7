/**
 * PDFs made the way most published reports are made: a web page (or a document opened in a
 * browser) printed to PDF by Chromium. The page is written here as an editor would write it for
 * print — the official merged cells, a <thead> Chromium repeats on every page or not, fixed column
 * widths, CSS borders or none — not by the project's renderers. A spacer before table III moves
 * it on the page so that the page break falls inside the table at a chosen row.
 */
import { BALANCE_NOTE, LAYOUTS, REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_ROWS } from '../../src/model/layouts.js';
import type { Report } from '../../src/model/report.js';
import { generateReport } from '../../src/model/generate.js';
import { preface, tableII, type GridRows } from './support.js';

export interface PrintShape {
  /** 'truetype': WenQuanYi Zen Hei, embedded as TrueType the way Word's 宋体 is; 'cff': Noto Serif CJK SC, embedded as a CFF (Type 1 outline) font. */
  font: 'truetype' | 'cff';
  /** Font size of the tables, in pt. */
  tableFontPt: number;
  /** Width of the label columns of table III together, in % of the table (the rest is shared by the seven figures). */
  labelPercent: number;
  /** Cell padding, px. */
  padding: number;
  /** The three header rows of table III in a <thead> (Chromium repeats them on every page). */
  thead: boolean;
  /** Cell borders drawn (CSS) or none at all. */
  borders: boolean;
  /** Page footer "第 n 页 共 m 页" and a running header. */
  footer: boolean;
  /** Table III row (0 = first header row) at which the page should break; null: where it falls. */
  breakAtRow: number | null;
}

export const FONT_FAMILY: Record<PrintShape['font'], string> = {
  truetype: 'WenQuanYi Zen Hei',
  cff: 'Noto Serif CJK SC',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const v = (x: number | string | null | undefined) => (x === null || x === undefined ? '' : String(x));

/** A cell as the official table writes it; `blank` is what an empty cell shows ('' or a dash). */
interface Cell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
  cls?: string;
}

function tr(cells: Cell[], attrs = ''): string {
  const tds = cells.map((c) => {
    const span = `${c.rowSpan && c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan && c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
    return `<td${span}${c.cls ? ` class="${c.cls}"` : ''}>${esc(c.text)}</td>`;
  });
  return `<tr${attrs}>${tds.join('')}</tr>`;
}

/** Table III, written row by row as the notice prints it; rows carry data-row for placing the page break. */
function tableIIIHtml(report: Report, shape: PrintShape): string {
  const layout = LAYOUTS[report.meta.template];
  const present = layout.requests.filter((r) => report.requests[r.key]);
  const head: Cell[][] = [
    [{ text: BALANCE_NOTE, rowSpan: 3, colSpan: 3 }, { text: '申请人情况', colSpan: 7 }],
    [{ text: REQUEST_COLUMNS[0].label, rowSpan: 2 }, { text: '法人或其他组织', colSpan: 5 }, { text: REQUEST_COLUMNS[6].label, rowSpan: 2 }],
    REQUEST_COLUMNS.slice(1, 6).map((c) => ({ text: c.label })),
  ];
  const body: Cell[][] = [];
  const group3 = present.filter((r) => r.group !== undefined).length;
  let group3Done = false;
  const subDone = new Set<string>();
  for (const row of present) {
    const cells: Cell[] = [];
    const label = `${row.numbering}${row.label}`;
    if (!row.group) cells.push({ text: label, colSpan: 3, cls: 'l' });
    else {
      if (!group3Done) {
        cells.push({ text: '三、本年度办理结果', rowSpan: group3, cls: 'l' });
        group3Done = true;
      }
      if (row.group.startsWith('（')) {
        if (!subDone.has(row.group)) {
          cells.push({ text: row.group, rowSpan: present.filter((r) => r.group === row.group).length, cls: 'l' });
          subDone.add(row.group);
        }
        cells.push({ text: label, cls: 'l' });
      } else cells.push({ text: label, colSpan: 2, cls: 'l' });
    }
    cells.push(...report.requests[row.key].map((x) => ({ text: v(x), cls: 'n' })));
    body.push(cells);
  }
  const figures = (100 - shape.labelPercent) / 7;
  const cols = [shape.labelPercent * 0.22, shape.labelPercent * 0.26, shape.labelPercent * 0.52, ...Array(7).fill(figures)]
    .map((w) => `<col style="width:${w.toFixed(2)}%">`)
    .join('');
  const headHtml = head.map((r, i) => tr(r, ` data-row="${i}"`)).join('\n');
  const bodyHtml = body.map((r, i) => tr(r, ` data-row="${i + head.length}"`)).join('\n');
  return `<table class="t3"><colgroup>${cols}</colgroup>${shape.thead ? `<thead>${headHtml}</thead><tbody>` : `<tbody>${headHtml}\n`}${bodyHtml}</tbody></table>`;
}

function gridHtml(rows: GridRows): string {
  return `<table><tbody>${rows.map((r) => tr(r.map((c) => ({ ...c, cls: /^[\d.,]*$/.test(c.text) ? 'n' : undefined })))).join('\n')}</tbody></table>`;
}

function tableIVHtml(report: Report): string {
  const heads = REVIEW_COLUMNS.map((c) => c.label);
  const rows: Cell[][] = [
    [{ text: '行政复议', colSpan: 5 }, { text: '行政诉讼', colSpan: 10 }],
    [...heads.map((h) => ({ text: h, rowSpan: 2 })), { text: REVIEW_ROWS[1].label, colSpan: 5 }, { text: REVIEW_ROWS[2].label, colSpan: 5 }],
    [...heads, ...heads].map((h) => ({ text: h })),
    REVIEW_ROWS.flatMap((r) => (report.review[r.key] ?? [null, null, null, null, null]).map((x) => ({ text: v(x), cls: 'n' }))),
  ];
  return `<table>${rows.map((r) => tr(r)).join('\n')}</table>`;
}

/** The whole report as a page for print. */
export function printHtml(report: Report, shape: PrintShape): string {
  const { title, paragraphs } = preface(report);
  const family = FONT_FAMILY[shape.font];
  const border = shape.borders ? '1px solid #000' : 'none';
  const css = `
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "${family}"; font-size: 12pt; line-height: 1.5; margin: 0; }
h1 { font-size: 16pt; text-align: center; font-weight: normal; }
p { text-indent: 2em; margin: 0 0 4pt 0; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: ${shape.tableFontPt}pt; line-height: 1.25; margin: 6pt 0; }
td { border: ${border}; padding: ${shape.padding}px; vertical-align: middle; text-align: center; word-break: break-all; }
td.l { text-align: left; }
#spacer { height: 0; }`;
  const body: string[] = [`<h1>${esc(title)}</h1>`];
  for (const p of paragraphs) body.push(`<p>${esc(p)}</p>`);
  for (const s of report.sections) {
    body.push(`<p style="text-indent:2em;font-weight:bold">${esc(s.heading)}</p>`);
    for (const p of s.text.split('\n').filter(Boolean)) body.push(`<p>${esc(p)}</p>`);
    if (s.no === 2 && Object.keys(report.active).length) body.push(gridHtml(tableII(report)));
    if (s.no === 3 && Object.keys(report.requests).length) body.push('<div id="spacer"></div>', tableIIIHtml(report, shape));
    if (s.no === 4 && Object.keys(report.review).length) body.push(tableIVHtml(report));
  }
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(title)}</title><style>${css}</style></head><body>\n${body.join('\n')}\n</body></html>`;
}

// A4 less the @page margins above, in CSS px (96 per inch)
const PAGE_WIDTH_PX = ((210 - 36) / 25.4) * 96;
const PAGE_HEIGHT_PX = ((297 - 40) / 25.4) * 96;

export interface Printed {
  report: Report;
  shape: PrintShape;
  pdf: Uint8Array;
}

/**
 * Each report printed in its shape by one Chromium: laid out with print media at the printed
 * width, the spacer sized so the page breaks a little way into the chosen table III row.
 */
export async function printPdfs(jobs: { report: Report; shape: PrintShape }[]): Promise<Printed[]> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: Math.floor(PAGE_WIDTH_PX), height: 800 } });
    await page.emulateMedia({ media: 'print' });
    const out: Printed[] = [];
    for (const { report, shape } of jobs) {
      await page.setContent(printHtml(report, shape));
      if (shape.breakAtRow !== null) {
        await page.evaluate(
          ({ row, pageHeight }) => {
            const spacer = document.getElementById('spacer')!;
            const target = document.querySelector(`table.t3 tr[data-row="${row}"]`);
            if (!target) return;
            const rect = target.getBoundingClientRect();
            const want = rect.top + window.scrollY + Math.min(rect.height / 3, 6);
            spacer.style.height = `${(Math.ceil(want / pageHeight) * pageHeight - want + pageHeight) % pageHeight}px`;
          },
          { row: shape.breakAtRow, pageHeight: PAGE_HEIGHT_PX },
        );
      }
      const running = (text: string) => `<div style="font-family:'${FONT_FAMILY[shape.font]}';font-size:9px;width:100%;text-align:center">${text}</div>`;
      const pdf = await page.pdf({
        preferCSSPageSize: true,
        printBackground: false,
        displayHeaderFooter: shape.footer,
        headerTemplate: running('政府信息公开工作年度报告'),
        footerTemplate: running('第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页'),
      });
      out.push({ report, shape, pdf: new Uint8Array(pdf) });
    }
    return out;
  } finally {
    await browser.close();
  }
}

export interface CellScore {
  right: number;
  /** Blank in the reading where the report has a figure, not marked unreadable. */
  missing: number;
  /** Blank and marked unreadable (cell.unreadable). */
  unreadable: number;
  /** A figure other than the report's: the one failure that must never happen. */
  wrong: string[];
  missed: string[];
}

/** Every cell of tables II, III and IV of `expected` compared with what was read back. */
export function scoreCells(expected: Report, got: Report): CellScore {
  const score: CellScore = { right: 0, missing: 0, unreadable: 0, wrong: [], missed: [] };
  const unreadable = new Set(
    (got.anomalies ?? []).filter((a) => a.kind === 'unreadable').map((a) => `${a.where.table}/${a.where.row}/${a.where.col ?? a.where.field}`),
  );
  const compare = (where: string, want: unknown, have: unknown) => {
    const w = want ?? null;
    const h = have ?? null;
    if (w === h) score.right++;
    else if (h === null && unreadable.has(where)) score.unreadable++;
    else if (h === null) {
      score.missing++;
      score.missed.push(where);
    } else score.wrong.push(`${where}: ${String(h)} instead of ${String(w)}`);
  };
  for (const [key, row] of Object.entries(expected.requests)) row.forEach((x, c) => compare(`requests/${key}/${c}`, x, got.requests[key]?.[c]));
  for (const [key, row] of Object.entries(expected.review)) row.forEach((x, c) => compare(`review/${key}/${c}`, x, got.review[key]?.[c]));
  for (const [key, fields] of Object.entries(expected.active)) {
    for (const [field, x] of Object.entries(fields)) compare(`active/${key}/${field}`, x, got.active[key]?.[field]);
  }
  return score;
}

/** The report with every count of tables III and IV multiplied (sums still hold): wide figures in narrow columns. */
export function widen(report: Report, factor: number): Report {
  const scale = (row: (number | null)[]) => row.map((x) => (x === null ? null : x * factor));
  return {
    ...report,
    requests: Object.fromEntries(Object.entries(report.requests).map(([k, row]) => [k, scale(row)])),
    review: Object.fromEntries(Object.entries(report.review).map(([k, row]) => [k, scale(row)])),
  };
}

/**
 * The print jobs of the test corpus: table III broken by the page at each of its rows in turn,
 * both layouts, both font kinds, and the shapes (font size, label width, padding, header repeated
 * or not, borders or none, footer) varied from one to the next; every third report with wide
 * figures.
 */
export function corpusJobs(count: number, seed = 0): { report: Report; shape: PrintShape }[] {
  const jobs: { report: Report; shape: PrintShape }[] = [];
  for (let i = 0; i < count; i++) {
    const layout = i % 2 ? '2019' : '2021';
    const base = generateReport({ seed: 7000 + seed + i, layout });
    const report = i % 3 === 2 ? widen(base, [37, 113, 1009][(i / 3) % 3 | 0]) : base;
    const rows = LAYOUTS[layout].requests.length + 3;
    jobs.push({
      report,
      shape: {
        font: (i >> 1) % 2 ? 'truetype' : 'cff',
        tableFontPt: [9, 10.5, 12, 7.5][i % 4],
        labelPercent: [45, 55, 65, 72][(i >> 2) % 4],
        padding: [0, 2, 4][i % 3],
        thead: i % 5 < 3,
        borders: i % 7 !== 3,
        footer: i % 3 !== 1,
        breakAtRow: (i >> 1) % rows,
      },
    });
  }
  return jobs;
}
