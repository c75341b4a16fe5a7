/**
 * The kind of an organ, and from it the day its annual report is due (《政府信息公开条例》第四十九条):
 * - 县级以上人民政府部门: “应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度
 *   政府信息公开工作年度报告并向社会公布” — due 31 January of the next year;
 * - 县级以上地方人民政府: “…主管部门应当在每年3月31日前向社会公布本级政府上一年度政府信息公开工作
 *   年度报告” — due 31 March;
 * - 乡镇人民政府、街道办事处: the 条例 names no date; they report to the county-level 主管部门 as its
 *   departments do, and county notices set 1月31日 — due 31 January (a practice, not the statute;
 *   the kind can be changed per organ);
 * - 其他 (public institutions and others the 条例 does not bind to a date): no due date.
 * The kind is inferred from the name and can be set by hand.
 */
import { compact, nfkc } from '../parse/normalize.js';

export type OrganKind = 'department' | 'township' | 'government' | 'other';

export const ORGAN_KINDS: { key: OrganKind; label: string; names: string[]; due: { month: number; day: number } | null; basis: string }[] = [
  { key: 'department', label: '政府部门', names: ['政府部门', '部门', '县级以上人民政府部门'], due: { month: 1, day: 31 }, basis: '条例第四十九条第一款：县级以上人民政府部门每年1月31日前提交并向社会公布' },
  { key: 'township', label: '乡镇/街道', names: ['乡镇/街道', '乡镇', '街道', '乡镇街道', '乡镇人民政府', '街道办事处'], due: { month: 1, day: 31 }, basis: '条例未规定；按县级政府信息公开工作主管部门的通行安排，与政府部门同为1月31日前' },
  { key: 'government', label: '县级以上人民政府', names: ['县级以上人民政府', '县级以上地方人民政府', '人民政府', '政府'], due: { month: 3, day: 31 }, basis: '条例第四十九条第二款：县级以上地方人民政府的年度报告每年3月31日前向社会公布' },
  { key: 'other', label: '其他', names: ['其他', '事业单位', '公共企事业单位'], due: null, basis: '条例第四十九条未规定公布期限' },
];

export function organKindLabel(kind: OrganKind): string {
  return ORGAN_KINDS.find((k) => k.key === kind)!.label;
}

export function organKindByName(text: string): OrganKind | null {
  const s = compact(nfkc(text));
  if (!s) return null;
  for (const k of ORGAN_KINDS) if (s === k.key || k.names.includes(s)) return k.key;
  return null;
}

const TOWNSHIP = /(?:街道办事处|街道|[镇乡](?:人民政府|政府)?|苏木|民族乡)$/;
const GOVERNMENT = /(?:省|自治区|市|区|县|旗|自治州|自治县|盟|地区)(?:人民政府|政府)$/;
const OTHER = /(?:医院|学校|大学|学院|中学|小学|幼儿园|公司|集团|银行|研究院|研究所|博物馆|图书馆|档案馆|纪念馆)$/;

/** The kind a name suggests: 街道/乡/镇 → 乡镇/街道; "…区人民政府" → 县级以上人民政府; schools, hospitals, companies → 其他; otherwise a department. */
export function inferOrganKind(name: string): OrganKind {
  const s = compact(nfkc(name)).replace(/[()（）]/g, '');
  if (TOWNSHIP.test(s)) return 'township';
  if (GOVERNMENT.test(s)) return 'government';
  if (OTHER.test(s)) return 'other';
  return 'department';
}

/** The last day a report for `year` may be published (YYYY-MM-DD), or null when the kind has none. */
export function dueDate(kind: OrganKind, year: number): string | null {
  const due = ORGAN_KINDS.find((k) => k.key === kind)!.due;
  if (!due) return null;
  return `${year + 1}-${String(due.month).padStart(2, '0')}-${String(due.day).padStart(2, '0')}`;
}
