/**
 * Writes a report as text in the shapes reports circulate in — one cell per line (Word's "save as
 * text"), tab-separated rows, pipe tables, bare lines, space-separated rows — with the noise real
 * files carry: labels broken over lines, full-width digits, numbering styles, stray bookmarks, the
 * title over two lines. The parser must read every one of them back to the same JSON.
 */
import {
  BALANCE_NOTE,
  LAYOUTS,
  REQUEST_COLUMNS,
  REVIEW_COLUMNS,
  REVIEW_ROWS,
  SECTIONS,
} from '../../src/model/layouts.js';
import { rng } from '../../src/model/generate.js';
import type { Report } from '../../src/model/report.js';

export const SHAPES = ['cells', 'tabs', 'pipes', 'lines', 'spaced'] as const;
export type Shape = (typeof SHAPES)[number];

type Row = { cells: string[]; /** cells that are labels (may be broken over lines) */ labels?: number[] };

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';

export interface Written {
  text: string;
  /** The report as the text states it: headings as they were written. */
  expected: Report;
}

export function writeTextShape(report: Report, shape: Shape, seed: number): Written {
  const expected: Report = structuredClone(report);
  const r = rng(seed);
  const noisy = (p: number) => r() < p;
  const num = (v: number | string | null, blankMark: string): string => {
    if (v === null) return blankMark;
    const s = String(v);
    return noisy(0.1) ? s.replace(/\d/g, (d) => FULL_WIDTH_DIGITS[Number(d)]) : s;
  };
  // In bare lines an empty cell vanishes, and in tab rows padded for merged cells an empty cell at
  // either end cannot be told from the padding: there the blank is written as a mark.
  const blankMark = shape === 'lines' || shape === 'spaced' ? (noisy(0.5) ? '—' : '/') : shape === 'tabs' ? '/' : noisy(0.5) ? '' : '/';
  const numbering = (n: string): string => {
    // "（一）" → "(一) " sometimes; "1." → "1、" or "1．" sometimes
    if (n.startsWith('（') && noisy(0.3)) return `(${n.slice(1, -1)}) `;
    if (/^\d\.$/.test(n) && noisy(0.3)) return n.replace('.', noisy(0.5) ? '、' : '．');
    return n;
  };
  const layout = LAYOUTS[report.meta.template];

  // ---------------------------------------------------------------- table rows as lists of cells
  const tableII: Row[] = [];
  let lastArticle = '';
  for (const def of layout.active) {
    const values = report.active[def.key];
    if (!values) continue;
    if (def.article !== lastArticle) {
      tableII.push({ cells: [def.article] });
      tableII.push({ cells: ['信息内容', ...def.fields.map((f) => f.label)], labels: def.fields.map((_, i) => i + 1) });
      lastArticle = def.article;
    }
    tableII.push({ cells: [def.labels[0], ...def.fields.map((f) => num(values[f.key] ?? null, blankMark))] });
  }

  const tableIII: Row[] = [];
  const totalLabel = REQUEST_COLUMNS[6].label;
  tableIII.push({ cells: [BALANCE_NOTE, '申请人情况', totalLabel] });
  tableIII.push({ cells: ['', REQUEST_COLUMNS[0].label, '法人或其他组织'] });
  tableIII.push({ cells: ['', '', ...REQUEST_COLUMNS.slice(1, 6).map((c) => c.label), ''], labels: [2, 3, 4, 5] });
  let lastGroup = '';
  for (const def of layout.requests) {
    const values = report.requests[def.key];
    if (!values) continue;
    const cells: string[] = [];
    const group = def.group ?? '';
    if (group && group !== lastGroup) {
      if (group.startsWith('三、')) cells.push(group);
      else {
        if (!lastGroup.startsWith('三、') && lastGroup !== '' && shape !== 'spaced') cells.push('');
        cells.push(`${numbering(group.slice(0, 3))}${group.slice(3)}`);
      }
    } else if (group && shape !== 'spaced') cells.push('');
    lastGroup = group;
    cells.push(`${numbering(def.numbering)}${def.label}`);
    const labels = cells.map((_, i) => i);
    if (shape === 'tabs' && !group) cells.push('');
    cells.push(...values.map((v) => num(v, blankMark)));
    if (shape === 'tabs' && noisy(0.5)) cells.push('');
    tableIII.push({ cells, labels });
  }

  const tableIV: Row[] = [];
  tableIV.push({ cells: ['行政复议', '行政诉讼'] });
  const columnLabels = REVIEW_COLUMNS.map((c) => c.label);
  tableIV.push({ cells: [...columnLabels, REVIEW_ROWS[1].label, REVIEW_ROWS[2].label], labels: [0, 1, 2, 3] });
  tableIV.push({ cells: ['', '', '', '', '', ...columnLabels, ...columnLabels], labels: [5, 6, 7, 8] });
  const reviewValues: string[] = [];
  for (const row of REVIEW_ROWS) {
    const values = report.review[row.key] ?? [null, null, null, null, null];
    reviewValues.push(...values.map((v) => num(v, blankMark)));
  }
  tableIV.push({ cells: reviewValues });

  // ---------------------------------------------------------------- a table in the chosen shape
  const breakLabel = (s: string): string => {
    // a long label wraps inside its cell in Word; copied out, the rest lands on the next line
    if (s.length < 4 || !noisy(0.25)) return s;
    const at = 2 + Math.floor(r() * (s.length - 3));
    return `${s.slice(0, at)}\n${s.slice(at)}`;
  };
  const writeTable = (rows: Row[]): string[] => {
    const out: string[] = [];
    for (const row of rows) {
      const labels = new Set(row.labels ?? [0]);
      switch (shape) {
        case 'cells':
          for (let i = 0; i < row.cells.length; i++) {
            const text = labels.has(i) ? breakLabel(row.cells[i]) : row.cells[i];
            const [first, ...more] = text.split('\n');
            out.push(`\t${first}${first === '' && noisy(0.3) ? ' ' : ''}`);
            out.push(...more);
          }
          out.push('');
          break;
        case 'tabs':
          out.push(row.cells.join('\t'));
          break;
        case 'pipes':
          out.push(`| ${row.cells.join(' | ')} |`);
          if (row === rows[0]) out.push(`|${row.cells.map(() => ' --- ').join('|')}|`);
          break;
        case 'lines':
          for (const c of row.cells) if (c !== '') out.push(c);
          break;
        case 'spaced': {
          const parts = row.cells.filter((c) => c !== '');
          out.push(parts.join(' '));
          break;
        }
      }
    }
    return out;
  };

  // ---------------------------------------------------------------- the whole report
  const lines: string[] = [];
  const { meta } = report;
  const title = meta.title ?? '';
  if (meta.agency && title.startsWith(meta.agency) && noisy(0.5)) {
    lines.push(meta.agency, '', title.slice(meta.agency.length));
  } else lines.push(title);
  lines.push('');
  const intro: string[] = ['根据《中华人民共和国政府信息公开条例》，编制本年度报告。'];
  if (meta.period) {
    const [y1, m1, d1] = meta.period.start.split('-').map(Number);
    const [y2, m2, d2] = meta.period.end.split('-').map(Number);
    intro.push(`本报告中所列数据的统计期限自${y1}年${m1}月${d1}日起至${y2}年${m2}月${d2}日止。`);
  }
  if (meta.contact) {
    const c = meta.contact;
    const parts = [c.address && `地址：${c.address}`, c.postcode && `邮编：${c.postcode}`, c.phone && `电话：${c.phone}`, c.email && `电子邮箱：${c.email}`].filter(Boolean);
    intro.push(`如对本报告有任何疑问，请联系本机关（${parts.join('，')}）。`);
  }
  lines.push(intro.join(''), '');

  report.sections.forEach((section, i) => {
    let heading = section.heading;
    if (noisy(0.15)) {
      heading = heading.replace(/^[一二三四五六]、/, `${section.no}、 `);
      expected.sections[i].heading = heading.replace(/\s/g, '');
    }
    lines.push(noisy(0.2) ? `　　${heading} ` : heading, '');
    const textLines = section.text ? section.text.split('\n') : [];
    const before = section.no === 3 || section.no === 4 ? textLines : [];
    const after = section.no === 3 || section.no === 4 ? [] : textLines;
    for (const t of before) lines.push(t, '');
    if (section.no === 2) lines.push(...writeTable(tableII), '');
    if (section.no === 3) lines.push(...writeTable(tableIII), '');
    if (section.no === 4) lines.push(...writeTable(tableIV), '');
    for (const t of after) lines.push(noisy(0.1) ? `[bookmark: _GoBack]${t}` : t, '');
  });
  return { text: lines.join(noisy(0.3) ? '\r\n' : '\n'), expected };
}

export { SECTIONS };
