/**
 * The report store: reports imported from files of any form, kept with their original bytes
 * (content-addressed), their parsed JSON and findings, organs and regions, and the questions asked
 * of thousands of reports — continuity across years, 内容雷同, roll-ups by region.
 *
 * Every import of a file is one transaction: a report is there with its file, organ and findings,
 * or not at all (a process killed midway leaves nothing half-written).
 */
import { createHash } from 'node:crypto';
import { checkReport } from '../check/index.js';
import { InputError } from '../errors.js';
import type { Finding } from '../model/findings.js';
import type { Report } from '../model/report.js';
import { loadReportFromBytes, readInputFile } from '../pipeline.js';
import { openDb, type Db, type OpenOptions } from './db.js';
import { identifyOrgan, type OrganIdentity, type PlaceHints } from './organs.js';
import { ensureOrgan, findOrgan, hintsOf, mergeOrgans, organHistory, organNamed, reidentifyLegacy, setRegion, splitOrgan, type StoredOrgan } from './identity.js';
import { recount, refreshPair, writeFindings } from './pairs.js';
import { findSimilar, type SimilarPair } from './similarity.js';
import { rollup, type RollupGroup } from './rollup.js';

export { organKey, inferRegions, identifyOrgan, parseOrganName, type OrganIdentity, type PlaceHints } from './organs.js';
export type { StoredOrgan } from './identity.js';
export type { Db } from './db.js';

export interface StoredRow {
  id: string;
  organ: string;
  /** The organ's name as this report writes it. */
  written: string | null;
  organKey: string;
  region: string | null;
  year: number | null;
  template: '2021' | '2019';
  file: string;
  errors: number;
  warnings: number;
  infos: number;
}

export interface ImportOutcome {
  id: string;
  file: string;
  created: boolean;
  organ: string;
  year: number | null;
  report: Report;
  findings: Finding[];
}

export interface Filter {
  region?: string;
  year?: number;
  organ?: string;
  rule?: string;
  severity?: string;
}

/** The columns of a StoredRow, named as the interface names them (the same on PGlite and pg). */
const ROW_SQL = `SELECT r.id, o.name AS organ, r.organ_name AS written, o.key AS "organKey", o.region_path AS region, r.year, r.template, f.name AS file,
  r.errors, r.warnings, r.infos
  FROM store_reports r JOIN store_organs o ON o.id = r.organ_id JOIN store_files f ON f.sha256 = r.file_sha256`;

function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

export class Store {
  constructor(readonly db: Db) {}

  static async open(options: OpenOptions = {}): Promise<Store> {
    const db = await openDb(options);
    try {
      await reidentifyLegacy(db);
    } catch (error) {
      await db.close();
      throw error;
    }
    return new Store(db);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  /**
   * Import one file's bytes. The same bytes again give the same report (created: false).
   * `organ` files the report under that organ instead of the one the report names (a person
   * confirmed it, or the report names none).
   */
  async importBytes(bytes: Uint8Array, name: string, options: { organ?: string } = {}): Promise<ImportOutcome> {
    const sha = createHash('sha256').update(bytes).digest('hex');
    const id = sha.slice(0, 16);
    const known = await this.db.query<{ id: string }>('SELECT id FROM store_reports WHERE id = $1', [id]);
    if (known.length) {
      const got = (await this.get(id))!;
      return { id, file: name, created: false, organ: got.row.organ, year: got.row.year, report: got.report, findings: got.findings };
    }
    const { report, document } = await loadReportFromBytes(bytes, name);
    const organ = options.organ || report.meta.agency;
    if (!organ) throw new InputError(name, '报告中找不到机关名称，无法入库 / no organ name found');
    const prose = document.form === 'report'
      ? report.sections.map((s) => s.text).join('\n')
      : document.blocks.filter((b) => b.kind === 'paragraph').map((b) => (b as { text: string }).text).join('\n');
    const own = checkReport(report);
    return this.db.transaction(async (tx) => {
      const organId = await ensureOrgan(tx, organ, hintsOf(report, prose));
      await tx.query('INSERT INTO store_files (sha256, name, size, form, content) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO UPDATE SET form = EXCLUDED.form', [
        sha, name, bytes.length, document.form, Buffer.from(bytes),
      ]);
      await tx.query(
        `INSERT INTO store_reports (id, file_sha256, organ_id, organ_name, year, template, report, prose) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, sha, organId, organ, report.meta.year, report.meta.template, JSON.stringify(report), prose],
      );
      await writeFindings(tx, id, 'one', own);
      // continuity with the years on either side, whichever came first
      if (report.meta.year) {
        await refreshPair(tx, organId, report.meta.year);
        await refreshPair(tx, organId, report.meta.year + 1);
      }
      await recount(tx, id);
      const findings = await findingsOf(tx, id);
      return { id, file: name, created: true, organ, year: report.meta.year, report, findings };
    });
  }

  async importFile(path: string): Promise<ImportOutcome> {
    return this.importBytes(await readInputFile(path), path);
  }

  async list(filter: Filter = {}): Promise<StoredRow[]> {
    const where: string[] = ['r.seq = (SELECT max(seq) FROM store_reports x WHERE x.organ_id = r.organ_id AND x.year IS NOT DISTINCT FROM r.year)'];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.year !== undefined) add('r.year = ?', filter.year);
    if (filter.organ) {
      const found = await findOrgan(this.db, filter.organ);
      add('o.id = ?', found.organ?.id ?? -1);
    }
    if (filter.region) {
      params.push(await this.regionPathOf(filter.region));
      const n = params.length;
      where.push(`(o.region_path = $${n} OR o.region_path LIKE $${n} || '/%' OR o.region_path LIKE '%/' || $${n} OR o.region_path LIKE '%/' || $${n} || '/%')`);
    }
    if (filter.rule || filter.severity) {
      const cond: string[] = [];
      if (filter.rule) {
        params.push(filter.rule);
        cond.push(`fi.rule = $${params.length}`);
      }
      if (filter.severity) {
        params.push(filter.severity);
        cond.push(`fi.severity = $${params.length}`);
      }
      where.push(`EXISTS (SELECT 1 FROM store_findings fi WHERE fi.report_id = r.id AND ${cond.join(' AND ')})`);
    }
    return this.db.query<StoredRow>(`${ROW_SQL} WHERE ${where.join(' AND ')} ORDER BY o.region_path COLLATE "C" NULLS LAST, o.key COLLATE "C", r.year`, params);
  }

  async get(id: string): Promise<{ row: StoredRow; report: Report; findings: Finding[] } | undefined> {
    const rows = await this.db.query<StoredRow & { report: unknown }>(`${ROW_SQL.replace('SELECT r.id,', 'SELECT r.report, r.id,')} WHERE r.id = $1`, [id]);
    if (!rows.length) return undefined;
    const { report, ...row } = rows[0];
    return { row, report: json<Report>(report), findings: await findingsOf(this.db, id) };
  }

  async forOrganYear(organ: string, year: number): Promise<{ row: StoredRow; report: Report; findings: Finding[] } | undefined> {
    const rows = await this.list({ organ, year });
    return rows.length ? this.get(rows[0].id) : undefined;
  }

  /** Findings of the reports that pass the filter (the latest report of each organ and year). */
  async findings(filter: Filter = {}): Promise<Array<{ row: StoredRow; finding: Finding }>> {
    const out: Array<{ row: StoredRow; finding: Finding }> = [];
    for (const row of await this.list(filter)) {
      for (const f of await findingsOf(this.db, row.id)) {
        if (filter.rule && f.rule !== filter.rule) continue;
        if (filter.severity && f.severity !== filter.severity) continue;
        out.push({ row, finding: f });
      }
    }
    return out;
  }

  /**
   * The organ a name stands for, and where it is: the stored organ when there is one, and the
   * identity read from the name (key, places, GB/T 2260 code). Hints (postcode, telephone, text of
   * the report) decide between places of the same name, as they do on import.
   */
  async resolveOrgan(name: string, hints: PlaceHints = {}): Promise<{ organ: StoredOrgan | undefined; identity: OrganIdentity }> {
    return findOrgan(this.db, name, hints);
  }

  /** Set an organ's region by hand (kept over what the name suggests): a code, or names from the top down. */
  async setOrganRegion(organ: string, path: string): Promise<StoredOrgan> {
    return this.db.transaction(async (tx) => {
      // an organ the store has not seen yet is created, so that its reports land in the region set
      if (!/^#?\d+$/.test(organ.trim()) && !(await findOrgan(tx, organ)).organ) await ensureOrgan(tx, organ);
      return setRegion(tx, organ, path);
    });
  }

  /** The reports of `from` organs become reports of `into` (a reviewer's decision, kept for later imports). */
  mergeOrgans(into: string, from: string[]): Promise<{ into: StoredOrgan; merged: StoredOrgan[] }> {
    return this.db.transaction((tx) => mergeOrgans(tx, into, from));
  }

  /** The reports written under `name` become an organ of their own (optionally placed in `region`). */
  splitOrgan(name: string, region?: string): Promise<{ from: StoredOrgan; to: StoredOrgan; reports: number }> {
    return this.db.transaction((tx) => splitOrgan(tx, name, region));
  }

  /** One organ: where it is, every name its reports were written under with the years, the years missing. */
  async organ(name: string): Promise<StoredOrgan & Awaited<ReturnType<typeof organHistory>>> {
    const o = await organNamed(this.db, name);
    return { ...o, ...(await organHistory(this.db, o.id)) };
  }

  async organs(): Promise<Array<{ id: number; name: string; key: string; region: string | null; code: string | null; source: string; reports: number; years: number[] }>> {
    return (
      await this.db.query<{ id: number; name: string; key: string; region_path: string | null; region_code: string | null; region_source: string; n: string | number; years: number[] | null }>(
        `SELECT o.id, o.name, o.key, o.region_path, o.region_code, o.region_source, count(r.id) AS n, array_agg(DISTINCT r.year) FILTER (WHERE r.year IS NOT NULL) AS years
         FROM store_organs o LEFT JOIN store_reports r ON r.organ_id = o.id
         GROUP BY o.id, o.name, o.key, o.region_path, o.region_code, o.region_source ORDER BY o.region_path COLLATE "C" NULLS LAST, o.key COLLATE "C"`,
      )
    ).map((r) => ({ id: r.id, name: r.name, key: r.key, region: r.region_path, code: r.region_code, source: r.region_source, reports: Number(r.n), years: (r.years ?? []).map(Number).sort((a, b) => a - b) }));
  }

  async regions(): Promise<Array<{ path: string; name: string; parent: string | null; level: string | null; code: string | null }>> {
    return (await this.db.query<{ path: string; name: string; parent_path: string | null; level: string | null; code: string | null }>('SELECT path, name, parent_path, level, code FROM store_regions ORDER BY path COLLATE "C"')).map(
      (r) => ({ path: r.path, name: r.name, parent: r.parent_path, level: r.level, code: r.code }),
    );
  }

  /**
   * Tables summed by region and/or year, with the measures people quote, the units missing (they
   * reported the year before) and the units whose figures could not all be read.
   */
  async summarize(by: Array<'region' | 'year'>, filter: Filter = {}): Promise<RollupGroup[]> {
    // the year before is read too: who reported then and not now is "missing"
    const rows = await this.list({ region: filter.region, organ: filter.organ });
    const wanted = filter.year === undefined ? rows : rows.filter((r) => r.year === filter.year || (by.includes('year') && r.year === filter.year! - 1));
    const reports: Array<{ row: StoredRow; report: Report }> = [];
    for (const chunk of chunks(wanted, 500)) {
      const got = await this.db.query<{ id: string; report: unknown }>(`SELECT id, report FROM store_reports WHERE id = ANY($1::text[])`, [chunk.map((r) => r.id)]);
      const byId = new Map(got.map((g) => [g.id, json<Report>(g.report)]));
      for (const row of chunk) reports.push({ row, report: byId.get(row.id)! });
    }
    const groups = rollup(reports, by, filter.region && (await this.regionPathOf(filter.region)), filter.year);
    return filter.year === undefined ? groups : groups.filter((g) => g.year === null || g.year === filter.year);
  }

  /** A region as a user names it — a code, a path or one name — as stored; the text itself when the store has no such region. */
  async regionPathOf(region: string): Promise<string> {
    if (/^\d{6}$/.test(region.trim())) {
      const found = await this.db.query<{ path: string }>('SELECT path FROM store_regions WHERE code = $1', [region.trim()]);
      if (found.length) return found[0].path;
    }
    return region;
  }

  /** 内容雷同 among the latest reports that pass the filter (a year: across organs; with the year before). */
  async similar(filter: Filter = {}): Promise<Array<SimilarPair & { rowA: StoredRow; rowB: StoredRow }>> {
    const rows = await this.list({ region: filter.region, organ: filter.organ });
    const inScope = filter.year === undefined ? rows : rows.filter((r) => r.year === filter.year || r.year === filter.year! - 1);
    const byId = new Map(inScope.map((r) => [r.id, r]));
    const docs: Array<{ id: string; organ: string; year: number | null; text: string }> = [];
    for (const chunk of chunks(inScope, 500)) {
      const got = await this.db.query<{ id: string; prose: string }>('SELECT id, prose FROM store_reports WHERE id = ANY($1::text[])', [chunk.map((r) => r.id)]);
      for (const g of got) docs.push({ id: g.id, organ: byId.get(g.id)!.organ, year: byId.get(g.id)!.year, text: g.prose });
    }
    return findSimilar(docs)
      .filter((p) => filter.year === undefined || byId.get(p.a)!.year === filter.year || byId.get(p.b)!.year === filter.year)
      .filter((p) => {
        // an organ's own reports (another import of the year, or last year's words used again) are no 内容雷同
        return byId.get(p.a)!.organKey !== byId.get(p.b)!.organKey;
      })
      .map((p) => ({ ...p, rowA: byId.get(p.a)!, rowB: byId.get(p.b)! }));
  }

  /** The original file of a report. */
  async original(id: string): Promise<{ name: string; bytes: Uint8Array } | undefined> {
    const rows = await this.db.query<{ name: string; content: Uint8Array }>(
      'SELECT f.name, f.content FROM store_reports r JOIN store_files f ON f.sha256 = r.file_sha256 WHERE r.id = $1', [id],
    );
    return rows.length ? { name: rows[0].name, bytes: new Uint8Array(rows[0].content) } : undefined;
  }
}

export async function openStore(options: OpenOptions = {}): Promise<Store> {
  return Store.open(options);
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

async function findingsOf(db: Db, id: string): Promise<Finding[]> {
  const rows = await db.query<{ rule: string; severity: Finding['severity']; message: string; location: unknown; expected: unknown; actual: unknown; related: string | null }>(
    `SELECT rule, severity, message, location, expected, actual, related FROM store_findings WHERE report_id = $1 ORDER BY CASE scope WHEN 'one' THEN 0 ELSE 1 END, n`, [id],
  );
  return rows.map((r) => {
    const f: Finding = { rule: r.rule, severity: r.severity, message: r.message };
    // jsonb comes back decoded from PGlite and pg alike; a string value is a string, not JSON text
    if (r.location !== null) f.where = r.location as Finding['where'];
    if (r.expected !== null) f.expected = r.expected as Finding['expected'];
    if (r.actual !== null) f.actual = r.actual as Finding['actual'];
    if (r.related !== null) f.related = r.related;
    return f;
  });
}

