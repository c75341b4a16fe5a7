/**
 * The reviewer's pages and API over a small report repository built in the test from the seeds
 * (the real parser; regions given by hand), so access rules and reviews are tested on their own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { loadReportFromBytes } from '../../src/pipeline.js';
import type { DuplicatePair, ReportRepo, ReportRow, StoredReport } from '../../src/server/reports.js';
import { testApp } from './helpers.js';
import { organKey } from '../../src/server/access.js';

const SEEDS = new URL('../fixtures/seeds/', import.meta.url);

function regionOf(organ: string): string[] {
  if (organ.startsWith('宝山区')) return ['宝山区'];
  if (organ.startsWith('牧野区')) return ['牧野区'];
  return ['杭州市', '拱墅区'];
}

async function seedRepo(): Promise<ReportRepo & { reimport(id: string): string }> {
  const stored = new Map<string, StoredReport>();
  let next = 1;
  const add = (s: Omit<StoredReport, 'row'> & { file: string }) => {
    const id = `r${next++}`;
    const organ = s.report.meta.agency!;
    stored.set(id, {
      report: s.report,
      findings: s.findings,
      row: { id, organ, regions: regionOf(organ), year: s.report.meta.year, file: s.file, template: s.report.meta.template, counts: { error: 0, warning: 0, info: 0 } },
    });
    return id;
  };
  for (const f of readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()) {
    const { report } = await loadReportFromBytes(new Uint8Array(readFileSync(new URL(f, SEEDS))), f);
    if (f.startsWith('004')) report.sections[0].text = '<script>alert(1)</script>复制的段落';
    add({ report, findings: [{ rule: 'requests.balance', severity: 'error', message: '第一项加第二项之和不等于第三项加第四项之和', where: { table: 'requests', row: 'total', col: 0 } }], file: f });
  }
  const list = (f: { organ?: string; region?: string; year?: number }): ReportRow[] =>
    [...stored.values()].map((s) => s.row).filter((r) => (!f.region || r.regions.includes(f.region)) && (!f.year || r.year === f.year) && (!f.organ || organKey(f.organ) === organKey(r.organ)));
  const dup = (): DuplicatePair[] => {
    const a = stored.get('r1')!.row;
    const b = stored.get('r4')!.row;
    return [{ a, b, score: 0.82, severity: 'warning', passages: [{ a: '七星街道<b>段落</b>', b: '跃进街道<b>段落</b>' }] }];
  };
  return {
    async importFile() {
      throw new Error('not used');
    },
    list: async (f) => list(f),
    get: async (id) => stored.get(id),
    forOrganYear: async (organ, year) => [...stored.values()].find((s) => s.row.organ === organ && s.row.year === year),
    rollup: async () => [],
    duplicates: async (f) => dup().filter((p) => !f.year || p.a.year === f.year),
    regions: async () => [{ name: '宝山区', parent: null, level: '区县' }, { name: '牧野区', parent: null, level: '区县' }],
    organs: async () => [...new Set([...stored.values()].map((s) => s.row.organ))].map((name) => ({ name, regions: regionOf(name) })),
    sameOrgan: (a, b) => organKey(a) === organKey(b),
    reimport(id: string) {
      const s = stored.get(id)!;
      return add({ report: s.report, findings: [], file: `${s.row.file}.v2` });
    },
  };
}

test('a reviewer sees their region only; clerks only their organ', async () => {
  const repo = await seedRepo();
  const t = await testApp({ reports: repo });
  await t.user('rev', 'reviewer', '宝山区');
  await t.user('weibei', 'clerk', '牧野区卫北街道办事处');
  const r = await t.login('rev');
  const page = await r.request('/review?year=2023');
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /宝山区七星街道办事处/);
  assert.doesNotMatch(html, /牧野区卫北街道办事处/);
  const api = (await (await r.request('/api/review/overview?year=2023&region=牧野区')).json()) as { region: string; items: { organ: string; status: string }[] };
  assert.equal(api.region, '宝山区', 'a reviewer cannot ask for another region');
  assert.ok(api.items.every((i) => i.organ.startsWith('宝山区')));
  assert.ok(api.items.some((i) => i.status === 'missing'), 'organs without a 2023 report are listed as missing');
  // r2 is 牧野区卫北 (seed 001): not the reviewer's.
  assert.equal((await r.request('/reports/r2')).status, 404);
  assert.equal((await r.request('/api/reports/r2')).status, 404);
  assert.equal((await r.request('/reports/r1')).status, 200);
  const c = await t.login('weibei');
  assert.equal((await c.request('/review')).status, 403);
  assert.equal((await c.request('/api/review/overview')).status, 403);
  assert.equal((await c.request('/reports/r2')).status, 200, 'a clerk sees their own organ\'s stored report');
  assert.equal((await c.request('/reports/r1')).status, 404);
  const listed = (await (await c.request('/api/reports')).json()) as { reports: ReportRow[] };
  assert.deepEqual(listed.reports.map((x) => x.organ), ['牧野区卫北街道办事处']);
  const post = await c.request('/api/reports/r2/reviews', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"status":"reviewed"}' });
  assert.equal(post.status, 403, 'clerks cannot review');
});

test('reviews are kept per organ and year and survive a re-import', async () => {
  const repo = await seedRepo();
  const t = await testApp({ reports: repo });
  await t.user('rev', 'reviewer', '宝山区');
  const r = await t.login('rev');
  const res = await r.request('/reports/r1/review', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: r.csrf, status: 'reviewed', comment: '表三无误<script>x</script>' }).toString(),
  });
  assert.equal(res.status, 303);
  const page = await (await r.request('/reports/r1')).text();
  assert.match(page, /已审阅/);
  assert.match(page, /表三无误&lt;script&gt;x&lt;\/script&gt;/);
  let o = (await (await r.request('/api/review/overview?year=2023')).json()) as { items: { organ: string; review: { status: string } | null; reviewOutdated: boolean; report: { id: string } }[] };
  let qixing = o.items.find((i) => i.organ === '宝山区七星街道办事处')!;
  assert.equal(qixing.review?.status, 'reviewed');
  assert.equal(qixing.reviewOutdated, false);
  const newId = repo.reimport('r1');
  o = (await (await r.request('/api/review/overview?year=2023')).json()) as typeof o;
  qixing = o.items.find((i) => i.organ === '宝山区七星街道办事处')!;
  assert.equal(qixing.report.id, newId, 'the overview shows the new import');
  assert.equal(qixing.review?.status, 'reviewed', 'the review is still there');
  assert.equal(qixing.reviewOutdated, true, 'flagged: the report changed after the review');
  const fresh = await (await r.request(`/reports/${newId}`)).text();
  assert.match(fresh, /针对此前导入的版本/);
  const apiReview = await r.request(`/api/reports/${newId}/reviews`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"status":"returned","comment":"请更正"}' });
  assert.equal(apiReview.status, 201);
  const bad = await r.request(`/api/reports/${newId}/reviews`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"status":"maybe"}' });
  assert.equal(bad.status, 400);
});

test('copied reports are shown side by side, escaped', async () => {
  const repo = await seedRepo();
  const t = await testApp({ reports: repo });
  await t.user('rev', 'reviewer', '宝山区');
  const r = await t.login('rev');
  const review = await (await r.request('/review?year=2023')).text();
  assert.match(review, /内容雷同/);
  const page = await r.request('/review/similar?a=r1&b=r4');
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /相似度 <strong>82%<\/strong>/);
  assert.match(html, /七星街道&lt;b&gt;段落&lt;\/b&gt;/);
  assert.doesNotMatch(html, /<b>段落/);
  assert.equal((await r.request('/review/similar?a=r1&b=r2')).status, 404, 'a report outside the region');
});

test('a stored report page escapes its prose and marks its findings', async () => {
  const repo = await seedRepo();
  const t = await testApp({ reports: repo });
  await t.user('boss', 'admin');
  const a = await t.login('boss');
  const html = await (await a.request('/reports/r5')).text();
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;复制的段落/);
  assert.doesNotMatch(html, /<script>alert/);
  assert.match(html, /<td class="num computed marked sev-error" data-cell="requests\|total\|0"/);
  const exp = await a.request('/api/reports/r5/export?format=json');
  assert.equal(exp.status, 200);
  assert.equal(((await exp.json()) as { findings: unknown[] }).findings.length, 1);
  assert.equal((await a.request('/api/reports/r5/export?format=exe')).status, 400);
});
