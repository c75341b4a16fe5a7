/**
 * Importing the lists organs already keep — a 规范性文件目录 or 规章清理结果 as CSV (Excel, WPS;
 * UTF-8 or GB18030) or XLSX — and the yearly counts of decisions and fees. The header row may sit
 * below a title row; columns are found by their names (common variants included). Every row that
 * cannot be taken is reported with its row number (as the spreadsheet shows it) and the reason;
 * the other rows are imported.
 */
import { InputError } from '../errors.js';
import { decodeText, MAX_CSV_BYTES, parseCsvLines } from '../ledger/csv.js';
import { DateError, parseDate } from '../ledger/dates.js';
import {
  DOCUMENT_KINDS, END_KINDS, RegisterError, endKindByName, kindByName, validateDocument, type DocumentInput, type DocumentKind, type EndKind,
} from './documents.js';
import { validateCounts } from './store.js';
import type { YearCounts } from './table2.js';

export const MAX_IMPORT_BYTES = MAX_CSV_BYTES;
export const MAX_IMPORT_ROWS = 50_000;

export type CellValue = string | number | boolean | Date | null;
export interface SheetRow {
  /** Row number as the spreadsheet shows it (1-based). */
  line: number;
  cells: CellValue[];
}

/** Reads CSV or XLSX bytes (told apart by content, not name) into numbered rows. */
export async function readSheet(bytes: Uint8Array, name: string): Promise<SheetRow[]> {
  if (bytes.length > MAX_IMPORT_BYTES) throw new InputError(name, `文件超过 ${MAX_IMPORT_BYTES} 字节`);
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip) return readXlsx(bytes, name);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) throw new InputError(name, '这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV');
  let rows: { line: number; fields: string[] }[];
  try {
    rows = parseCsvLines(decodeText(bytes));
  } catch (e) {
    throw new InputError(name, `无法读取 CSV：${(e as Error).message}`);
  }
  if (rows.length > MAX_IMPORT_ROWS) throw new InputError(name, `超过 ${MAX_IMPORT_ROWS} 行`);
  return rows.map((r) => ({ line: r.line, cells: r.fields }));
}

async function readXlsx(bytes: Uint8Array, name: string): Promise<SheetRow[]> {
  const { readSheet: readFirstSheet } = await import('read-excel-file/node');
  let rows: CellValue[][];
  try {
    rows = (await readFirstSheet(Buffer.from(bytes))) as CellValue[][];
  } catch (e) {
    throw new InputError(name, `无法读取 XLSX：${e instanceof Error ? e.message : String(e)}`);
  }
  if (rows.length > MAX_IMPORT_ROWS) throw new InputError(name, `超过 ${MAX_IMPORT_ROWS} 行`);
  return rows
    .map((cells, i) => ({ line: i + 1, cells }))
    .filter((r) => r.cells.some((c) => c !== null && String(c).trim() !== ''));
}

// ---------------------------------------------------------------- cells

function text(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** A date cell: a date value, an Excel serial number, or text such as 2023-05-06, 2023/5/6, 2023.5.6, 2023年5月6日. */
export function dateCell(v: CellValue | undefined, what: string): string | null {
  if (v === null || v === undefined || (typeof v === 'string' && !v.trim())) return null;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new DateError(`${what}不是有效日期`);
    // dates come as UTC midnight of the calendar day; a time part from a local export is rounded away
    return new Date(v.getTime() + 12 * 3_600_000).toISOString().slice(0, 10);
  }
  if (typeof v === 'number') {
    if (v > 20000 && v < 80000) return new Date(Date.UTC(1899, 11, 30) + Math.round(v) * 86_400_000).toISOString().slice(0, 10);
    if (v >= 19000101 && v <= 22001231) return parseDate(`${String(v).slice(0, 4)}-${String(v).slice(4, 6)}-${String(v).slice(6, 8)}`, what);
    throw new DateError(`${what}“${v}”不是有效日期`);
  }
  const s = String(v).trim();
  if (/^\d{8}$/.test(s)) return parseDate(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`, what);
  return parseDate(s, what);
}

const headerKey = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/[（(][^）)]*[）)]$/, '').replace(/[：:*＊]/g, '');

function findHeader<K extends string>(rows: SheetRow[], names: Record<K, string[]>, required: K[], name: string): { index: number; col: Partial<Record<K, number>>; ignored: string[] } {
  const lookup = new Map<string, K>();
  for (const [key, list] of Object.entries(names) as [K, string[]][]) for (const n of list) lookup.set(headerKey(n), key);
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const col: Partial<Record<K, number>> = {};
    const ignored: string[] = [];
    rows[i].cells.forEach((c, j) => {
      const key = lookup.get(headerKey(text(c)));
      if (key && col[key] === undefined) col[key] = j;
      else if (text(c)) ignored.push(text(c));
    });
    if (required.every((k) => col[k] !== undefined)) return { index: i, col, ignored };
  }
  throw new InputError(name, `找不到列名行：前10行中没有一行同时有${required.map((k) => `“${names[k][0]}”`).join('、')}列`);
}

// ---------------------------------------------------------------- documents

const DOC_HEADERS = {
  docNo: ['文号', '发文字号', '发文文号', '文件编号', '发文号', '编号', '登记编号', '文件字号', '字号', '发文编号', '登记号'],
  title: ['标题', '文件名称', '名称', '文件标题', '规章名称', '规范性文件名称', '文件名'],
  kind: ['类型', '文件类型', '类别', '种类', '文件类别'],
  madeOn: ['制发日期', '成文日期', '印发日期', '发文日期', '制定日期', '签发日期'],
  publishedOn: ['公开日期', '发布日期', '公布日期', '发布时间', '公开时间'],
  status: ['状态', '效力状态', '有效性', '效力', '是否有效', '现行状态', '文件状态', '时效性', '有效状态', '效力情况', '清理结果'],
  repealedOn: ['废止日期', '废止时间', '终止日期', '废止或失效日期', '废止/失效日期', '废止或修订日期', '废止/修订日期'],
  revisedOn: ['修订日期', '修订时间', '被修订日期'],
  expiredOn: ['失效日期', '失效时间', '有效期至'],
  amendedOn: ['修正日期', '修改日期', '修正时间'],
  replaces: ['替代文件', '所替代文件', '原文号', '修订前文号', '被替代文件'],
  note: ['备注', '说明'],
} satisfies Record<string, string[]>;
type DocColumn = keyof typeof DOC_HEADERS;

const IN_FORCE = /^(?:现行有效|有效|现行|在用|是|继续有效|正在施行|部分失效|继续施行|保留)$/;

export interface DocumentPlan {
  rows: { line: number; document: DocumentInput }[];
  rejected: { line: number; reason: string }[];
  ignored: string[];
}

/** Reads a list of documents; `kind` is used for rows whose list has no 类型 column (a list of one kind). */
export function planDocumentImport(rows: SheetRow[], organ: string, name: string, options: { kind?: DocumentKind } = {}): DocumentPlan {
  const { index, col, ignored } = findHeader<DocColumn>(rows, DOC_HEADERS, ['title'], name);
  if (col.madeOn === undefined && col.publishedOn === undefined) throw new InputError(name, '缺少日期列：应有“制发日期”（成文日期、印发日期）或“公开日期”');
  if (col.kind === undefined && !options.kind) throw new InputError(name, `没有“类型”列：请加上该列（${DOCUMENT_KINDS.map((k) => k.label).join('或')}），或指定整个文件的类型`);
  const plan: DocumentPlan = { rows: [], rejected: [], ignored };
  const seen = new Map<string, number>();
  for (const row of rows.slice(index + 1)) {
    const get = (k: DocColumn) => (col[k] === undefined ? undefined : row.cells[col[k]!]);
    try {
      const kindText = text(get('kind'));
      const kind = kindText ? kindByName(kindText) : options.kind ?? null;
      if (!kind) throw new RegisterError(`类型“${kindText}”无法识别（应为${DOCUMENT_KINDS.map((k) => k.label).join('或')}）`);
      const statusText = text(get('status'));
      const ends: { kind: EndKind; on: string | null }[] = [
        { kind: 'repealed' as const, on: dateCell(get('repealedOn'), '废止日期') },
        { kind: 'revised' as const, on: dateCell(get('revisedOn'), '修订日期') },
        { kind: 'expired' as const, on: dateCell(get('expiredOn'), '失效日期') },
      ].filter((e) => e.on);
      let endKind: EndKind | null = null;
      let endedOn: string | null = null;
      if (statusText && !IN_FORCE.test(statusText)) {
        endKind = endKindByName(statusText) ?? (/废止/.test(statusText) ? 'repealed' : /修订/.test(statusText) ? 'revised' : /失效/.test(statusText) ? 'expired' : null);
        if (!endKind) throw new RegisterError(`状态“${statusText}”无法识别（应为现行有效、${END_KINDS.map((k) => `已${k.label}`).join('、')}）`);
        endedOn = ends.find((e) => e.kind === endKind)?.on ?? ends[0]?.on ?? null;
        // a list that marks a document 已修改 often gives the date in its 修改日期 column
        if (!endedOn && endKind === 'revised') endedOn = dateCell(get('amendedOn'), '修改日期');
      } else if (statusText) {
        if (ends.length) throw new RegisterError(`状态为“${statusText}”，却有${ends.map((e) => END_KINDS.find((k) => k.key === e.kind)!.label).join('、')}日期 ${ends.map((e) => e.on).join('、')}`);
      } else if (ends.length) {
        if (ends.length > 1) throw new RegisterError('同时有多个废止/修订/失效日期，请写明状态');
        endKind = ends[0].kind;
        endedOn = ends[0].on;
      }
      const document = validateDocument({
        organ,
        kind,
        docNo: text(get('docNo')),
        title: text(get('title')),
        madeOn: dateCell(get('madeOn'), '制发日期') ?? '',
        publishedOn: dateCell(get('publishedOn'), '公开日期'),
        endKind,
        endedOn,
        amendedOn: endKind === 'revised' && !ends.length ? null : dateCell(get('amendedOn'), '修正日期'),
        replaces: text(get('replaces')) || null,
        note: text(get('note')) || null,
      });
      if (document.docNo) {
        const first = seen.get(document.docNo);
        if (first) throw new RegisterError(`文号“${document.docNo}”与第${first}行重复`);
        seen.set(document.docNo, row.line);
      }
      plan.rows.push({ line: row.line, document });
    } catch (e) {
      if (e instanceof RegisterError || e instanceof DateError) plan.rejected.push({ line: row.line, reason: e.message });
      else throw e;
    }
  }
  return plan;
}

// ---------------------------------------------------------------- yearly counts

const COUNT_HEADERS = {
  year: ['年度', '年份', '统计年度', '年'],
  licensing: ['行政许可', '行政许可处理决定数量', '行政许可决定', '许可决定数', '行政许可数量'],
  penalty: ['行政处罚', '行政处罚处理决定数量', '行政处罚决定', '处罚决定数', '行政处罚数量'],
  coercion: ['行政强制', '行政强制处理决定数量', '行政强制决定', '强制决定数', '行政强制数量'],
  feesAmount: ['行政事业性收费', '行政事业性收费金额', '本年收费金额', '收费金额', '行政事业性收费（万元）'],
} satisfies Record<string, string[]>;
type CountColumn = keyof typeof COUNT_HEADERS;

export interface CountsPlan {
  rows: { line: number; counts: Omit<YearCounts, 'updatedBy' | 'updatedAt'> }[];
  rejected: { line: number; reason: string }[];
  ignored: string[];
}

function numberCell(v: CellValue | undefined, what: string, integer: boolean): number | null {
  const s = text(v).replace(/[,，\s]/g, '').replace(/(?:件|个|万元|元)$/, '');
  if (s === '') return null;
  if (!/^\d+(?:\.\d+)?$/.test(s)) throw new RegisterError(`${what}“${text(v)}”不是数字`);
  const n = Number(s);
  if (integer && !Number.isInteger(n)) throw new RegisterError(`${what}“${text(v)}”应为整数`);
  return n;
}

/** Reads yearly counts: one row a year (年度, 行政许可, 行政处罚, 行政强制, 行政事业性收费 in 万元). */
export function planCountsImport(rows: SheetRow[], organ: string, name: string): CountsPlan {
  const { index, col, ignored } = findHeader<CountColumn>(rows, COUNT_HEADERS, ['year'], name);
  const plan: CountsPlan = { rows: [], rejected: [], ignored };
  const seen = new Map<number, number>();
  for (const row of rows.slice(index + 1)) {
    const get = (k: CountColumn) => (col[k] === undefined ? undefined : row.cells[col[k]!]);
    try {
      const year = numberCell(get('year'), '年度', true);
      if (year === null) throw new RegisterError('缺少年度');
      const counts = {
        organ, year, source: 'imported' as const,
        licensing: numberCell(get('licensing'), '行政许可', true),
        penalty: numberCell(get('penalty'), '行政处罚', true),
        coercion: numberCell(get('coercion'), '行政强制', true),
        feesAmount: numberCell(get('feesAmount'), '行政事业性收费', false),
      };
      validateCounts(counts);
      if (seen.has(year)) throw new RegisterError(`${year}年度与第${seen.get(year)}行重复`);
      seen.set(year, row.line);
      plan.rows.push({ line: row.line, counts });
    } catch (e) {
      if (e instanceof RegisterError) plan.rejected.push({ line: row.line, reason: e.message });
      else throw e;
    }
  }
  return plan;
}
