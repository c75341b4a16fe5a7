/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`), with arithmetic in UTC so that no time zone or
 * clock ever shifts a day. Everything in the ledger speaks of dates, never of instants.
 */

export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export class DateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DateError';
  }
}

/** Whether `s` is a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = ISO.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/**
 * Accepts YYYY-MM-DD, YYYY/M/D, YYYY.M.D and YYYY年M月D日; returns the ISO form or throws DateError.
 */
export function parseDate(input: string, what = '日期'): IsoDate {
  const s = String(input ?? '').trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (m) {
    const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    if (isIsoDate(iso)) return iso;
  }
  throw new DateError(`${what}“${s.slice(0, 40)}”不是有效日期（应为 YYYY-MM-DD）`);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtc(d: IsoDate): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
}

function fromUtc(t: number): IsoDate {
  return new Date(t).toISOString().slice(0, 10);
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromUtc(toUtc(d) + n * 86_400_000);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: IsoDate): number {
  return new Date(toUtc(d)).getUTCDay();
}

export function weekdayName(d: IsoDate): string {
  return WEEKDAYS[weekday(d)];
}

export function isWeekend(d: IsoDate): boolean {
  const w = weekday(d);
  return w === 0 || w === 6;
}

export function yearOf(d: IsoDate): number {
  return Number(d.slice(0, 4));
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** "2024-10-30（星期三）" */
export function withWeekday(d: IsoDate): string {
  return `${d}（${weekdayName(d)}）`;
}

/** Today's date in China (UTC+8), for the command line and the server only; never used in derivations. */
export function todayInChina(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
