/**
 * Decision types of a 依申请公开 case (条例 arts 35–39 and the procedural endings) and the table III
 * row each one is counted in. The mapping is data: the defaults below follow common practice
 * (catalogue part C, art 36); an organ may override any entry (stored in `ledger_decision_map`).
 * Row keys are those of src/model/layouts.ts; for the 2019 layout the three （六） rows fold into
 * the single `other` row.
 */
import { LAYOUTS, requestRow, type LayoutId } from '../model/layouts.js';

export interface DecisionType {
  key: string;
  label: string;
  /** Default table III row key (2021 layout). */
  row: string;
  /** The statute behind it, shown in help texts. */
  basis: string;
}

export const DECISION_TYPES: readonly DecisionType[] = [
  { key: 'alreadyPublic', label: '已主动公开（告知获取方式）', row: 'granted', basis: '条例第三十六条第（一）项' },
  { key: 'granted', label: '予以公开', row: 'granted', basis: '条例第三十六条第（二）项' },
  { key: 'partial', label: '部分公开（区分处理）', row: 'partiallyGranted', basis: '条例第三十七条' },
  { key: 'denied.stateSecret', label: '不予公开：属于国家秘密', row: 'denied.stateSecret', basis: '条例第十四条' },
  { key: 'denied.prohibitedByLaw', label: '不予公开：其他法律行政法规禁止公开', row: 'denied.prohibitedByLaw', basis: '条例第十四条' },
  { key: 'denied.securityStability', label: '不予公开：危及“三安全一稳定”', row: 'denied.securityStability', basis: '条例第十四条' },
  { key: 'denied.thirdPartyRights', label: '不予公开：保护第三方合法权益', row: 'denied.thirdPartyRights', basis: '条例第十五条、第三十二条' },
  { key: 'denied.internalAffairs', label: '不予公开：属于三类内部事务信息', row: 'denied.internalAffairs', basis: '条例第十六条第一款' },
  { key: 'denied.processInfo', label: '不予公开：属于四类过程性信息', row: 'denied.processInfo', basis: '条例第十六条第二款' },
  { key: 'denied.enforcementFile', label: '不予公开：属于行政执法案卷', row: 'denied.enforcementFile', basis: '条例第十六条第二款' },
  { key: 'denied.inquiry', label: '不予公开：属于行政查询事项', row: 'denied.inquiry', basis: '条例第三十六条第（七）项' },
  { key: 'notExist', label: '经检索没有所申请公开的信息（不存在）', row: 'unavailable.notHeld', basis: '条例第三十六条第（四）项' },
  { key: 'notThisOrgan', label: '不属于本机关负责公开（告知负责机关）', row: 'unavailable.notHeld', basis: '条例第三十六条第（五）项' },
  { key: 'needsCreation', label: '没有现成信息需要另行制作', row: 'unavailable.needsCreation', basis: '条例第三十八条' },
  { key: 'unclearAfterCorrection', label: '补正后申请内容仍不明确', row: 'unavailable.unclear', basis: '条例第三十条' },
  { key: 'complaint', label: '信访、举报、投诉类申请', row: 'notProcessed.complaint', basis: '条例第三十九条第一款' },
  { key: 'duplicate', label: '重复申请（不予重复处理）', row: 'notProcessed.duplicate', basis: '条例第三十六条第（六）项' },
  { key: 'publication', label: '要求提供公开出版物', row: 'notProcessed.publication', basis: '条例第三十九条第二款' },
  { key: 'excessive', label: '无正当理由大量反复申请', row: 'notProcessed.excessive', basis: '条例第三十五条' },
  { key: 'confirmation', label: '要求确认或重新出具已获取信息', row: 'notProcessed.confirmation', basis: '常见做法' },
  { key: 'noCorrection', label: '申请人无正当理由逾期不补正（视为放弃）', row: 'other.noCorrection', basis: '条例第三十条' },
  { key: 'feeLapsed', label: '申请人逾期未缴纳信息处理费（视为放弃）', row: 'other.unpaidFee', basis: '国办函〔2020〕109号' },
  { key: 'withdrawn', label: '申请人撤回申请', row: 'other.other', basis: '常见做法' },
  { key: 'specialLaw', label: '工商、不动产登记资料等依特别规定办理', row: 'other.other', basis: '条例第三十六条第（七）项（各地做法不一）' },
  { key: 'other', label: '其他处理', row: 'other.other', basis: '常见做法' },
];

export const DECISION_KEYS = new Set(DECISION_TYPES.map((d) => d.key));

export function decisionType(key: string): DecisionType | undefined {
  return DECISION_TYPES.find((d) => d.key === key);
}

/** decision key → row key (2021 layout). */
export type DecisionMap = Record<string, string>;

export function defaultDecisionMap(): DecisionMap {
  return Object.fromEntries(DECISION_TYPES.map((d) => [d.key, d.row]));
}

/** Outcome rows a decision may be mapped to, in the 2021 layout. */
export function outcomeRowKeys(layout: LayoutId = '2021'): string[] {
  return LAYOUTS[layout].requests.filter((r) => r.outcome).map((r) => r.key);
}

/** The defaults with an organ's overrides on top; rejects unknown decisions and non-outcome rows. */
export function mergeDecisionMap(overrides: Record<string, string>): DecisionMap {
  const map = defaultDecisionMap();
  const rows = new Set(outcomeRowKeys('2021'));
  for (const [k, v] of Object.entries(overrides)) {
    if (!DECISION_KEYS.has(k)) throw new Error(`未知的办理结果类型“${k}”`);
    if (!rows.has(v)) throw new Error(`“${v}”不是表三办理结果的行（可选：${[...rows].join('、')}）`);
    map[k] = v;
  }
  return map;
}

/** The row a decision is counted in, for the given layout. */
export function rowFor(decision: string, layout: LayoutId, map: DecisionMap = defaultDecisionMap()): string {
  const row = map[decision] ?? map.other;
  if (layout === '2019' && row.startsWith('other.')) return 'other';
  if (!requestRow(layout, row)) throw new Error(`表三没有“${row}”行`);
  return row;
}

/** The table layout a report year uses (catalogue FMT-02). */
export function layoutForYear(year: number): LayoutId {
  return year >= 2021 ? '2021' : '2019';
}
