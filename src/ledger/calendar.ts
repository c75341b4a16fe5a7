/**
 * The working-day calendar of the People's Republic of China: weekends, statutory holidays and the
 * 调休 make-up working days (weekend days that are working days), as versioned data with a source.
 *
 * Each year is one record (`CalendarYear`): the 国务院办公厅 notice that fixed it, the days off
 * that fall on a weekday or inside a holiday period, and the weekend days that are working days.
 * The built-in years come from chinese-days (default import only, as the package's ESM build
 * expects) for the years listed in `NOTICES`; further years, or corrections, come as override
 * records (a JSON file, or the `ledger_calendar_years` table) — adding next year's notice is a
 * data change. A date in a year that has no record is an error (`CalendarGapError`), never a
 * silent "Saturday and Sunday off" rule.
 */
import { createHash } from 'node:crypto';
import chineseDays from 'chinese-days';
import { addDays, isIsoDate, isWeekend, weekdayName, yearOf, type IsoDate } from './dates.js';

export interface NoticeSource {
  /** 《国务院办公厅关于2024年部分节假日安排的通知》 */
  title: string;
  /** 国办发明电〔2023〕7号; null when the number was not at hand. */
  docNo: string | null;
  /** Date of issue. */
  issued: IsoDate;
  url: string | null;
  /** Later notices that changed the year (2019 劳动节, 2020 extended Spring Festival). */
  amendments?: { title: string; docNo: string | null; issued: IsoDate; url: string | null }[];
}

export interface CalendarYear {
  year: number;
  source: NoticeSource;
  /** Days off that are not ordinary weekends, plus weekend days inside a holiday period: date → holiday name. */
  holidays: Record<IsoDate, string>;
  /** Weekend days that are working days (调休上班): date → the holiday they make up for. */
  workdays: Record<IsoDate, string>;
  /** Where the dates come from: "chinese-days 1.5.7" or "override". */
  origin: string;
}

/** A date the calendar has no data for: the deadline cannot be computed until the year's notice is added. */
export class CalendarGapError extends Error {
  constructor(readonly year: number) {
    super(`工作日历缺少${year}年的数据（需先录入国务院办公厅${year}年部分节假日安排通知），无法计算期限`);
    this.name = 'CalendarGapError';
  }
}

/** The notices behind the built-in years. A year is built in only when it is listed here. */
export const NOTICES: Record<number, NoticeSource> = {
  2019: {
    title: '国务院办公厅关于2019年部分节假日安排的通知',
    docNo: '国办发明电〔2018〕15号',
    issued: '2018-12-06',
    url: 'http://www.gov.cn/zhengce/content/2018-12/06/content_5346276.htm',
    amendments: [
      {
        title: '国务院办公厅关于调整2019年劳动节假期安排的通知',
        docNo: '国办发明电〔2019〕2号',
        issued: '2019-03-22',
        url: 'http://www.gov.cn/zhengce/content/2019-03/22/content_5375877.htm',
      },
    ],
  },
  2020: {
    title: '国务院办公厅关于2020年部分节假日安排的通知',
    docNo: '国办发明电〔2019〕16号',
    issued: '2019-11-21',
    url: 'http://www.gov.cn/zhengce/content/2019-11/21/content_5454164.htm',
    amendments: [
      {
        title: '国务院办公厅关于延长2020年春节假期的通知',
        docNo: '国办发明电〔2020〕1号',
        issued: '2020-01-27',
        url: 'http://www.gov.cn/zhengce/content/2020-01/27/content_5472352.htm',
      },
    ],
  },
  2021: {
    title: '国务院办公厅关于2021年部分节假日安排的通知',
    docNo: '国办发明电〔2020〕27号',
    issued: '2020-11-25',
    url: 'http://www.gov.cn/zhengce/content/2020-11/25/content_5564127.htm',
  },
  2022: {
    title: '国务院办公厅关于2022年部分节假日安排的通知',
    docNo: '国办发明电〔2021〕11号',
    issued: '2021-10-25',
    url: 'http://www.gov.cn/zhengce/content/2021-10/25/content_5644835.htm',
  },
  2023: {
    title: '国务院办公厅关于2023年部分节假日安排的通知',
    docNo: '国办发明电〔2022〕16号',
    issued: '2022-12-08',
    url: 'http://www.gov.cn/zhengce/content/2022-12/08/content_5730844.htm',
  },
  2024: {
    title: '国务院办公厅关于2024年部分节假日安排的通知',
    docNo: '国办发明电〔2023〕7号',
    issued: '2023-10-25',
    url: 'https://www.gov.cn/zhengce/content/202310/content_6911527.htm',
  },
  2025: {
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    docNo: '国办发明电〔2024〕12号',
    issued: '2024-11-12',
    url: 'https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm',
  },
  2026: {
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    docNo: null,
    issued: '2025-11-04',
    url: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
  },
};

const CHINESE_DAYS_VERSION = '1.5.7';

/** chinese-days names a day "National Day,国庆节,3": keep the Chinese name. */
function holidayName(raw: string): string {
  const parts = raw.split(',');
  return (parts[1] ?? parts[0] ?? '').trim() || '节假日';
}

/** One built-in year, read from chinese-days day by day. */
export function builtinYear(year: number): CalendarYear {
  const source = NOTICES[year];
  if (!source) throw new CalendarGapError(year);
  const holidays: Record<IsoDate, string> = {};
  const workdays: Record<IsoDate, string> = {};
  for (let d = `${year}-01-01`; yearOf(d) === year; d = addDays(d, 1)) {
    const detail = chineseDays.getDayDetail(d);
    const weekend = isWeekend(d);
    const named = !/^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(detail.name);
    if (!detail.work && (named || !weekend)) holidays[d] = holidayName(detail.name);
    else if (detail.work && weekend) workdays[d] = named ? holidayName(detail.name) : '调休';
  }
  return { year, source, holidays, workdays, origin: `chinese-days ${CHINESE_DAYS_VERSION}` };
}

/** Checks an override record (e.g. next year's notice typed in by hand); returns problems in Chinese. */
export function validateCalendarYear(value: unknown): { ok: true; year: CalendarYear } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const v = value as Partial<CalendarYear> | null;
  if (!v || typeof v !== 'object') return { ok: false, errors: ['日历数据应为对象'] };
  const year = v.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) errors.push('year 应为 2000–2100 的整数');
  const src = v.source as Partial<NoticeSource> | undefined;
  if (!src || typeof src.title !== 'string' || !src.title.trim()) errors.push('source.title（通知标题）必填');
  if (!src || !isIsoDate(src.issued)) errors.push('source.issued（发布日期）应为 YYYY-MM-DD');
  const holidays = v.holidays ?? {};
  const workdays = v.workdays ?? {};
  if (typeof holidays !== 'object' || Array.isArray(holidays)) errors.push('holidays 应为 {日期: 名称}');
  if (typeof workdays !== 'object' || Array.isArray(workdays)) errors.push('workdays 应为 {日期: 名称}');
  if (errors.length) return { ok: false, errors };
  for (const [d, name] of Object.entries(holidays)) {
    if (!isIsoDate(d) || yearOf(d) !== year) errors.push(`holidays: ${d} 不是${year}年的日期`);
    if (typeof name !== 'string') errors.push(`holidays: ${d} 的名称应为文字`);
  }
  for (const [d, name] of Object.entries(workdays)) {
    if (!isIsoDate(d) || yearOf(d) !== year) errors.push(`workdays: ${d} 不是${year}年的日期`);
    else if (!isWeekend(d)) errors.push(`workdays: ${d} 是${weekdayName(d)}，调休上班日应为周六或周日`);
    if (d in holidays) errors.push(`${d} 同时列为放假日和上班日`);
    if (typeof name !== 'string') errors.push(`workdays: ${d} 的名称应为文字`);
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    year: {
      year: year as number,
      source: {
        title: src!.title!.trim(),
        docNo: src!.docNo ?? null,
        issued: src!.issued!,
        url: src!.url ?? null,
        ...(src!.amendments ? { amendments: src!.amendments } : {}),
      },
      holidays: { ...(holidays as Record<string, string>) },
      workdays: { ...(workdays as Record<string, string>) },
      origin: 'override',
    },
  };
}

export type DayKind = 'workday' | 'makeup' | 'weekend' | 'holiday';

export interface DayInfo {
  date: IsoDate;
  work: boolean;
  kind: DayKind;
  /** Holiday name for holidays and make-up days. */
  name?: string;
}

/** A calendar over a set of year records. Immutable; `version` identifies its data. */
export class WorkCalendar {
  readonly version: string;
  private readonly years: Map<number, CalendarYear>;

  constructor(years: CalendarYear[]) {
    this.years = new Map();
    for (const y of years) this.years.set(y.year, y);
    const canonical = [...this.years.values()]
      .sort((a, b) => a.year - b.year)
      .map((y) => [y.year, y.origin, sortObj(y.holidays), sortObj(y.workdays)]);
    this.version = createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 12);
  }

  /** Years with data, ascending. */
  coveredYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  year(year: number): CalendarYear {
    const y = this.years.get(year);
    if (!y) throw new CalendarGapError(year);
    return y;
  }

  has(year: number): boolean {
    return this.years.has(year);
  }

  day(date: IsoDate): DayInfo {
    const y = this.year(yearOf(date));
    const hol = y.holidays[date];
    if (hol !== undefined) return { date, work: false, kind: 'holiday', name: hol };
    const mk = y.workdays[date];
    if (mk !== undefined) return { date, work: true, kind: 'makeup', name: mk };
    if (isWeekend(date)) return { date, work: false, kind: 'weekend' };
    return { date, work: true, kind: 'workday' };
  }

  isWorkday(date: IsoDate): boolean {
    return this.day(date).work;
  }

  /** The n-th working day after `from` (counting starts the next day); n ≥ 1. */
  addWorkdays(from: IsoDate, n: number): IsoDate {
    let d = from;
    let count = 0;
    while (count < n) {
      d = addDays(d, 1);
      if (this.isWorkday(d)) count++;
    }
    return d;
  }

  /** Working days in (from, to]: how many working days after `from` up to and including `to`. */
  workdaysBetween(from: IsoDate, to: IsoDate): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkday(d)) n++;
    return n;
  }

  /** Replaces or adds year records, giving a new calendar (and a new version). */
  with(years: CalendarYear[]): WorkCalendar {
    const merged = new Map(this.years);
    for (const y of years) merged.set(y.year, y);
    return new WorkCalendar([...merged.values()]);
  }

  /** "国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）" */
  sourceLabel(year: number): string {
    const s = this.year(year).source;
    return `《${s.title}》${s.docNo ? `（${s.docNo}）` : `（${s.issued}发布）`}`;
  }
}

function sortObj(o: Record<string, string>): [string, string][] {
  return Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

let builtin: WorkCalendar | null = null;

/** The calendar of the built-in years (those in NOTICES), optionally with override years on top. */
export function defaultCalendar(overrides: CalendarYear[] = []): WorkCalendar {
  if (!builtin) builtin = new WorkCalendar(Object.keys(NOTICES).map((y) => builtinYear(Number(y))));
  return overrides.length ? builtin.with(overrides) : builtin;
}

/** Largest calendar override file read. */
export const MAX_CALENDAR_FILE_BYTES = 1024 * 1024;

/**
 * Override years from JSON text: one CalendarYear record or an array of them. Throws an Error with
 * a Chinese message listing the problems (the caller wraps it as an InputError naming the file).
 */
export function parseCalendarOverrides(text: string): CalendarYear[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('日历数据不是有效的 JSON');
  }
  const list = Array.isArray(value) ? value : [value];
  const out: CalendarYear[] = [];
  for (const item of list) {
    const r = validateCalendarYear(item);
    if (!r.ok) throw new Error(`日历数据有误：${r.errors.slice(0, 5).join('；')}`);
    out.push(r.year);
  }
  return out;
}
