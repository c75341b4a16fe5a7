/**
 * What was fetched before, so a second run fetches nothing twice: every address with its outcome
 * and the hash of the report's bytes. Kept in the store (with --import, and in the web
 * application), in a JSON Lines file (--state), or in memory for one run.
 */
import { appendFile, readFile } from 'node:fs/promises';
import type { Db } from '../store/db.js';

export type OutcomeKind = 'imported' | 'found' | 'duplicate' | 'skipped' | 'column' | 'unconfirmed' | 'failed';

export interface LedgerEntry {
  address: string;
  outcome: OutcomeKind;
  finalUrl?: string;
  sourceUrl?: string;
  sha256?: string;
  reportId?: string;
  reason?: string;
  failure?: string;
  published?: string;
  organ?: string;
  confidence?: number;
  fetchedAt: string;
}

export interface Ledger {
  get(address: string): Promise<LedgerEntry | undefined>;
  /** The first address whose report had these bytes. */
  bySha(sha256: string): Promise<LedgerEntry | undefined>;
  put(entry: LedgerEntry): Promise<void>;
}

export class MemoryLedger implements Ledger {
  protected entries = new Map<string, LedgerEntry>();
  protected shas = new Map<string, LedgerEntry>();
  async get(address: string) {
    return this.entries.get(address);
  }
  async bySha(sha256: string) {
    return this.shas.get(sha256);
  }
  async put(entry: LedgerEntry) {
    this.remember(entry);
  }
  protected remember(entry: LedgerEntry): void {
    this.entries.set(entry.address, entry);
    if (entry.sha256 && (entry.outcome === 'imported' || entry.outcome === 'found') && !this.shas.has(entry.sha256)) this.shas.set(entry.sha256, entry);
  }
}

/** A JSON Lines file: one entry a line, the last line of an address wins; a cut last line is ignored. */
export class FileLedger extends MemoryLedger {
  private constructor(private readonly path: string) {
    super();
  }
  static async open(path: string): Promise<FileLedger> {
    const ledger = new FileLedger(path);
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const e = JSON.parse(line) as LedgerEntry;
        if (e && typeof e.address === 'string' && typeof e.outcome === 'string') ledger.remember(e);
      } catch {
        // a line cut short by an interrupted run
      }
    }
    return ledger;
  }
  async put(entry: LedgerEntry) {
    this.remember(entry);
    await appendFile(this.path, `${JSON.stringify(entry)}\n`);
  }
}

interface Row {
  address: string;
  outcome: OutcomeKind;
  final_url: string | null;
  source_url: string | null;
  sha256: string | null;
  report_id: string | null;
  reason: string | null;
  failure: string | null;
  published_on: string | null;
  organ: string | null;
  confidence: number | null;
  fetched_at: string | Date;
}

function fromRow(r: Row): LedgerEntry {
  const e: LedgerEntry = { address: r.address, outcome: r.outcome, fetchedAt: new Date(r.fetched_at).toISOString() };
  if (r.final_url) e.finalUrl = r.final_url;
  if (r.source_url) e.sourceUrl = r.source_url;
  if (r.sha256) e.sha256 = r.sha256;
  if (r.report_id) e.reportId = r.report_id;
  if (r.reason) e.reason = r.reason;
  if (r.failure) e.failure = r.failure;
  if (r.published_on) e.published = r.published_on;
  if (r.organ) e.organ = r.organ;
  if (r.confidence !== null) e.confidence = Number(r.confidence);
  return e;
}

/** The store's fetch_addresses table (migration 0500). */
export class StoreLedger implements Ledger {
  constructor(private readonly db: Pick<Db, 'query'>) {}
  async get(address: string) {
    const rows = await this.db.query<Row>('SELECT * FROM fetch_addresses WHERE address = $1', [address]);
    return rows.length ? fromRow(rows[0]) : undefined;
  }
  async bySha(sha256: string) {
    const rows = await this.db.query<Row>(`SELECT * FROM fetch_addresses WHERE sha256 = $1 AND outcome IN ('imported', 'found') ORDER BY fetched_at LIMIT 1`, [sha256]);
    return rows.length ? fromRow(rows[0]) : undefined;
  }
  async put(e: LedgerEntry) {
    await this.db.query(
      `INSERT INTO fetch_addresses (address, outcome, final_url, source_url, sha256, report_id, reason, failure, published_on, organ, confidence, fetched_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (address) DO UPDATE SET outcome = EXCLUDED.outcome, final_url = EXCLUDED.final_url, source_url = EXCLUDED.source_url,
         sha256 = EXCLUDED.sha256, report_id = EXCLUDED.report_id, reason = EXCLUDED.reason, failure = EXCLUDED.failure,
         published_on = EXCLUDED.published_on, organ = EXCLUDED.organ, confidence = EXCLUDED.confidence, fetched_at = EXCLUDED.fetched_at,
         attempts = fetch_addresses.attempts + 1`,
      [e.address, e.outcome, e.finalUrl ?? null, e.sourceUrl ?? null, e.sha256 ?? null, e.reportId ?? null, e.reason ?? null, e.failure ?? null, e.published ?? null, e.organ ?? null, e.confidence ?? null, e.fetchedAt],
    );
  }
}

export interface ReportSource {
  /** The file or page the report was read from. */
  url: string;
  /** The article page that linked it (the same as url for a page read itself). */
  page: string;
  fetchedAt: string;
  /** YYYY-MM-DD. */
  published?: string;
}

/** Where a stored report came from; the first source recorded stays (later fetches of the same bytes add nothing). */
export async function recordSource(db: Pick<Db, 'query'>, reportId: string, source: ReportSource): Promise<void> {
  await db.query(
    `UPDATE store_reports SET source_url = COALESCE(source_url, $2), source_page = COALESCE(source_page, $3), fetched_at = COALESCE(fetched_at, $4),
       published_on = COALESCE(published_on, $5) WHERE id = $1`,
    [reportId, source.url, source.page, source.fetchedAt, source.published ?? null],
  );
}

/** The publication calendar's data: stored reports with the date their page states. */
export async function publicationDates(db: Pick<Db, 'query'>, filter: { year?: number } = {}): Promise<Array<{ id: string; organ: string; year: number | null; published: string; url: string | null }>> {
  const rows = await db.query<{ id: string; organ: string; year: number | null; published_on: string; source_url: string | null }>(
    `SELECT r.id, o.name AS organ, r.year, r.published_on, r.source_url FROM store_reports r JOIN store_organs o ON o.id = r.organ_id
     WHERE r.published_on IS NOT NULL AND ($1::int IS NULL OR r.year = $1::int) ORDER BY r.published_on, o.key COLLATE "C"`,
    [filter.year ?? null],
  );
  return rows.map((r) => ({ id: r.id, organ: r.organ, year: r.year, published: r.published_on, url: r.source_url }));
}
