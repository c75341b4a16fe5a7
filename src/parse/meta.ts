/** Title, organ, year, statistics period and contact line. */
import type { ReportMeta } from '../model/report.js';
import type { Document } from '../read/document.js';
import { nfkc, tidyCjk } from './normalize.js';

const YEAR = /((?:19|20)\d{2})\s*年/;
const TITLE_START = /^\s*(?:(?:19|20)\d{2}\s*年|年度|政府信息公开)/;
const PERIOD =
  /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const PERIOD_CUE = /统计|期限|起止|时间|期间/;
const ADDRESS = /(?:通讯|联系|办公)?地址\s*[:：]\s*([^，,；;）)\n。]{2,60})/;
const POSTCODE = /邮(?:政)?编(?:码)?\s*[:：]?\s*(\d{6})(?!\d)/;
const PHONE = /(?:联系|咨询)?电话\s*[:：]\s*((?:\(?0\d{2,3}\)?[-－—\s]?)?\d{7,8}(?:[-－]\d{1,4})?|1\d{10})/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

export function parseTitle(doc: Document, firstHeadingBlock: number): { title: string | null; agency: string | null; year: number | null } {
  const paragraphs: { text: string; b: number }[] = [];
  for (let b = 0; b < doc.blocks.length && b < Math.max(firstHeadingBlock, 1) && paragraphs.length < 8; b++) {
    const block = doc.blocks[b];
    if (block.kind === 'paragraph' && block.text.trim()) paragraphs.push({ text: block.text.trim(), b });
  }
  const i = paragraphs.findIndex((p) => p.text.length <= 80 && /报告|年报/.test(p.text));
  if (i < 0) return { title: null, agency: null, year: null };
  let raw = paragraphs[i].text;
  const prev = i > 0 ? paragraphs[i - 1].text : null;
  if (prev && prev.length <= 40 && !/[。，,：:；;]/.test(prev) && (TITLE_START.test(nfkc(raw)) || (ORGAN_END.test(tidyCjk(prev)) && /^\s*关于/.test(raw)))) {
    raw = `${prev}${raw}`;
  }
  const title = tidyCjk(raw);
  const y = YEAR.exec(title);
  const year = y ? Number(y[1]) : null;
  let agency: string | null = y ? title.slice(0, y.index).trim() : null;
  if (agency !== null) agency = agency.replace(/(?:关于|的)$/, '').trim() || null;
  // "2019年上海市人民政府办公厅政府信息公开工作年度报告": the organ stands after the year
  if (agency === null && y) {
    const after = AGENCY_AFTER_YEAR.exec(title.slice(y.index + y[0].length));
    if (after && ORGAN_END.test(after[1])) agency = after[1];
  }
  return { title, agency, year };
}

/** How the name of an organ ends: 办公室, 局, 街道办事处, 人民政府, 委员会 … */
const ORGAN_END = /(?:办公室|办公厅|办事处|政府|委员会|委|局|厅|署|院|中心|处|所|站|馆|队|会|部|司|社|集团|公司)$/;
/** After the year: 度, then the organ, then the report's own name. */
const AGENCY_AFTER_YEAR = /^度?(?:的)?([^\s，,。（）()]{2,40}?)(?:关于)?(?:的)?(?:政府信息公开|政务公开)/;

export function parsePeriod(text: string): ReportMeta['period'] {
  const t = nfkc(text);
  for (const m of t.matchAll(PERIOD)) {
    const before = t.slice(Math.max(0, (m.index ?? 0) - 40), m.index);
    if (!PERIOD_CUE.test(before)) continue;
    const y1 = Number(m[1]);
    const y2 = m[4] ? Number(m[4]) : y1;
    return { start: isoDate(y1, Number(m[2]), Number(m[3])), end: isoDate(y2, Number(m[5]), Number(m[6])) };
  }
  return null;
}

function isoDate(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function parseContact(text: string): ReportMeta['contact'] {
  const t = nfkc(text);
  const contact: NonNullable<ReportMeta['contact']> = {};
  const address = ADDRESS.exec(t);
  if (address) contact.address = address[1].trim();
  const postcode = POSTCODE.exec(t);
  if (postcode) contact.postcode = postcode[1];
  const phone = PHONE.exec(t);
  if (phone) contact.phone = phone[1].replace(/\s+/g, '').replace(/[－—]/g, '-');
  const email = EMAIL.exec(t);
  if (email) contact.email = email[0];
  return Object.keys(contact).length ? contact : null;
}
