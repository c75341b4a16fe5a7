/**
 * The register in the database (tables of migration 0400): documents, yearly counts, organ kinds
 * and publication dates entered by hand. Access is checked here, for the command line and the web
 * application alike (access.ts).
 */
import { organKey } from '../store/organs.js';
import { AccessError, canSetCalendar, requireRead, requireWrite, type RegisterActor } from './access.js';
import { RegisterError, validateDocument, type DocumentInput, type DocumentKind, type EndKind, type RegisterDocument } from './documents.js';
import { inferOrganKind, type OrganKind } from './organ-kind.js';
import { deriveTable2, type Table2, type YearCounts } from './table2.js';
import { isIsoDate } from '../ledger/dates.js';

export interface RegisterDb {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<unknown>;
  transaction?<R>(fn: (tx: RegisterDb) => Promise<R>): Promise<R>;
}

async function rows<T>(db: RegisterDb, sql: string, params: unknown[] = []): Promise<T[]> {
  const r = (await db.query<T>(sql, params)) as T[] | { rows: T[] };
  return Array.isArray(r) ? r : r.rows;
}

interface DocumentRow {
  id: number;
  organ: string;
  kind: DocumentKind;
  doc_no: string;
  title: string;
  made_on: string;
  published_on: string | null;
  end_kind: EndKind | null;
  ended_on: string | null;
  amended_on: string | null;
  replaces: string | null;
  note: string | null;
}

function toDocument(r: DocumentRow): RegisterDocument {
  return {
    id: String(r.id), organ: r.organ, kind: r.kind, docNo: r.doc_no, title: r.title, madeOn: r.made_on, publishedOn: r.published_on,
    endKind: r.end_kind, endedOn: r.ended_on, amendedOn: r.amended_on, replaces: r.replaces, note: r.note,
  };
}

interface CountsRow {
  organ: string;
  year: number;
  licensing: number | null;
  penalty: number | null;
  coercion: number | null;
  fees_amount: string | number | null;
  source: 'entered' | 'imported';
  updated_by: string;
  updated_at: unknown;
}

function toCounts(r: CountsRow): YearCounts {
  return {
    organ: r.organ, year: Number(r.year), licensing: r.licensing, penalty: r.penalty, coercion: r.coercion,
    feesAmount: r.fees_amount === null ? null : Number(r.fees_amount), source: r.source, updatedBy: r.updated_by,
    updatedAt: r.updated_at instanceof Date ? r.updated_at.toISOString() : String(r.updated_at ?? ''),
  };
}

export interface DocumentFilter {
  kind?: DocumentKind;
  /** Only documents in force on this date. */
  inForceOn?: string;
  q?: string;
}

export interface ImportOutcome {
  created: number;
  updated: number;
  failed: { line: number; reason: string }[];
}

const DOC_COLUMNS = 'organ, organ_key, kind, doc_no, title, made_on, published_on, end_kind, ended_on, amended_on, replaces, note, updated_by';

function docParams(d: DocumentInput, actor: RegisterActor): unknown[] {
  return [d.organ, organKey(d.organ), d.kind, d.docNo, d.title, d.madeOn, d.publishedOn, d.endKind, d.endedOn, d.amendedOn, d.replaces, d.note, actor.name];
}

/** A unique-index violation (same 文号 twice) as a message people understand. */
function duplicateDocNo(e: unknown, docNo: string): never {
  if (e instanceof Error && /register_documents_doc_no|duplicate key|unique/i.test(e.message)) throw new RegisterError(`文号“${docNo}”已在台账中`);
  throw e;
}

export class Register {
  constructor(readonly db: RegisterDb) {}

  // ------------------------------------------------------------ documents

  /** Every document of an organ (no access check: internal, and for derivations). */
  async documentsOf(organ: string): Promise<RegisterDocument[]> {
    return (await rows<DocumentRow>(this.db, 'SELECT * FROM register_documents WHERE organ_key = $1 ORDER BY made_on, id', [organKey(organ)])).map(toDocument);
  }

  async listDocuments(actor: RegisterActor, organ: string, filter: DocumentFilter = {}): Promise<RegisterDocument[]> {
    requireRead(actor, organ);
    let docs = await this.documentsOf(organ);
    if (filter.kind) docs = docs.filter((d) => d.kind === filter.kind);
    if (filter.inForceOn) {
      const on = filter.inForceOn;
      docs = docs.filter((d) => d.madeOn <= on && !(d.endedOn && d.endedOn <= on));
    }
    if (filter.q) docs = docs.filter((d) => d.title.includes(filter.q!) || d.docNo.includes(filter.q!));
    return docs;
  }

  async getDocument(actor: RegisterActor, id: string): Promise<RegisterDocument> {
    const n = Number(id);
    const found = Number.isInteger(n) && n > 0 ? await rows<DocumentRow>(this.db, 'SELECT * FROM register_documents WHERE id = $1', [n]) : [];
    if (!found.length) throw new AccessError('文件不存在或无权查看');
    const doc = toDocument(found[0]);
    requireRead(actor, doc.organ);
    return doc;
  }

  async addDocument(actor: RegisterActor, input: DocumentInput): Promise<RegisterDocument> {
    requireWrite(actor, input.organ ?? '');
    const d = validateDocument(input);
    try {
      const r = await rows<DocumentRow>(this.db, `INSERT INTO register_documents (${DOC_COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING *`, docParams(d, actor));
      return toDocument(r[0]);
    } catch (e) {
      return duplicateDocNo(e, d.docNo);
    }
  }

  async updateDocument(actor: RegisterActor, id: string, input: DocumentInput): Promise<RegisterDocument> {
    const old = await this.getDocument(actor, id);
    requireWrite(actor, old.organ);
    const d = validateDocument({ ...input, organ: old.organ });
    try {
      const r = await rows<DocumentRow>(
        this.db,
        `UPDATE register_documents SET (${DOC_COLUMNS}, updated_at) = ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13, now()) WHERE id = $14 RETURNING *`,
        [...docParams(d, actor), Number(id)],
      );
      return toDocument(r[0]);
    } catch (e) {
      return duplicateDocNo(e, d.docNo);
    }
  }

  async deleteDocument(actor: RegisterActor, id: string): Promise<void> {
    const old = await this.getDocument(actor, id);
    requireWrite(actor, old.organ);
    await this.db.query('DELETE FROM register_documents WHERE id = $1', [Number(id)]);
  }

  /**
   * Writes imported documents: a row whose 文号 is already in the organ's register updates that
   * document (lists are re-imported each year with new statuses); others are added. Each row on its
   * own: one row's problem does not stop the rest.
   */
  async importDocuments(actor: RegisterActor, organ: string, planned: { line: number; document: DocumentInput }[]): Promise<ImportOutcome> {
    requireWrite(actor, organ);
    const out: ImportOutcome = { created: 0, updated: 0, failed: [] };
    const existing = new Map((await this.documentsOf(organ)).filter((d) => d.docNo).map((d) => [d.docNo, d.id]));
    for (const row of planned) {
      try {
        const doc = { ...row.document, organ };
        const id = doc.docNo ? existing.get(doc.docNo.trim()) : undefined;
        if (id) {
          await this.updateDocument(actor, id, doc);
          out.updated++;
        } else {
          const made = await this.addDocument(actor, doc);
          if (made.docNo) existing.set(made.docNo, made.id);
          out.created++;
        }
      } catch (e) {
        if (e instanceof AccessError) throw e;
        out.failed.push({ line: row.line, reason: e instanceof Error ? e.message : String(e) });
      }
    }
    return out;
  }

  // ------------------------------------------------------------ yearly counts

  async countsOf(organ: string, year: number): Promise<YearCounts | null> {
    const r = await rows<CountsRow>(this.db, 'SELECT * FROM register_counts WHERE organ_key = $1 AND year = $2', [organKey(organ), year]);
    return r.length ? toCounts(r[0]) : null;
  }

  async counts(actor: RegisterActor, organ: string, year?: number): Promise<YearCounts[]> {
    requireRead(actor, organ);
    const r = year === undefined
      ? await rows<CountsRow>(this.db, 'SELECT * FROM register_counts WHERE organ_key = $1 ORDER BY year', [organKey(organ)])
      : await rows<CountsRow>(this.db, 'SELECT * FROM register_counts WHERE organ_key = $1 AND year = $2', [organKey(organ), year]);
    return r.map(toCounts);
  }

  async setCounts(actor: RegisterActor, c: Omit<YearCounts, 'updatedBy' | 'updatedAt'>): Promise<YearCounts> {
    requireWrite(actor, c.organ);
    validateCounts(c);
    await this.db.query(
      `INSERT INTO register_counts (organ_key, organ, year, licensing, penalty, coercion, fees_amount, source, updated_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
       ON CONFLICT (organ_key, year) DO UPDATE SET organ = EXCLUDED.organ, licensing = EXCLUDED.licensing, penalty = EXCLUDED.penalty,
         coercion = EXCLUDED.coercion, fees_amount = EXCLUDED.fees_amount, source = EXCLUDED.source, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [organKey(c.organ), c.organ.trim(), c.year, c.licensing, c.penalty, c.coercion, c.feesAmount, c.source, actor.name],
    );
    return (await this.countsOf(c.organ, c.year))!;
  }

  // ------------------------------------------------------------ table II

  async table2(actor: RegisterActor, organ: string, year: number): Promise<Table2 & { documents: number; hasCounts: boolean }> {
    requireRead(actor, organ);
    const docs = await this.documentsOf(organ);
    const counts = await this.countsOf(organ, year);
    return { ...deriveTable2(docs, counts, year), documents: docs.length, hasCounts: !!counts };
  }

  /** Whether the organ keeps a register at all (documents or counts): then its table II comes from it. */
  async hasRegister(organ: string): Promise<boolean> {
    const key = organKey(organ);
    const r = await rows<{ n: number }>(
      this.db,
      'SELECT (SELECT count(*) FROM register_documents WHERE organ_key = $1)::int + (SELECT count(*) FROM register_counts WHERE organ_key = $1)::int AS n',
      [key],
    );
    return Number(r[0]?.n ?? 0) > 0;
  }

  // ------------------------------------------------------------ organ kinds and publication dates

  async organKind(organ: string): Promise<{ kind: OrganKind; source: 'inferred' | 'set' }> {
    const r = await rows<{ kind: OrganKind }>(this.db, 'SELECT kind FROM register_organ_kinds WHERE organ_key = $1', [organKey(organ)]);
    return r.length ? { kind: r[0].kind, source: 'set' } : { kind: inferOrganKind(organ), source: 'inferred' };
  }

  /** Kinds set by hand, by organ key. */
  async organKinds(): Promise<Map<string, OrganKind>> {
    const r = await rows<{ organ_key: string; kind: OrganKind }>(this.db, 'SELECT organ_key, kind FROM register_organ_kinds');
    return new Map(r.map((x) => [x.organ_key, x.kind]));
  }

  async setOrganKind(actor: RegisterActor, organ: string, kind: OrganKind): Promise<void> {
    if (!canSetCalendar(actor, organ)) throw new AccessError('无权修改该机关的类型');
    await this.db.query(
      `INSERT INTO register_organ_kinds (organ_key, organ, kind, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organ_key) DO UPDATE SET organ = EXCLUDED.organ, kind = EXCLUDED.kind, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [organKey(organ), organ.trim(), kind, actor.name],
    );
  }

  /** Publication dates entered by hand for a year, by organ key. */
  async publications(year: number): Promise<Map<string, string>> {
    const r = await rows<{ organ_key: string; published_on: string }>(this.db, 'SELECT organ_key, published_on FROM register_publications WHERE year = $1', [year]);
    return new Map(r.map((x) => [x.organ_key, x.published_on]));
  }

  async setPublished(actor: RegisterActor, organ: string, year: number, date: string): Promise<void> {
    if (!canSetCalendar(actor, organ)) throw new AccessError('无权登记该机关的公布日期');
    if (!isIsoDate(date)) throw new RegisterError(`公布日期“${date}”不是有效日期（应为 YYYY-MM-DD）`);
    if (date <= `${year}-12-31`) throw new RegisterError(`${year}年度报告的公布日期应在${year + 1}年`);
    await this.db.query(
      `INSERT INTO register_publications (organ_key, organ, year, published_on, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organ_key, year) DO UPDATE SET organ = EXCLUDED.organ, published_on = EXCLUDED.published_on, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [organKey(organ), organ.trim(), year, date, actor.name],
    );
  }
}

export function validateCounts(c: Pick<YearCounts, 'year' | 'licensing' | 'penalty' | 'coercion' | 'feesAmount'>): void {
  if (!Number.isInteger(c.year) || c.year < 2008 || c.year > 2100) throw new RegisterError(`年度“${c.year}”有误`);
  for (const [v, what] of [[c.licensing, '行政许可'], [c.penalty, '行政处罚'], [c.coercion, '行政强制']] as const) {
    if (v !== null && (!Number.isInteger(v) || v < 0 || v > 1e9)) throw new RegisterError(`${what}处理决定数量应为不小于 0 的整数`);
  }
  if (c.feesAmount !== null && (!Number.isFinite(c.feesAmount) || c.feesAmount < 0 || c.feesAmount > 1e11)) throw new RegisterError('行政事业性收费金额（万元）应为不小于 0 的数');
}
