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
    if (trimmed.charCodeAt(0) === 0x7c /* | */ && PIPE_ROW.test(line)) {
      closeRow();
      if (PIPE_SEPARATOR.test(line) && line.includes('-')) continue;
      const cells = line.trim().slice(1, -1).split('|');
      openTable(lineNo).rows.push(cells.map((c) => cellAt(c.trim(), lineNo)));
      continue;
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

function cellAt(text: string, line: number): TableCell {
  return { text, rowSpan: 1, colSpan: 1, source: { line } };
}
