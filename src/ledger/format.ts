/** Plain-text views of cases for the command line (the web pages have their own HTML). */
import {
  EVENT_KINDS, STATUS_LABELS, applicantTypeLabel, channelLabel, decisionLabel,
  type CaseEvent, type CaseRecord, type CaseState,
} from './cases.js';
import { withWeekday } from './dates.js';
import { FEE_MODE_LABELS, type FeeMode } from './fees.js';
import type { CaseSummary } from './store.js';

export function eventText(e: CaseEvent): string {
  const d = e.data;
  const parts: string[] = [];
  switch (e.kind) {
    case 'correctionNotice': parts.push(`补正期限 ${String(d.deadline)}`); if (d.items) parts.push(`需补正：${String(d.items)}`); break;
    case 'thirdPartyConsult': if (d.party) parts.push(`第三方：${String(d.party)}`); parts.push(`答复期限 ${String(d.replyBy)}`); break;
    case 'organConsult': if (d.organ) parts.push(`机关：${String(d.organ)}`); break;
    case 'extension': parts.push(`延长${String(d.days)}个工作日，批准人：${String(d.approver)}`); break;
    case 'delay': parts.push(`延迟至 ${String(d.until)}${d.reason ? `（${String(d.reason)}）` : ''}`); break;
    case 'feeNotice':
      parts.push(`${FEE_MODE_LABELS[d.mode as FeeMode]}${d.mode === 'piece' ? `（本月第${String(d.ordinal)}件）` : `（${String(d.pages)}页）`}，${String(d.amount)}元，缴费期限 ${String(d.payBy)}`);
      break;
    case 'feePaid': parts.push(`${String(d.amount)}元`); break;
    case 'decision': parts.push(decisionLabel(String(d.decision))); if (d.note) parts.push(String(d.note)); break;
    case 'note': parts.push(String(d.text)); break;
    default: break;
  }
  return `${e.date}  ${EVENT_KINDS[e.kind]}${parts.length ? `：${parts.join('；')}` : ''}${e.actor ? `  〔${e.actor}〕` : ''}`;
}

export function caseText(c: CaseRecord, s: CaseState, masked: boolean): string {
  const a = c.applicant;
  const lines = [
    `案件 ${c.caseNo}（${c.organ}）  ${STATUS_LABELS[s.status]}`,
    `申请人：${a.name}（${applicantTypeLabel(a.type)}）${a.idNumber ? `  证件 ${a.idNumber}` : ''}${a.phone ? `  电话 ${a.phone}` : ''}${a.address ? `  地址 ${a.address}` : ''}${masked ? '  〔个人信息已遮蔽〕' : ''}`,
    `渠道：${channelLabel(c.channel)}  收到申请之日：${withWeekday(c.receivedOn)}`,
    `申请内容：${c.content}`,
    '时间线：',
    `  ${c.receivedOn}  收到申请`,
    ...c.events.map((e) => `  ${eventText(e)}`),
  ];
  if (s.status === 'closed') lines.push(`办结：${s.closedOn}  ${decisionLabel(s.decision)}`);
  else if (s.deadlineError) lines.push(`答复期限：无法计算——${s.deadlineError}`);
  else if (s.deadline) {
    lines.push(s.deadline.due ? `答复期限：${withWeekday(s.deadline.due)}` : '答复期限：暂停计时中');
    lines.push('推算过程：', ...s.deadline.steps.map((x, i) => `  ${i + 1}. ${x}`));
  }
  if (s.waitingFor) lines.push(`等待申请人${s.waitingFor.kind === 'fee' ? '缴费' : '补正'}：自 ${s.waitingFor.since}，期限 ${s.waitingFor.until}`);
  if (s.correctionNoticeBy && s.status !== 'closed') lines.push(`如需补正，应于 ${s.correctionNoticeBy} 前一次性告知（条例第三十条）`);
  return `${lines.join('\n')}\n`;
}

function pad(s: string, n: number): string {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return s + ' '.repeat(Math.max(0, n - w));
}

export function listText(items: CaseSummary[], total: number, masked: boolean): string {
  const head = `${pad('编号', 12)}${pad('收到日期', 12)}${pad('申请人', 12)}${pad('状态', 26)}${pad('期限/办结', 12)}内容`;
  const rows = items.map(
    (i) =>
      `${pad(i.caseNo, 12)}${pad(i.receivedOn, 12)}${pad(i.applicantName, 12)}${pad(STATUS_LABELS[i.status], 26)}${pad(i.closedOn ?? i.dueOn ?? '—', 12)}${i.content}`,
  );
  return `${[head, ...rows].join('\n')}\n共 ${total} 件${items.length < total ? `（显示 ${items.length} 件）` : ''}${masked ? '；申请人信息已遮蔽（--reveal 显示，需本机关权限）' : ''}\n`;
}
