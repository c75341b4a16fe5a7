/**
 * Plain text and Markdown. Text: tables as tab-separated rows, one table row per line, positions
 * covered by a merged cell left empty (as Word's "save as text" and copies out of a web page
 * give them), which is what nianbao's own text reader takes back. Markdown: headings and pipe
 * tables, same grid.
 */
import type { Report } from '../model/report.js';
import { expandGrid, type Grid } from './grid.js';
import { buildOutline } from './outline.js';

/** Tabs and line breaks inside a cell or paragraph would split it: they become spaces. */
function flat(s: string): string {
  return s.replace(/[\t\r\n]+/g, ' ');
}

function gridText(grid: Grid): string[] {
  return expandGrid(grid, false).map((row) => row.map(flat).join('\t'));
}

export function renderText(report: Report): string {
  const outline = buildOutline(report);
  const out: string[] = [flat(outline.title), ''];
  for (const p of outline.preface) out.push(flat(p), '');
  for (const section of outline.sections) {
    out.push(flat(section.heading), '');
    for (const p of section.paragraphs) out.push(flat(p), '');
    if (section.grid) out.push(...gridText(section.grid), '');
  }
  return out.join('\n');
}

/** A pipe-table cell: pipes escaped, no line breaks. */
function mdCell(s: string): string {
  return flat(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

function gridMarkdown(grid: Grid): string[] {
  const rows = expandGrid(grid, false);
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return [line(rows[0]), `|${rows[0].map(() => ' --- ').join('|')}|`, ...rows.slice(1).map(line)];
}

export function renderMarkdown(report: Report): string {
  const outline = buildOutline(report);
  const out: string[] = [`# ${flat(outline.title)}`, ''];
  for (const p of outline.preface) out.push(flat(p), '');
  for (const section of outline.sections) {
    out.push(`## ${flat(section.heading)}`, '');
    for (const p of section.paragraphs) out.push(flat(p), '');
    if (section.grid) out.push(...gridMarkdown(section.grid), '');
  }
  return out.join('\n');
}
