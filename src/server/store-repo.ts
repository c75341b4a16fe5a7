/** The web application's report repository on the report store (src/store). */
import { openStore, organKey, type Store } from '../store/index.js';
import type { StoredRow } from '../store/index.js';
import type { Backend } from './start.js';
import type { DuplicatePair, ReportRepo, ReportRow, RollupRow, StoredReport } from './reports.js';

function rowOf(r: StoredRow): ReportRow {
  return {
    id: r.id,
    organ: r.organ,
    regions: r.region ? r.region.split('/') : [],
    year: r.year,
    file: r.file,
    template: r.template,
    counts: { error: r.errors, warning: r.warnings, info: r.infos },
  };
}

/**
 * Roll-ups and 内容雷同 are computed over every report of a region (100 ms and more for a district):
 * under a reviewer's browsing they are kept, keyed by the filter and by what the store holds (the
 * last import and the organs' regions), so any change — from this process, a command-line import or
 * another server on the same PostgreSQL — is seen at once.
 */
class DerivedCache {
  private version = '';
  private entries = new Map<string, Promise<unknown>>();
  constructor(private readonly store: Store) {}

  private async currentVersion(): Promise<string> {
    const [r] = await this.store.db.query<{ v: string }>(
      `SELECT (SELECT coalesce(max(seq), 0) || ':' || count(*) FROM store_reports) || ':' ||
              (SELECT coalesce(md5(string_agg(key || '=' || coalesce(region_path, ''), ',' ORDER BY id)), '') FROM store_organs) AS v`,
    );
    return r.v;
  }

  async get<T>(kind: string, filter: object, compute: () => Promise<T>): Promise<T> {
    const version = await this.currentVersion();
    if (version !== this.version) {
      this.version = version;
      this.entries.clear();
    }
    const key = `${kind}|${JSON.stringify(filter)}`;
    let hit = this.entries.get(key) as Promise<T> | undefined;
    if (!hit) {
      if (this.entries.size >= 256) this.entries.clear();
      hit = compute();
      this.entries.set(key, hit);
      // a failed computation is not kept
      hit.catch(() => {
        if (this.entries.get(key) === hit) this.entries.delete(key);
      });
    }
    return hit;
  }
}

export function repoOf(store: Store): ReportRepo {
  const cache = new DerivedCache(store);
  const stored = (s: Awaited<ReturnType<Store['get']>>): StoredReport | undefined => s && { row: rowOf(s.row), report: s.report, findings: s.findings };
  return {
    async importFile(bytes, name, options) {
      const r = await store.importBytes(bytes, name, options);
      return { id: r.id, organ: r.organ, year: r.year, report: r.report, findings: r.findings, created: r.created };
    },
    async list(filter) {
      return (await store.list(filter)).map(rowOf);
    },
    async get(id) {
      return stored(await store.get(id));
    },
    async forOrganYear(organ, year) {
      return stored(await store.forOrganYear(organ, year));
    },
    rollup: (filter) => cache.get('rollup', filter, async () => {
      const groups = await store.summarize(['region', 'year'], filter);
      return groups
        .filter((g) => g.region !== null && g.year !== null)
        .map((g): RollupRow => ({
          region: g.region!.split('/').pop()!,
          year: g.year!,
          reports: g.reports,
          missing: g.missing,
          incomplete: g.incomplete,
          requests: g.requests,
          review: g.review,
          measures: { disclosureRate: g.measures.disclosureRate, unavailableShare: g.measures.unavailableShare, correctionRate: g.measures.correctionRate },
        }));
    }),
    duplicates: (filter) =>
      cache.get('duplicates', filter, async () =>
        (await store.similar(filter)).map((p): DuplicatePair => ({ a: rowOf(p.rowA), b: rowOf(p.rowB), score: p.score, severity: p.severity, passages: p.passages })),
      ),
    async regions() {
      return (await store.regions()).map((r) => ({ name: r.name, parent: r.parent ? r.parent.split('/').pop()! : null, level: r.level }));
    },
    async organs() {
      return (await store.organs()).map((o) => ({ id: o.id, name: o.name, regions: o.region ? o.region.split('/') : [], code: o.code, years: o.years }));
    },
    async organ(name) {
      const o = await store.organ(name);
      return { id: o.id, name: o.name, regions: o.region ? o.region.split('/') : [], code: o.regionCode, years: o.years, names: o.names, gaps: o.gaps, source: o.source };
    },
    async mergeOrgans(into, from) {
      await store.mergeOrgans(into, from);
    },
    async splitOrgan(name) {
      await store.splitOrgan(name);
    },
    async setOrganRegion(organ, region) {
      // a bare name chosen in the web form: keep the known path of that region if there is one
      const known = (await store.regions()).find((r) => r.name === region || r.path === region);
      await store.setOrganRegion(organ, known?.path ?? region);
    },
    sameOrgan: (a, b) => organKey(a) === organKey(b),
    close: () => store.close(),
  };
}

export async function storeRepo(options: { dataDir?: string; databaseUrl?: string }): Promise<Backend> {
  const store = await openStore(options);
  return { db: store.db, reports: repoOf(store), close: () => store.close() };
}
