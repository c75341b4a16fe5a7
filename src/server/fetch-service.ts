/**
 * Import by web address in the web application: the administrator's settings (internal networks,
 * limits per user, politeness), the per-user limits, the reports waiting for a person to confirm
 * their organ, and the importer that files a report only where the user may.
 */
import { canEditOrgan, canSeeReport } from './access.js';
import type { User } from './auth.js';
import type { ReportRepo } from './reports.js';
import { all, one, json, type DbLike } from './sql.js';
import { HttpClient } from '../fetch/http.js';
import { recordSource, StoreLedger, type ReportSource } from '../fetch/ledger.js';
import { organIdentity, type OrganCandidate, type OrganPlacement } from '../fetch/organ.js';
import { Fetcher, ImportRefused, type AddressOutcome, type Importer } from '../fetch/run.js';

export interface FetchSettings {
  /** Addresses in private, loopback and link-local networks allowed (an intranet deployment). */
  allowInternal: boolean;
  /** Internal hosts allowed one by one (host or host:port). */
  allowHosts: string[];
  /** Most addresses in one request, column links included. */
  perRequest: number;
  /** Most addresses one user may have fetched in an hour. */
  perHour: number;
  /** Least time between two requests to one site, milliseconds. */
  intervalMs: number;
  timeoutSeconds: number;
  retries: number;
}

export const DEFAULT_FETCH_SETTINGS: FetchSettings = { allowInternal: false, allowHosts: [], perRequest: 20, perHour: 200, intervalMs: 1000, timeoutSeconds: 20, retries: 2 };

/** Typed rows over the web application's database handle. */
function typed(db: DbLike) {
  return { query: <T>(sql: string, params?: unknown[]) => all<T>(db, sql, params ?? []) };
}

export async function loadFetchSettings(db: DbLike): Promise<FetchSettings> {
  const row = await one<{ value: unknown }>(db, `SELECT value FROM fetch_settings WHERE key = 'web'`);
  return { ...DEFAULT_FETCH_SETTINGS, ...(row ? json<Partial<FetchSettings>>(row.value) : {}) };
}

/** Settings from a form or JSON, each checked; a message for the first that is wrong. */
export function validateFetchSettings(input: Record<string, unknown>): FetchSettings | string {
  const int = (name: keyof FetchSettings, min: number, max: number): number | string => {
    const v = input[name] ?? DEFAULT_FETCH_SETTINGS[name];
    const n = Number(v);
    return Number.isInteger(n) && n >= min && n <= max ? n : `${name} 应为 ${min}–${max} 之间的整数`;
  };
  const hostsRaw = input.allowHosts ?? [];
  const hosts = (Array.isArray(hostsRaw) ? hostsRaw.map(String) : String(hostsRaw).split(/[\s,，]+/)).map((h) => h.trim().toLowerCase()).filter(Boolean);
  if (hosts.some((h) => !/^[a-z0-9.\-\[\]:]+$/.test(h))) return 'allowHosts 只能是主机名或“主机名:端口”';
  const out: Record<string, unknown> = { allowInternal: input.allowInternal === true || input.allowInternal === 'on' || input.allowInternal === '1' || input.allowInternal === 'true', allowHosts: hosts };
  for (const [name, min, max] of [['perRequest', 1, 500], ['perHour', 1, 100_000], ['intervalMs', 0, 60_000], ['timeoutSeconds', 1, 300], ['retries', 0, 5]] as const) {
    const v = int(name, min, max);
    if (typeof v === 'string') return v;
    out[name] = v;
  }
  return out as unknown as FetchSettings;
}

export async function saveFetchSettings(db: DbLike, settings: FetchSettings): Promise<void> {
  await db.query(`INSERT INTO fetch_settings (key, value) VALUES ('web', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [JSON.stringify(settings)]);
}

/** Addresses the user has had fetched in the last hour. */
export async function fetchedLastHour(db: DbLike, userId: number): Promise<number> {
  const row = await one<{ n: number | string }>(db, `SELECT count(*) AS n FROM fetch_requests WHERE user_id = $1 AND at > now() - interval '1 hour'`, [userId]);
  return Number(row?.n ?? 0);
}

/** Whether a user may file a report under an organ in a region. */
function mayFile(user: User, organ: string, region: string | null, repo: ReportRepo): boolean {
  if (user.role === 'clerk') return canEditOrgan(user, organ, repo);
  return canSeeReport(user, { organ, regions: region ? region.split('/') : [] }, repo);
}

function webImporter(db: DbLike, repo: ReportRepo, user: User): Importer {
  return {
    async directory() {
      const organs = await repo.organs();
      const regions = new Set<string>();
      for (const o of organs) for (let i = 1; i <= o.regions.length; i++) regions.add(o.regions.slice(0, i).join('/'));
      return { organs: organs.map((o) => ({ name: o.name, key: organIdentity(o.name).key, region: o.regions.length ? o.regions.join('/') : null })), regions: [...regions] };
    },
    async importReport(bytes, name, placement, source) {
      return importConfirmed(db, repo, user, bytes, name, placement.organ, placement.region, source);
    },
  };
}

async function importConfirmed(db: DbLike, repo: ReportRepo, user: User, bytes: Uint8Array, name: string, organ: string, region: string | null, source: ReportSource) {
  if (!mayFile(user, organ, region, repo)) throw new ImportRefused(`无权导入“${organ}”的报告（${user.role === 'clerk' ? '填报人只能导入本机关的报告' : '不在您审阅的地区内'}）`);
  const r = await repo.importFile(bytes, name, { organ });
  if (region && repo.setOrganRegion) {
    const known = (await repo.organs()).find((o) => o.name === r.organ);
    if (known && !known.regions.length) await repo.setOrganRegion(r.organ, region.split('/').pop()!);
  }
  await recordSource(typed(db), r.id, source);
  return { id: r.id, created: r.created, organ: r.organ, findings: r.findings };
}

export interface WebFetchResult {
  outcomes: AddressOutcome[];
  /** Pending confirmations made by this request, by address. */
  pending: Map<string, number>;
  /** Addresses over the limit of one request, not fetched. */
  leftOver: string[];
}

/** Users with a fetch running: one at a time each. */
const running = new Set<number>();

export class FetchBusy extends Error {}

export async function runWebFetch(db: DbLike, repo: ReportRepo, user: User, addresses: string[], options: { years?: number[]; column?: boolean; settings: FetchSettings }): Promise<WebFetchResult> {
  if (running.has(user.id)) throw new FetchBusy('上一批网址还在获取中，请稍后再试');
  running.add(user.id);
  try {
    const s = options.settings;
    const http = new HttpClient({
      allowInternal: s.allowInternal,
      allowHosts: s.allowHosts,
      intervalMs: s.intervalMs,
      timeoutMs: s.timeoutSeconds * 1000,
      retries: s.retries,
      backoffMs: 500,
      maxBytes: 20 * 1024 * 1024,
    });
    const fetcher = new Fetcher(http, new StoreLedger(typed(db)), { years: options.years, column: options.column ? 'always' : 'auto', limit: s.perRequest, concurrency: 3 }, webImporter(db, repo, user));
    const outcomes = await fetcher.run(addresses);
    const pending = new Map<string, number>();
    for (const o of outcomes) {
      await db.query('INSERT INTO fetch_requests (user_id, address) VALUES ($1, $2)', [user.id, o.address]);
      if (o.kind === 'unconfirmed' && o.found) {
        const f = o.found;
        // asked again before answering: one question per address
        await db.query('DELETE FROM fetch_pending WHERE user_id = $1 AND address = $2', [user.id, o.address]);
        const row = await one<{ id: number }>(
          db,
          `INSERT INTO fetch_pending (user_id, address, source_url, source_page, name, content, sha256, published_on, fetched_at, agency, year, candidates)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
          [user.id, o.address, f.source.url, f.source.page, f.name, Buffer.from(f.bytes), f.sha256, f.source.published ?? null, f.source.fetchedAt, f.report.meta.agency, f.report.meta.year, JSON.stringify(o.placement?.candidates ?? [])],
        );
        pending.set(o.address, row!.id);
      }
    }
    return { outcomes, pending, leftOver: fetcher.leftOver };
  } finally {
    running.delete(user.id);
  }
}

export interface PendingReport {
  id: number;
  address: string;
  sourceUrl: string;
  name: string;
  agency: string | null;
  year: number | null;
  published: string | null;
  fetchedAt: string;
  candidates: OrganCandidate[];
}

function pendingOf(r: Record<string, unknown>): PendingReport {
  return {
    id: Number(r.id),
    address: String(r.address),
    sourceUrl: String(r.source_url),
    name: String(r.name),
    agency: (r.agency as string | null) ?? null,
    year: r.year === null || r.year === undefined ? null : Number(r.year),
    published: (r.published_on as string | null) ?? null,
    fetchedAt: new Date(r.fetched_at as string).toISOString(),
    candidates: json<OrganCandidate[]>(r.candidates),
  };
}

/** Reports waiting for confirmation: the user's own (an administrator sees all). */
export async function listPending(db: DbLike, user: User): Promise<PendingReport[]> {
  const rows = await all<Record<string, unknown>>(
    db,
    `SELECT id, address, source_url, name, agency, year, published_on, fetched_at, candidates FROM fetch_pending WHERE $1::boolean OR user_id = $2 ORDER BY id`,
    [user.role === 'admin', user.id],
  );
  return rows.map(pendingOf);
}

async function pendingRow(db: DbLike, user: User, id: number) {
  return one<Record<string, unknown>>(db, `SELECT * FROM fetch_pending WHERE id = $1 AND ($2::boolean OR user_id = $3)`, [id, user.role === 'admin', user.id]);
}

/** A person's answer: the report filed under `organ` (a candidate or a name typed), or refused. */
export async function confirmPending(db: DbLike, repo: ReportRepo, user: User, id: number, organ: string): Promise<{ id: string; created: boolean; organ: string } | undefined> {
  const row = await pendingRow(db, user, id);
  if (!row) return undefined;
  const p = pendingOf(row);
  const chosen = p.candidates.find((c) => c.organ === organ);
  const region = chosen?.region ?? (organIdentity(organ).regions.join('/') || null);
  const source: ReportSource = { url: p.sourceUrl, page: String(row.source_page ?? p.address), fetchedAt: p.fetchedAt, published: p.published ?? undefined };
  const stored = await importConfirmed(db, repo, user, new Uint8Array(row.content as Uint8Array), p.name, organ, region, source);
  await new StoreLedger(typed(db)).put({ address: p.address, outcome: stored.created ? 'imported' : 'duplicate', sourceUrl: p.sourceUrl, sha256: String(row.sha256), reportId: stored.id, organ: stored.organ, confidence: 1, published: p.published ?? undefined, fetchedAt: p.fetchedAt });
  await db.query('DELETE FROM fetch_pending WHERE id = $1', [id]);
  return stored;
}

export async function discardPending(db: DbLike, user: User, id: number): Promise<boolean> {
  const row = await pendingRow(db, user, id);
  if (!row) return false;
  await db.query('DELETE FROM fetch_pending WHERE id = $1', [id]);
  return true;
}
