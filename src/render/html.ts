/**
 * HTML: one standalone file (styles and pictures inline, nothing fetched), printable on A4 and
 * accessible: tables with captions, `th` with `scope`, the merges of the official template as
 * rowspan/colspan. The charts of table III follow the report in an aside marked as a supplement
 * (`data-nianbao="supplement"`), so reading the file back gives the report alone.
 */
import type { Report } from '../model/report.js';
import { changeChart, outcomesChart, yearChanges } from './chart.js';
import type { Grid, GridCell } from './grid.js';
import { buildOutline } from './outline.js';

export interface HtmlOptions {
  /** The same organ's report for the previous year: adds the year-on-year chart. */
  previous?: Report;
  /** Draw the charts (default true). */
  charts?: boolean;
  /** Fonts for printing to PDF on a machine with only the Noto CJK fonts: Noto first. */
  pdfFonts?: boolean;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const BODY_FONTS = '"方正仿宋_GBK", "仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", "Source Han Serif SC", serif';
const HEAD_FONTS = '"黑体", SimHei, "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';
const TITLE_FONTS = '"方正小标宋简体", "方正小标宋_GBK", "华文中宋", STZhongsong, "Noto Serif CJK SC", "Source Han Serif SC", serif';
const PDF_BODY = '"Noto Serif CJK SC", "Source Han Serif SC", "仿宋", serif';
const PDF_HEAD = '"Noto Sans CJK SC", "Source Han Sans SC", "黑体", sans-serif';
const PDF_TITLE = '"Noto Serif CJK SC", "Source Han Serif SC", serif';

function css(pdf: boolean): string {
  const body = pdf ? PDF_BODY : BODY_FONTS;
  const head = pdf ? PDF_HEAD : HEAD_FONTS;
  const title = pdf ? PDF_TITLE : TITLE_FONTS;
  return `
@page { size: A4; margin: 25mm 20mm 22mm 20mm; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: #000; background: #fff; font-family: ${body}; font-size: 16px; line-height: 1.75; }
main { max-width: 210mm; margin: 0 auto; padding: 16px 20px 48px; }
h1 { font-family: ${title}; font-weight: bold; font-size: 26px; line-height: 1.5; text-align: center; margin: 8px 0 24px; }
h2 { font-family: ${head}; font-weight: normal; font-size: 18px; margin: 22px 0 8px; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 6px; text-indent: 2em; text-align: justify; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 10px 0 16px; font-size: 12px; line-height: 1.4; table-layout: fixed; }
caption { font-family: ${head}; font-size: 13px; padding-bottom: 4px; caption-side: top; text-align: center; }
th, td { border: 1px solid #000; padding: 3px 4px; vertical-align: middle; overflow-wrap: anywhere; word-break: break-all; }
th { font-weight: normal; text-align: left; }
thead th, th.block { text-align: center; font-family: ${head}; background: #f2f2f2; }
th.block { text-align: left; }
th.note { font-size: 11px; background: #fff; font-family: ${body}; text-align: left; }
th.group { text-align: center; }
td { text-align: center; font-variant-numeric: tabular-nums; }
table.review th, table.review td { font-size: 11px; padding: 3px 2px; }
tr { break-inside: avoid; page-break-inside: avoid; }
/* tables II and IV fit on a page: never leave a caption or a header alone at the foot of one */
table.active, table.review { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
aside.supplement { margin-top: 32px; border-top: 1px solid #999; padding-top: 12px; }
aside.supplement h2 { font-size: 16px; }
figure { margin: 12px 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
figcaption { text-align: center; font-size: 13px; color: #333; }
table.change td:first-child { text-align: left; }
.up { color: #a00; } .down { color: #060; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  main { max-width: none; padding: 0; }
  aside.supplement { break-before: page; page-break-before: always; border-top: none; }
}
`;
}

function cellHtml(cell: GridCell, header: boolean): string {
  const attrs: string[] = [];
  if (cell.rowSpan > 1) attrs.push(`rowspan="${cell.rowSpan}"`);
  if (cell.colSpan > 1) attrs.push(`colspan="${cell.colSpan}"`);
  const text = escapeHtml(cell.text);
  if (cell.kind === 'value') return `<td${attrs.length ? ' ' + attrs.join(' ') : ''}>${text}</td>`;
  if (cell.scope) attrs.unshift(`scope="${cell.scope}"`);
  const cls = cell.kind === 'note' ? 'note' : cell.kind === 'block-header' ? 'block' : cell.scope === 'rowgroup' ? 'group' : '';
  if (cls) attrs.push(`class="${cls}"`);
  void header;
  return `<th${attrs.length ? ' ' + attrs.join(' ') : ''}>${text}</th>`;
}

function colgroup(grid: Grid): string {
  const sum = grid.widths.reduce((a, b) => a + b, 0);
  return `<colgroup>${grid.widths.map((w) => `<col style="width:${((w / sum) * 100).toFixed(2)}%">`).join('')}</colgroup>`;
}

export function gridHtml(grid: Grid, caption: string): string {
  const head = grid.rows.slice(0, grid.headerRows);
  const body = grid.rows.slice(grid.headerRows);
  const tr = (cells: GridCell[], header: boolean) => `<tr>${cells.map((c) => cellHtml(c, header)).join('')}</tr>`;
  return [
    `<table class="${grid.id}">`,
    `<caption>${escapeHtml(caption)}</caption>`,
    colgroup(grid),
    head.length ? `<thead>\n${head.map((r) => tr(r, true)).join('\n')}\n</thead>` : '',
    `<tbody>\n${body.map((r) => tr(r, false)).join('\n')}\n</tbody>`,
    `</table>`,
  ]
    .filter(Boolean)
    .join('\n');
}


function supplement(report: Report, previous: Report | undefined): string {
  const parts: string[] = ['<aside class="supplement" data-nianbao="supplement" aria-label="图表">', '<h2>附：图表</h2>'];
  parts.push(`<figure>${outcomesChart(report)}<figcaption>图1　本年度办理结果（按申请人类型）</figcaption></figure>`);
  if (previous) {
    parts.push(`<figure>${changeChart(report, previous)}<figcaption>图2　政府信息公开申请办理情况同比</figcaption></figure>`);
    const rows = yearChanges(report, previous).map((c) => {
      const d = c.current - c.previous;
      const cls = d > 0 ? ' class="up"' : d < 0 ? ' class="down"' : '';
      const sign = d > 0 ? `+${d}` : String(d);
      return `<tr><th scope="row">${escapeHtml(c.label)}</th><td>${c.previous}</td><td>${c.current}</td><td${cls}>${sign}</td></tr>`;
    });
    const py = previous.meta.year !== null ? `${previous.meta.year}年` : '上年';
    const cy = report.meta.year !== null ? `${report.meta.year}年` : '本年';
    parts.push(
      `<table class="change"><caption>政府信息公开申请办理情况同比（单位：件）</caption>` +
        `<thead><tr><th scope="col">项目</th><th scope="col">${escapeHtml(py)}</th><th scope="col">${escapeHtml(cy)}</th><th scope="col">增减</th></tr></thead>` +
        `<tbody>${rows.join('')}</tbody></table>`,
    );
  }
  parts.push('</aside>');
  return parts.join('\n');
}

export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const outline = buildOutline(report);
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="nianbao">',
    `<title>${escapeHtml(outline.title)}</title>`,
    `<style>${css(options.pdfFonts === true)}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<article>',
    `<h1>${escapeHtml(outline.title)}</h1>`,
  ];
  for (const p of outline.preface) out.push(`<p>${escapeHtml(p)}</p>`);
  outline.sections.forEach((section, i) => {
    const id = `s${i + 1}`;
    out.push(`<section aria-labelledby="${id}">`, `<h2 id="${id}">${escapeHtml(section.heading)}</h2>`);
    for (const p of section.paragraphs) out.push(`<p>${escapeHtml(p)}</p>`);
    if (section.grid) out.push(gridHtml(section.grid, section.grid.caption));
    out.push('</section>');
  });
  out.push('</article>');
  const hasRequests = Object.keys(report.requests).length > 0;
  if (options.charts !== false && hasRequests) out.push(supplement(report, options.previous));
  out.push('</main>', '</body>', '</html>', '');
  return out.join('\n');
}
