/**
 * The answer deadline of a 依申请公开 case (条例 arts 30, 32, 33, 35), computed on the working-day
 * calendar, with its derivation written out step by step in Chinese.
 *
 * Rules, as implemented (docs/ledger.md explains them for users):
 * - Day 0 is the received date (art 31), or the day the 补正 (supplemented application) was
 *   received, whichever is later (art 30: "答复期限自行政机关收到补正的申请之日起计算").
 * - Counting starts the next day: the 1st working day after day 0 is day 1. The answer is due on the
 *   20th counted working day (art 33 ¶2), plus the approved extensions (at most 20 working days in
 *   all, art 33 ¶2).
 * - A pause is a closed interval of dates [from, to]: working days on or between `from` and `to`
 *   are not counted (art 33 ¶3: "征求第三方和其他机关意见所需时间不计算在前款规定的期限内").
 *   Counting resumes on the first working day after `to`. Pauses may overlap; a working day is
 *   left out once. A pause with no end (`to: null`) stops the clock: there is no due date until
 *   it ends.
 * - An art 35 delayed date (延迟答复的合理期限), when set, replaces the computed date.
 */
import { CalendarGapError, type WorkCalendar } from './calendar.js';
import { addDays, withWeekday, yearOf, type IsoDate } from './dates.js';

export const STATUTORY_WORKDAYS = 20;
export const MAX_EXTENSION_WORKDAYS = 20;
/** Safety bound: no deadline runs for more than this many calendar days. */
const MAX_SPAN_DAYS = 3 * 366;

export interface Pause {
  from: IsoDate;
  /** Last day of the pause (inclusive); null while it has not ended. */
  to: IsoDate | null;
  /** Why, e.g. "征求第三方意见". */
  reason: string;
}

export interface Extension {
  days: number;
  approver?: string;
  /** Date of approval. */
  date?: IsoDate;
}

export interface DeadlineInput {
  received: IsoDate;
  /** The day the 补正 was received; restarts the clock. */
  restartedOn?: IsoDate | null;
  extensions?: Extension[];
  pauses?: Pause[];
  /** 条例第三十五条 延迟答复的合理期限. */
  delayedUntil?: { date: IsoDate; reason?: string } | null;
  /** 20 unless a rule says otherwise. */
  statutoryDays?: number;
}

export interface DeadlineResult {
  /** The due date; null while an open-ended pause stops the clock. */
  due: IsoDate | null;
  /** The 20th counted working day, before extensions (null if not reached because of an open pause). */
  statutoryDue: IsoDate | null;
  /** Day 0. */
  start: IsoDate;
  /** Working days to count: 20 + extensions. */
  workdays: number;
  extensionDays: number;
  /** Working days left out because of pauses, up to the due date. */
  pausedWorkdays: number;
  /** The pause that stops the clock, if any. */
  openPause: Pause | null;
  /** The derivation, one sentence per step, in Chinese. */
  steps: string[];
  /** The calendar data version used. */
  calendarVersion: string;
}

export class DeadlineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadlineError';
  }
}

const ART = {
  count: '条例第三十三条第二款',
  restart: '条例第三十条',
  pause: '条例第三十三条第三款',
  extend: '条例第三十三条第二款',
  delay: '条例第三十五条',
};

function range(a: IsoDate, b: IsoDate): string {
  return a === b ? withWeekday(a) : `${a}至${b}`;
}

export function computeDeadline(input: DeadlineInput, cal: WorkCalendar): DeadlineResult {
  const statutory = input.statutoryDays ?? STATUTORY_WORKDAYS;
  const extensions = input.extensions ?? [];
  const extensionDays = extensions.reduce((s, e) => s + e.days, 0);
  for (const e of extensions) {
    if (!Number.isInteger(e.days) || e.days < 1) throw new DeadlineError(`延长期限应为正整数个工作日（得到 ${e.days}）`);
  }
  if (extensionDays > MAX_EXTENSION_WORKDAYS) {
    throw new DeadlineError(`延长答复期限合计${extensionDays}个工作日，超过条例第三十三条规定的最长${MAX_EXTENSION_WORKDAYS}个工作日`);
  }
  const restarted = input.restartedOn && input.restartedOn > input.received ? input.restartedOn : null;
  const start = restarted ?? input.received;
  const pauses = (input.pauses ?? []).map((p) => {
    if (p.to !== null && p.to < p.from) throw new DeadlineError(`暂停区间 ${p.from}至${p.to} 的结束日早于开始日`);
    return p;
  });

  const steps: string[] = [];
  steps.push(`收到申请之日为 ${withWeekday(input.received)}。`);
  if (restarted) {
    steps.push(`${withWeekday(restarted)} 收到补正后的申请，答复期限自该日起重新计算（${ART.restart}），此前经过的时间不计。`);
  }
  steps.push(`答复期限自 ${withWeekday(start)}的次日起算，按工作日计算${statutory}个工作日（${ART.count}）。`);

  const total = statutory + extensionDays;
  const years = new Set<number>();
  const holidayRuns: { from: IsoDate; to: IsoDate; name: string }[] = [];
  const makeups: { date: IsoDate; name: string; ordinal: number }[] = [];
  const pausedByPause = new Map<Pause, { n: number; first?: IsoDate; last?: IsoDate }>();
  let count = 0;
  let paused = 0;
  let statutoryDue: IsoDate | null = null;
  let due: IsoDate | null = null;
  let openPause: Pause | null = null;
  let d = start;
  for (let i = 0; i < MAX_SPAN_DAYS; i++) {
    d = addDays(d, 1);
    years.add(yearOf(d));
    const info = cal.day(d);
    if (info.kind === 'holiday') {
      const last = holidayRuns[holidayRuns.length - 1];
      if (last && last.name === info.name && addDays(last.to, 1) === d) last.to = d;
      else holidayRuns.push({ from: d, to: d, name: info.name ?? '节假日' });
    }
    if (!info.work) continue;
    const covering = pauses.filter((p) => d >= p.from && (p.to === null || d <= p.to));
    const open = covering.find((p) => p.to === null);
    if (open) {
      openPause = open;
      break;
    }
    if (covering.length) {
      paused++;
      for (const p of covering) {
        const r = pausedByPause.get(p) ?? { n: 0 };
        r.n++;
        r.first ??= d;
        r.last = d;
        pausedByPause.set(p, r);
      }
      continue;
    }
    count++;
    if (info.kind === 'makeup') makeups.push({ date: d, name: info.name ?? '', ordinal: count });
    if (count === statutory) statutoryDue = d;
    if (count === total) {
      due = d;
      break;
    }
  }
  if (!due && !openPause) throw new DeadlineError('期限跨度超过三年，请检查暂停区间');

  const dated: { at: IsoDate; text: string }[] = [];
  const push = (at: IsoDate, text: string) => dated.push({ at, text });
  for (const h of holidayRuns) {
    if (due && h.from > due) continue;
    push(h.from, `${range(h.from, due && h.to > due ? due : h.to)} ${h.name}放假，不计入工作日。`);
  }
  for (const m of makeups) {
    push(m.date, `${withWeekday(m.date)}为${m.name}调休上班日，计为工作日（第${m.ordinal}个工作日）。`);
  }
  for (const p of pauses) {
    const r = pausedByPause.get(p);
    if (p === openPause) {
      push(p.from, `${p.from} 起${p.reason}，尚未结束；其间时间不计入答复期限（${ART.pause}），结束后方可算出届满日。`);
    } else if (r) {
      push(p.from, `${range(p.from, p.to!)} ${p.reason}，其间${r.n}个工作日不计入答复期限（${ART.pause}）。`);
    } else if (p.to !== null && p.to <= start) {
      push(p.from, `${range(p.from, p.to)} ${p.reason}，在起算日之前，不影响本期限。`);
    } else if (due && p.from > due) {
      push(p.from, `${range(p.from, p.to ?? p.from)} ${p.reason}，在届满日之后，不影响本期限。`);
    } else {
      push(p.from, `${range(p.from, p.to ?? p.from)} ${p.reason}，其间无工作日，不影响本期限。`);
    }
  }
  dated.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const x of dated) steps.push(x.text);
  if (statutoryDue) {
    steps.push(`第${statutory}个工作日为 ${withWeekday(statutoryDue)}${extensionDays ? '，为法定答复期限届满日' : '，即答复期限届满日'}。`);
  }
  let cumulative = statutory;
  for (const e of extensions) {
    cumulative += e.days;
    const who = e.approver ? `经${e.approver}同意` : '经政府信息公开工作机构负责人同意';
    const when = e.date ? `（${e.date}）` : '';
    steps.push(`${who}${when}延长答复期限${e.days}个工作日（${ART.extend}），合计计算${cumulative}个工作日。`);
  }
  if (extensionDays && due) steps.push(`第${total}个工作日为 ${withWeekday(due)}，即延长后的答复期限届满日。`);
  let finalDue = due;
  if (input.delayedUntil) {
    finalDue = input.delayedUntil.date;
    steps.push(
      `依${ART.delay}确定延迟答复的合理期限至 ${withWeekday(finalDue)}${input.delayedUntil.reason ? `（${input.delayedUntil.reason}）` : ''}，以此为答复期限。`,
    );
  }
  const used = [...years].filter((y) => cal.has(y)).sort();
  steps.push(`工作日历依据：${used.map((y) => cal.sourceLabel(y)).join('；')}（日历数据版本 ${cal.version}）。`);

  return {
    due: finalDue,
    statutoryDue,
    start,
    workdays: total,
    extensionDays,
    pausedWorkdays: paused,
    openPause,
    steps,
    calendarVersion: cal.version,
  };
}

export { CalendarGapError };
