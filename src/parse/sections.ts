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
/** The official section titles without their numbering: "总体情况" … "其他需要报告的事项". */
const OFFICIAL_TITLES = SECTIONS.map((s) => compact(s.heading).replace(/^[一二三四五六]、/, ''));

/** Whether a and b differ by at most one inserted, deleted or replaced character. */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  // what is left between the common start and the common end is at most one character on each side
  return a.length - i - j <= 1 && b.length - i - j <= 1;
}

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
      let hit = keywords.findIndex((k) => rest.includes(k));
      // a typo in the official title ("政府信息公开行政法复议、行政诉讼情况"): one character off
      if (hit < 0 && numeral === no && withinOneEdit(rest, OFFICIAL_TITLES[no - 1])) hit = 0;
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
