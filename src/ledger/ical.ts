/**
 * An iCalendar (.ics, RFC 5545) feed of answer deadlines, for any calendar program, and the daily
 * summary text of what is due. Neither carries personal data: a case is named by its number.
 */
import { addDays, withWeekday, type IsoDate } from './dates.js';
import { STATUS_LABELS } from './cases.js';
import type { CaseSummary, DueItem, DueReport } from './store.js';

function esc(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > (out.length ? 74 : 75)) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

const compact = (d: IsoDate) => d.replace(/-/g, '');

export function deadlinesIcs(items: CaseSummary[], options: { organ?: string; stamp: string; alarmDays?: number }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//nianbao//依申请公开答复期限//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${esc(`依申请公开答复期限${options.organ ? `（${options.organ}）` : ''}`)}`,
  ];
  const stamp = options.stamp.replace(/[-:]/g, '').replace(/\.\d+/, '');
  for (const c of items) {
    if (!c.dueOn) continue;
    lines.push(
      'BEGIN:VEVENT',
      `UID:ledger-case-${c.id}-due@nianbao`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(c.dueOn)}`,
      `DTEND;VALUE=DATE:${compact(addDays(c.dueOn, 1))}`,
      `SUMMARY:${esc(`答复期限：${c.caseNo}`)}`,
      `DESCRIPTION:${esc(`${c.organ} 依申请公开 ${c.caseNo}，收到 ${c.receivedOn}，${STATUS_LABELS[c.status]}。`)}`,
      'TRANSP:TRANSPARENT',
    );
    if (options.alarmDays !== 0) {
      lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `TRIGGER:-P${options.alarmDays ?? 2}D`, `DESCRIPTION:${esc(`${c.caseNo} 答复期限将至`)}`, 'END:VALARM');
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

function line(i: DueItem): string {
  const left = i.workdaysLeft === null ? '' : i.workdaysLeft < 0 ? `（已逾期${-i.workdaysLeft}个工作日）` : `（剩${i.workdaysLeft}个工作日）`;
  const due = i.dueOn ? `期限 ${withWeekday(i.dueOn)}${left}` : '';
  const wait = i.waitingUntil ? `${i.waitingKind === 'fee' ? '缴费' : '补正'}期限 ${i.waitingUntil}` : '';
  return `  ${i.caseNo}  收到 ${i.receivedOn}  ${[due, wait, i.note ?? ''].filter(Boolean).join('；')}  ${i.content}`;
}

/** The daily summary: suitable for a scheduled job (cron) that mails or prints it. */
export function dueSummaryText(r: DueReport): string {
  const out: string[] = [`依申请公开办理提醒（${withWeekday(r.today)}）`];
  const block = (title: string, items: DueItem[]) => {
    out.push(`${title}：${items.length}件`);
    for (const i of items) out.push(line(i));
  };
  block('已逾期', r.overdue);
  block(`${r.within}个工作日内到期`, r.dueSoon);
  block('等待申请人补正或缴费', r.waitingApplicant);
  block('暂停计时（征求意见）', r.paused);
  if (r.calendarMissing.length) block('缺少节假日数据、无法计算期限', r.calendarMissing);
  return `${out.join('\n')}\n`;
}
