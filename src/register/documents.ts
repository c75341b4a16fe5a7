/**
 * The 主动公开 register's documents: an organ's 规章 and 行政规范性文件, each with its 文号, title,
 * kind, the date it was made (成文/印发), published, and how and when it stopped being in force.
 *
 * How a document leaves the in-force set, and what that means for table II:
 * - 废止 (repealed) and 失效 (expired: its period of validity ran out, or it was declared invalid)
 *   end the document on that date: counted in 本年废止件数 of that year.
 * - 修订 (revised): a new full text replaces the old one. The new text is a document of its own
 *   (counted in 本年制发件数 of the year it was made); the old text ends on the new text's date with
 *   the end kind `revised` and is counted in 本年废止件数 of that year. The 现行有效 count therefore
 *   stays the same, as it should: one text in force before, one after.
 * - 修正 in place (an amending decision that leaves the document in force under its 文号) only
 *   records `amendedOn`; the counts do not change. An amending decision that is itself a 规章 or
 *   行政规范性文件 is entered as a document of its own.
 * A document is in force on a date D when it was made on or before D and has not ended on or before D.
 */
import { isIsoDate, parseDate, type IsoDate } from '../ledger/dates.js';

export type DocumentKind = 'regulation' | 'normative';
export type EndKind = 'repealed' | 'revised' | 'expired';

export const DOCUMENT_KINDS: { key: DocumentKind; label: string; row: 'regulations' | 'normativeDocuments'; names: string[] }[] = [
  { key: 'regulation', label: '规章', row: 'regulations', names: ['规章', '政府规章', '部门规章', '地方政府规章'] },
  { key: 'normative', label: '行政规范性文件', row: 'normativeDocuments', names: ['行政规范性文件', '规范性文件', '行政规范性', '规范性'] },
];

export const END_KINDS: { key: EndKind; label: string; names: string[] }[] = [
  { key: 'repealed', label: '废止', names: ['废止', '已废止', '宣布废止', '撤销'] },
  // 法律法规数据库的“时效性：已被修改”指有新的版本（文本被替代）
  { key: 'revised', label: '修订', names: ['修订', '已修订', '被修订', '修订替代', '已被修订', '已被修改', '已修改', '被修改'] },
  { key: 'expired', label: '失效', names: ['失效', '已失效', '有效期届满', '宣布失效', '过期'] },
];

export const STATUS_LABELS = { inForce: '现行有效', repealed: '已废止', revised: '已修订（被新文本替代）', expired: '已失效', notYetMade: '尚未制发' } as const;
export type DocumentStatus = keyof typeof STATUS_LABELS;

export interface RegisterDocument {
  id: string;
  organ: string;
  kind: DocumentKind;
  /** 文号, e.g. 宝政规〔2023〕2号; '' when the document has none. */
  docNo: string;
  title: string;
  /** 成文/印发日期. */
  madeOn: IsoDate;
  publishedOn: IsoDate | null;
  endKind: EndKind | null;
  endedOn: IsoDate | null;
  /** Latest 修正 in place (counts unchanged). */
  amendedOn: IsoDate | null;
  /** 文号 (or title) of the text this one replaces, for a 修订. */
  replaces: string | null;
  note: string | null;
}

export type DocumentInput = Omit<RegisterDocument, 'id'>;

export class RegisterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegisterError';
  }
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

export function kindByName(text: string): DocumentKind | null {
  const s = norm(text);
  if (!s) return null;
  for (const k of DOCUMENT_KINDS) if (s === k.key || k.names.includes(s)) return k.key;
  if (/规章/.test(s)) return 'regulation';
  if (/规范性/.test(s)) return 'normative';
  return null;
}

export function endKindByName(text: string): EndKind | null {
  const s = norm(text);
  if (!s) return null;
  for (const k of END_KINDS) if (s === k.key || k.names.includes(s)) return k.key;
  return null;
}

export function kindLabel(kind: DocumentKind): string {
  return DOCUMENT_KINDS.find((k) => k.key === kind)!.label;
}

export function endKindLabel(kind: EndKind | null): string {
  return kind ? END_KINDS.find((k) => k.key === kind)!.label : '';
}

/** The document's standing on a date. */
export function statusOn(d: Pick<RegisterDocument, 'madeOn' | 'endKind' | 'endedOn'>, date: IsoDate): DocumentStatus {
  if (d.madeOn > date) return 'notYetMade';
  if (d.endedOn && d.endedOn <= date && d.endKind) return d.endKind;
  return 'inForce';
}

export function inForceOn(d: Pick<RegisterDocument, 'madeOn' | 'endKind' | 'endedOn'>, date: IsoDate): boolean {
  return statusOn(d, date) === 'inForce';
}

const MAX_TEXT = 500;

/** Checks a document before it is stored; throws RegisterError with a Chinese message naming the field. */
export function validateDocument(input: DocumentInput): DocumentInput {
  const title = (input.title ?? '').trim();
  if (!title) throw new RegisterError('缺少标题');
  if (title.length > MAX_TEXT) throw new RegisterError(`标题超过 ${MAX_TEXT} 字`);
  const docNo = (input.docNo ?? '').trim();
  if (docNo.length > 100) throw new RegisterError('文号超过 100 字');
  if (!DOCUMENT_KINDS.some((k) => k.key === input.kind)) throw new RegisterError('文件类型应为“规章”或“行政规范性文件”');
  const date = (v: string | null | undefined, what: string): IsoDate | null => {
    if (v === null || v === undefined || v === '') return null;
    if (isIsoDate(v)) return v;
    return parseDate(v, what);
  };
  const madeOn = date(input.madeOn, '制发日期');
  const publishedOn = date(input.publishedOn, '公开日期');
  const made = madeOn ?? publishedOn;
  if (!made) throw new RegisterError('缺少制发日期（成文或印发日期；没有时至少填公开日期）');
  if (publishedOn && publishedOn < made) throw new RegisterError(`公开日期 ${publishedOn} 早于制发日期 ${made}`);
  const endedOn = date(input.endedOn, '废止/修订/失效日期');
  const endKind = input.endKind ?? null;
  if (endKind && !END_KINDS.some((k) => k.key === endKind)) throw new RegisterError('状态应为现行有效、已废止、已修订或已失效');
  if (endKind && !endedOn) throw new RegisterError(`状态为“${endKindLabel(endKind)}”，但没有${endKindLabel(endKind)}日期`);
  if (endedOn && !endKind) throw new RegisterError('有废止/修订/失效日期，但状态不是已废止、已修订或已失效');
  if (endedOn && endedOn < made) throw new RegisterError(`${endKindLabel(endKind)}日期 ${endedOn} 早于制发日期 ${made}`);
  const amendedOn = date(input.amendedOn, '修正日期');
  if (amendedOn && amendedOn < made) throw new RegisterError(`修正日期 ${amendedOn} 早于制发日期 ${made}`);
  if (amendedOn && endedOn && amendedOn > endedOn) throw new RegisterError(`修正日期 ${amendedOn} 晚于${endKindLabel(endKind)}日期 ${endedOn}`);
  const organ = (input.organ ?? '').trim();
  if (!organ) throw new RegisterError('缺少机关');
  return {
    organ,
    kind: input.kind,
    docNo,
    title,
    madeOn: made,
    publishedOn,
    endKind,
    endedOn,
    amendedOn,
    replaces: input.replaces?.trim() || null,
    note: input.note?.trim().slice(0, MAX_TEXT) || null,
  };
}
