/**
 * A government's 汇总: the units its annual report covers, their tables summed, the comparison with
 * the report the government published (rollup.mismatch), and a draft report in the official layout
 * whose six sections carry the summed figures.
 *
 * The units of a government (region R, e.g. 宝山区人民政府 → 宝山区): every organ the report store
 * places in R itself — its departments, its 乡镇/街道, its own office — and the governments of the
 * regions directly below R (a city's district governments, whose reports already cover their own
 * units: their departments are not counted again). Which organ lies in which region is the store's
 * business (src/store: organs(), list()); this module only sums.
 * - Tables III and IV: the units' reports, cell by cell (the 2019 table's single （六）其他处理 counts as
 *   3.其他, as in the store's roll-up).
 * - Table II: each unit's report; a unit without a report that keeps a 主动公开 register counts with
 *   the register's table II; the government's own register (documents the government itself made)
 *   is added as a unit of its own.
 */
import type { UnitsSum } from '../check/rule.js';
import { checkReport } from '../check/index.js';
import type { Finding } from '../model/findings.js';
import { LAYOUTS, REQUEST_COLUMNS, REVIEW_ROWS, SECTIONS, requestRowName } from '../model/layouts.js';
import type { Report } from '../model/report.js';
import { blankReport } from '../server/drafts.js';
import type { Store } from '../store/index.js';
import { inferRegions, organKey, regionPath } from '../store/organs.js';
import { rollup } from '../store/rollup.js';
import { inferOrganKind, type OrganKind } from './organ-kind.js';
import type { Register } from './store.js';
import { deriveTable2, layoutForYear } from './table2.js';

export interface RollupUnit {
  organ: string;
  region: string | null;
  kind: OrganKind;
  /** Where its figures came from: its stored report, its register only, or nothing (missing). */
  source: 'report' | 'register' | 'missing';
  reportId: string | null;
  template: '2021' | '2019' | null;
}

export interface GovernmentRollup {
  government: string;
  region: string | null;
  year: number;
  units: RollupUnit[];
  sum: UnitsSum;
  /** The government's own stored report of the year, and its differences from the sum. */
  published: { reportId: string; findings: Finding[] } | null;
}

const last = (path: string | null) => (path ? path.split('/').pop()! : null);
const parent = (path: string | null) => (path && path.includes('/') ? path.split('/').slice(-2, -1)[0] : null);

/** The government's region path: as the store has it, else from its name. */
async function governmentRegion(store: Store, government: string): Promise<string | null> {
  const known = (await store.organs()).find((o) => o.key === organKey(government));
  if (known?.region) return known.region;
  const parts = inferRegions(government);
  return parts.length ? regionPath(parts) : null;
}

/** Sums table II cells that are numbers (counts and amounts) over the reports of the year's layout. */
export function sumActive(tables: Report['active'][], layoutId: '2021' | '2019'): Report['active'] {
  const out: Report['active'] = {};
  for (const row of LAYOUTS[layoutId].active) {
    out[row.key] = {};
    for (const f of row.fields) {
      if (f.kind === 'change') {
        out[row.key][f.key] = null;
        continue;
      }
      let sum = 0;
      for (const t of tables) {
        const v = t[row.key]?.[f.key];
        if (typeof v === 'number') sum += v;
      }
      out[row.key][f.key] = f.kind === 'amount' ? Math.round(sum * 10000) / 10000 : sum;
    }
  }
  return out;
}

export async function governmentRollup(store: Store, register: Register, government: string, year: number): Promise<GovernmentRollup> {
  const region = await governmentRegion(store, government);
  const govKey = organKey(government);
  const kinds = await register.organKinds();
  const kindOf = (name: string, key: string) => kinds.get(key) ?? inferOrganKind(name);
  const candidates = (await store.organs()).filter((o) => {
    if (o.key === govKey || !region || !o.region) return false;
    // in the government's own region (paths may be spelt from different depths: compare the tail);
    // a government there is this one under another spelling ("宝山区政府"), not a unit
    if (last(o.region) === last(region) && (o.region.endsWith(region) || region.endsWith(o.region))) return kindOf(o.name, o.key) !== 'government';
    // a government of a region directly below
    return parent(o.region) === last(region) && kindOf(o.name, o.key) === 'government';
  });
  const latest = new Map((await store.list({ year })).map((r) => [r.organKey, r]));
  // one government per region below: spellings the store has not merged yet count once, the one with a report first
  const lowerSeen = new Set<string>();
  const organs: typeof candidates = [];
  for (const o of candidates.sort((a, b) => Number(latest.has(b.key)) - Number(latest.has(a.key)) || a.name.localeCompare(b.name, 'zh-CN'))) {
    if (o.region !== region && kindOf(o.name, o.key) === 'government') {
      if (lowerSeen.has(o.region!)) continue;
      lowerSeen.add(o.region!);
    }
    organs.push(o);
  }
  const layoutId = layoutForYear(year);
  const units: RollupUnit[] = [];
  const summed: Array<{ row: { region: string | null; year: number | null }; report: Report }> = [];
  const activeTables: Report['active'][] = [];
  for (const o of organs) {
    const row = latest.get(o.key);
    const unit: RollupUnit = { organ: o.name, region: o.region, kind: kindOf(o.name, o.key), source: 'missing', reportId: null, template: null };
    if (row) {
      const got = await store.get(row.id);
      if (got) {
        unit.source = 'report';
        unit.reportId = row.id;
        unit.template = got.report.meta.template;
        summed.push({ row: { region: null, year: null }, report: got.report });
        if (got.report.meta.template === layoutId) activeTables.push(got.report.active);
      }
    } else if (await register.hasRegister(o.name)) {
      unit.source = 'register';
      activeTables.push(deriveTable2(await register.documentsOf(o.name), await register.countsOf(o.name, year), year, layoutId).active);
    }
    units.push(unit);
  }
  // the government's own documents (规章 and 规范性文件 made in its own name)
  if (await register.hasRegister(government)) {
    units.push({ organ: `${government}（本级主动公开台账）`, region, kind: 'government', source: 'register', reportId: null, template: null });
    activeTables.push(deriveTable2(await register.documentsOf(government), await register.countsOf(government, year), year, layoutId).active);
  }
  units.sort((a, b) => a.organ.localeCompare(b.organ, 'zh-CN'));
  const group = rollup(summed, [])[0];
  const requests: Record<string, number[]> = {};
  for (const r of LAYOUTS['2021'].requests) requests[r.key] = group?.requests[r.key] ?? new Array(REQUEST_COLUMNS.length).fill(0);
  const review: Record<string, number[]> = {};
  for (const r of REVIEW_ROWS) review[r.key] = group?.review[r.key] ?? [0, 0, 0, 0, 0];
  const sum: UnitsSum = { count: units.filter((u) => u.source !== 'missing').length, active: sumActive(activeTables, layoutId), requests, review };
  const own = latest.get(govKey);
  let published: GovernmentRollup['published'] = null;
  if (own) {
    const got = await store.get(own.id);
    if (got) published = { reportId: own.id, findings: checkReport(got.report, { units: sum, only: ['rollup.mismatch'] }) };
  }
  return { government, region, year, units, sum, published };
}

const n = (v: number | null | undefined) => v ?? 0;

/** The 汇总 draft: the official layout (2021), the summed tables, and the six sections' skeletons stating the sums. */
export function rollupDraft(r: GovernmentRollup, previous?: Report): Report {
  const report = blankReport(r.government, r.year, previous);
  if (report.meta.template === '2021') {
    report.active = structuredClone(r.sum.active);
    for (const row of LAYOUTS['2021'].requests) report.requests[row.key] = [...(r.sum.requests[row.key] ?? new Array(7).fill(0))];
    for (const row of REVIEW_ROWS) report.review[row.key] = [...r.sum.review[row.key]];
  }
  const a = r.sum.active;
  const q = (row: string) => n(r.sum.requests[row]?.[6]);
  const counted = r.units.filter((u) => u.source !== 'missing');
  const byKind = (k: OrganKind) => counted.filter((u) => u.kind === k).length;
  const outcome = LAYOUTS['2021'].requests.filter((row) => row.outcome && q(row.key) > 0).map((row) => `${requestRowName('2021', row.key).replace(/（区分处理的.*）/, '')}${q(row.key)}件`);
  const reconsideration = n(r.sum.review.reconsideration?.[4]);
  const litigation = n(r.sum.review.litigationDirect?.[4]) + n(r.sum.review.litigationAfterReconsideration?.[4]);
  const text: Record<number, string> = {
    1: [
      `本报告由${r.government}编制，汇总本级政府及其办公室、所属${byKind('department')}个部门、${byKind('township')}个乡镇（街道）和${byKind('government')}个下级人民政府的政府信息公开工作情况。`,
      '（待填写：主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面的主要做法和成效。）',
      '（待填写：工作考核、社会评议和责任追究结果情况。）',
    ].join('\n'),
    2: `${r.year}年，规章本年制发${n(a.regulations?.issued as number)}件、本年废止${n(a.regulations?.repealed as number)}件、现行有效${n(a.regulations?.inForce as number)}件；行政规范性文件本年制发${n(a.normativeDocuments?.issued as number)}件、本年废止${n(a.normativeDocuments?.repealed as number)}件、现行有效${n(a.normativeDocuments?.inForce as number)}件。行政许可本年处理决定${n(a.licensing?.decisions as number)}件，行政处罚${n(a.penalty?.decisions as number)}件，行政强制${n(a.coercion?.decisions as number)}件；行政事业性收费${n(a.fees?.amount as number)}万元。`,
    3: `${r.year}年，本年新收政府信息公开申请${q('newReceived')}件，上年结转${q('carriedOver')}件；办理答复${q('total')}件${outcome.length ? `，其中${outcome.join('，')}` : ''}；结转下年度继续办理${q('carriedForward')}件。`,
    4: `${r.year}年，因政府信息公开引起行政复议${reconsideration}件、行政诉讼${litigation}件。`,
    5: '（待填写：本年度存在的主要问题、上年度问题的改进情况和下一步改进措施。）',
    6: '（待填写：依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，人大代表建议和政协提案办理结果公开情况，年度政务公开工作要点落实情况等。）',
  };
  report.sections = SECTIONS.map((s) => ({ no: s.no, heading: s.heading, text: text[s.no] }));
  return report;
}
