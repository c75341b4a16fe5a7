/**
 * Importing an existing spreadsheet ledger (CSV, as Excel or WPS saves it) and exporting the ledger
 * as CSV or XLSX. Import takes what it can and reports, per line, what it could not take and why;
 * nothing is written for a line with any problem.
 */
import writeXlsxFile from 'write-excel-file/node';
import type { WorkCalendar } from './calendar.js';
import {
  APPLICANT_TYPES, CHANNELS, CaseError, EVENT_KINDS, STATUS_LABELS, appendEvent, applicantTypeByName, applicantTypeLabel, channelByName,
  channelLabel, decisionLabel, validateIntake, type CaseRecord, type CaseState, type NewEvent,
} from './cases.js';
import { parseDate } from './dates.js';
import { DECISION_TYPES, decisionType } from './decisions.js';
import { parseCsv, toCsv } from './csv.js';

const HEADERS: Record<string, string[]> = {
  caseNo: ['编号', '案件编号', '受理编号', '申请编号', '序号编号'],
  received: ['收到日期', '收到申请日期', '收到申请之日', '受理日期', '申请日期', '登记日期'],
  channel: ['渠道', '申请渠道', '申请方式', '提交方式', '申请途径'],
  type: ['申请人类型', '申请人性质', '申请人身份', '类型'],
  name: ['申请人', '申请人姓名', '申请人名称', '姓名', '名称'],
  idNumber: ['证件号码', '身份证号', '身份证号码', '统一社会信用代码', '证件号'],
  phone: ['联系电话', '电话', '手机', '手机号'],
  address: ['地址', '通讯地址', '联系地址', '住址'],
  email: ['邮箱', '电子邮箱', '电子邮件'],
  content: ['申请内容', '申请事项', '申请公开内容', '内容', '所需信息'],
  decisionDate: ['答复日期', '办结日期', '办理日期', '答复时间'],
  decision: ['办理结果', '答复类型', '处理结果', '答复结果', '答复情况'],
  extension: ['延期天数', '延长天数', '延长工作日'],
  approver: ['批准人', '延期批准人'],
};
const REQUIRED = ['received', 'channel', 'type', 'name', 'content'];

/** Phrases found in real ledgers → decision key; the decision's own label and key are accepted too. */
const DECISION_PHRASES: [RegExp, string][] = [
  [/已主动公开|已公开|主动公开/, 'alreadyPublic'],
  [/部分公开|区分处理/, 'partial'],
  [/国家秘密/, 'denied.stateSecret'],
  [/法律行政法规禁止/, 'denied.prohibitedByLaw'],
  [/三安全一稳定|危及/, 'denied.securityStability'],
  [/第三方/, 'denied.thirdPartyRights'],
  [/内部事务/, 'denied.internalAffairs'],
  [/过程性/, 'denied.processInfo'],
  [/执法案卷/, 'denied.enforcementFile'],
  [/行政查询/, 'denied.inquiry'],
  [/不存在|不掌握|未检索到|没有所申请/, 'notExist'],
  [/非本机关|不属于本机关|告知.*机关/, 'notThisOrgan'],
  [/另行制作|加工|分析/, 'needsCreation'],
  [/仍不明确/, 'unclearAfterCorrection'],
  [/信访|举报|投诉/, 'complaint'],
  [/重复申请/, 'duplicate'],
  [/出版物/, 'publication'],
  [/大量反复/, 'excessive'],
  [/确认|重新出具/, 'confirmation'],
  [/逾期不补正|未补正|不补正/, 'noCorrection'],
  [/未缴|逾期.*缴费|缴纳费用/, 'feeLapsed'],
  [/撤回/, 'withdrawn'],
  [/工商|不动产登记/, 'specialLaw'],
  [/^予以公开$|^公开$|^同意公开$/, 'granted'],
  [/其他/, 'other'],
];

export function decisionByName(text: string): string | null {
  const s = text.trim();
  if (!s) return null;
  if (decisionType(s)) return s;
  const byLabel = DECISION_TYPES.find((d) => d.label === s);
  if (byLabel) return byLabel.key;
  for (const [re, key] of DECISION_PHRASES) if (re.test(s)) return key;
  return null;
}

export interface ImportRow {
  line: number;
  record: CaseRecord;
  events: NewEvent[];
}

export interface ImportPlan {
  rows: ImportRow[];
  rejected: { line: number; reason: string }[];
  /** Headers that were not recognised (ignored). */
  ignored: string[];
}

/** Reads CSV text into cases ready to store; throws Error (Chinese message) when required columns are missing. */
export function planImport(text: string, organ: string, cal: WorkCalendar): ImportPlan {
  const table = parseCsv(text);
  if (!table.length) throw new Error('文件没有内容');
  const header = table[0].map((h) => h.trim().replace(/[\s（(].*$/, '').replace(/\s+/g, ''));
  const col: Record<string, number> = {};
  const ignored: string[] = [];
  header.forEach((h, i) => {
    const key = Object.entries(HEADERS).find(([, names]) => names.includes(h))?.[0];
    if (key && col[key] === undefined) col[key] = i;
    else if (h) ignored.push(table[0][i]);
  });
  const missing = REQUIRED.filter((k) => col[k] === undefined).map((k) => HEADERS[k][0]);
  if (missing.length) throw new Error(`缺少必需的列：${missing.join('、')}（第一行应为列名）`);
  const rows: ImportRow[] = [];
  const rejected: ImportPlan['rejected'] = [];
  const seen = new Set<string>();
  for (let i = 1; i < table.length; i++) {
    const line = i + 1;
    const get = (k: string) => (col[k] === undefined ? '' : (table[i][col[k]] ?? '').trim());
    try {
      const channel = channelByName(get('channel'));
      if (!channel) throw new CaseError(`渠道“${get('channel')}”无法识别（可选：${CHANNELS.map((c) => c.label).join('、')}）`);
      const type = applicantTypeByName(get('type'));
      if (!type) throw new CaseError(`申请人类型“${get('type')}”无法识别（可选：${APPLICANT_TYPES.map((t) => t.label).join('、')}）`);
      const received = parseDate(get('received'), '收到日期');
      const field = CHANNELS.find((c) => c.key === channel)!.field;
      const caseNo = get('caseNo') || undefined;
      if (caseNo) {
        if (seen.has(caseNo)) throw new CaseError(`编号 ${caseNo} 在文件中重复`);
        seen.add(caseNo);
      }
      const intake = validateIntake({
        organ, caseNo, channel, [field]: received,
        applicant: {
          type, name: get('name'), idNumber: get('idNumber') || null, phone: get('phone') || null,
          address: get('address') || null, email: get('email') || null,
        },
        content: get('content'),
      });
      let record: CaseRecord = { ...intake, id: `import-${line}`, caseNo: caseNo ?? '', events: [] };
      const events: NewEvent[] = [];
      const ext = get('extension');
      const decisionText = get('decision');
      const dd = get('decisionDate');
      if (ext) {
        const days = Number(ext);
        const date = dd ? parseDate(dd, '答复日期') : received;
        events.push({ kind: 'extension', date: date < received ? received : date, data: { days, approver: get('approver') || '（导入时未记录）' } });
      }
      if (decisionText || dd) {
        if (!decisionText) throw new CaseError('有答复日期但没有办理结果');
        if (!dd) throw new CaseError('有办理结果但没有答复日期');
        const decision = decisionByName(decisionText);
        if (!decision) throw new CaseError(`办理结果“${decisionText}”无法识别`);
        const date = parseDate(dd, '答复日期');
        if (decision === 'withdrawn') events.push({ kind: 'withdrawal', date });
        else events.push({ kind: 'decision', date, data: { decision } });
      }
      for (const e of events) record = appendEvent(record, { ...e, actor: 'import' }, cal).record;
      rows.push({ line, record, events });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      rejected.push({ line, reason: msg });
    }
  }
  return { rows, rejected, ignored };
}

// ---------------------------------------------------------------- export

export const EXPORT_HEADERS = [
  '编号', '收到日期', '渠道', '申请人类型', '申请人', '证件号码', '联系电话', '地址', '申请内容',
  '状态', '答复期限', '答复日期', '办理结果', '事件记录',
];

export function exportRows(cases: CaseRecord[], states: CaseState[]): string[][] {
  return cases.map((c, i) => {
    const s = states[i];
    return [
      c.caseNo, c.receivedOn, channelLabel(c.channel), applicantTypeLabel(c.applicant.type), c.applicant.name,
      c.applicant.idNumber ?? '', c.applicant.phone ?? '', c.applicant.address ?? '', c.content,
      STATUS_LABELS[s.status], s.deadline?.due ?? '', s.closedOn ?? '', decisionLabel(s.decision),
      c.events.map((e) => `${e.date} ${EVENT_KINDS[e.kind]}`).join('；'),
    ];
  });
}

export function exportCsv(cases: CaseRecord[], states: CaseState[]): string {
  return toCsv([EXPORT_HEADERS, ...exportRows(cases, states)]);
}

export async function exportXlsx(cases: CaseRecord[], states: CaseState[]): Promise<Uint8Array> {
  const data = [EXPORT_HEADERS, ...exportRows(cases, states)].map((r, i) =>
    r.map((v) => ({ value: v, type: String, ...(i === 0 ? { fontWeight: 'bold' as const } : {}) })),
  );
  const buf = await writeXlsxFile(data, { sheet: '依申请公开台账' }).toBuffer();
  return new Uint8Array(buf);
}
