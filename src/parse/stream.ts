/**
 * The document flattened into rows of cells, the form in which the table parsers look for labels.
 *
 * A table row stays a row; a paragraph becomes a row of one cell, or, when it reads like a table
 * row typed as text ("一、本年新收政府信息公开申请数量 37 1 0 0 0 1 39"), a label cell followed by
 * value cells. Rows are only grouping hints: labels are found by their text, never by position.
 */
import type { Document, SourcePos } from '../read/document.js';
import { labelKey } from './normalize.js';

export interface StreamCell {
  text: string;
  /** labelKey(text): normalised for label matching. */
  key: string;
  source?: SourcePos;
}

export interface StreamRow {
  cells: StreamCell[];
  /** Index of the block in the document. */
  block: number;
  paragraph: boolean;
}

const VALUE_TOKEN = String.raw`(?:[+-]?\d[\d,]*(?:\.\d+)?%?|/|—|－|-)`;
const LABEL_THEN_VALUES = new RegExp(String.raw`^(.*?[^\d\s.,，、．%])[\s:：]+(${VALUE_TOKEN}(?:[ \t\u3000]+${VALUE_TOKEN})*)$`);
const ONLY_VALUES = new RegExp(String.raw`^${VALUE_TOKEN}(?:[ \t\u3000]+${VALUE_TOKEN})+$`);
const SPLIT_VALUES = /[ \t\u3000]+/;

export function toStream(doc: Document): StreamRow[] {
  const rows: StreamRow[] = [];
  doc.blocks.forEach((block, b) => {
    if (block.kind === 'table') {
      for (const row of block.rows) {
        rows.push({ block: b, paragraph: false, cells: row.map((c) => ({ text: c.text, key: labelKey(c.text), source: c.source })) });
      }
      return;
    }
    const text = block.text.trim();
    if (!text) return;
    const cells: StreamCell[] = [];
    if (text.length <= 200) {
      const m = LABEL_THEN_VALUES.exec(text);
      if (m && m[1].length <= 80) {
        cells.push({ text: m[1], key: labelKey(m[1]), source: block.source });
        for (const v of m[2].split(SPLIT_VALUES)) cells.push({ text: v, key: v, source: block.source });
      } else if (ONLY_VALUES.test(text)) {
        for (const v of text.split(SPLIT_VALUES)) cells.push({ text: v, key: v, source: block.source });
      }
    }
    if (!cells.length) cells.push({ text, key: labelKey(text), source: block.source });
    rows.push({ block: b, paragraph: true, cells });
  });
  return rows;
}
