/**
 * A 依申请公开 case: the application as registered (applicant, channel, content, the received date
 * as article 31 defines it) and an append-only log of events. Nothing is overwritten: the state of
 * a case (open, waiting on the applicant, paused, closed), its deadline and its table III row are
 * always derived from the log, so a corrected holiday calendar or decision mapping changes them.
 */
import { REQUEST_COLUMNS } from '../model/layouts.js';
import { CalendarGapError, type WorkCalendar } from './calendar.js';
import { isIsoDate, parseDate, type IsoDate } from './dates.js';
import { DECISION_KEYS, decisionType, defaultDecisionMap, type DecisionMap } from './decisions.js';
import { MAX_EXTENSION_WORKDAYS, computeDeadline, type DeadlineResult, type Pause } from './deadline.js';
import { FEE_PAYMENT_WORKDAYS, feeAmount, type FeeMode } from './fees.js';

// ---------------------------------------------------------------- channels (条例第三十一条)

export const CHANNELS = [
  { key: 'inPerson', label: '当面', rule: '申请人提交政府信息公开申请之日', field: 'submittedOn', aliases: ['当面提交', '现场', '窗口', '当面递交'] },
  { key: 'post', label: '邮寄', rule: '行政机关签收之日', field: 'signedOn', aliases: ['邮寄', '快递', 'EMS', '挂号信', '邮政'] },
  {
    key: 'letter', label: '平常信函', rule: '行政机关收到信函当日与申请人确认之日', field: 'confirmedOn',
    aliases: ['平信', '平常信件', '普通信函'],
  },
  {
    key: 'online', label: '互联网', rule: '双方确认之日', field: 'confirmedOn',
    aliases: ['互联网渠道', '网上', '网络', '在线', '网上申请', '电子邮件', '邮箱', '政府网站', '网站'],
  },
  { key: 'fax', label: '传真', rule: '双方确认之日', field: 'confirmedOn', aliases: ['传真件'] },
] as const;
export type ChannelKey = (typeof CHANNELS)[number]['key'];

export function channelByName(name: string): ChannelKey | null {
  const s = name.trim();
  for (const c of CHANNELS) if (c.key === s || c.label === s || (c.aliases as readonly string[]).includes(s)) return c.key;
  return null;
}

export function channelLabel(key: ChannelKey): string {
  return CHANNELS.find((c) => c.key === key)?.label ?? key;
}

// ---------------------------------------------------------------- applicants (table III columns)

export const APPLICANT_TYPES = REQUEST_COLUMNS.slice(0, 6).map((c, i) => ({
  key: c.key as ApplicantType,
  label: c.key === 'otherOrg' ? '其他组织' : c.label,
  column: i,
}));
export type ApplicantType = 'natural' | 'business' | 'research' | 'publicInterest' | 'legalService' | 'otherOrg';

const APPLICANT_ALIASES: Record<string, ApplicantType> = {
  自然人: 'natural', 公民: 'natural', 个人: 'natural',
  商业企业: 'business', 企业: 'business', 公司: 'business',
  科研机构: 'research',
  社会公益组织: 'publicInterest', 公益组织: 'publicInterest',
  法律服务机构: 'legalService', 律师事务所: 'legalService', 律所: 'legalService',
  其他: 'otherOrg', 其他组织: 'otherOrg', 其他法人或其他组织: 'otherOrg',
};

export function applicantTypeByName(name: string): ApplicantType | null {
  const s = name.trim();
  if (APPLICANT_TYPES.some((t) => t.key === s)) return s as ApplicantType;
  return APPLICANT_ALIASES[s] ?? null;
}

export function applicantColumn(type: ApplicantType): number {
  return APPLICANT_TYPES.find((t) => t.key === type)!.column;
}

export function applicantTypeLabel(type: ApplicantType): string {
  return APPLICANT_TYPES.find((t) => t.key === type)?.label ?? type;
}

export interface Applicant {
  type: ApplicantType;
  /** Name of the person or organisation. Personal data. */
  name: string;
  /** ID card / credential number (or 统一社会信用代码). Personal data. */
  idNumber?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface CaseIntake {
  organ: string;
  caseNo?: string;
  channel: ChannelKey;
  /** 当面: the day submitted. */
  submittedOn?: IsoDate | null;
  /** 邮寄: the day the organ signed for it. */
  signedOn?: IsoDate | null;
  /** 平常信函: the day of confirmation with the applicant; 互联网/传真: the day both sides confirmed. */
  confirmedOn?: IsoDate | null;
  applicant: Applicant;
  /** What is requested (名称、文号或者特征性描述). */
  content: string;
  /** Requested form of provision. */
  form?: string | null;
}

// ---------------------------------------------------------------- events

export const EVENT_KINDS = {
  correctionNotice: '补正告知',
  correctionReceived: '收到补正',
  thirdPartyConsult: '征求第三方意见',
  thirdPartyReply: '第三方答复',
  organConsult: '征求其他机关意见',
  organReply: '其他机关答复',
  extension: '延长答复期限',
  delay: '确定延迟答复期限（第三十五条）',
  feeNotice: '收费通知',
  feePaid: '缴纳信息处理费',
  feeLapsed: '逾期未缴费',
  withdrawal: '申请人撤回申请',
  decision: '作出答复',
  note: '备注',
} as const;
export type EventKind = keyof typeof EVENT_KINDS;
export const CLOSING_KINDS: readonly EventKind[] = ['decision', 'withdrawal', 'feeLapsed'];

export interface CaseEvent {
  seq: number;
  kind: EventKind;
  date: IsoDate;
  /** Per kind: correctionNotice {deadline?, items?}; thirdPartyConsult {party?}; organConsult {organ?};
   * extension {days, approver}; delay {until, reason?}; feeNotice {mode, ordinal?, pages?, amount, payBy};
   * feePaid {amount}; decision {decision, note?}; note {text}. */
  data: Record<string, unknown>;
  actor: string;
  recordedAt?: string;
}

export interface CaseRecord extends CaseIntake {
  id: string;
  caseNo: string;
  receivedOn: IsoDate;
  events: CaseEvent[];
}

export interface LedgerSettings {
  /** Whether the time from a fee notice to payment is left out of the answer period (◇ not confirmed by statute). */
  feePauses: boolean;
  /** Default time the applicant has for a 补正, in working days after the notice (the notice may set its own). */
  correctionWorkdays: number;
  /** Working days the organ has to send the 补正 notice (条例第三十条). */
  correctionNoticeWorkdays: number;
  /** Working days the third party has to answer (条例第三十二条). */
  thirdPartyWorkdays: number;
  decisionMap: DecisionMap;
}

export function defaultSettings(): LedgerSettings {
  return { feePauses: true, correctionWorkdays: 15, correctionNoticeWorkdays: 7, thirdPartyWorkdays: 15, decisionMap: defaultDecisionMap() };
}

export class CaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseError';
  }
}

// ---------------------------------------------------------------- intake

/** The received date as article 31 defines it for the channel; throws CaseError when the needed date is missing. */
export function receivedDate(intake: Pick<CaseIntake, 'channel' | 'submittedOn' | 'signedOn' | 'confirmedOn'>): IsoDate {
  const ch = CHANNELS.find((c) => c.key === intake.channel);
  if (!ch) throw new CaseError(`未知的申请渠道“${intake.channel}”（可选：${CHANNELS.map((c) => c.label).join('、')}）`);
  const v = intake[ch.field];
  if (!v) {
    throw new CaseError(`${ch.label}提交的申请，收到申请之日为“${ch.rule}”（条例第三十一条），请填写该日期（${ch.field}）`);
  }
  if (!isIsoDate(v)) throw new CaseError(`${ch.field}“${v}”不是有效日期`);
  return v;
}

export const MAX_TEXT = 2000;

/** Checks an intake; returns it with the received date, or throws CaseError (message in Chinese). */
export function validateIntake(intake: CaseIntake): CaseIntake & { receivedOn: IsoDate } {
  if (!intake.organ?.trim()) throw new CaseError('受理机关必填');
  if (!APPLICANT_TYPES.some((t) => t.key === intake.applicant?.type)) {
    throw new CaseError(`申请人类型应为：${APPLICANT_TYPES.map((t) => t.label).join('、')}`);
  }
  if (!intake.applicant.name?.trim()) throw new CaseError('申请人姓名或名称必填');
  if (!intake.content?.trim()) throw new CaseError('申请内容必填');
  for (const [k, v] of Object.entries({ ...intake.applicant, content: intake.content, organ: intake.organ })) {
    if (typeof v === 'string' && v.length > MAX_TEXT) throw new CaseError(`${k} 超过 ${MAX_TEXT} 字`);
  }
  for (const f of ['submittedOn', 'signedOn', 'confirmedOn'] as const) {
    const v = intake[f];
    if (v && !isIsoDate(v)) throw new CaseError(`${f}“${v}”不是有效日期（YYYY-MM-DD）`);
  }
  return { ...intake, receivedOn: receivedDate(intake) };
}

// ---------------------------------------------------------------- the log, replayed

interface Replay {
  closed: CaseEvent | null;
  decision: string | null;
  correctionRounds: number;
  openCorrection: CaseEvent | null;
  lastCorrectionReceived: IsoDate | null;
  openThirdParty: CaseEvent | null;
  openOrgan: CaseEvent | null;
  extensionDays: number;
  feeMode: FeeMode | null;
  openFee: CaseEvent | null;
  paid: number;
  paidEvents: CaseEvent[];
  lastDate: IsoDate;
}

function replay(c: CaseRecord): Replay {
  const r: Replay = {
    closed: null, decision: null, correctionRounds: 0, openCorrection: null, lastCorrectionReceived: null,
    openThirdParty: null, openOrgan: null, extensionDays: 0, feeMode: null, openFee: null, paid: 0, paidEvents: [],
    lastDate: c.receivedOn,
  };
  for (const e of c.events) {
    if (e.date > r.lastDate) r.lastDate = e.date;
    switch (e.kind) {
      case 'correctionNotice': r.correctionRounds++; r.openCorrection = e; break;
      case 'correctionReceived': r.openCorrection = null; r.lastCorrectionReceived = e.date; break;
      case 'thirdPartyConsult': r.openThirdParty = e; break;
      case 'thirdPartyReply': r.openThirdParty = null; break;
      case 'organConsult': r.openOrgan = e; break;
      case 'organReply': r.openOrgan = null; break;
      case 'extension': r.extensionDays += Number(e.data.days) || 0; break;
      case 'feeNotice': r.feeMode = e.data.mode as FeeMode; r.openFee = e; break;
      case 'feePaid': r.openFee = null; r.paid += Number(e.data.amount) || 0; r.paidEvents.push(e); break;
      case 'feeLapsed': r.openFee = null; r.closed = e; r.decision = 'feeLapsed'; break;
      case 'withdrawal': r.closed = e; r.decision = 'withdrawn'; break;
      case 'decision': r.closed = e; r.decision = String(e.data.decision); break;
      default: break;
    }
  }
  return r;
}

export interface NewEvent {
  kind: EventKind;
  date: IsoDate;
  data?: Record<string, unknown>;
  actor?: string;
}

/**
 * Checks a new event against the log and completes its data (computed amounts and dates).
 * Throws CaseError when it cannot be appended; returns warnings for what is allowed but late.
 */
export function prepareEvent(
  c: CaseRecord,
  ev: NewEvent,
  cal: WorkCalendar,
  settings: LedgerSettings = defaultSettings(),
  context: { pieceOrdinal?: number } = {},
): { event: Omit<CaseEvent, 'seq'>; warnings: string[] } {
  if (!(ev.kind in EVENT_KINDS)) throw new CaseError(`未知的事件类型“${ev.kind}”（可选：${Object.keys(EVENT_KINDS).join('、')}）`);
  const date = parseDate(ev.date, '事件日期');
  const data: Record<string, unknown> = { ...(ev.data ?? {}) };
  const warnings: string[] = [];
  const r = replay(c);
  const name = EVENT_KINDS[ev.kind];
  if (date < c.receivedOn) throw new CaseError(`${name}日期 ${date} 早于收到申请之日 ${c.receivedOn}`);
  if (date < r.lastDate) throw new CaseError(`${name}日期 ${date} 早于本案最后一个事件的日期 ${r.lastDate}（事件按时间顺序登记）`);
  if (r.closed && ev.kind !== 'note') throw new CaseError(`本案已于 ${r.closed.date} 办结，只能添加备注`);
  try {
    switch (ev.kind) {
      case 'correctionNotice': {
        if (r.openCorrection) throw new CaseError('上一次补正告知尚未收到补正');
        if (r.correctionRounds >= 2) throw new CaseError('补正告知已有两次；补正后仍不明确的，应作出“补正后申请内容仍不明确”的答复');
        const start = r.lastCorrectionReceived ?? c.receivedOn;
        const noticeBy = cal.addWorkdays(start, settings.correctionNoticeWorkdays);
        if (date > noticeBy) warnings.push(`补正告知应在收到申请之日起${settings.correctionNoticeWorkdays}个工作日内（${noticeBy}前）发出（条例第三十条），本次已逾期`);
        if (data.deadline !== undefined && data.deadline !== null && data.deadline !== '') {
          data.deadline = parseDate(String(data.deadline), '补正期限');
          if ((data.deadline as string) < date) throw new CaseError('补正期限早于告知日期');
        } else {
          data.deadline = cal.addWorkdays(date, settings.correctionWorkdays);
        }
        break;
      }
      case 'correctionReceived':
        if (!r.openCorrection) throw new CaseError('没有待补正的告知，不能登记收到补正');
        break;
      case 'thirdPartyConsult':
        if (r.openThirdParty) throw new CaseError('上一次征求第三方意见尚未结束');
        data.replyBy = cal.addWorkdays(date, settings.thirdPartyWorkdays);
        break;
      case 'thirdPartyReply':
        if (!r.openThirdParty) throw new CaseError('没有正在征求的第三方意见');
        break;
      case 'organConsult':
        if (r.openOrgan) throw new CaseError('上一次征求其他机关意见尚未结束');
        break;
      case 'organReply':
        if (!r.openOrgan) throw new CaseError('没有正在征求的其他机关意见');
        break;
      case 'extension': {
        const days = Number(data.days);
        if (!Number.isInteger(days) || days < 1) throw new CaseError('延长天数应为正整数个工作日');
        if (r.extensionDays + days > MAX_EXTENSION_WORKDAYS) {
          throw new CaseError(`延长答复期限合计不得超过${MAX_EXTENSION_WORKDAYS}个工作日（已延长${r.extensionDays}个）（条例第三十三条）`);
        }
        if (typeof data.approver !== 'string' || !data.approver.trim()) throw new CaseError('延长答复期限须写明批准的负责人（approver）');
        data.days = days;
        const st = caseState(c, cal, settings);
        if (st.deadline?.due && date > st.deadline.due) warnings.push(`延长决定日期 ${date} 晚于原答复期限 ${st.deadline.due}`);
        break;
      }
      case 'delay':
        data.until = parseDate(String(data.until ?? ''), '延迟答复期限');
        if ((data.until as string) < date) throw new CaseError('延迟答复期限早于决定日期');
        break;
      case 'feeNotice': {
        const mode = data.mode as FeeMode;
        if (mode !== 'piece' && mode !== 'volume') throw new CaseError('收费方式应为 piece（按件）或 volume（按量）');
        if (r.feeMode && r.feeMode !== mode) throw new CaseError('同一申请不得同时按件和按量计收信息处理费');
        if (r.openFee) throw new CaseError('上一份收费通知尚未缴费或逾期');
        if (mode === 'piece') {
          const ordinal = Number(data.ordinal ?? context.pieceOrdinal);
          if (!Number.isInteger(ordinal) || ordinal < 1) throw new CaseError('按件计收须有本自然月内的件次（ordinal）');
          data.ordinal = ordinal;
          data.amount = feeAmount('piece', { ordinal });
        } else {
          const pages = Number(data.pages);
          if (!Number.isInteger(pages) || pages < 0) throw new CaseError('按量计收须有页数（pages）');
          data.pages = pages;
          data.amount = feeAmount('volume', { pages });
        }
        if (data.amount === 0) warnings.push('按标准计算应缴金额为0元，无需发出收费通知');
        data.payBy = cal.addWorkdays(date, FEE_PAYMENT_WORKDAYS);
        break;
      }
      case 'feePaid': {
        if (!r.openFee) throw new CaseError('没有待缴费的收费通知');
        const amount = data.amount === undefined ? Number(r.openFee.data.amount) : Number(data.amount);
        if (!Number.isFinite(amount) || amount < 0) throw new CaseError('缴费金额应为非负数');
        data.amount = amount;
        if (amount !== Number(r.openFee.data.amount)) warnings.push(`缴费金额 ${amount} 元与通知金额 ${String(r.openFee.data.amount)} 元不同`);
        if (date > String(r.openFee.data.payBy)) warnings.push(`缴费日 ${date} 晚于缴费期限 ${String(r.openFee.data.payBy)}`);
        break;
      }
      case 'feeLapsed':
        if (!r.openFee) throw new CaseError('没有待缴费的收费通知');
        if (date <= String(r.openFee.data.payBy)) throw new CaseError(`缴费期限 ${String(r.openFee.data.payBy)} 尚未届满`);
        break;
      case 'decision': {
        const key = String(data.decision ?? '');
        if (!DECISION_KEYS.has(key)) throw new CaseError(`未知的办理结果“${key}”`);
        if (key === 'noCorrection' && !r.openCorrection) warnings.push('登记“逾期不补正”时本案没有待补正的告知');
        if (key === 'noCorrection' && r.openCorrection && date <= String(r.openCorrection.data.deadline)) {
          warnings.push(`补正期限 ${String(r.openCorrection.data.deadline)} 尚未届满`);
        }
        if (r.openFee) warnings.push('尚有未缴费的收费通知');
        break;
      }
      case 'note':
        if (typeof data.text !== 'string' || !data.text.trim()) throw new CaseError('备注内容必填');
        break;
      default:
        break;
    }
  } catch (e) {
    if (e instanceof CalendarGapError) throw new CaseError(e.message);
    throw e;
  }
  for (const v of Object.values(data)) if (typeof v === 'string' && v.length > MAX_TEXT) throw new CaseError(`事件内容超过 ${MAX_TEXT} 字`);
  return { event: { kind: ev.kind, date, data, actor: ev.actor ?? '' }, warnings };
}

/** Appends an event (in memory); the store does the same under a transaction. */
export function appendEvent(c: CaseRecord, ev: NewEvent, cal: WorkCalendar, settings?: LedgerSettings): { record: CaseRecord; warnings: string[] } {
  const { event, warnings } = prepareEvent(c, ev, cal, settings);
  const seq = c.events.length ? c.events[c.events.length - 1].seq + 1 : 1;
  return { record: { ...c, events: [...c.events, { ...event, seq }] }, warnings };
}

// ---------------------------------------------------------------- state

export type CaseStatus = 'open' | 'waitingApplicant' | 'paused' | 'closed';
export const STATUS_LABELS: Record<CaseStatus, string> = {
  open: '办理中',
  waitingApplicant: '等待申请人（补正或缴费）',
  paused: '暂停计时（征求意见）',
  closed: '已办结',
};

export interface CaseState {
  status: CaseStatus;
  closedOn: IsoDate | null;
  decision: string | null;
  /** The answer deadline; null when closed or when it cannot be computed (see deadlineError). */
  deadline: DeadlineResult | null;
  deadlineError: string | null;
  /** Last day to send a 补正 notice (7 working days), while none has been sent. */
  correctionNoticeBy: IsoDate | null;
  /** What the applicant owes and by when. */
  waitingFor: { kind: 'correction' | 'fee'; since: IsoDate; until: IsoDate } | null;
  fee: { mode: FeeMode; amount: number; paid: number } | null;
  /** Fees paid, with their dates (for section 六). */
  payments: { date: IsoDate; amount: number }[];
}

/** Pauses of the answer period as the log defines them (see deadline.ts for the semantics). */
export function casePauses(c: CaseRecord, cal: WorkCalendar, settings: LedgerSettings): Pause[] {
  const pauses: Pause[] = [];
  let third: CaseEvent | null = null;
  let organ: CaseEvent | null = null;
  let fee: CaseEvent | null = null;
  let correction: CaseEvent | null = null;
  const thirdEnd = (start: CaseEvent, reply: IsoDate | null): IsoDate => {
    const limit = String(start.data.replyBy ?? cal.addWorkdays(start.date, settings.thirdPartyWorkdays));
    return reply && reply < limit ? reply : limit;
  };
  for (const e of c.events) {
    if (e.kind === 'thirdPartyConsult') third = e;
    else if (e.kind === 'thirdPartyReply' && third) {
      pauses.push({ from: third.date, to: thirdEnd(third, e.date), reason: '征求第三方意见' });
      third = null;
    } else if (e.kind === 'organConsult') organ = e;
    else if (e.kind === 'organReply' && organ) {
      pauses.push({ from: organ.date, to: e.date, reason: '征求其他机关意见' });
      organ = null;
    } else if (e.kind === 'feeNotice') fee = e;
    else if ((e.kind === 'feePaid' || e.kind === 'feeLapsed') && fee) {
      if (settings.feePauses) pauses.push({ from: fee.date, to: e.date, reason: '收费通知至缴费' });
      fee = null;
    } else if (e.kind === 'correctionNotice') correction = e;
    else if (e.kind === 'correctionReceived') correction = null;
  }
  if (third) pauses.push({ from: third.date, to: thirdEnd(third, null), reason: '征求第三方意见（第三方未答复，按十五个工作日计）' });
  if (organ) pauses.push({ from: organ.date, to: null, reason: '征求其他机关意见' });
  if (fee && settings.feePauses) pauses.push({ from: fee.date, to: null, reason: '等待申请人缴纳信息处理费' });
  if (correction) pauses.push({ from: correction.date, to: null, reason: '等待申请人补正' });
  return pauses;
}

export function caseState(c: CaseRecord, cal: WorkCalendar, settings: LedgerSettings = defaultSettings()): CaseState {
  const r = replay(c);
  const payments = r.paidEvents.map((e) => ({ date: e.date, amount: Number(e.data.amount) || 0 }));
  const fee = r.feeMode
    ? { mode: r.feeMode, amount: Number(c.events.filter((e) => e.kind === 'feeNotice').at(-1)?.data.amount ?? 0), paid: r.paid }
    : null;
  if (r.closed) {
    return {
      status: 'closed', closedOn: r.closed.date, decision: r.decision, deadline: null, deadlineError: null,
      correctionNoticeBy: null, waitingFor: null, fee, payments,
    };
  }
  let deadline: DeadlineResult | null = null;
  let deadlineError: string | null = null;
  let correctionNoticeBy: IsoDate | null = null;
  try {
    const delays = c.events.filter((e) => e.kind === 'delay');
    const lastDelay = delays.at(-1);
    deadline = computeDeadline(
      {
        received: c.receivedOn,
        restartedOn: r.lastCorrectionReceived,
        extensions: c.events
          .filter((e) => e.kind === 'extension')
          .map((e) => ({ days: Number(e.data.days), approver: String(e.data.approver ?? ''), date: e.date })),
        pauses: casePauses(c, cal, settings),
        delayedUntil: lastDelay ? { date: String(lastDelay.data.until), reason: lastDelay.data.reason ? String(lastDelay.data.reason) : undefined } : null,
      },
      cal,
    );
    if (r.correctionRounds === 0) correctionNoticeBy = cal.addWorkdays(c.receivedOn, settings.correctionNoticeWorkdays);
  } catch (e) {
    if (e instanceof CalendarGapError) deadlineError = e.message;
    else throw e;
  }
  let waitingFor: CaseState['waitingFor'] = null;
  if (r.openCorrection) waitingFor = { kind: 'correction', since: r.openCorrection.date, until: String(r.openCorrection.data.deadline) };
  else if (r.openFee) waitingFor = { kind: 'fee', since: r.openFee.date, until: String(r.openFee.data.payBy) };
  const status: CaseStatus = waitingFor ? 'waitingApplicant' : deadline && deadline.due === null ? 'paused' : 'open';
  return { status, closedOn: null, decision: null, deadline, deadlineError, correctionNoticeBy, waitingFor, fee, payments };
}

/** Whether the case is still open (not answered) at the end of the given day. */
export function openAt(c: CaseRecord, date: IsoDate): boolean {
  if (c.receivedOn > date) return false;
  const closing = c.events.find((e) => CLOSING_KINDS.includes(e.kind));
  return !closing || closing.date > date;
}

/** The closing event (decision, withdrawal or lapsed fee), if any, with its decision key. */
export function closing(c: CaseRecord): { date: IsoDate; decision: string } | null {
  const e = c.events.find((x) => CLOSING_KINDS.includes(x.kind));
  if (!e) return null;
  const decision = e.kind === 'decision' ? String(e.data.decision) : e.kind === 'withdrawal' ? 'withdrawn' : 'feeLapsed';
  return { date: e.date, decision };
}

export function decisionLabel(key: string | null): string {
  if (!key) return '';
  return decisionType(key)?.label ?? key;
}

/** A stable key for "the same applicant" (按件 fees count per applicant per calendar month). */
export function applicantKey(a: Applicant): string {
  const id = (a.idNumber ?? '').replace(/\s+/g, '').toUpperCase();
  if (id) return `id:${id}`;
  return `name:${a.name.trim()}|${(a.phone ?? '').replace(/\D/g, '')}`;
}

/** The application's ordinal among the same applicant's applications to the same organ in its calendar month. */
export function pieceOrdinal(c: CaseRecord, all: readonly CaseRecord[]): number {
  const key = applicantKey(c.applicant);
  const month = c.receivedOn.slice(0, 7);
  const same = all
    .filter((x) => x.organ === c.organ && x.receivedOn.slice(0, 7) === month && applicantKey(x.applicant) === key)
    .sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : a.caseNo < b.caseNo ? -1 : a.caseNo > b.caseNo ? 1 : 0));
  const i = same.findIndex((x) => x.id === c.id);
  return i < 0 ? same.length + 1 : i + 1;
}
