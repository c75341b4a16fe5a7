/**
 * The report store: reports imported from files of any form, kept with their original bytes
 * (content-addressed), their parsed JSON and findings, organs and regions, and the questions asked
 * of thousands of reports — continuity across years, 内容雷同, roll-ups by region.
 *
 * Every import of a file is one transaction: a report is there with its file, organ and findings,
 * or not at all (a process killed midway leaves nothing half-written).
 */
import { createHash } from 'node:crypto';
import { checkReport, ruleById } from '../check/index.js';
import { InputError } from '../errors.js';
import type { Finding } from '../model/findings.js';
import type { Report } from '../model/report.js';
import { loadReportFromBytes, readInputFile } from '../pipeline.js';
import { openDb, type Db, type OpenOptions } from './db.js';
import { inferRegions, organKey, regionPath, type RegionPart } from './organs.js';
import { findSimilar, type SimilarPair } from './similarity.js';
import { rollup, type RollupGroup } from './rollup.js';

export { organKey, inferRegions } from './organs.js';
export type { Db } from './db.js';

const PAIR_RULES = ['continuity.carryover', 'continuity.in-force', 'continuity.copied'].filter((id) => ruleById(id));

export interface StoredRow {
  id: string;
  organ: string;
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
const ROW_SQL = `SELECT r.id, o.name AS organ, o.key AS "organKey", o.region_path AS region, r.year, r.template, f.name AS file,
  r.errors, r.warnings, r.infos
  FROM store_reports r JOIN store_organs o ON o.id = r.organ_id JOIN store_files f ON f.sha256 = r.file_sha256`;

function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

export class Store {
  constructor(readonly db: Db) {}

  static async open(options: OpenOptions = {}): Promise<Store> {
    return new Store(await openDb(options));
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
      const organId = await ensureOrgan(tx, organ);
      await tx.query('INSERT INTO store_files (sha256, name, size, form, content) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO UPDATE SET form = EXCLUDED.form', [
        sha, name, bytes.length, document.form, Buffer.from(bytes),
      ]);
      await tx.query(
        `INSERT INTO store_reports (id, file_sha256, organ_id, year, template, report, prose) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, sha, organId, report.meta.year, report.meta.template, JSON.stringify(report), prose],
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
    if (filter.organ) add('o.key = ?', organKey(filter.organ));
    if (filter.region) {
      params.push(filter.region);
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

  /** Set an organ's region by hand (kept over what the name suggests). */
  async setOrganRegion(organ: string, path: string): Promise<void> {
    const parts = path.split('/').map((s) => s.trim()).filter(Boolean);
    if (!parts.length) throw new InputError(organ, '地区不能为空');
    await this.db.transaction(async (tx) => {
      const organId = await ensureOrgan(tx, organ);
      await ensureRegions(tx, parts.map((name) => ({ name, level: null })));
      await tx.query(`UPDATE store_organs SET region_path = $1, region_source = 'set' WHERE id = $2`, [parts.join('/'), organId]);
    });
  }

  async organs(): Promise<Array<{ name: string; key: string; region: string | null; source: string; reports: number }>> {
    return (
      await this.db.query<{ name: string; key: string; region_path: string | null; region_source: string; n: string | number }>(
        `SELECT o.name, o.key, o.region_path, o.region_source, count(r.id) AS n FROM store_organs o LEFT JOIN store_reports r ON r.organ_id = o.id
         GROUP BY o.id, o.name, o.key, o.region_path, o.region_source ORDER BY o.region_path COLLATE "C" NULLS LAST, o.key COLLATE "C"`,
      )
    ).map((r) => ({ name: r.name, key: r.key, region: r.region_path, source: r.region_source, reports: Number(r.n) }));
  }

  async regions(): Promise<Array<{ path: string; name: string; parent: string | null; level: string | null }>> {
    return (await this.db.query<{ path: string; name: string; parent_path: string | null; level: string | null }>('SELECT path, name, parent_path, level FROM store_regions ORDER BY path COLLATE "C"')).map(
      (r) => ({ path: r.path, name: r.name, parent: r.parent_path, level: r.level }),
    );
  }

  /** Tables summed by region and/or year, with the measures people quote. */
  async summarize(by: Array<'region' | 'year'>, filter: Filter = {}): Promise<RollupGroup[]> {
    const rows = await this.list({ region: filter.region, year: filter.year, organ: filter.organ });
    const reports: Array<{ row: StoredRow; report: Report }> = [];
    for (const chunk of chunks(rows, 500)) {
      const got = await this.db.query<{ id: string; report: unknown }>(`SELECT id, report FROM store_reports WHERE id = ANY($1::text[])`, [chunk.map((r) => r.id)]);
      const byId = new Map(got.map((g) => [g.id, json<Report>(g.report)]));
      for (const row of chunk) reports.push({ row, report: byId.get(row.id)! });
    }
    return rollup(reports, by, filter.region);
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
        // the same organ's report of the same year imported twice is not copying
        const a = byId.get(p.a)!;
        const b = byId.get(p.b)!;
        return !(a.organKey === b.organKey && a.year === b.year);
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

async function ensureRegions(db: Db, parts: Array<{ name: string; level: string | null }>): Promise<void> {
  for (let i = 0; i < parts.length; i++) {
    const path = regionPath(parts.slice(0, i + 1));
    const parent = i ? regionPath(parts.slice(0, i)) : null;
    await db.query('INSERT INTO store_regions (path, name, parent_path, level) VALUES ($1, $2, $3, $4) ON CONFLICT (path) DO NOTHING', [path, parts[i].name, parent, parts[i].level]);
  }
}

async function ensureOrgan(db: Db, name: string): Promise<number> {
  const key = organKey(name);
  const found = await db.query<{ id: number }>('SELECT id FROM store_organs WHERE key = $1', [key]);
  if (found.length) return found[0].id;
  const parts: RegionPart[] = inferRegions(name);
  if (parts.length) await ensureRegions(db, parts);
  const made = await db.query<{ id: number }>('INSERT INTO store_organs (key, name, region_path) VALUES ($1, $2, $3) RETURNING id', [key, name, parts.length ? regionPath(parts) : null]);
  return made[0].id;
}

async function writeFindings(db: Db, id: string, scope: 'one' | 'pair', findings: Finding[]): Promise<void> {
  await db.query('DELETE FROM store_findings WHERE report_id = $1 AND scope = $2', [id, scope]);
  let n = 0;
  for (const f of findings) {
    await db.query(
      `INSERT INTO store_findings (report_id, n, scope, rule, severity, message, location, expected, actual, related) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, n++, scope, f.rule, f.severity, f.message, f.where ? JSON.stringify(f.where) : null, f.expected === undefined ? null : JSON.stringify(f.expected), f.actual === undefined ? null : JSON.stringify(f.actual), f.related ?? null],
    );
  }
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

/** The latest report of an organ's year. */
async function latestOf(db: Db, organId: number, year: number): Promise<{ id: string; report: Report } | undefined> {
  const rows = await db.query<{ id: string; report: unknown }>('SELECT id, report FROM store_reports WHERE organ_id = $1 AND year = $2 ORDER BY seq DESC LIMIT 1', [organId, year]);
  return rows.length ? { id: rows[0].id, report: json<Report>(rows[0].report) } : undefined;
}

/** Recompute the pair findings of an organ's `year` against its `year − 1`. */
async function refreshPair(db: Db, organId: number, year: number): Promise<void> {
  const current = await latestOf(db, organId, year);
  if (!current) return;
  const previous = await latestOf(db, organId, year - 1);
  const findings = previous ? checkReport(current.report, { previous: previous.report, only: PAIR_RULES }) : [];
  await writeFindings(db, current.id, 'pair', findings);
  await recount(db, current.id);
}

async function recount(db: Db, id: string): Promise<void> {
  await db.query(
    `UPDATE store_reports SET
      errors = (SELECT count(*) FROM store_findings WHERE report_id = $1 AND severity = 'error'),
      warnings = (SELECT count(*) FROM store_findings WHERE report_id = $1 AND severity = 'warning'),
      infos = (SELECT count(*) FROM store_findings WHERE report_id = $1 AND severity = 'info')
     WHERE id = $1`,
    [id],
  );
}
