/**
 * Reports written in shapes this project's own renderer never makes: the official tables as a
 * web page lays them out (row and column spans), then turned into text the ways other tools and
 * people do it —
 *
 * - `repeat`: Markdown from converters that copy a merged cell's text into every cell it covers,
 *   with `<br>` inside wrapped labels;
 * - `grid`: grid tables (`+----+----+`) with labels wrapped over several lines in their cell;
 * - `wps`: a table copied from WPS as tab-separated rows, merged labels repeated across the columns
 *   they span, full-width digits;
 * - `flat`: the page's textContent, as crawlers give it: the whole report on one line, cells run
 *   together with nothing between them, or with single spaces, or a mix;
 * - `hand`: rows typed by hand, label and figures separated by spaces, tabs or a colon, full-width
 *   digits and spaces;
 * - `html`: the page itself, for real converters (pandoc, turndown) to turn into Markdown.
 *
 * Everything here is written from src/model/layouts.ts (the official labels) and the report's
 * figures only; none of it goes through src/render.
 */
import { BALANCE_NOTE, LAYOUTS, REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_ROWS, type LayoutId } from '../../src/model/layouts.js';
import { rng } from '../../src/model/generate.js';
import type { Report } from '../../src/model/report.js';

export const OTHER_SHAPES = ['repeat', 'grid', 'wps', 'flat', 'hand'] as const;
export type OtherShape = (typeof OTHER_SHAPES)[number] | 'html';

/** A cell of a table as laid out on the page. */
interface Cell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  /** A figure (never repeated into the cells a span covers, never wrapped). */
  figure?: boolean;
}
type Grid = Cell[][];

const FULL_WIDTH = '０１２３４５６７８９';
const wide = (s: string) => s.replace(/\d/g, (d) => FULL_WIDTH[Number(d)]);

/** The three tables of a report as a government web page lays them out. */
function tables(report: Report, r: () => number): { active: Grid; requests: Grid; review: Grid } {
  const layout = LAYOUTS[report.meta.template];
  const fig = (v: number | string | null): Cell => ({ text: v === null ? '' : String(v), figure: true });
  // a long label wraps inside its cell now and then
  const wrap = (s: string): string => {
    if (s.length < 8 || r() > 0.3) return s;
    const at = 3 + Math.floor(r() * (s.length - 5));
    return `${s.slice(0, at)}\n${s.slice(at)}`;
  };

  const active: Grid = [];
  let article = '';
  // four columns: the label and three fields; one field spans three, of two fields the second spans two
  const spans = (n: number): number[] => (n === 1 ? [3] : n === 2 ? [1, 2] : [1, 1, 1]);
  for (const def of layout.active) {
    const values = report.active[def.key];
    if (!values) continue;
    if (def.article !== article) {
      article = def.article;
      active.push([{ text: def.article, colSpan: 4 }]);
      active.push([{ text: '信息内容' }, ...def.fields.map((f, i) => ({ text: f.label, colSpan: spans(def.fields.length)[i] }))]);
    }
    active.push([{ text: def.labels[0] }, ...def.fields.map((f, i) => ({ ...fig(values[f.key] ?? null), colSpan: spans(def.fields.length)[i] }))]);
  }

  const requests: Grid = [
    [{ text: BALANCE_NOTE, colSpan: 3, rowSpan: 3 }, { text: '申请人情况', colSpan: 7 }],
    [{ text: REQUEST_COLUMNS[0].label, rowSpan: 2 }, { text: '法人或其他组织', colSpan: 5 }, { text: REQUEST_COLUMNS[6].label, rowSpan: 2 }],
    REQUEST_COLUMNS.slice(1, 6).map((c) => ({ text: c.label })),
  ];
  const rows = layout.requests.filter((d) => report.requests[d.key]);
  const outcomeBlock = rows.filter((d) => d.group === '三、本年度办理结果' || (d.group && d.group.startsWith('（')));
  const groupSize = (g: string) => rows.filter((d) => d.group === g).length;
  let lastGroup = '';
  for (const def of rows) {
    const cells: Cell[] = [];
    const values = report.requests[def.key].map(fig);
    const own = `${def.numbering}${def.label}`;
    if (!def.group) cells.push({ text: wrap(own), colSpan: 3 });
    else {
      if (def === outcomeBlock[0]) cells.push({ text: '三、本年度办理结果', rowSpan: outcomeBlock.length });
      if (def.group.startsWith('（')) {
        if (def.group !== lastGroup) cells.push({ text: def.group, rowSpan: groupSize(def.group) });
        cells.push({ text: wrap(own) });
      } else cells.push({ text: wrap(own), colSpan: 2 });
    }
    lastGroup = def.group ?? '';
    requests.push([...cells, ...values]);
  }

  const cols = REVIEW_COLUMNS.map((c) => ({ text: c.label }));
  const review: Grid = [
    [{ text: '行政复议', colSpan: 5 }, { text: '行政诉讼', colSpan: 10 }],
    [...REVIEW_COLUMNS.map((c) => ({ text: c.label, rowSpan: 2 })), { text: REVIEW_ROWS[1].label, colSpan: 5 }, { text: REVIEW_ROWS[2].label, colSpan: 5 }],
    [...cols, ...cols],
    REVIEW_ROWS.flatMap((row) => (report.review[row.key] ?? [null, null, null, null, null]).map(fig)),
  ];
  return { active, requests, review };
}

/** Each cell of the grid at every position it covers: `origin` where it is written, the cell itself elsewhere. */
function expand(grid: Grid): Array<Array<{ cell: Cell; origin: boolean; fromLeft: boolean }>> {
  const out: Array<Array<{ cell: Cell; origin: boolean; fromLeft: boolean }>> = [];
  grid.forEach((row, r) => {
    out[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (out[r][c]) c++;
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) {
        out[r + dr] ??= [];
        for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) out[r + dr][c + dc] = { cell, origin: dr === 0 && dc === 0, fromLeft: dr === 0 && dc > 0 };
      }
      c += cell.colSpan ?? 1;
    }
  });
  return out;
}

/** Display width as monospaced text shows it: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));

export interface OtherWritten {
  text: string;
  /** Where each figure stands in the text, for planted defects: unused here but kept for messages. */
  shape: OtherShape;
}

/** The report written in one of the other shapes. */
export function writeOtherShape(report: Report, shape: OtherShape, seed: number): string {
  const r = rng(seed * 977 + shape.length);
  const t = tables(report, r);
  const digits = (s: string, figure: boolean | undefined) => (figure && (shape === 'wps' || shape === 'hand') && r() < 0.3 ? wide(s) : s);

  const tableText = (grid: Grid): string[] => {
    const m = expand(grid);
    const width = Math.max(...m.map((row) => row.length));
    switch (shape) {
      case 'repeat': {
        // merged text repeated in every cell it covers; line breaks inside a cell as <br>
        const lines = m.map((row) => `| ${row.map((x) => (x.cell.figure && !x.origin ? '' : x.cell.text.replace(/\n/g, '<br>'))).join(' | ')} |`);
        return [lines[0], `|${Array.from({ length: width }, () => ' --- ').join('|')}|`, ...lines.slice(1)];
      }
      case 'wps':
        // labels repeated across the columns they span; a cell covered from above is empty
        return m.map((row) => row.map((x) => (x.origin ? digits(x.cell.text, x.cell.figure).replace(/\n/g, '') : x.fromLeft && !x.cell.figure ? x.cell.text.replace(/\n/g, '') : '')).join('\t'));
      case 'grid': {
        const texts = m.map((row) => row.map((x) => (x.origin ? x.cell.text.split('\n') : [''])));
        const colWidth = Array.from({ length: width }, (_, c) => Math.max(3, ...texts.map((row) => (m[texts.indexOf(row)][c]?.cell.colSpan ?? 1) > 1 ? 0 : Math.max(...(row[c] ?? ['']).map(displayWidth)))));
        const rule = (ch: string) => `+${colWidth.map((w) => ch.repeat(w + 2)).join('+')}+`;
        const out = [rule('-')];
        texts.forEach((row, ri) => {
          const height = Math.max(...row.map((lines) => lines.length));
          for (let l = 0; l < height; l++) {
            let line = '';
            let c = 0;
            while (c < width) {
              const x = m[ri][c];
              const span = x && x.origin ? (x.cell.colSpan ?? 1) : 1;
              let w = colWidth.slice(c, c + span).reduce((a, b) => a + b, 0) + (span - 1) * 3;
              const text = x && x.origin ? (row[c][l] ?? '') : '';
              if (displayWidth(text) > w) w = displayWidth(text);
              line += `| ${pad(text, w)} `;
              c += span;
            }
            out.push(`${line}|`);
          }
          out.push(rule(ri === 2 && grid === t.requests ? '=' : '-'));
        });
        return out;
      }
      case 'hand': {
        // a row per line: the labels, then the figures, separated by spaces (or a colon, or tabs)
        const sep = r() < 0.2 ? '\u3000' : r() < 0.5 ? '  ' : ' ';
        return m.map((row) => {
          const labels = row.filter((x) => x.origin && !x.cell.figure && x.cell.text).map((x) => x.cell.text.replace(/\n/g, ''));
          const figures = row.filter((x) => x.origin && x.cell.figure).map((x) => digits(x.cell.text === '' ? '/' : x.cell.text, true));
          if (!figures.length) return labels.join(' ');
          if (!labels.length) return figures.join(sep);
          return `${labels.join(' ')}${r() < 0.3 ? '：' : sep}${figures.join(sep)}`;
        });
      }
      case 'flat': {
        // textContent: every cell's text in order, with nothing, one space, or either between cells
        const mode = r();
        const join = () => (mode < 0.4 ? '' : mode < 0.7 ? ' ' : r() < 0.5 ? '' : ' ');
        let out = '';
        for (const row of m) for (const x of row) if (x.origin) out += x.cell.text.replace(/\n/g, '') + join();
        return [out];
      }
      case 'html':
        return [
          '<table border="1">',
          ...grid.map((row, ri) => {
            const tag = ri === 0 ? 'th' : 'td';
            const cells = row.map((x) => {
              const span = `${(x.colSpan ?? 1) > 1 ? ` colspan="${x.colSpan}"` : ''}${(x.rowSpan ?? 1) > 1 ? ` rowspan="${x.rowSpan}"` : ''}`;
              return `<${tag}${span}>${escapeHtml(x.text).replace(/\n/g, '<br>')}</${tag}>`;
            });
            return `<tr>${cells.join('')}</tr>`;
          }),
          '</table>',
        ];
    }
  };

  const { meta } = report;
  const parts: string[] = [];
  const para = (s: string) => parts.push(shape === 'html' ? `<p>${escapeHtml(s)}</p>` : s);
  if (shape === 'html') parts.push(`<h1>${escapeHtml(meta.title ?? '')}</h1>`);
  else para(meta.title ?? '');
  if (meta.period) {
    const [y1, m1, d1] = meta.period.start.split('-').map(Number);
    const [y2, m2, d2] = meta.period.end.split('-').map(Number);
    para(`本报告中所列数据的统计期限自${y1}年${m1}月${d1}日起至${y2}年${m2}月${d2}日止。`);
  }
  for (const section of report.sections) {
    if (shape === 'html') parts.push(`<h2>${escapeHtml(section.heading)}</h2>`);
    else para(section.heading);
    const grid = section.no === 2 ? t.active : section.no === 3 ? t.requests : section.no === 4 ? t.review : null;
    if (grid) parts.push(tableText(grid).join('\n'));
    for (const line of section.text ? section.text.split('\n') : []) para(line);
  }
  if (shape === 'flat') return r() < 0.5 ? parts.join('') : parts.join('').replace(/(?<=。)(?=[一二三四五六]、)/g, '\n');
  return parts.join(shape === 'wps' || shape === 'html' ? '\n' : '\n\n');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The layout a report uses (for callers that want both). */
export const layoutOf = (report: Report): LayoutId => report.meta.template;
