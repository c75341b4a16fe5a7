/**
 * The report store: import throughput into PGlite and PostgreSQL (text reports, parsed and checked
 * on the way in), and over 100,000 generated reports held in memory: roll-up, continuity between
 * consecutive years, 内容雷同; with peak memory.
 * Reproduce: npm run bench -- store   (NIANBAO_BENCH_REPORTS=20000 for a smaller corpus)
 */
import { generateReport } from '../src/model/generate.js';
import type { Report } from '../src/model/report.js';
import { renderText } from '../src/render/text.js';
import { checkReport } from '../src/check/index.js';
import { openStore } from '../src/store/index.js';
import { rollup } from '../src/store/rollup.js';
import { findSimilar } from '../src/store/similarity.js';
import { startPostgres, uniqueProse } from '../test/store/support.js';

let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 50);
timer.unref();

function line(label: string, value: string): void {
  console.log(`${label.padEnd(52)} ${value}`);
}

async function importRun(label: string, open: () => ReturnType<typeof openStore>, files: Array<{ name: string; bytes: Uint8Array }>): Promise<void> {
  const store = await open();
  const t = performance.now();
  for (const f of files) await store.importBytes(f.bytes, f.name);
  const s = (performance.now() - t) / 1000;
  line(`import into ${label} (${files.length} text reports)`, `${(files.length / s).toFixed(0)} reports/s`);
  const q = performance.now();
  const rows = await store.list();
  const sums = await store.summarize(['region', 'year']);
  line(`  query + roll-up over the store`, `${(performance.now() - q).toFixed(0)} ms (${rows.length} rows, ${sums.length} groups)`);
  await store.close();
}

export async function run(): Promise<void> {
  const enc = new TextEncoder();
  const files = Array.from({ length: 400 }, (_, i) => {
    const r = generateReport({ seed: i, layout: i % 2 ? '2021' : '2019', year: 2020 + (i % 5) });
    return { name: `r${i}.txt`, bytes: enc.encode(renderText(r)) };
  });
  await importRun('PGlite', () => openStore({ dataDir: 'memory://' }), files);
  const pg = startPostgres();
  if (pg) {
    try {
      await importRun('PostgreSQL', () => openStore({ databaseUrl: pg.url }), files);
    } finally {
      pg.stop();
    }
  } else line('import into PostgreSQL', 'skipped (PostgreSQL not installed)');

  const n = Number(process.env.NIANBAO_BENCH_REPORTS ?? 100_000);
  const organs = n / 2;
  const t0 = performance.now();
  const reports: Array<{ row: { region: string; year: number }; report: Report }> = [];
  const docs: Array<{ id: string; organ: string; year: number; text: string }> = [];
  const districts = 200;
  for (let o = 0; o < organs; o++) {
    const region = `市${o % 20}/区${o % districts}`;
    let previous: Report | undefined;
    for (const year of [2023, 2024]) {
      const r = generateReport({ seed: o * 2 + year, layout: '2021', year, agency: `区${o % districts}单位${o}` });
      // consecutive years agree, except every 500th organ: planted breaks the continuity check must find
      if (previous) r.requests.carriedOver = previous.requests.carriedForward.map((v, c) => (o % 500 === 0 && c === 0 ? (v ?? 0) + 1 : v));
      previous = r;
      reports.push({ row: { region, year }, report: r });
      docs.push({ id: `${o}-${year}`, organ: r.meta.agency!, year, text: `${r.sections[0].text}\n${uniqueProse(o * 2 + year, 5)}` });
    }
  }
  // plant copies: every 1,000th organ copies its neighbour's prose
  for (let i = 0; i + 2 < docs.length; i += 2000) docs[i + 2].text = docs[i].text;
  line(`generate ${n.toLocaleString('en')} reports`, `${((performance.now() - t0) / 1000).toFixed(1)} s`);

  let t = performance.now();
  const groups = rollup(reports, ['region', 'year']);
  line(`roll-up by region and year (${groups.length} groups)`, `${((performance.now() - t) / 1000).toFixed(2)} s`);

  t = performance.now();
  let carry = 0;
  for (let i = 0; i < reports.length; i += 2) carry += checkReport(reports[i + 1].report, { previous: reports[i].report, only: ['continuity.carryover'] }).length;
  line(`continuity between years (${organs.toLocaleString('en')} pairs)`, `${((performance.now() - t) / 1000).toFixed(2)} s (${carry} findings; planted ${Math.ceil(organs / 500)})`);

  t = performance.now();
  const pairs = findSimilar(docs);
  const warnings = pairs.filter((p) => p.severity === 'warning').length;
  line(`内容雷同 over ${n.toLocaleString('en')} reports`, `${((performance.now() - t) / 1000).toFixed(1)} s (${warnings} warnings, ${pairs.length - warnings} info; planted ${Math.ceil((docs.length - 2) / 2000)})`);
  sample();
  line('peak memory (RSS)', `${(peak / 2 ** 20).toFixed(0)} MiB`);
  console.log('reproduce: npm run bench -- store');
}
