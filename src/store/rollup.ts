/**
 * Roll-ups: the tables of the units under a region summed, as a district publishes its own
 * figures, and the measures people quote. A unit counts for its region and every region above it.
 * The 2019 table's single （六）其他处理 row is counted as the 2021 table's 3.其他.
 *
 * A roll-up a reviewer can sign says what it is built on: the units counted, the units that
 * reported the year before and not this year (missing), and the units whose tables have cells
 * that could not be read — a total over them is incomplete, not a smaller true figure.
 */
import { LAYOUTS, REVIEW_ROWS } from '../model/layouts.js';
import type { Report } from '../model/report.js';

export interface Measures {
  /** 公开率: (予以公开 + 部分公开) / 办理结果总计 */
  disclosureRate: number | null;
  /** 无法提供 share of 办理结果总计 */
  unavailableShare: number | null;
  /** 复议/诉讼纠错率: 结果纠正 / (维持 + 纠正 + 其他结果) */
  correctionRate: number | null;
  /** 不予公开 by reason: row key → count */
  deniedByReason: Record<string, number>;
}

export interface RollupGroup {
  region: string | null;
  year: number | null;
  reports: number;
  /** Table II: every count field summed, keyed "row.field" (e.g. "licensing.decisions"). */
  active: Record<string, number>;
  requests: Record<string, number[]>;
  review: Record<string, number[]>;
  measures: Measures;
  /** Units that reported the year before and not this year (only when grouped by year). */
  missing: string[];
  /** Units counted whose tables have blank or unreadable cells: the sums are incomplete. */
  incomplete: string[];
}

/** The unit a report is from, as the roll-up names it. */
export interface RollupRow {
  region: string | null;
  year: number | null;
  organ?: string;
  organKey?: string;
}

const ROWS_2021 = LAYOUTS['2021'].requests;

function add(target: Record<string, number[]>, key: string, values: Array<number | null>, width: number): void {
  const t = (target[key] ??= new Array(width).fill(0));
  values.forEach((v, i) => (t[i] += v ?? 0));
}

/** Blank or unreadable cells in tables III and IV, or table II counts that are not numbers. */
export function hasUnreadCells(report: Report): boolean {
  if (report.anomalies?.length) return true;
  for (const cells of Object.values(report.requests)) if (cells.some((v) => v === null)) return true;
  for (const cells of Object.values(report.review)) if (cells.some((v) => v === null)) return true;
  for (const row of LAYOUTS[report.meta.template].active) {
    for (const f of row.fields) if (f.kind === 'count' && typeof report.active[row.key]?.[f.key] !== 'number') return true;
  }
  return false;
}

function addActive(target: Record<string, number>, report: Report): void {
  for (const row of LAYOUTS[report.meta.template].active) {
    for (const f of row.fields) {
      if (f.kind !== 'count') continue;
      const v = report.active[row.key]?.[f.key];
      const k = `${row.key}.${f.key}`;
      target[k] = (target[k] ?? 0) + (typeof v === 'number' ? v : 0);
    }
  }
}

/** Is `path` the region `within`, or below it? `within` is a path ("双鸭山市/宝山区") or one name. */
export function isWithin(path: string, within: string): boolean {
  const parts = path.split('/');
  const w = within.split('/').filter(Boolean);
  for (let i = 0; i + w.length <= parts.length; i++) if (w.every((n, j) => parts[i + j] === n)) return true;
  return false;
}

/** The region paths a unit counts for: its own and every one above it. */
function regionsOf(path: string | null): Array<string | null> {
  if (!path) return [null];
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

export function measuresOf(requests: Record<string, number[]>, review: Record<string, number[]>): Measures {
  const total = (row: string) => requests[row]?.[6] ?? 0;
  const outcomes = total('total') || ROWS_2021.filter((r) => r.outcome).reduce((s, r) => s + total(r.key), 0);
  const unavailable = ROWS_2021.filter((r) => r.key.startsWith('unavailable.')).reduce((s, r) => s + total(r.key), 0);
  let decided = 0;
  let corrected = 0;
  for (const r of REVIEW_ROWS) {
    const v = review[r.key] ?? [0, 0, 0, 0, 0];
    decided += v[0] + v[1] + v[2];
    corrected += v[1];
  }
  const deniedByReason: Record<string, number> = {};
  for (const r of ROWS_2021) if (r.key.startsWith('denied.')) deniedByReason[r.key] = total(r.key);
  const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 10000) / 10000 : null);
  return {
    disclosureRate: ratio(total('granted') + total('partiallyGranted'), outcomes),
    unavailableShare: ratio(unavailable, outcomes),
    correctionRate: ratio(corrected, decided),
    deniedByReason,
  };
}

export function rollup(
  reports: Array<{ row: RollupRow; report: Report }>,
  by: Array<'region' | 'year'>,
  within?: string,
  /** A year asked for: regions with units the year before get its roll-up even when none reported. */
  year?: number,
): RollupGroup[] {
  const groups = new Map<string, RollupGroup & { units: Map<string, string> }>();
  for (const { row, report } of reports) {
    const regions = by.includes('region') ? regionsOf(row.region) : [null];
    const unreadable = hasUnreadCells(report);
    const unit = row.organKey ?? row.organ ?? report.meta.agency ?? '';
    for (const region of regions) {
      // under a chosen region, only it and what lies below it
      if (within && region !== null && !isWithin(region, within)) continue;
      const year = by.includes('year') ? row.year : null;
      const key = `${region ?? ''}|${year ?? ''}`;
      const g = groups.get(key) ?? { region, year, reports: 0, active: {}, requests: {}, review: {}, measures: measuresOf({}, {}), missing: [] as string[], incomplete: [] as string[], units: new Map<string, string>() };
      g.reports++;
      g.units.set(unit, row.organ ?? report.meta.agency ?? unit);
      if (unreadable) g.incomplete.push(row.organ ?? report.meta.agency ?? unit);
      addActive(g.active, report);
      for (const [k, v] of Object.entries(report.requests)) add(g.requests, report.meta.template === '2019' && k === 'other' ? 'other.other' : k, v, 7);
      for (const [k, v] of Object.entries(report.review)) add(g.review, k, v, 5);
      groups.set(key, g);
    }
  }
  // a region none of whose units reported this year: an empty roll-up that names them all as missing
  const years = new Set([...groups.values()].map((g) => g.year).filter((y): y is number => y !== null));
  if (year !== undefined && by.includes('year')) years.add(year);
  for (const g of [...groups.values()]) {
    if (g.year === null || !years.has(g.year + 1)) continue;
    const key = `${g.region ?? ''}|${g.year + 1}`;
    if (!groups.has(key)) groups.set(key, { region: g.region, year: g.year + 1, reports: 0, active: {}, requests: {}, review: {}, measures: measuresOf({}, {}), missing: [], incomplete: [], units: new Map() });
  }
  for (const g of groups.values()) {
    g.measures = measuresOf(g.requests, g.review);
    g.incomplete.sort((a, b) => a.localeCompare(b, 'zh-CN'));
    if (g.year === null) continue;
    const before = groups.get(`${g.region ?? ''}|${g.year - 1}`);
    if (before) g.missing = [...before.units].filter(([k]) => !g.units.has(k)).map(([, name]) => name).sort((a, b) => a.localeCompare(b, 'zh-CN'));
  }
  return [...groups.values()]
    .map(({ units: _units, ...g }) => g)
    .sort((a, b) => (a.region ?? '\uffff').localeCompare(b.region ?? '\uffff', 'zh-CN') || (a.year ?? 0) - (b.year ?? 0));
}
