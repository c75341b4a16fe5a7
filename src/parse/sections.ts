/**
 * The six numbered sections, found by their headings. A heading is a short paragraph numbered
 * 一、… 六、 (or 1、… 6、, 第一部分 …) that names its section; sub-headings in brackets
 * （一）… are never section headings. Sections must come in increasing order.
 */
import { SECTIONS } from '../model/layouts.js';
import type { Document } from '../read/document.js';
import { compact, nfkc } from './normalize.js';

export interface FoundHeading {
  no: number;
  heading: string;
  block: number;
}

const HEADING = /^(?:第([一二三四五六])部分[、,.．:]?|([一二三四五六])[、,，.．]|([1-6])[、.．])(.*)$/;
/** How a heading can begin, tested on the raw text before the cost of normalising it. */
const HEADING_START = /^[\s\u3000\u200b]*(?:第|[一二三四五六][\s\u3000\u200b]*[、,，.．]|[1-6１-６][\s\u3000\u200b]*[、.．])/;
const CHINESE_NUMERAL: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const SECTION_KEYWORDS = SECTIONS.map((s) => s.keywords.map((k) => compact(k)));
const MAX_HEADING = 50;

export function findHeadings(doc: Document): FoundHeading[] {
  const found: FoundHeading[] = [];
  let current = 0;
  doc.blocks.forEach((block, b) => {
    if (block.kind !== 'paragraph' || block.text.length > MAX_HEADING * 2 || !HEADING_START.test(block.text)) return;
    const text = compact(nfkc(block.text));
    if (text.length > MAX_HEADING || text.length < 3) return;
    const m = HEADING.exec(text);
    if (!m) return;
    const numeral = m[1] ? CHINESE_NUMERAL[m[1]] : m[2] ? CHINESE_NUMERAL[m[2]] : Number(m[3]);
    const rest = m[4];
    for (let no = current + 1; no <= 6; no++) {
      const keywords = SECTION_KEYWORDS[no - 1];
      const hit = keywords.findIndex((k) => rest.includes(k));
      if (hit < 0) continue;
      // a wrongly numbered heading counts only when it names its section in full
      if (numeral !== no && hit !== 0) continue;
      found.push({ no, heading: compact(block.text), block: b });
      current = no;
      return;
    }
  });
  return found;
}
