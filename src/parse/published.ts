/**
 * The date a report carries at its end (落款日期): the line after the organ's name that closes the
 * report, e.g. "宝山区七星街道办事处\n2024年1月25日", in Arabic or Chinese numerals
 * (二〇二四年一月二十五日). Only a line that is a date and nothing else, among the last few lines,
 * counts; a date before the report year has ended, or more than a year after, is not a sign-off.
 */
import { nfkc } from './normalize.js';

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, Ｏ: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二十五 → 25, 十二 → 12, 三十一 → 31, 十 → 10 */
function chineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二三])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? DIGITS[m[1]] : 1) * 10 + (m[2] ? DIGITS[m[2]] : 0);
  if (s.length === 1 && s in DIGITS) return DIGITS[s];
  return null;
}

function chineseYear(s: string): number | null {
  if (/^\d{4}$/.test(s)) return Number(s);
  if (s.length !== 4) return null;
  let n = 0;
  for (const ch of s) {
    if (!(ch in DIGITS)) return null;
    n = n * 10 + DIGITS[ch];
  }
  return n;
}

const DATE_LINE = /^([\d〇零ＯO一二三四五六七八九]{4})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月\s*([\d一二三四五六七八九十]{1,3})\s*日$/;

/** The sign-off date (YYYY-MM-DD) among the last lines, or null. */
export function parseSignOffDate(lastLines: string[], year: number | null): string | null {
  const lines = lastLines.map((l) => nfkc(l).replace(/\s+/g, '')).filter(Boolean).slice(-4).reverse();
  for (const line of lines) {
    const m = DATE_LINE.exec(line);
    if (!m) continue;
    const y = chineseYear(m[1]);
    const mo = chineseNumber(m[2]);
    const d = chineseNumber(m[3]);
    if (y === null || mo === null || d === null || mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) continue;
    const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (year !== null && (iso <= `${year}-12-31` || iso > `${year + 1}-12-31`)) continue;
    return iso;
  }
  return null;
}
