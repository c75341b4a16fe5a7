/** The reviewer's picture of a region and year, shared by the pages and the JSON API. */
import type { User } from './auth.js';
import type { Services } from './context.js';
import { latestReviews, type Review } from './drafts.js';
import type { DuplicatePair, ReportRow, RollupRow } from './reports.js';
import { reviewRegion } from './access.js';

export interface OverviewItem {
  organ: string;
  regions: string[];
  year: number;
  report: ReportRow | null;
  status: 'missing' | 'errors' | 'warnings' | 'clean';
  duplicateOf: string[];
  review: Review | null;
  /** The stored report changed after the review (re-imported). */
  reviewOutdated: boolean;
}

export interface Overview {
  region: string | null;
  year: number | null;
  years: number[];
  regions: string[];
  items: OverviewItem[];
  totals: { organs: number; in: number; missing: number; errors: number; duplicates: number; reviewed: number };
}

export interface OverviewFilter {
  region?: string;
  year?: number;
  status?: string;
  q?: string;
}

/** One collator for every sort: `localeCompare` with a locale builds a new one on each call. */
const ZH = new Intl.Collator('zh-CN');

export async function overview(s: Services, user: User, f: OverviewFilter): Promise<Overview> {
  const repo = s.reports!;
  const region = reviewRegion(user, f.region);
  const all = await repo.list({ region });
  const years = [...new Set(all.map((r) => r.year).filter((y): y is number => y !== null))].sort((a, b) => b - a);
  const year = f.year ?? years[0] ?? null;
  const regionNames = (await repo.regions()).map((r) => r.name);
  const rows = all.filter((r) => r.year === year);
  // The latest import per organ.
  const byOrgan = new Map<string, ReportRow>();
  for (const r of rows) byOrgan.set(r.organ, r);
  // Organs of the region that sent a report in some year but not in this one.
  const known = new Map<string, string[]>();
  for (const r of all) known.set(r.organ, r.regions);
  const dupes = year ? await repo.duplicates({ region, year }).catch(() => [] as DuplicatePair[]) : [];
  const dupOf = new Map<string, Set<string>>();
  for (const p of dupes) {
    if (p.severity !== 'warning') continue;
    (dupOf.get(p.a.id) ?? dupOf.set(p.a.id, new Set()).get(p.a.id)!).add(p.b.organ);
    (dupOf.get(p.b.id) ?? dupOf.set(p.b.id, new Set()).get(p.b.id)!).add(p.a.organ);
  }
  const reviews = year ? await latestReviews(s.db, year) : new Map<string, Review>();
  let items: OverviewItem[] = [...known.entries()].map(([organ, regions]) => {
    const report = byOrgan.get(organ) ?? null;
    const review = (year && reviews.get(`${organ}|${year}`)) || null;
    const status: OverviewItem['status'] = !report ? 'missing' : report.counts.error ? 'errors' : report.counts.warning ? 'warnings' : 'clean';
    return {
      organ,
      regions,
      year: year ?? 0,
      report,
      status,
      duplicateOf: report ? [...(dupOf.get(report.id) ?? [])] : [],
      review,
      reviewOutdated: !!(review && report && review.reportRef && review.reportRef !== report.id),
    };
  });
  items.sort((a, b) => ZH.compare(a.organ, b.organ));
  const totals = {
    organs: items.length,
    in: items.filter((i) => i.report).length,
    missing: items.filter((i) => !i.report).length,
    errors: items.filter((i) => i.status === 'errors').length,
    duplicates: items.filter((i) => i.duplicateOf.length).length,
    reviewed: items.filter((i) => i.review?.status === 'reviewed' && !i.reviewOutdated).length,
  };
  if (f.status === 'missing' || f.status === 'errors' || f.status === 'warnings' || f.status === 'clean') items = items.filter((i) => i.status === f.status);
  if (f.status === 'duplicates') items = items.filter((i) => i.duplicateOf.length);
  if (f.status === 'unreviewed') items = items.filter((i) => i.report && (!i.review || i.reviewOutdated));
  if (f.status === 'reviewed') items = items.filter((i) => i.review?.status === 'reviewed' && !i.reviewOutdated);
  if (f.q) items = items.filter((i) => i.organ.includes(f.q!));
  return { region: region ?? null, year, years, regions: regionNames, items, totals };
}

export interface Trends {
  region: string | null;
  years: number[];
  series: { key: string; name: string; values: (number | null)[] }[];
  rows: RollupRow[];
}

/** Region totals over the years: received, granted, not held, reconsiderations, lawsuits, 公开率. */
export async function trends(s: Services, user: User, askedRegion?: string): Promise<Trends> {
  const region = reviewRegion(user, askedRegion);
  const rows = (await s.reports!.rollup({ region })).filter((r) => !region || r.region === region);
  // Without a region, one line per year summed over the top-level regions.
  const byYear = new Map<number, RollupRow[]>();
  for (const r of rows) (byYear.get(r.year) ?? byYear.set(r.year, []).get(r.year)!).push(r);
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const total = (year: number, table: 'requests' | 'review', row: string, col: number) =>
    byYear.get(year)!.reduce((s, r) => s + (r[table][row]?.[col] ?? 0), 0);
  const series = [
    { key: 'received', name: '新收申请', values: years.map((y) => total(y, 'requests', 'newReceived', 6)) },
    { key: 'granted', name: '予以公开', values: years.map((y) => total(y, 'requests', 'granted', 6)) },
    { key: 'notHeld', name: '本机关不掌握', values: years.map((y) => total(y, 'requests', 'unavailable.notHeld', 6)) },
    { key: 'reconsideration', name: '行政复议', values: years.map((y) => total(y, 'review', 'reconsideration', 4)) },
    {
      key: 'litigation',
      name: '行政诉讼',
      values: years.map((y) => total(y, 'review', 'litigationDirect', 4) + total(y, 'review', 'litigationAfterReconsideration', 4)),
    },
  ];
  return { region: region ?? null, years, series, rows };
}
