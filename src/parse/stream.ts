/**
 * The document flattened into rows of cells, the form in which the table parsers look for labels.
 *
 * A table row stays a row; a paragraph becomes a row of one cell, or, when it reads like a table
 * row typed as text ("一、本年新收政府信息公开申请数量 37 1 0 0 0 1 39"), a label cell followed by
 * value cells. Rows are only grouping hints: labels are found by their text, never by position.
 */
import type { Document, SourcePos } from '../read/document.js';
import { remembered } from './memo.js';
import { labelKey, nfkc } from './normalize.js';
import { isPlainCount, isValueLike } from './numbers.js';

export interface StreamCell {
  text: string;
  /** labelKey(text): normalised for label matching. */
  key: string;
  source?: SourcePos;
  /** A cell the reader could not read (TableCell.unreadable). */
  unreadable?: true;
}

export interface StreamRow {
  cells: StreamCell[];
  /** Index of the block in the document. */
  block: number;
  paragraph: boolean;
}

/** A figure, a blank mark, or a change as table II writes it ("增加2项"). */
const VALUE_TOKEN = String.raw`(?:[+-]?\d[\d,]*(?:\.\d+)?%?|(?:增加|减少|新增|增|减)\d+(?:\.\d+)?[项件个%]?|/|—|－|-)`;
const LABEL_THEN_VALUES = new RegExp(String.raw`^(.*?[^\d\s.,，、．%])[\s:：]+(${VALUE_TOKEN}(?:[ \t\u3000]+${VALUE_TOKEN})*)$`);
const ONLY_VALUES = new RegExp(String.raw`^${VALUE_TOKEN}(?:[ \t\u3000]+${VALUE_TOKEN})+$`);
const SPLIT_VALUES = /[ \t\u3000]+/;
const HAS_SPACE = /[ \t\u3000]/;

/** Prose is never a label: long cells get no key, which saves normalising every paragraph. */
const MAX_KEYED = 120;
const rememberedKey = remembered(labelKey);
/** labelKey of a cell's text, remembered; '' for prose. */
export function cellKey(text: string): string {
  if (text.length > MAX_KEYED || text === '') return '';
  return isPlainCount(text) ? text : rememberedKey(text);
}

/** A paragraph split into the cells it stands for (without their source, which differs per report). */
function paragraphCells(raw: string): Array<{ text: string; key: string }> {
  const cells: Array<{ text: string; key: string }> = [];
  // prose (longer than any table row typed as text) is left as it is, without normalising it
  const text = raw.length <= 240 ? nfkc(raw) : raw;
  if (text.length <= 200) {
    const m = LABEL_THEN_VALUES.exec(text);
    if (m && m[1].length <= 80) {
      // "（三）不予公开 1.属于国家秘密 0 0 …": group and row label typed on one line
      for (const part of m[1].split(SPLIT_VALUES)) if (part) cells.push({ text: part, key: cellKey(part) });
      for (const v of m[2].split(SPLIT_VALUES)) cells.push({ text: v, key: v });
    } else if (ONLY_VALUES.test(text)) {
      for (const v of text.split(SPLIT_VALUES)) cells.push({ text: v, key: v });
    } else if (text.length <= 80 && HAS_SPACE.test(text) && !/[。，,；;：:]/.test(text)) {
      // a heading row typed as text: "结果维持 结果纠正 其他结果 …"
      const parts = text.split(SPLIT_VALUES);
      if (parts.length >= 2 && parts.every((p) => p.length <= 12)) {
        for (const part of parts) cells.push({ text: part, key: cellKey(part) });
      }
    }
  }
  if (!cells.length) cells.push({ text: raw, key: cellKey(raw) });
  return cells;
}

/** Short paragraphs (labels, table lines typed as text) recur; long ones are prose, each met once. */
const MAX_REMEMBERED = 80;
const rememberedParagraph = remembered(paragraphCells);

export function toStream(doc: Document): StreamRow[] {
  const rows: StreamRow[] = [];
  doc.blocks.forEach((block, b) => {
    if (block.kind === 'table') {
      for (const row of block.rows) {
        const cells: StreamCell[] = [];
        for (let c = 0; c < row.length; c++) {
          const text = row[c].text;
          // A converter that writes a merged cell's text into every column it spans: the copies stand
          // for the columns the span covers, which a table keeps out of its rows (as a web page's
          // colspan does). Only labels: equal neighbouring figures (0 | 0) are two cells.
          if (c > 0 && text !== '' && text === row[c - 1].text && !isValueLike(text)) continue;
          cells.push(row[c].unreadable ? { text, key: cellKey(text), source: row[c].source, unreadable: true } : { text, key: cellKey(text), source: row[c].source });
        }
        rows.push({ block: b, paragraph: false, cells });
      }
      return;
    }
    const raw = block.text.trim();
    if (!raw) return;
    if (isPlainCount(raw)) {
      // a figure on its own line (one cell per line, as PDFs and web pages copy): nothing to split
      rows.push({ block: b, paragraph: true, cells: [{ text: raw, key: raw, source: block.source }] });
      return;
    }
    const parts = raw.length <= MAX_REMEMBERED ? rememberedParagraph(raw) : paragraphCells(raw);
    const source = block.source;
    rows.push({ block: b, paragraph: true, cells: parts.map((p) => ({ text: p.text, key: p.key, source })) });
  });
  return rows;
}
