/**
 * Findings between an organ's consecutive years (上年结转 and the other continuity rules), kept
 * up to date whichever year arrives first, and after a reviewer merges or splits organs. A year
 * with no report before it is checked against nothing: there is no check across a gap.
 */
import { checkReport, ruleById } from '../check/index.js';
import type { Finding } from '../model/findings.js';
import type { Report } from '../model/report.js';
import type { Db } from './db.js';

const PAIR_RULES = ['continuity.carryover', 'continuity.in-force', 'continuity.copied'].filter((id) => ruleById(id));

function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

export async function writeFindings(db: Db, id: string, scope: 'one' | 'pair', findings: Finding[]): Promise<void> {
  await db.query('DELETE FROM store_findings WHERE report_id = $1 AND scope = $2', [id, scope]);
  let n = 0;
  for (const f of findings) {
    await db.query(
      `INSERT INTO store_findings (report_id, n, scope, rule, severity, message, location, expected, actual, related) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, n++, scope, f.rule, f.severity, f.message, f.where ? JSON.stringify(f.where) : null, f.expected === undefined ? null : JSON.stringify(f.expected), f.actual === undefined ? null : JSON.stringify(f.actual), f.related ?? null],
    );
  }
}

/** The latest report of an organ's year. */
export async function latestOf(db: Db, organId: number, year: number): Promise<{ id: string; report: Report } | undefined> {
  const rows = await db.query<{ id: string; report: unknown }>('SELECT id, report FROM store_reports WHERE organ_id = $1 AND year = $2 ORDER BY seq DESC LIMIT 1', [organId, year]);
  return rows.length ? { id: rows[0].id, report: json<Report>(rows[0].report) } : undefined;
}

/** Recompute the pair findings of an organ's `year` against its `year − 1`. */
export async function refreshPair(db: Db, organId: number, year: number): Promise<void> {
  const current = await latestOf(db, organId, year);
  if (!current) return;
  const previous = await latestOf(db, organId, year - 1);
  const findings = previous ? checkReport(current.report, { previous: previous.report, only: PAIR_RULES }) : [];
  await writeFindings(db, current.id, 'pair', findings);
  await recount(db, current.id);
}

export async function recount(db: Db, id: string): Promise<void> {
  await db.query(
    `UPDATE store_reports SET
      errors = (SELECT count(*) FROM store_findings WHERE report_id = $1 AND severity = 'error'),
      warnings = (SELECT count(*) FROM store_findings WHERE report_id = $1 AND severity = 'warning'),
      infos = (SELECT count(*) FROM store_findings WHERE report_id = $1 AND severity = 'info')
     WHERE id = $1`,
    [id],
  );
}

/** Recompute the pair findings of every year of an organ (after its reports changed hands). */
export async function refreshOrgan(db: Db, organId: number): Promise<void> {
  const years = await db.query<{ year: number }>('SELECT DISTINCT year FROM store_reports WHERE organ_id = $1 AND year IS NOT NULL ORDER BY year', [organId]);
  for (const { year } of years) await refreshPair(db, organId, year);
}
