/**
 * The date a report carries: at its end (落款日期), the line after the organ's name that closes the
 * report, e.g. "宝山区七星街道办事处\n2024年1月25日", in Arabic or Chinese numerals
 * (二〇二四年一月二十五日), or the organ and the date on one line; failing that, the publication date
 * a portal page prints above the report ("发布时间：2024-01-25 09:30"), which copies of web pages
 * keep. Only a line that is a date and nothing else (after the organ's name), among the last few
 * lines, counts as a sign-off; a date before the report year has ended, or more than a year after,
 * is neither.
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
/** The organ's name and the date on one line: "宝山区七星街道办事处 2024年1月25日". */
const ORGAN_THEN_DATE = /^[^，,。；;：:、！？!?（）()]{2,40}?(?:办事处|政府|局|委员会|委|办公室|办|中心|厅|院|署|站|所)(\d{4}年\d{1,2}月\d{1,2}日|[〇零ＯO一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)$/;
/** A portal's publication line above the report. */
const PORTAL_DATE = /(?:发布|公开|发文|成文)(?:日期|时间)[:：]\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/;

function isoOf(y: number | null, mo: number | null, d: number | null, year: number | null): string | null {
  if (y === null || mo === null || d === null || mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (year !== null && (iso <= `${year}-12-31` || iso > `${year + 1}-12-31`)) return null;
  return iso;
}

/** The publication date a portal page prints above the report, among its first lines; or null. */
export function parsePortalDate(firstLines: string[], year: number | null): string | null {
  for (const raw of firstLines) {
    const line = nfkc(raw);
    if (line.length > 120) continue;
    const m = PORTAL_DATE.exec(line);
    if (!m) continue;
    const iso = isoOf(Number(m[1]), Number(m[2]), Number(m[3]), year);
    if (iso) return iso;
  }
  return null;
}

/** The sign-off date (YYYY-MM-DD) among the last lines, or null. */
export function parseSignOffDate(lastLines: string[], year: number | null): string | null {
  const lines = lastLines.map((l) => nfkc(l).replace(/\s+/g, '')).filter(Boolean).slice(-4).reverse();
  for (const line of lines) {
    const date = ORGAN_THEN_DATE.exec(line)?.[1] ?? line;
    const m = DATE_LINE.exec(date);
    if (!m) continue;
    const iso = isoOf(chineseYear(m[1]), chineseNumber(m[2]), chineseNumber(m[3]), year);
    if (iso) return iso;
  }
  return null;
}
