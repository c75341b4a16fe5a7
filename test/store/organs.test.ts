/**
 * One organ is one organ: a reviewer's corpus (60 organs in 6 districts of 2 cities, 2021–2025,
 * each writing its name differently from year to year, some skipping a year) imported into a
 * fresh store gives exactly one organ per organ, every district and city roll-up equal to the
 * sums computed here, the planted carry-over breaks and no others, the gaps shown; whole copies
 * warned, copied passages found, honest pairs never flagged. Names and places alone: the seeds
 * placed in their real provinces, two 城关镇 kept apart, the reviewer's merge, split and
 * set-region followed by every derived result.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, identifyOrgan, type Store, type StoredRow } from '../../src/store/index.js';
import { organCorpus, type Corpus } from '../support/organ-corpus.js';
import type { Report } from '../../src/model/report.js';

const enc = (r: Report) => new TextEncoder().encode(JSON.stringify(r));

test('names of one organ written differently give one key; different organs never share one', () => {
  const same = [
    ['临谷县城北街道办事处', '德水市临谷县人民政府城北街道办事处', '临谷县城北街道', '临谷县人民政府城北街道办事处'],
    ['临谷县城关镇', '临谷县城关镇人民政府', '德水市临谷县城关镇人民政府', '临谷县 城关镇 人民政府'],
    ['黎谷区政府办公室', '黎谷区人民政府办公室', '德水市黎谷区人民政府办公室', '德水市 黎谷区政府办公室'],
    ['德堡区司法局', '庆谷市德堡区司法局', '德堡区司法局（德堡区法制办）', '德堡区 司法局'],
    ['红旗区财政局', '新乡市红旗区财政局', '河南省新乡市红旗区财政局'],
    ['杭州市拱墅区人民政府上塘街道办事处', '拱墅区上塘街道', '拱墅区上塘街道办事处'],
  ];
  for (const names of same) assert.equal(new Set(names.map((n) => identifyOrgan(n).key)).size, 1, names.join(' / '));
  const different = ['临谷县城关镇', '青林县城关镇', '临谷县人民政府', '临谷县人民政府办公室', '临谷县城北街道办事处', '临谷县城南街道办事处', '黎谷区财政局', '黎谷区教育局', '德水市财政局'];
  assert.equal(new Set(different.map((n) => identifyOrgan(n).key)).size, different.length);
});

test('places from the division data: an ambiguous district settled by the town, the postcode or the telephone', () => {
  const chain = (name: string, hints = {}) => identifyOrgan(name, hints).region.map((r) => r.name).join('/');
  assert.equal(chain('宝山区七星街道办事处'), '黑龙江省/双鸭山市/宝山区');
  assert.equal(identifyOrgan('宝山区七星街道办事处').regionCode, '230506');
  assert.equal(chain('宝山区司法局'), '宝山区'); // 上海 or 双鸭山: the name alone does not say
  assert.equal(chain('宝山区司法局', { postcode: '155100' }), '黑龙江省/双鸭山市/宝山区');
  assert.equal(chain('宝山区司法局', { phone: '021-56691234' }), '上海市/宝山区');
  assert.equal(chain('宝山区司法局', { text: '地址：上海市宝山区密山路5号' }), '上海市/宝山区');
  assert.equal(chain('牧野区卫北街道办事处'), '河南省/新乡市/牧野区');
  assert.equal(chain('仙桃市教育局'), '湖北省/仙桃市');
  assert.equal(chain('庆谷市德堡区教育局'), '庆谷市/德堡区'); // not in the data: as written
});

test('the seeds are placed in their real provinces', async () => {
  const store = await openStore({ dataDir: 'memory://' });
  try {
    const dir = join(import.meta.dirname, '..', 'fixtures', 'seeds');
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) await store.importFile(join(dir, f));
    const organs = Object.fromEntries((await store.organs()).map((o) => [o.name, [o.region, o.code]]));
    assert.deepEqual(organs, {
      宝山区七星街道办事处: ['黑龙江省/双鸭山市/宝山区', '230506'],
      宝山区红旗街道办事处: ['黑龙江省/双鸭山市/宝山区', '230506'],
      宝山区跃进街道办事处: ['黑龙江省/双鸭山市/宝山区', '230506'],
      牧野区卫北街道办事处: ['河南省/新乡市/牧野区', '410711'],
      杭州市拱墅区人民政府上塘街道办事处: ['浙江省/杭州市/拱墅区', '330105'],
    });
    // a region is found by its code as well as by its names
    assert.equal((await store.list({ region: '230506' })).length, 3);
    const resolved = await store.resolveOrgan('黑龙江省双鸭山市宝山区人民政府七星街道办事处');
    assert.equal(resolved.organ?.name, '宝山区七星街道办事处');
  } finally {
    await store.close();
  }
});

let corpus: Corpus;
let store: Store;
/** The stored row of each report of the corpus, by its index. */
let rowOf: Array<StoredRow>;
before(async () => {
  corpus = organCorpus({ wholeCopies: 4, passageCopies: 4 });
  store = await openStore({ dataDir: 'memory://' });
  for (const [i, r] of corpus.reports.entries()) await store.importBytes(enc(r.report), `r${i}.json`);
  const rows = new Map((await store.list()).map((r) => [`${r.written} ${r.year}`, r]));
  rowOf = corpus.reports.map((r) => rows.get(`${r.name} ${r.year}`)!);
});
after(() => store?.close());

test('a reviewer\'s corpus: one organ per organ, whatever name each year\'s report used', async () => {
  assert.ok(corpus.reports.length > 250);
  const organs = await store.organs();
  assert.equal(organs.length, corpus.organs.length);
  for (const o of corpus.organs) {
    const ids = new Set(corpus.reports.map((r, i) => (r.organ === o ? rowOf[i].organKey : null)).filter((k) => k !== null));
    assert.equal(ids.size, 1, `${o.district}${o.own}: ${[...ids].join(', ')}`);
    const stored = organs.find((x) => x.key === [...ids][0])!;
    assert.equal(stored.region, `${o.city}/${o.district}`);
    assert.deepEqual(stored.years, o.years);
  }
  // every name as written is kept, with its years
  const first = corpus.organs.find((o) => new Set(corpus.reports.filter((r) => r.organ === o).map((r) => r.name)).size >= 3)!;
  const history = await store.organ(corpus.reports.find((r) => r.organ === first)!.name);
  const expected = new Map<string, number[]>();
  for (const r of corpus.reports.filter((r) => r.organ === first)) expected.set(r.name, [...(expected.get(r.name) ?? []), r.year]);
  assert.deepEqual(new Map(history.names.map((n) => [n.name, n.years])), expected);
});

test('district and city roll-ups equal the sums of their units, with the missing and the incomplete', async () => {
  const groups = await store.summarize(['region', 'year']);
  const regions = new Set(corpus.organs.flatMap((o) => [o.city, `${o.city}/${o.district}`]));
  let checked = 0;
  for (const region of regions) {
    for (const year of [2021, 2022, 2023, 2024, 2025]) {
      const mine = corpus.reports.filter((r) => r.year === year && `${r.organ.city}/${r.organ.district}`.startsWith(region));
      const g = groups.find((x) => x.region === region && x.year === year);
      assert.ok(g, `${region} ${year}`);
      assert.equal(g.reports, mine.length, `${region} ${year}`);
      for (const row of Object.keys(mine[0].report.requests)) {
        assert.deepEqual(g.requests[row], [0, 1, 2, 3, 4, 5, 6].map((c) => mine.reduce((s, r) => s + (r.report.requests[row][c] ?? 0), 0)), `${region} ${year} ${row}`);
      }
      for (const row of Object.keys(mine[0].report.review)) {
        assert.deepEqual(g.review[row], [0, 1, 2, 3, 4].map((c) => mine.reduce((s, r) => s + (r.report.review[row][c] ?? 0), 0)), `${region} ${year} ${row}`);
      }
      assert.equal(g.active['licensing.decisions'], mine.reduce((s, r) => s + (r.report.active.licensing.decisions as number), 0));
      assert.equal(g.active['regulations.inForce'], mine.reduce((s, r) => s + (r.report.active.regulations.inForce as number), 0));
      const reportedBefore = corpus.organs.filter((o) => `${o.city}/${o.district}`.startsWith(region) && o.years.includes(year - 1) && !o.years.includes(year));
      assert.equal(g.missing.length, reportedBefore.length, `${region} ${year} missing`);
      const blank = corpus.blanks.filter((b) => b.year === year && mine.some((r) => r.organ.id === b.organ));
      assert.equal(g.incomplete.length, blank.length, `${region} ${year} incomplete`);
      checked++;
    }
  }
  assert.equal(checked, 40);
  assert.ok(groups.some((g) => g.missing.length > 0) && groups.some((g) => g.incomplete.length > 0));
});

test('carry-over checked across name changes: every planted break found, none invented, none across a gap', async () => {
  const found = (await store.findings({ rule: 'continuity.carryover' })).map((f) => `${f.row.organKey} ${f.row.year}`);
  const keyOf = new Map(corpus.reports.map((r, i) => [r.organ.id, rowOf[i].organKey]));
  const planted = corpus.breaks.map((b) => `${keyOf.get(b.organ)} ${b.year}`);
  assert.ok(planted.length >= 5);
  assert.deepEqual([...new Set(found)].sort(), planted.sort());
  // the gaps are shown
  const gapped = corpus.organs.filter((o) => o.years.length > 1 && o.years[o.years.length - 1] - o.years[0] + 1 > o.years.length);
  assert.ok(gapped.length > 0);
  for (const o of gapped) {
    const h = await store.organ(corpus.reports.find((r) => r.organ === o)!.name);
    assert.deepEqual(h.gaps, [2023], `${o.district}${o.own}`);
  }
});

test('内容雷同: whole copies warned, copied passages found, honest pairs of the same district and year not flagged', async () => {
  const pairs = await store.similar();
  const key = ([a, b]: [number, number]) => [rowOf[a].id, rowOf[b].id].sort().join('+');
  const whole = new Set(corpus.wholeCopies.map(key));
  const passages = new Set(corpus.passageCopies.map(key));
  const got = new Map(pairs.map((p) => [[p.a, p.b].sort().join('+'), p]));
  for (const k of whole) assert.equal(got.get(k)?.severity, 'warning', `whole copy ${k}`);
  for (const k of passages) {
    assert.equal(got.get(k)?.severity, 'info', `copied passage ${k}`);
    assert.ok(got.get(k)!.passages.length >= 2);
  }
  assert.equal(pairs.length, whole.size + passages.size, 'no honest pair flagged');
});

test('the reviewer merges, splits and places organs; continuity and roll-ups follow', async () => {
  const s = await openStore({ dataDir: 'memory://' });
  try {
    const small = organCorpus({ seed: 5, organsPerDistrict: 2, cities: [{ name: '庆谷市', districts: ['德堡区'] }], years: [2022, 2023, 2024] });
    for (const [i, r] of small.reports.entries()) await s.importBytes(enc(r.report), `s${i}.json`);
    assert.equal((await s.organs()).length, 2);
    // a renamed organ the names do not join: a reviewer merges it, and carry-over is checked across the rename
    const base = small.reports.find((r) => r.year === 2024)!;
    const renamed = structuredClone(base.report);
    renamed.meta.agency = '庆谷市德堡区新城街道办事处';
    renamed.meta.year = 2025;
    renamed.requests.carriedOver = renamed.requests.carriedOver.map((v) => (v ?? 0) + 5);
    renamed.requests.newReceived = renamed.requests.newReceived.map((v) => Math.max(0, (v ?? 0) - 5));
    renamed.requests.carriedForward = renamed.requests.carriedForward.map((_, c) => renamed.requests.newReceived[c]! + renamed.requests.carriedOver[c]! - renamed.requests.total[c]!);
    await s.importBytes(enc(renamed), 'renamed.json');
    assert.equal((await s.organs()).length, 3);
    assert.equal((await s.findings({ rule: 'continuity.carryover', year: 2025 })).length, 0);
    const oldName = base.name;
    await s.mergeOrgans(oldName, ['庆谷市德堡区新城街道办事处']);
    assert.equal((await s.organs()).length, 2);
    assert.ok((await s.findings({ rule: 'continuity.carryover', year: 2025 })).length > 0);
    // the merge holds for later imports of the new name
    const again = structuredClone(renamed);
    again.meta.year = 2026;
    await s.importBytes(enc(again), 'again.json');
    assert.equal((await s.organs()).length, 2);
    // split the new name off again: the pair across the rename goes, and 2024 → 2025 is no longer checked
    await s.splitOrgan('庆谷市德堡区新城街道办事处');
    assert.equal((await s.organs()).length, 3);
    assert.equal((await s.findings({ rule: 'continuity.carryover', year: 2025 })).length, 0);
    // set-region: the organ's reports move to the region set, in every roll-up
    await s.setOrganRegion('庆谷市德堡区新城街道办事处', '庆谷市/新城区');
    const groups = await s.summarize(['region', 'year'], { year: 2025 });
    assert.equal(groups.find((g) => g.region === '庆谷市/新城区')?.reports, 1);
    assert.equal(groups.find((g) => g.region === '庆谷市/德堡区')?.reports ?? 0, 0);
    assert.equal(groups.find((g) => g.region === '庆谷市')?.reports, 1);
    // the units that reported in 2024 and not in 2025 are what 德堡区's 2025 roll-up is missing
    const d2025 = (await s.summarize(['region', 'year'], { region: '德堡区', year: 2025 })).find((g) => g.region === '庆谷市/德堡区');
    assert.equal(d2025?.reports, 0);
    assert.deepEqual(d2025?.missing.length, small.organs.filter((o) => o.years.includes(2024)).length);
  } finally {
    await s.close();
  }
});
