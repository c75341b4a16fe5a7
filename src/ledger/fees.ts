/**
 * 信息处理费 under 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）. Both methods are
 * 超额累进 (each band's rate applies to the part inside the band); an organ picks one per
 * application and never charges both on one case.
 *
 * - 按件 (per piece): the same applicant's applications in one calendar month (自然月), counted by
 *   received date: the 1st–10th are free; the 11th–30th cost 100元 each; from the 31st on, every
 *   further band of 10 raises the rate by 100元 (31st–40th 200元, 41st–50th 300元, …).
 * - 按量 (per volume, pages): pages 1–30 free; 31–100 at 10元; 101–200 at 20元; 201 and above at 40元.
 */
import { withWeekday, type IsoDate } from './dates.js';

export type FeeMode = 'piece' | 'volume';
export const FEE_MODE_LABELS: Record<FeeMode, string> = { piece: '按件计收', volume: '按量计收' };
export const FEE_BASIS = '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）';
/** Working days the applicant has to pay, counted from the day after receiving the notice. */
export const FEE_PAYMENT_WORKDAYS = 20;

/** The fee, in 元, for the applicant's n-th application in a calendar month (按件). */
export function pieceRate(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`件次应为正整数（得到 ${n}）`);
  if (n <= 10) return 0;
  if (n <= 30) return 100;
  return 100 + 100 * Math.ceil((n - 30) / 10);
}

/** What an applicant pays in all for `count` applications in one month (按件). */
export function pieceTotal(count: number): number {
  let sum = 0;
  for (let n = 1; n <= count; n++) sum += pieceRate(n);
  return sum;
}

export interface VolumeBand {
  from: number;
  to: number | null;
  rate: number;
}

export const VOLUME_BANDS: readonly VolumeBand[] = [
  { from: 1, to: 30, rate: 0 },
  { from: 31, to: 100, rate: 10 },
  { from: 101, to: 200, rate: 20 },
  { from: 201, to: null, rate: 40 },
];

/** The parts of `pages` inside each band, with their amounts (按量). */
export function volumeBreakdown(pages: number): { band: VolumeBand; pages: number; amount: number }[] {
  if (!Number.isInteger(pages) || pages < 0) throw new RangeError(`页数应为非负整数（得到 ${pages}）`);
  const out = [];
  for (const band of VOLUME_BANDS) {
    const upper = band.to === null ? pages : Math.min(pages, band.to);
    const n = Math.max(0, upper - band.from + 1);
    if (n > 0) out.push({ band, pages: n, amount: n * band.rate });
  }
  return out;
}

export function volumeFee(pages: number): number {
  return volumeBreakdown(pages).reduce((s, b) => s + b.amount, 0);
}

export interface FeeNoticeInput {
  organ: string;
  applicantName: string;
  caseNo: string;
  received: IsoDate;
  mode: FeeMode;
  /** 按件: the application's ordinal in the applicant's calendar month. */
  ordinal?: number;
  /** 按量: pages provided. */
  pages?: number;
  noticeDate: IsoDate;
  /** Last day to pay (20th working day after the applicant receives the notice). */
  payBy: IsoDate;
  /** How to pay, e.g. the non-tax payment code and account. */
  payment: string;
  /** Whether the time until payment is left out of the answer period (ledger setting). */
  pauses: boolean;
}

export function feeAmount(mode: FeeMode, q: { ordinal?: number; pages?: number }): number {
  if (mode === 'piece') return pieceRate(q.ordinal ?? 0);
  return volumeFee(q.pages ?? -1);
}

/** The 收费通知: 依据、标准、数额、缴纳方式 and the payment period. */
export function feeNoticeText(n: FeeNoticeInput): string {
  const amount = feeAmount(n.mode, n);
  const lines: string[] = [];
  lines.push('政府信息公开信息处理费收费通知书', '', `${n.applicantName}：`);
  lines.push(
    `　　本机关于${n.received}收到您提出的政府信息公开申请（编号 ${n.caseNo}）。根据《中华人民共和国政府信息公开条例》第四十二条和${FEE_BASIS}，本机关对该申请${FEE_MODE_LABELS[n.mode]}信息处理费。`,
  );
  if (n.mode === 'piece') {
    lines.push(
      '　　收费标准：同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；11—30件（含30件）的部分，每件100元；30件以上的部分，每增加10件，收费标准每件提高100元。',
      `　　计算：本申请为您本自然月内提出的第${n.ordinal}件申请，适用每件${amount}元。`,
    );
  } else {
    const parts = volumeBreakdown(n.pages ?? 0)
      .filter((b) => b.band.rate > 0)
      .map((b) => `${b.pages}页×${b.band.rate}元`);
    lines.push(
      '　　收费标准：30页以下（含30页）的，不收费；31—100页（含100页）的部分，每页10元；101—200页（含200页）的部分，每页20元；200页以上的部分，每页40元。',
      `　　计算：本次提供的信息共${n.pages}页${parts.length ? `，${parts.join('＋')}` : ''}。`,
    );
  }
  lines.push(`　　应缴金额：${amount}元。`);
  lines.push(`　　缴纳方式：${n.payment}`);
  lines.push(
    `　　请自收到本通知之日的次日起${FEE_PAYMENT_WORKDAYS}个工作日内（即${withWeekday(n.payBy)}前）缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。`,
  );
  if (n.pauses) lines.push('　　自本通知发出之日至收到您缴纳的费用之日，不计算在答复期限内。');
  lines.push('', `${n.organ}`, n.noticeDate);
  return lines.join('\n');
}

export interface FeeCollected {
  /** Cases on which a fee was actually paid in the year. */
  cases: number;
  /** Sum paid, in 元. */
  amount: number;
}

/** Section 六's sentence on 信息处理费, from what was actually collected (catalogue L-05, SEC-05). */
export function feeSentence(year: number, c: FeeCollected): string {
  if (c.cases === 0 || c.amount === 0) return `${year}年度，本机关未收取政府信息公开信息处理费。`;
  return `${year}年度，本机关依据${FEE_BASIS}对${c.cases}件政府信息公开申请收取信息处理费，共计${formatYuan(c.amount)}元。`;
}

export function formatYuan(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}
