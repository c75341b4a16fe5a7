/**
 * Text reader: plain text as reports circulate when copied out of Word, a PDF or a web page.
 *
 * Shapes understood, all turned into the same Document of paragraphs and tables:
 * - one cell per line, each line starting with a tab, rows separated by blank lines
 *   (Word's "save as text"); a following line without a tab continues the cell's label
 *   (`本年新\n制作数量`);
 * - tab-separated rows, one row per line;
 * - pipe tables (`| 规章 | 0 | 0 | 0 |`), as web pages and Markdown look when copied.
 * Everything else is a paragraph, one per line. Encodings: UTF-8 (with or without BOM), UTF-16
 * (BOM or detected), GB18030/GBK.
 */
import { isUtf8 } from 'node:buffer';
import { InputError, MAX_INPUT_BYTES } from '../errors.js';
import type { Block, Document, Table, TableCell } from './document.js';
import { decodeUtf8, isStray, transcodeUtf8 } from './utf8.js';

const BOOKMARK = /\[bookmark:[^\]]*\]/g;
const PIPE_ROW = /^\s*\|.*\|\s*$/;
const PIPE_SEPARATOR = /^[\s|:\-=+]+$/;
const DASH_CELL = /^[\s\-=_:]*$/;
const SECTION_LIKE = /^[\s\u3000]*(?:[一二三四五六七八九十]+[、，,.．]|\d+\s*[、.．]\s*\D)/;
const NUMERIC = /^[\s\d,，.．%％\-—－/]*$/;
/** A cell holding a figure or a blank mark, which never wraps onto the next line (a label's "1." may). */
const FIGURE = /^(?:[\s\d,，%％]*|[/\-—－])$/;
const MAX_CONTINUATION = 40;
const MARKDOWN_HEADING = /^#{1,6}\s+/;
/** A line holding only a tab (and spaces): a blank cell in one-cell-per-line text. */
const LONE_TAB = /^\t[ \u3000\u00a0]*$/;

export function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new InputError(file, '文件为空 / empty file');
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new InputError(file, `文件过大（${bytes.length} 字节，上限 ${MAX_INPUT_BYTES} 字节）/ file too large`);
  }
  let text: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = decodeUtf8(bytes.subarray(3));
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    const utf16 = sniffUtf16(bytes);
    if (utf16) text = new TextDecoder(utf16).decode(bytes);
    else if (isUtf8(bytes)) {
      // the common case, UTF-8 without a BOM: checked for binary content as it is decoded
      const { text: decoded, stray } = transcodeUtf8(bytes);
      if (!decoded.length || stray > decoded.length * MAX_STRAY_SHARE) throw notText(file);
      return decoded;
    } else text = new TextDecoder('gb18030').decode(bytes);
  }
  if (!looksLikeText(text)) throw notText(file);
  return text;
}

/** UTF-16 without a BOM: Chinese and ASCII text in UTF-16 has zero bytes at one parity only. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  // text in UTF-8 or GB18030 has no zero byte at all: the common case is settled by one native search
  if (bytes.subarray(0, n).indexOf(0) < 0) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  // Text in UTF-8 or GB18030 has no zero bytes at all; in UTF-16 every ASCII character (digits,
  // tabs, line breaks) brings one at the same parity, and a CJK character only now and then one at
  // the other (开 is U+5F00). Binary data has them at both alike.
  if (oddZero >= 8 && evenZero * 4 <= oddZero) return 'utf-16le';
  if (evenZero >= 8 && oddZero * 4 <= evenZero) return 'utf-16be';
  return null;
}

/** Text has almost no control characters or replacement marks; binary data read as text is full of them. */
const MAX_STRAY_SHARE = 0.005;

function notText(file: string): InputError {
  return new InputError(file, '不是文本文件，也不是可识别的文档格式 / not text nor a known document format');
}

function looksLikeText(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  let stray = 0;
  for (let i = 0; i < n; i++) if (isStray(text.charCodeAt(i))) stray++;
  return stray <= n * MAX_STRAY_SHARE;
}

export function readText(bytes: Uint8Array, file: string): Document {
  return textToDocument(decodeText(bytes, file));
}

export function textToDocument(text: string): Document {
  const lines = (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).split('\n');
  const blocks: Block[] = [];
  let table: Table | null = null;
  // one-cell-per-line mode: the row being gathered and the last cell (for label continuations)
  let row: TableCell[] | null = null;
  let lastCell: TableCell | null = null;

  const closeRow = () => {
    if (row && table) {
      if (row.length) table.rows.push(row);
    }
    row = null;
    lastCell = null;
  };
  const closeTable = () => {
    closeRow();
    if (table && table.rows.length) blocks.push(table);
    table = null;
  };
  const openTable = (lineNo: number): Table => {
    if (!table) table = { kind: 'table', rows: [], source: { line: lineNo } };
    return table;
  };

  const bookmarks = text.includes('[bookmark');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = bookmarks ? lines[i].replace(BOOKMARK, '') : lines[i];
    const trimmed = line.trim();
    if (trimmed === '' && !(row !== null && LONE_TAB.test(line))) {
      // a blank line ends a row of one-cell-per-line cells; a lone tab inside such a row is a blank cell
      closeRow();
      continue;
    }
    const first = trimmed.charCodeAt(0);
    if ((first === 0x2b /* + */ || first === 0x7c) && GRID_RULE.test(trimmed)) {
      // a grid table: rows between rules, a cell's text over several lines
      const grid = readGridTable(lines, i);
      if (grid) {
        closeTable();
        blocks.push({ kind: 'table', rows: grid.rows, source: { line: lineNo, endLine: grid.end } });
        i = grid.end - 1;
        continue;
      }
    }
    if (first === 0x2d /* - */ && (DASH_LINE.test(line) || FULL_RULE.test(line))) {
      // a pandoc simple or multiline table: columns given by the runs of dashes
      const aligned = readAlignedTable(lines, i, blocks);
      if (aligned) {
        closeTable();
        blocks.push({ kind: 'table', rows: aligned.rows, source: { line: aligned.start + 1, endLine: aligned.end } });
        i = aligned.end - 1;
        continue;
      }
    }
    if (first === 0x7c /* | */) {
      // a pipe row whose cell holds a line break ("部分公开  \n（区分处理的…）|"): the row goes on below
      let joined = line;
      let end = i;
      if (!PIPE_ROW.test(joined)) {
        for (let k = i + 1; k < lines.length && k <= i + MAX_ROW_LINES && lines[k].trim() !== ''; k++) {
          joined += `\n${lines[k]}`;
          if (PIPE_ROW.test(lines[k]) || /\|\s*$/.test(lines[k])) {
            end = k;
            break;
          }
        }
      }
      if (PIPE_ROW.test(joined.replace(/\n/g, ' '))) {
        closeRow();
        if (end === i && PIPE_SEPARATOR.test(line) && line.includes('-')) continue;
        openTable(lineNo).rows.push(pipeCells(joined).map((c) => cellAt(c, lineNo)));
        i = end;
        continue;
      }
    }
    const tab = line.indexOf('\t');
    if (tab >= 0) {
      // one cell per line: blanks, one tab, the cell (found without splitting: split is costly on
      // the slices of a long text, and this is most lines of Word's "save as text")
      if (line.indexOf('\t', tab + 1) < 0 && (tab === 0 || line.slice(0, tab).trim() === '')) {
        openTable(lineNo);
        if (!row) row = [];
        // the cell is the line without its blanks and tab: the trimmed line itself
        const c = cellAt(trimmed, lineNo);
        row.push(c);
        lastCell = c;
        continue;
      }
      closeRow();
      const cells = line.split('\t').map((f) => f.trim());
      if (cells.some((c) => c.includes('---')) && cells.every((c) => DASH_CELL.test(c))) continue;
      openTable(lineNo).rows.push(cells.map((c) => cellAt(c, lineNo)));
      continue;
    }
    if (
      lastCell !== null &&
      trimmed.length <= MAX_CONTINUATION &&
      !SECTION_LIKE.test(line) &&
      !NUMERIC.test(trimmed) &&
      !FIGURE.test((lastCell as TableCell).text) &&
      (lastCell as TableCell).text !== ''
    ) {
      const c = lastCell as TableCell;
      c.text += `\n${trimmed}`;
      if (c.source) c.source.endLine = lineNo;
      continue;
    }
    closeTable();
    // Markdown headings (# 标题, ## 一、总体情况): the marks are not part of the text
    const text = trimmed.charCodeAt(0) === 0x23 /* # */ ? trimmed.replace(MARKDOWN_HEADING, '') : trimmed;
    blocks.push({ kind: 'paragraph', text, source: { line: lineNo } });
  }
  closeTable();
  return { form: 'text', blocks };
}

/** A Markdown line break inside a cell: `<br>`, `<br/>`, `<p>`, or two spaces or a backslash before a new line. */
const CELL_BREAK = /<br\s*\/?>|<\/?p>|(?: {2,}|\\)\n|\n/gi;
const MAX_ROW_LINES = 6;

/** The cells of a pipe row (`| a | b<br>c |`), escaped pipes (`\|`) kept in their cell. */
function pipeCells(row: string): string[] {
  const body = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells: string[] = [];
  let cell = '';
  for (let k = 0; k < body.length; k++) {
    const ch = body[k];
    if (ch === '\\' && body[k + 1] === '|') {
      cell += '|';
      k++;
    } else if (ch === '|') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => cellText(c));
}

/** A cell's text with its line breaks as '\n' and HTML's few entities decoded. */
function cellText(raw: string): string {
  return raw
    .replace(CELL_BREAK, '\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((l) => l.trim())
    .filter((l, k, all) => l !== '' || (k > 0 && k < all.length - 1))
    .join('\n');
}

/** A rule line of a grid table: `+----+====+`, or one that leaves a cell spanning rows open (`|    +----+`). */
const GRID_RULE = /^[+|][-=:+| ]*[-=][-=:+| ]*$/;

/** A grid table starting at line `start` (a rule): its rows, and the line after its last rule. */
function readGridTable(lines: string[], start: number): { rows: TableCell[][]; end: number } | null {
  if (!lines[start].trim().startsWith('+')) return null;
  const rows: TableCell[][] = [];
  let band: string[][] = [];
  let bandStart = start + 2;
  let k = start + 1;
  for (; k < lines.length; k++) {
    const line = lines[k].trim();
    if (GRID_RULE.test(line) && line.includes('+')) {
      if (band.length) rows.push(gridRow(band, bandStart));
      band = [];
      bandStart = k + 2;
      continue;
    }
    if (!line.startsWith('|') || !line.endsWith('|')) break;
    band.push(line.slice(1, -1).split('|'));
  }
  if (band.length || rows.length === 0) return null;
  return { rows, end: k };
}

/** A grid table row: the lines of a band cut at their pipes, each cell's pieces joined by line breaks. */
function gridRow(band: string[][], lineNo: number): TableCell[] {
  const width = Math.max(...band.map((parts) => parts.length));
  const cells: TableCell[] = [];
  for (let c = 0; c < width; c++) {
    const text = band
      .map((parts) => (parts[c] ?? '').trim())
      .filter(Boolean)
      .join('\n');
    cells.push(cellAt(cellText(text.replace(/\\$/gm, '')), lineNo));
  }
  return cells;
}

/** A line of dash runs separated by spaces: the columns of a pandoc simple or multiline table. */
const DASH_LINE = /^\s*-{2,}(?:\s+-{2,})+\s*$/;
/** A full-width rule opening or closing a multiline table. */
const FULL_RULE = /^\s*-{10,}\s*$/;

/** Display width of a character as monospaced text shows it: CJK and full-width characters take two columns. */
function charWidth(code: number): number {
  return (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6)
    ? 2
    : 1;
}

const indent = (line: string): number => line.length - line.trimStart().length;

/** The display columns where each run of dashes starts. */
function columnStarts(dashes: string): number[] {
  const starts: number[] = [];
  for (let k = 0; k < dashes.length; k++) if (dashes[k] === '-' && (k === 0 || dashes[k - 1] !== '-')) starts.push(k);
  return starts;
}

/** A line cut into the columns: each character goes to the column its display position falls in. */
function cutLine(line: string, starts: number[]): string[] {
  const out = starts.map(() => '');
  let pos = 0;
  let col = 0;
  for (const ch of line) {
    while (col + 1 < starts.length && pos >= starts[col + 1]) col++;
    out[col] += ch;
    pos += charWidth(ch.codePointAt(0)!);
  }
  return out;
}

/**
 * A pandoc simple table (header line, dash runs, a row per line, a blank line to end) or multiline
 * table (rules above and below, rows separated by blank lines, a cell over several lines) at
 * line `at`, which is its dash line or opening rule. A simple table's header line was already
 * taken as a paragraph: it is taken back from `blocks`.
 */
function readAlignedTable(lines: string[], at: number, blocks: Block[]): { rows: TableCell[][]; start: number; end: number } | null {
  let dashLine = at;
  let headerFrom = at;
  if (FULL_RULE.test(lines[at])) {
    // a multiline table with a header: the header lines, then the dash runs
    let k = at + 1;
    while (k < lines.length && k <= at + MAX_ROW_LINES && !DASH_LINE.test(lines[k]) && lines[k].trim() !== '') k++;
    if (!DASH_LINE.test(lines[k] ?? '')) return null;
    dashLine = k;
    headerFrom = at + 1;
  } else if (!DASH_LINE.test(lines[at])) return null;
  const starts = columnStarts(lines[dashLine]);
  const rows: TableCell[][] = [];
  const toRow = (group: string[], lineNo: number): TableCell[] => {
    const parts = starts.map(() => [] as string[]);
    for (const line of group) cutLine(line, starts).forEach((p, c) => parts[c].push(p.trim()));
    return parts.map((p) => cellAt(cellText(p.filter(Boolean).join('\n').replace(/\\$/gm, '')), lineNo));
  };
  let start = at;
  if (headerFrom < dashLine) rows.push(toRow(lines.slice(headerFrom, dashLine), headerFrom + 1));
  else if (dashLine > 0 && lines[dashLine - 1].trim() !== '') {
    // a simple table's header line, read as a paragraph a moment ago
    const last = blocks[blocks.length - 1];
    if (last?.kind === 'paragraph' && last.source?.line === dashLine) blocks.pop();
    rows.push(toRow([lines[dashLine - 1]], dashLine));
    start = dashLine - 1;
  }
  // multiline when rows are separated by blank lines and a rule closes the table; simple otherwise
  let multiline = headerFrom < dashLine;
  if (!multiline) {
    for (let k = dashLine + 1; k < lines.length; k++) {
      if (DASH_LINE.test(lines[k]) || FULL_RULE.test(lines[k])) {
        multiline = lines.slice(dashLine + 1, k).some((l) => l.trim() === '');
        break;
      }
      // the table's lines are indented as its dash line is; a line further out is the text after it
      if (lines[k].trim() !== '' && indent(lines[k]) < indent(lines[dashLine])) break;
    }
  }
  let k = dashLine + 1;
  let group: string[] = [];
  let groupLine = k + 1;
  for (; k < lines.length; k++) {
    const line = lines[k];
    if (DASH_LINE.test(line) || FULL_RULE.test(line)) {
      k++;
      break;
    }
    if (line.trim() === '') {
      if (group.length) rows.push(toRow(group, groupLine));
      group = [];
      groupLine = k + 2;
      if (!multiline) break;
      continue;
    }
    if (!multiline) rows.push(toRow([line], k + 1));
    else group.push(line);
  }
  if (group.length) rows.push(toRow(group, groupLine));
  if (rows.length < 2) return null;
  return { rows, start, end: k };
}

function cellAt(text: string, line: number): TableCell {
  return { text, rowSpan: 1, colSpan: 1, source: { line } };
}
