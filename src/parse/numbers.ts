/** Reading the values of table cells. */
import { compact, nfkc } from './normalize.js';

/** What a blank cell may hold instead of nothing. */
const BLANK = /^(?:|\/|\\|-|—|–|－|─|——|--|无|空|\*)$/;
const COUNT = /^(\d+)(?:件|个|次|条|项|人次)?$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+$/;
const AMOUNT = /^([+-]?\d+(?:\.\d+)?)(万元|元|万)?$/;

export type CountValue = { kind: 'count'; value: number } | { kind: 'blank' } | { kind: 'invalid'; raw: string };

export function cleanCell(raw: string): string {
  return compact(nfkc(raw));
}

/** A count cell of table III or IV as most are written: digits only. */
const PLAIN = /^\d{1,9}$/;
export const isPlainCount = (raw: string): boolean => PLAIN.test(raw);

export function isBlank(raw: string): boolean {
  if (raw === '') return true;
  if (raw.length > 8 || PLAIN.test(raw)) return false;
  return BLANK.test(cleanCell(raw));
}

export function readCount(raw: string): CountValue {
  if (PLAIN.test(raw)) return { kind: 'count', value: Number(raw) };
  let s = cleanCell(raw);
  if (BLANK.test(s)) return { kind: 'blank' };
  if (GROUPED.test(s)) s = s.replace(/,/g, '');
  const m = COUNT.exec(s);
  if (m) return { kind: 'count', value: Number(m[1]) };
  return { kind: 'invalid', raw: raw.trim() };
}

/** A Chinese character that no value holds (values hold at most a unit: 件, 个, 无 …); these never change under NFKC. */
const NOT_IN_VALUES = /(?![件个次条项人无空])[\u4e00-\u9fff]/;

/** Whether a cell could be a value of a count table (a number or a blank marker), as opposed to a label. */
export function isValueLike(raw: string): boolean {
  if (PLAIN.test(raw)) return true;
  if (raw.length > 24 || NOT_IN_VALUES.test(raw)) return false;
  const s = cleanCell(raw);
  return BLANK.test(s) || COUNT.test(s) || GROUPED.test(s);
}

/**
 * A table II cell: number (units and thousands separators stripped), null when blank, else the
 * trimmed raw text ("0%", "增加2项").
 */
export function readActive(raw: string): number | string | null {
  let s = cleanCell(raw);
  if (BLANK.test(s)) return null;
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:万元|元|万)?$/.test(s)) s = s.replace(/,/g, '');
  const m = AMOUNT.exec(s);
  if (m) return Number(m[1]);
  const c = COUNT.exec(s);
  if (c) return Number(c[1]);
  return nfkc(raw).replace(/\s+/g, ' ').trim();
}

/** A run of digits that stands for several cells whose boundaries were lost ("640020470"). */
export function isRunTogether(raw: string): boolean {
  const s = cleanCell(raw);
  return /^\d{2,}$/.test(s) && s.length >= 2;
}
