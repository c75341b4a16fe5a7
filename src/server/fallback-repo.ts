/**
 * A report repository kept in memory, used only while the report store (src/store) is not part of
 * the build: the web application then still checks, keeps and reviews reports for the life of the
 * process. Parsing and checking are the pipeline's; the regions are the leading 市/区/县 of the
 * organ's name; no 内容雷同 detection (that is the store's).
 */
import { createHash } from 'node:crypto';
import { LAYOUTS } from '../model/layouts.js';
import type { Report } from '../model/report.js';
import { loadReportFromBytes } from '../pipeline.js';
import { InputError } from '../errors.js';
import { organKey } from './access.js';
import type { ImportResult, ReportRepo, ReportRow, RollupRow, StoredReport } from './reports.js';
import { checkReport } from './service.js';

function regionsOf(organ: string): string[] {
  const out: string[] = [];
  const re = /^(.{2,8}?(?:省|自治区|市|地区|自治州|区|县))/;
  let rest = organ;
  for (let i = 0; i < 3; i++) {
    const m = re.exec(rest);
    if (!m || m[1].length >= rest.length - 1) break;
    out.push(m[1]);
    rest = rest.slice(m[1].length);
  }
  return out;
}

function sumInto(target: Record<string, number[]>, source: Record<string, (number | null)[]>, width: number): void {
  for (const [k, v] of Object.entries(source)) {
    const t = (target[k] ??= new Array(width).fill(0));
    v.forEach((x, i) => (t[i] += x ?? 0));
  }
}

export function fallbackRepo(): ReportRepo {
  const byId = new Map<string, StoredReport & { seq: number }>();
  const regionOverride = new Map<string, string>();
  let seq = 0;
  const regionsFor = (organ: string) => {
    const o = regionOverride.get(organKey(organ));
    return o ? [o] : regionsOf(organ);
  };
  const rows = () => [...byId.values()].sort((a, b) => a.seq - b.seq).map((s) => ({ ...s.row, regions: regionsFor(s.row.organ) }));
  const latest = (organ: string, year: number) =>
    [...byId.values()].filter((s) => organKey(s.row.organ) === organKey(organ) && s.row.year === year).sort((a, b) => b.seq - a.seq)[0];

  return {
    async importFile(bytes, name): Promise<ImportResult> {
      const id = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
      const existing = byId.get(id);
      if (existing) return { id, organ: existing.row.organ, year: existing.row.year, report: existing.report, findings: existing.findings, created: false };
      const { report } = await loadReportFromBytes(bytes, name);
      if (!report.meta.agency) throw new InputError(name, '报告中找不到机关名称，无法入库');
      const previous = report.meta.year ? latest(report.meta.agency, report.meta.year - 1)?.report : undefined;
      const findings = await checkReport(report, { previous });
      const counts = { error: 0, warning: 0, info: 0 };
      for (const f of findings) counts[f.severity]++;
      const row: ReportRow = { id, organ: report.meta.agency, regions: [], year: report.meta.year, file: name, template: report.meta.template, counts };
      byId.set(id, { row, report, findings, seq: ++seq });
      return { id, organ: row.organ, year: row.year, report, findings, created: true };
    },
    async list(f) {
      return rows().filter((r) => (!f.region || r.regions.includes(f.region)) && (!f.year || r.year === f.year) && (!f.organ || organKey(f.organ) === organKey(r.organ)));
    },
    async get(id) {
      const s = byId.get(id);
      return s && { row: { ...s.row, regions: regionsFor(s.row.organ) }, report: s.report, findings: s.findings };
    },
    async forOrganYear(organ, year) {
      const s = latest(organ, year);
      return s && { row: { ...s.row, regions: regionsFor(s.row.organ) }, report: s.report, findings: s.findings };
    },
    async rollup(f) {
      const groups = new Map<string, { region: string; year: number; reports: Report[] }>();
      const newest = new Map<string, StoredReport>();
      for (const s of [...byId.values()].sort((a, b) => a.seq - b.seq)) newest.set(`${organKey(s.row.organ)}|${s.row.year}`, s);
      for (const s of newest.values()) {
        if (!s.row.year || (f.year && s.row.year !== f.year)) continue;
        for (const region of regionsFor(s.row.organ)) {
          if (f.region && region !== f.region) continue;
          const g = groups.get(`${region}|${s.row.year}`) ?? { region, year: s.row.year, reports: [] };
          g.reports.push(s.report);
          groups.set(`${region}|${s.row.year}`, g);
        }
      }
      const out: RollupRow[] = [];
      for (const g of groups.values()) {
        const requests: Record<string, number[]> = {};
        const review: Record<string, number[]> = {};
        for (const r of g.reports) {
          const req = { ...r.requests };
          // 2019's single （六）其他处理 row is counted as 2021's 3.其他.
          if (r.meta.template === '2019' && req.other) {
            req['other.other'] = req.other;
            delete req.other;
          }
          sumInto(requests, req, 7);
          sumInto(review, r.review, 5);
        }
        const t = (row: string, col = 6) => requests[row]?.[col] ?? 0;
        const outcomes = LAYOUTS['2021'].requests.filter((x) => x.outcome).reduce((s, x) => s + t(x.key), 0);
        const decided = ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'].reduce((s, k) => s + (review[k]?.[0] ?? 0) + (review[k]?.[1] ?? 0) + (review[k]?.[2] ?? 0), 0);
        const corrected = ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'].reduce((s, k) => s + (review[k]?.[1] ?? 0), 0);
        out.push({
          region: g.region,
          year: g.year,
          reports: g.reports.length,
          requests,
          review,
          measures: {
            disclosureRate: outcomes ? (t('granted') + t('partiallyGranted')) / outcomes : null,
            unavailableShare: outcomes ? (t('unavailable.notHeld') + t('unavailable.needsCreation') + t('unavailable.unclear')) / outcomes : null,
            correctionRate: decided ? corrected / decided : null,
          },
        });
      }
      return out.sort((a, b) => a.region.localeCompare(b.region, 'zh-CN') || a.year - b.year);
    },
    async duplicates() {
      return [];
    },
    async regions() {
      const names = new Map<string, string | null>();
      for (const r of rows()) r.regions.forEach((name, i) => names.set(name, i ? r.regions[i - 1] : null));
      return [...names].map(([name, parent]) => ({ name, parent, level: null }));
    },
    async organs() {
      const seen = new Map<string, string[]>();
      for (const r of rows()) seen.set(r.organ, r.regions);
      return [...seen].map(([name, regions]) => ({ name, regions }));
    },
    async setOrganRegion(organ, region) {
      regionOverride.set(organKey(organ), region);
    },
    sameOrgan: (a, b) => organKey(a) === organKey(b),
  };
}
