/**
 * The two table layouts of the annual report, as data.
 *
 * Everything that knows what a row or a column of the statistical tables is called reads it from
 * here: the parser matches labels against `labels`, the checker names cells with `label`, the
 * renderers print `label` in the official order. Label variants met in real reports go into
 * `labels` (after the official wording, which comes first); matching is done on normalised text
 * (see `normalizeLabel`), so variants differing only in brackets, spaces or numbering need no entry.
 */

export type LayoutId = '2021' | '2019';
export const LAYOUT_IDS: readonly LayoutId[] = ['2021', '2019'];

/** Kind of a table II value: counts must be whole numbers; amounts may be decimals; change is free text such as "增加2项" or "0%". */
export type ActiveValueKind = 'count' | 'amount' | 'change';

export interface FieldDef {
  key: string;
  /** The official column heading. */
  label: string;
  /** Further headings met in the wild (normalised comparison). */
  variants?: string[];
  kind: ActiveValueKind;
}

export interface ActiveRowDef {
  key: string;
  /** Official row label first, then variants seen in real reports. */
  labels: string[];
  /** The 第二十条 item this row belongs to, as printed above its block. */
  article: string;
  fields: FieldDef[];
}

export interface RequestRowDef {
  key: string;
  /** Official row label (without its group), as printed in the table. */
  label: string;
  /** Numbering printed before the label in the official layout, e.g. "（一）", "1."; '' for none. */
  numbering: string;
  /** Label variants seen in real reports, compared after normalisation and numbering removal. */
  variants?: string[];
  /** Group heading printed in the merged cell to the left, if any. */
  group?: string;
  /** Whether this row counts as an outcome row summed into （七）总计. */
  outcome: boolean;
}

export interface Layout {
  id: LayoutId;
  /** Notice that defined it. */
  notice: string;
  active: ActiveRowDef[];
  requests: RequestRowDef[];
}

// ---------------------------------------------------------------- table III columns (both layouts)

export const REQUEST_COLUMNS = [
  { key: 'natural', label: '自然人', group: null },
  { key: 'business', label: '商业企业', group: '法人或其他组织' },
  { key: 'research', label: '科研机构', group: '法人或其他组织' },
  { key: 'publicInterest', label: '社会公益组织', group: '法人或其他组织' },
  { key: 'legalService', label: '法律服务机构', group: '法人或其他组织' },
  { key: 'otherOrg', label: '其他', group: '法人或其他组织' },
  { key: 'total', label: '总计', group: null },
] as const;
export const REQUEST_TOTAL_COL = 6;
export const REQUEST_APPLICANT_COLS = [0, 1, 2, 3, 4, 5] as const;

export const BALANCE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

// ---------------------------------------------------------------- table IV (both layouts)

export const REVIEW_ROWS = [
  { key: 'reconsideration', label: '行政复议', group: null },
  { key: 'litigationDirect', label: '未经复议直接起诉', group: '行政诉讼' },
  { key: 'litigationAfterReconsideration', label: '复议后起诉', group: '行政诉讼' },
] as const;
export type ReviewRowKey = (typeof REVIEW_ROWS)[number]['key'];

export const REVIEW_COLUMNS = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
] as const;
export const REVIEW_TOTAL_COL = 4;

// ---------------------------------------------------------------- table III rows

const DENIED = '（三）不予公开';
const UNAVAILABLE = '（四）无法提供';
const NOT_PROCESSED = '（五）不予处理';
const OTHER = '（六）其他处理';

const requestRowsCommonHead: RequestRowDef[] = [
  { key: 'newReceived', numbering: '一、', label: '本年新收政府信息公开申请数量', outcome: false, variants: ['本年新收政府信息公开申请'] },
  { key: 'carriedOver', numbering: '二、', label: '上年结转政府信息公开申请数量', outcome: false, variants: ['上年结转政府信息公开申请'] },
  { key: 'granted', numbering: '（一）', label: '予以公开', group: '三、本年度办理结果', outcome: true },
  {
    key: 'partiallyGranted', numbering: '（二）', label: '部分公开（区分处理的，只计这一情形，不计其他情形）',
    group: '三、本年度办理结果', outcome: true, variants: ['部分公开'],
  },
  { key: 'denied.stateSecret', numbering: '1.', label: '属于国家秘密', group: DENIED, outcome: true },
  { key: 'denied.prohibitedByLaw', numbering: '2.', label: '其他法律行政法规禁止公开', group: DENIED, outcome: true },
  { key: 'denied.securityStability', numbering: '3.', label: '危及“三安全一稳定”', group: DENIED, outcome: true, variants: ['危及三安全一稳定'] },
  { key: 'denied.thirdPartyRights', numbering: '4.', label: '保护第三方合法权益', group: DENIED, outcome: true },
  { key: 'denied.internalAffairs', numbering: '5.', label: '属于三类内部事务信息', group: DENIED, outcome: true },
  { key: 'denied.processInfo', numbering: '6.', label: '属于四类过程性信息', group: DENIED, outcome: true },
  { key: 'denied.enforcementFile', numbering: '7.', label: '属于行政执法案卷', group: DENIED, outcome: true },
  { key: 'denied.inquiry', numbering: '8.', label: '属于行政查询事项', group: DENIED, outcome: true },
  { key: 'unavailable.notHeld', numbering: '1.', label: '本机关不掌握相关政府信息', group: UNAVAILABLE, outcome: true },
  { key: 'unavailable.needsCreation', numbering: '2.', label: '没有现成信息需要另行制作', group: UNAVAILABLE, outcome: true },
  { key: 'unavailable.unclear', numbering: '3.', label: '补正后申请内容仍不明确', group: UNAVAILABLE, outcome: true },
  { key: 'notProcessed.complaint', numbering: '1.', label: '信访举报投诉类申请', group: NOT_PROCESSED, outcome: true },
  { key: 'notProcessed.duplicate', numbering: '2.', label: '重复申请', group: NOT_PROCESSED, outcome: true },
  { key: 'notProcessed.publication', numbering: '3.', label: '要求提供公开出版物', group: NOT_PROCESSED, outcome: true },
  { key: 'notProcessed.excessive', numbering: '4.', label: '无正当理由大量反复申请', group: NOT_PROCESSED, outcome: true },
  {
    key: 'notProcessed.confirmation', numbering: '5.', label: '要求行政机关确认或重新出具已获取信息',
    group: NOT_PROCESSED, outcome: true,
  },
];

const requestRowsCommonTail: RequestRowDef[] = [
  { key: 'total', numbering: '（七）', label: '总计', group: '三、本年度办理结果', outcome: false },
  { key: 'carriedForward', numbering: '四、', label: '结转下年度继续办理', outcome: false, variants: ['结转下年度继续办理申请数量'] },
];

const requests2021: RequestRowDef[] = [
  ...requestRowsCommonHead,
  {
    key: 'other.noCorrection', numbering: '1.',
    label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', group: OTHER, outcome: true,
    variants: ['申请人无正当理由逾期不补正'],
  },
  {
    key: 'other.unpaidFee', numbering: '2.',
    label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', group: OTHER, outcome: true,
    variants: ['申请人逾期未按收费通知要求缴纳费用'],
  },
  { key: 'other.other', numbering: '3.', label: '其他', group: OTHER, outcome: true },
  ...requestRowsCommonTail,
];

const requests2019: RequestRowDef[] = [
  ...requestRowsCommonHead,
  { key: 'other', numbering: '（六）', label: '其他处理', group: '三、本年度办理结果', outcome: true },
  ...requestRowsCommonTail,
];

// ---------------------------------------------------------------- table II rows

const count = (key: string, label: string, variants?: string[]): FieldDef => ({ key, label, kind: 'count', variants });

const ART1 = '第二十条第（一）项';
const ART5 = '第二十条第（五）项';
const ART6 = '第二十条第（六）项';
const ART8 = '第二十条第（八）项';
const ART9 = '第二十条第（九）项';

const decisions2021 = [count('decisions', '本年处理决定数量', ['处理决定数量'])];

const active2021: ActiveRowDef[] = [
  {
    key: 'regulations', labels: ['规章'], article: ART1,
    fields: [count('issued', '本年制发件数'), count('repealed', '本年废止件数'), count('inForce', '现行有效件数')],
  },
  {
    key: 'normativeDocuments', labels: ['行政规范性文件', '规范性文件'], article: ART1,
    fields: [count('issued', '本年制发件数'), count('repealed', '本年废止件数'), count('inForce', '现行有效件数')],
  },
  { key: 'licensing', labels: ['行政许可'], article: ART5, fields: decisions2021 },
  { key: 'penalty', labels: ['行政处罚'], article: ART6, fields: decisions2021 },
  { key: 'coercion', labels: ['行政强制'], article: ART6, fields: decisions2021 },
  {
    key: 'fees', labels: ['行政事业性收费'], article: ART8,
    fields: [{ key: 'amount', label: '本年收费金额（单位：万元）', kind: 'amount', variants: ['本年收费金额'] }],
  },
];

const projectFields = (): FieldDef[] => [
  count('previous', '上一年项目数量'),
  { key: 'change', label: '本年增/减', kind: 'change', variants: ['本年增减'] },
  count('decisions', '处理决定数量', ['本年处理决定数量']),
];

const active2019: ActiveRowDef[] = [
  {
    key: 'regulations', labels: ['规章'], article: ART1,
    fields: [count('made', '本年新制作数量'), count('published', '本年新公开数量'), count('total', '对外公开总数量')],
  },
  {
    key: 'normativeDocuments', labels: ['规范性文件', '行政规范性文件'], article: ART1,
    fields: [count('made', '本年新制作数量'), count('published', '本年新公开数量'), count('total', '对外公开总数量')],
  },
  { key: 'licensing', labels: ['行政许可'], article: ART5, fields: projectFields() },
  { key: 'otherServices', labels: ['其他对外管理服务事项'], article: ART5, fields: projectFields() },
  { key: 'penalty', labels: ['行政处罚'], article: ART6, fields: projectFields() },
  { key: 'coercion', labels: ['行政强制'], article: ART6, fields: projectFields() },
  {
    key: 'fees', labels: ['行政事业性收费'], article: ART8,
    fields: [count('previous', '上一年项目数量'), { key: 'change', label: '本年增/减', kind: 'change', variants: ['本年增减'] }],
  },
  {
    key: 'procurement', labels: ['政府集中采购'], article: ART9,
    fields: [count('items', '采购项目数量'), { key: 'amount', label: '采购总金额', kind: 'amount' }],
  },
];

export const LAYOUTS: Record<LayoutId, Layout> = {
  '2021': { id: '2021', notice: '国办公开办函〔2021〕30号', active: active2021, requests: requests2021 },
  '2019': { id: '2019', notice: '国办公开办函〔2019〕60号', active: active2019, requests: requests2019 },
};

/** Column headings that occur in one layout's table II and never in the other's: evidence for detecting the layout. */
export const LAYOUT_MARKERS: Record<LayoutId, string[]> = {
  '2021': ['本年制发件数', '本年废止件数', '现行有效件数', '本年收费金额'],
  '2019': ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '其他对外管理服务事项', '政府集中采购', '采购项目数量'],
};

// ---------------------------------------------------------------- the six sections
// guidance: one line for the person writing the section, after the 国办公开办函〔2021〕30号 notice

export const SECTIONS = [
  { no: 1, heading: '一、总体情况', guidance: '总体情况：本年度政府信息公开工作的主要做法和成效，可分主动公开、依申请公开、政府信息管理、平台建设、监督保障几方面写。', keywords: ['总体情况', '基本情况', '概述'] },
  { no: 2, heading: '二、主动公开政府信息情况', guidance: '（可选）对上表的说明。', keywords: ['主动公开政府信息情况', '主动公开政府信息'] },
  { no: 3, heading: '三、收到和处理政府信息公开申请情况', guidance: '（可选）对上表的说明，例如收到申请的主要内容、办理情况。', keywords: ['收到和处理政府信息公开申请情况', '收到和处理政府信息公开申请', '依申请公开'] },
  {
    no: 4, heading: '四、政府信息公开行政复议、行政诉讼情况', guidance: '（可选）对上表的说明。',
    keywords: ['政府信息公开行政复议、行政诉讼情况', '行政复议、行政诉讼情况', '行政复议、行政诉讼', '行政复议和行政诉讼', '行政复议行政诉讼'],
  },
  { no: 5, heading: '五、存在的主要问题及改进情况', guidance: '存在的主要问题及改进情况：本年度工作中存在的主要问题，上年问题的改进情况，下一步改进措施。', keywords: ['存在的主要问题及改进情况', '存在的主要问题', '存在问题及改进', '存在的问题', '主要问题及改进'] },
  { no: 6, heading: '六、其他需要报告的事项', guidance: '其他需要报告的事项：依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，本年度人大代表建议和政协提案办理结果公开情况，工作要点落实情况等。', keywords: ['其他需要报告的事项', '其他需要报告', '其他事项'] },
] as const;

// ---------------------------------------------------------------- helpers over the data

export function requestRow(layout: LayoutId, key: string): RequestRowDef | undefined {
  return LAYOUTS[layout].requests.find((r) => r.key === key);
}

/** The row as people name it in a message: group and label, e.g. "（三）不予公开 1.属于国家秘密". */
export function requestRowName(layout: LayoutId, key: string): string {
  const row = requestRow(layout, key);
  if (!row) return key;
  const own = `${row.numbering}${row.label}`;
  if (row.group && row.group.startsWith('（')) return `${row.group}${own}`;
  return own;
}

export function requestCellName(layout: LayoutId, key: string, col: number): string {
  return `“${requestRowName(layout, key)}”行“${REQUEST_COLUMNS[col].label}”列`;
}

export function reviewCellName(rowKey: string, col: number): string {
  const row = REVIEW_ROWS.find((r) => r.key === rowKey);
  const rowName = row ? (row.group ? `${row.group}（${row.label}）` : row.label) : rowKey;
  return `${rowName}“${REVIEW_COLUMNS[col].label}”`;
}

export function activeRow(layout: LayoutId, key: string): ActiveRowDef | undefined {
  return LAYOUTS[layout].active.find((r) => r.key === key);
}
