/** Report drafts kept on the server, one per organ and year, and the reviews of stored reports. */
import { LAYOUTS, REVIEW_ROWS, SECTIONS } from '../model/layouts.js';
import { REPORT_SCHEMA_ID, type Report } from '../model/report.js';
import { all, json, one, type DbLike } from './sql.js';

export interface Draft {
  id: number;
  organ: string;
  year: number;
  report: Report;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

interface DraftRow {
  id: number;
  organ: string;
  year: number;
  report: unknown;
  version: number;
  updated_at: string | Date;
  updated_by_name: string | null;
}

function toDraft(r: DraftRow): Draft {
  return {
    id: Number(r.id),
    organ: r.organ,
    year: Number(r.year),
    report: json<Report>(r.report),
    version: Number(r.version),
    updatedAt: new Date(r.updated_at).toISOString(),
    updatedBy: r.updated_by_name,
  };
}

const SELECT = `SELECT d.*, u.username AS updated_by_name FROM web_drafts d LEFT JOIN web_users u ON u.id = d.updated_by`;

export async function getDraft(db: DbLike, id: number): Promise<Draft | undefined> {
  const r = await one<DraftRow>(db, `${SELECT} WHERE d.id = $1`, [id]);
  return r && toDraft(r);
}

export async function findDraft(db: DbLike, organ: string, year: number): Promise<Draft | undefined> {
  const r = await one<DraftRow>(db, `${SELECT} WHERE d.organ = $1 AND d.year = $2`, [organ, year]);
  return r && toDraft(r);
}

export async function listDrafts(db: DbLike, organ?: string): Promise<Draft[]> {
  const rows = organ
    ? await all<DraftRow>(db, `${SELECT} WHERE d.organ = $1 ORDER BY d.year DESC, d.id DESC`, [organ])
    : await all<DraftRow>(db, `${SELECT} ORDER BY d.organ, d.year DESC`);
  return rows.map(toDraft);
}

export async function createDraft(db: DbLike, organ: string, year: number, report: Report, userId: number): Promise<Draft> {
  const r = await one<{ id: number }>(
    db,
    `INSERT INTO web_drafts (organ, year, report, created_by, updated_by) VALUES ($1, $2, $3, $4, $4) RETURNING id`,
    [organ, year, JSON.stringify(report), userId],
  );
  return (await getDraft(db, Number(r!.id)))!;
}

/** Saves when `version` is the stored one; returns undefined when someone else saved in between. */
export async function saveDraft(db: DbLike, id: number, report: Report, version: number, userId: number): Promise<Draft | undefined> {
  const rows = await all<{ id: number }>(
    db,
    `UPDATE web_drafts SET report = $2, version = version + 1, updated_by = $3, updated_at = now()
     WHERE id = $1 AND version = $4 RETURNING id`,
    [id, JSON.stringify(report), userId, version],
  );
  return rows.length ? getDraft(db, id) : undefined;
}

export async function deleteDraft(db: DbLike, id: number): Promise<void> {
  await db.query('DELETE FROM web_drafts WHERE id = $1', [id]);
}

/**
 * A new report for an organ and year in the 2021 layout: every cell blank, the six headings, and —
 * when last year's report is given — its contact line and table II's in-force counts carried, and
 * 上年结转 filled from its 结转下年度.
 */
export function blankReport(organ: string, year: number, previous?: Report): Report {
  const layout = LAYOUTS['2021'];
  const requests: Report['requests'] = {};
  for (const row of layout.requests) requests[row.key] = [null, null, null, null, null, null, null];
  const carried = previous?.requests.carriedForward;
  if (carried) requests.carriedOver = carried.map((v) => (typeof v === 'number' ? v : null));
  const review: Report['review'] = {};
  for (const row of REVIEW_ROWS) review[row.key] = [null, null, null, null, null];
  const active: Report['active'] = {};
  for (const row of layout.active) {
    active[row.key] = {};
    for (const f of row.fields) active[row.key][f.key] = null;
  }
  return {
    schema: REPORT_SCHEMA_ID,
    meta: {
      title: `${organ}${year}年政府信息公开工作年度报告`,
      agency: organ,
      year,
      template: '2021',
      period: { start: `${year}-01-01`, end: `${year}-12-31` },
      contact: previous?.meta.contact ?? null,
    },
    sections: SECTIONS.map((s) => ({ no: s.no, heading: s.heading, text: '' })),
    active,
    requests,
    review,
  };
}

// ---------------------------------------------------------------- reviews

export interface Review {
  id: number;
  organ: string;
  year: number;
  reportRef: string | null;
  status: 'reviewed' | 'returned';
  comment: string;
  reviewer: string | null;
  createdAt: string;
}

interface ReviewRow {
  id: number;
  organ: string;
  year: number;
  report_ref: string | null;
  status: 'reviewed' | 'returned';
  comment: string;
  reviewer: string | null;
  created_at: string | Date;
}

function toReview(r: ReviewRow): Review {
  return {
    id: Number(r.id),
    organ: r.organ,
    year: Number(r.year),
    reportRef: r.report_ref,
    status: r.status,
    comment: r.comment,
    reviewer: r.reviewer,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const REVIEW_SELECT = `SELECT r.*, COALESCE(NULLIF(u.display_name, ''), u.username) AS reviewer FROM web_reviews r LEFT JOIN web_users u ON u.id = r.reviewer_id`;

export async function addReview(
  db: DbLike,
  v: { organ: string; year: number; reportRef: string | null; status: 'reviewed' | 'returned'; comment: string; reviewerId: number },
): Promise<Review> {
  const r = await one<{ id: number }>(
    db,
    'INSERT INTO web_reviews (organ, year, report_ref, status, comment, reviewer_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [v.organ, v.year, v.reportRef, v.status, v.comment, v.reviewerId],
  );
  return toReview((await one<ReviewRow>(db, `${REVIEW_SELECT} WHERE r.id = $1`, [r!.id]))!);
}

export async function reviewsFor(db: DbLike, organ: string, year: number): Promise<Review[]> {
  return (await all<ReviewRow>(db, `${REVIEW_SELECT} WHERE r.organ = $1 AND r.year = $2 ORDER BY r.id DESC`, [organ, year])).map(toReview);
}

/** The latest review of each organ-year (for the overview). */
export async function latestReviews(db: DbLike, year?: number): Promise<Map<string, Review>> {
  const rows = year
    ? await all<ReviewRow>(db, `${REVIEW_SELECT} WHERE r.year = $1 ORDER BY r.id`, [year])
    : await all<ReviewRow>(db, `${REVIEW_SELECT} ORDER BY r.id`);
  const out = new Map<string, Review>();
  for (const r of rows) out.set(`${r.organ}|${r.year}`, toReview(r));
  return out;
}
