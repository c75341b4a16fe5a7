/**
 * The report store, the same tests on the embedded PGlite and on a real PostgreSQL server:
 * idempotent import with the original file kept, organs and regions, continuity across years in
 * either import order, 内容雷同 (planted copies found, the template ignored), roll-ups equal to sums
 * computed here, queries — and the same answers from both stores.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.js';
import { generateReport } from '../../src/model/generate.js';
import type { Report } from '../../src/model/report.js';
import { startPostgres } from './support.js';
import { uniqueProse } from './support.js';

const seedDir = join(import.meta.dirname, '..', 'fixtures', 'seeds');
const seedFiles = readdirSync(seedDir).filter((f) => f.endsWith('.txt')).map((f) => join(seedDir, f));
const enc = (r: Report) => new TextEncoder().encode(JSON.stringify(r));

const DISTRICTS = ['宝山区', '红旗区', '牧野区'];
const UNITS = ['七星街道办事处', '财政局', '卫生健康委员会', '市场监督管理局'];

/** A corpus of 2 years × 3 districts × 4 units, consistent across years, prose unique per report. */
function corpus(): Report[] {
  const out: Report[] = [];
  let seed = 1;
  for (const district of DISTRICTS) {
    for (const unit of UNITS) {
      let previous: Report | undefined;
      for (const year of [2023, 2024]) {
        const r = generateReport({ seed: seed++, layout: '2021', year, agency: `${district}${unit}` });
        if (previous) r.requests.carriedOver = [...previous.requests.carriedForward];
        // keep the balance: 一 + 二 = （七） + 四, by moving the difference into 四
        r.requests.carriedForward = r.requests.carriedForward.map((_, c) => r.requests.newReceived[c]! + r.requests.carriedOver[c]! - r.requests.total[c]!);
        r.sections[4].text = uniqueProse(seed * 7, 6);
        out.push(r);
        previous = r;
      }
    }
  }
  return out;
}

const pg = startPostgres();
after(() => pg?.stop());

const backends: Array<{ name: string; open: () => Promise<Store> }> = [{ name: 'PGlite', open: () => openStore({ dataDir: 'memory://' }) }];
if (pg) {
  let n = 0;
  backends.push({
    name: 'PostgreSQL',
    open: async () => {
      // a database per test, on the one server
      const admin = await openStore({ databaseUrl: pg.url });
      const db = `t${process.pid}_${++n}`;
      await admin.db.exec(`CREATE DATABASE ${db}`);
      await admin.close();
      return openStore({ databaseUrl: pg.url.replace(/\/postgres$/, `/${db}`) });
    },
  });
}

const answers = new Map<string, unknown[]>();
function record(name: string, value: unknown): void {
  const list = answers.get(name) ?? [];
  list.push(JSON.parse(JSON.stringify(value)));
  answers.set(name, list);
}

for (const backend of backends) {
  test(`${backend.name}: import is idempotent, keeps the original, infers organs and regions`, async () => {
    const store = await backend.open();
    try {
      const first = [];
      for (const f of seedFiles) first.push(await store.importFile(f));
      assert.ok(first.every((r) => r.created));
      const again = await store.importFile(seedFiles[2]);
      assert.equal(again.created, false);
      assert.equal(again.id, first[2].id);
      assert.equal((await store.list()).length, 5);
      const original = await store.original(first[0].id);
      assert.deepEqual(original?.bytes, new Uint8Array(readFileSync(seedFiles[0])));
      const organs = await store.organs();
      assert.deepEqual(organs.find((o) => o.name.includes('上塘'))?.region, '浙江省/杭州市/拱墅区');
      // 宝山区 of the seeds is 双鸭山's, not 上海's: their 街道 and postcodes say so
      assert.equal((await store.list({ region: '宝山区' })).length, 3);
      assert.equal((await store.list({ region: '黑龙江省/双鸭山市' })).length, 3);
      assert.equal((await store.list({ region: '杭州市' })).length, 1);
      await store.setOrganRegion('宝山区七星街道办事处', '上海市/宝山区');
      assert.equal((await store.list({ region: '上海市' })).length, 1);
      assert.equal((await store.list({ region: '双鸭山市' })).length, 2);
      assert.deepEqual((await store.list({ rule: 'template.outdated' })).map((r) => r.year).sort(), [2023, 2024]);
      record('seeds.list', (await store.list()).map((r) => [r.id, r.organ, r.region, r.year, r.errors, r.warnings, r.infos]));
      // 内容雷同: seeds 000 and 003 share only the stock opening sentence, 001 and 002 only the template: nothing
      const pairs = await store.similar();
      assert.deepEqual(pairs.map((p) => [p.rowA.organ, p.rowB.organ]), []);
      record('seeds.similar', pairs.length);
    } finally {
      await store.close();
    }
  });

  test(`${backend.name}: continuity across years whichever year is imported first; roll-ups equal independent sums`, async () => {
    const store = await backend.open();
    try {
      const reports = corpus();
      // a broken carry-over planted in one organ, the later year imported first
      const broken = reports.findIndex((r) => r.meta.agency === '红旗区财政局' && r.meta.year === 2024);
      reports[broken].requests.carriedOver[0]! += 1;
      reports[broken].requests.carriedForward[0]! += 1;
      for (const r of [...reports].reverse()) await store.importBytes(enc(r), `${r.meta.agency}${r.meta.year}.json`);
      const carry = await store.findings({ rule: 'continuity.carryover' });
      assert.deepEqual(carry.map((f) => [f.row.organ, f.row.year, f.finding.where?.col, f.finding.expected, f.finding.actual]), [
        ['红旗区财政局', 2024, 0, reports[broken].requests.carriedOver[0]! - 1, reports[broken].requests.carriedOver[0]],
      ]);
      const sums = await store.summarize(['region', 'year']);
      for (const district of DISTRICTS) {
        for (const year of [2023, 2024]) {
          const mine = reports.filter((r) => r.meta.agency!.startsWith(district) && r.meta.year === year);
          const g = sums.find((x) => x.region?.split('/').pop() === district && x.year === year)!;
          assert.equal(g.reports, 4);
          for (const row of ['newReceived', 'granted', 'total', 'carriedForward']) {
            assert.deepEqual(g.requests[row], [0, 1, 2, 3, 4, 5, 6].map((c) => mine.reduce((s, r) => s + (r.requests[row][c] ?? 0), 0)), `${district} ${year} ${row}`);
          }
          const t = (k: string) => mine.reduce((s, r) => s + r.requests[k][6]!, 0);
          assert.equal(g.measures.disclosureRate, Math.round(((t('granted') + t('partiallyGranted')) / t('total')) * 10000) / 10000);
        }
      }
      record('corpus.summarize', sums);
      // no 内容雷同 among reports whose prose is their own (the generated template is everyone's)
      assert.deepEqual((await store.similar({ year: 2024 })).filter((p) => p.severity === 'warning'), []);
    } finally {
      await store.close();
    }
  });

  test(`${backend.name}: planted copies are found — a whole report copied, a paragraph taken from a neighbour`, async () => {
    const store = await backend.open();
    try {
      const reports = corpus();
      const a = reports.find((r) => r.meta.agency === '牧野区财政局' && r.meta.year === 2024)!;
      const b = reports.find((r) => r.meta.agency === '牧野区市场监督管理局' && r.meta.year === 2024)!;
      const c = reports.find((r) => r.meta.agency === '宝山区财政局' && r.meta.year === 2024)!;
      const d = reports.find((r) => r.meta.agency === '红旗区卫生健康委员会' && r.meta.year === 2024)!;
      b.sections = structuredClone(a.sections); // the whole prose copied
      d.sections[4].text = `${c.sections[4].text.split('。').slice(0, 3).join('。')}。${d.sections[4].text}`; // three sentences taken
      for (const r of reports) await store.importBytes(enc(r), `${r.meta.agency}${r.meta.year}.json`);
      const pairs = await store.similar({ year: 2024 });
      const names = pairs.map((p) => [p.severity, [p.rowA.organ, p.rowB.organ].sort().join('+')]);
      assert.deepEqual(names, [
        ['warning', '牧野区市场监督管理局+牧野区财政局'],
        ['info', '宝山区财政局+红旗区卫生健康委员会'],
      ]);
      assert.equal(pairs[1].passages.length, 3);
      record('planted.similar', pairs.map((p) => [p.a, p.b, p.severity, p.passages.length]));
    } finally {
      await store.close();
    }
  });
}

test('both stores give the same answers', { skip: !pg && 'PostgreSQL is not installed here' }, () => {
  for (const [name, list] of answers) {
    assert.equal(list.length, 2, name);
    assert.deepEqual(list[1], list[0], name);
  }
});
