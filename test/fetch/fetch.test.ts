/**
 * `nianbao fetch` against a government website served on 127.0.0.1 (test/fetch/gov-site.ts): the
 * column's address given, every report found once and stored with every cell as the held-out
 * truth, the publication dates stored, organs placed, each failure explained with its cause; a
 * second run fetches nothing it fetched before.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { HttpClient } from '../../src/fetch/http.js';
import { MemoryLedger, StoreLedger } from '../../src/fetch/ledger.js';
import { Fetcher, type AddressOutcome } from '../../src/fetch/run.js';
import { storeImporter } from '../../src/fetch/store-importer.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { Report } from '../../src/model/report.js';
import { startGovSite, type GovSite } from './gov-site.js';

let site: GovSite;
let store: Store;

before(async () => {
  site = await startGovSite({ slowMs: 8000, hugeBytes: 3 * 1024 * 1024 });
  store = await openStore({ dataDir: 'memory://' });
});
after(async () => {
  await site.close();
  await store.close();
});

/** The client the tests use: the site is on the loopback address, allowed explicitly. */
function client(): HttpClient {
  return new HttpClient({ allowInternal: true, intervalMs: 0, timeoutMs: 3000, retries: 1, backoffMs: 10, maxBytes: 2 * 1024 * 1024 });
}

function sameCells(actual: Report, expected: Report, label: string): void {
  assert.equal(actual.meta.agency, expected.meta.agency, `${label}: organ`);
  assert.equal(actual.meta.year, expected.meta.year, `${label}: year`);
  assert.deepEqual(actual.requests, expected.requests, `${label}: table III`);
  assert.deepEqual(actual.review, expected.review, `${label}: table IV`);
  assert.deepEqual(actual.active, expected.active, `${label}: table II`);
}

const pathOf = (address: string) => new URL(address).pathname;

let firstRun: AddressOutcome[];

test('a column address: every report found once, stored with its cells, source and publication date; failures explained', async () => {
  const hitsBefore = new Map(site.hits);
  const fetcher = new Fetcher(client(), new StoreLedger(store.db), { concurrency: 2 }, storeImporter(store));
  firstRun = await fetcher.run([`${site.url}/col/ndbg/`]);
  const byPath = new Map(firstRun.map((o) => [pathOf(o.address), o]));

  const column = firstRun.filter((o) => o.kind === 'column');
  assert.equal(column.length, 1);
  assert.equal(column[0].pages, 3, 'the three pages of the column');
  assert.equal(column[0].links, 13, 'every report link of the column, the side column’s repeat counted once');

  // every held-out report stored exactly once, every cell right
  const imported = firstRun.filter((o) => o.kind === 'imported');
  assert.equal(imported.length, site.expected.length, firstRun.map((o) => `${o.kind} ${o.address} ${o.reason ?? ''}`).join('\n'));
  const rows = await store.list();
  assert.equal(rows.length, site.expected.length);
  for (const truth of site.expected) {
    const o = byPath.get(truth.article);
    assert.ok(o && (o.kind === 'imported' || o.kind === 'duplicate'), `${truth.article}: ${o?.kind} ${o?.reason}`);
    const stored = await store.forOrganYear(truth.report.meta.agency!, truth.report.meta.year!);
    assert.ok(stored, `${truth.article} stored`);
    sameCells(stored.report, truth.report, truth.article);
    const [source] = await store.db.query<{ source_url: string; source_page: string; published_on: string; fetched_at: unknown }>(
      'SELECT source_url, source_page, published_on, fetched_at FROM store_reports WHERE id = $1', [stored.row.id],
    );
    assert.equal(source.published_on, truth.published, `${truth.article}: publication date`);
    assert.ok(source.fetched_at, 'fetch time stored');
    if (truth.form === 'page') assert.equal(pathOf(source.source_url), pathOf(source.source_page));
    else assert.notEqual(pathOf(source.source_url), pathOf(source.source_page), `${truth.article}: the attachment's address`);
  }

  // the same Word file linked from two articles is one report
  const duplicates = firstRun.filter((o) => o.kind === 'duplicate');
  assert.equal(duplicates.length, 1);
  assert.deepEqual(new Set([pathOf(duplicates[0].address), pathOf(duplicates[0].duplicateOf ?? '/col/ndbg/202201/t20220125_103.html')]).size, 2);

  // each failure with its cause
  for (const [path, failure] of Object.entries(site.failing)) {
    const o = byPath.get(path);
    assert.equal(o?.kind, 'failed', `${path}: ${o?.kind}`);
    assert.equal(o.failure, failure, `${path}: ${o.reason}`);
    assert.ok(o.reason && o.reason.length > 5);
  }
  assert.match(byPath.get('/col/ndbg/202401/t_huge.html')!.reason!, /上限/);
  assert.match(byPath.get('/col/ndbg/202401/t_jiedu.html')!.reason!, /不是政府信息公开工作年度报告/);
  assert.match(byPath.get('/col/ndbg/202401/t20240101_404.html')!.reason!, /404/);

  // retries on 5xx and timeouts, never on 404; robots.txt read once; the disallowed path never asked for
  const hits = (p: string) => (site.hits.get(p) ?? 0) - (hitsBefore.get(p) ?? 0);
  assert.equal(hits('/col/ndbg/202401/t20240101_404.html'), 1);
  assert.equal(hits('/col/ndbg/202501/t20250110_107.html'), 2, 'a 503 retried once, then served');
  assert.equal(hits('/col/ndbg/202401/slow.html'), 2, 'a timeout retried once');
  assert.equal(hits('/robots.txt'), 1);
  assert.equal(hits('/private/t_secret.html'), 0);
  assert.equal(hits('/col/ndbg/202201/P020220125_hq.docx'), 1, 'an attachment linked twice is downloaded once');

  // organs placed with their regions
  const organs = new Map((await store.organs()).map((o) => [o.name, o.region]));
  // region paths from the national division codes, from the province down
  assert.deepEqual(
    ['牧野区卫北街道办事处', '宝山区东山街道办事处', '杭州市拱墅区人民政府上塘街道办事处'].map((n) => organs.get(n)),
    ['河南省/新乡市/牧野区', '黑龙江省/双鸭山市/宝山区', '浙江省/杭州市/拱墅区'],
  );
});

test('a second run fetches nothing it fetched before', async () => {
  const hitsBefore = new Map(site.hits);
  const fetcher = new Fetcher(client(), new StoreLedger(store.db), { concurrency: 2 }, storeImporter(store));
  const again = await fetcher.run([`${site.url}/col/ndbg/`]);
  const done = again.filter((o) => o.kind === 'done-before');
  assert.equal(done.length, site.expected.length + 1, 'the stored reports and the duplicate');
  assert.equal(again.filter((o) => o.kind === 'imported').length, 0);
  for (const truth of site.expected) {
    assert.equal((site.hits.get(truth.article) ?? 0) - (hitsBefore.get(truth.article) ?? 0), 0, `${truth.article} not fetched again`);
  }
  for (const file of ['/col/ndbg/202201/P020220125_hq.docx', '/module/download/downfile.jsp', '/col/ndbg/202401/P020240125_st.zip']) {
    assert.equal((site.hits.get(file) ?? 0) - (hitsBefore.get(file) ?? 0), 0, `${file} not downloaded again`);
  }
  assert.equal((await store.list()).length, site.expected.length);
  const [{ n }] = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM fetch_addresses');
  assert.equal(n, 1 + 13, 'every address kept once');
});

test('years asked for: links of other years are not fetched, reports of other years skipped', async () => {
  const hitsBefore = new Map(site.hits);
  const fetcher = new Fetcher(client(), new MemoryLedger(), { concurrency: 2, years: [2024] });
  const out = await fetcher.run([`${site.url}/col/ndbg/index.html`]);
  const found = out.filter((o) => o.kind === 'found');
  assert.deepEqual(found.map((o) => o.found!.report.meta.year).sort(), [2024, 2024]);
  assert.equal((site.hits.get('/col/ndbg/202201/t20220125_103.html') ?? 0) - (hitsBefore.get('/col/ndbg/202201/t20220125_103.html') ?? 0), 0, 'a 2021 link not followed');
});
