/** Pushing reports in and reading findings out through the JSON API with an API token. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { testApp } from './helpers.js';
import { repoOf } from '../../src/server/store-repo.js';
import { openStore } from '../../src/store/index.js';

/** The report store on an in-memory database. */
const storeRepo = async () => repoOf(await openStore({ dataDir: 'memory://' }));
import { createApiToken } from '../../src/server/auth.js';

const seed = (n: string) => readFileSync(new URL(`../fixtures/seeds/${n}`, import.meta.url));

function files(list: { name: string; body: Uint8Array }[]): FormData {
  const fd = new FormData();
  for (const f of list) fd.append('files', new File([f.body as BlobPart], f.name));
  return fd;
}

test('an organ\'s system pushes its report with a token and reads the findings back', async () => {
  const t = await testApp({ reports: await storeRepo() });
  const clerk = await t.user('weibei', 'clerk', '牧野区卫北街道办事处');
  const { token } = await createApiToken(t.db, clerk.id, '区系统');
  const auth = { authorization: `Bearer ${token}` };
  const res = await t.app.request('/api/reports', {
    method: 'POST',
    headers: auth,
    body: files([
      { name: '卫北2023.txt', body: seed('001_7e7713ccb1a0431d.txt') },
      { name: '七星2023.txt', body: seed('000_8261b10cffc5e83c.txt') },
      { name: 'x.png', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
    ]),
  });
  assert.equal(res.status, 200);
  const { results } = (await res.json()) as { results: { file: string; id?: string; error?: string; organ?: string }[] };
  assert.equal(results[0].organ, '牧野区卫北街道办事处');
  assert.match(results[1].error!, /只能报送本机关的报告/);
  assert.match(results[2].error!, /PNG/);
  const id = results[0].id!;
  const again = await t.app.request('/api/reports', { method: 'POST', headers: auth, body: files([{ name: 'same.txt', body: seed('001_7e7713ccb1a0431d.txt') }]) });
  const second = ((await again.json()) as { results: { id: string; created: boolean }[] }).results[0];
  assert.equal(second.id, id, 'same bytes, same report');
  assert.equal(second.created, false);
  const findings = await t.app.request(`/api/reports/${id}/findings`, { headers: auth });
  assert.equal(findings.status, 200);
  const body = (await findings.json()) as { schema: string; reports: { id: string; meta: { year: number } }[] };
  assert.equal(body.schema, 'nianbao/findings@1');
  assert.equal(body.reports[0].meta.year, 2023);
  const listed = (await (await t.app.request('/api/reports', { headers: auth })).json()) as { reports: { organ: string }[] };
  assert.deepEqual(listed.reports.map((r) => r.organ), ['牧野区卫北街道办事处']);
  const docx = await t.app.request(`/api/reports/${id}/export?format=docx`, { headers: auth });
  assert.equal(docx.status, 200);
  const bytes = new Uint8Array(await docx.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 2)], [0x50, 0x4b], 'a zip (docx) file');
});

test('an administrator imports a district; the reviewer\'s overview and roll-up follow', async () => {
  const t = await testApp({ reports: await storeRepo() });
  const admin = await t.user('boss', 'admin');
  await t.user('rev', 'reviewer', '宝山区');
  const { token } = await createApiToken(t.db, admin.id, '');
  const all = ['000_8261b10cffc5e83c.txt', '001_7e7713ccb1a0431d.txt', '002_99e2fd84cf27837a.txt', '003_ba2f81e1cbc9b5c1.txt', '004_93eb2dffc0d9e55f.txt'];
  const res = await t.app.request('/api/reports', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: files(all.map((n) => ({ name: n, body: seed(n) }))) });
  assert.equal(res.status, 200);
  const r = await t.login('rev');
  const o = (await (await r.request('/api/review/overview?year=2023')).json()) as { items: { organ: string; status: string }[]; totals: { organs: number; in: number; missing: number } };
  assert.deepEqual(o.items.map((i) => i.organ).sort(), ['宝山区七星街道办事处', '宝山区红旗街道办事处', '宝山区跃进街道办事处'].sort());
  assert.equal(o.totals.in, 1, 'only 七星 reported for 2023');
  assert.equal(o.totals.missing, 2);
  const roll = (await (await r.request('/api/review/rollup?year=2023')).json()) as { rows: { region: string; reports: number }[] };
  assert.deepEqual(roll.rows.map((x) => [x.region, x.reports]), [['宝山区', 1]]);
  const trends = (await (await r.request('/api/review/trends')).json()) as { years: number[]; series: { key: string; values: number[] }[] };
  assert.deepEqual(trends.years, [2021, 2023, 2024]);
  assert.equal(trends.series.find((s) => s.key === 'received')!.values.length, 3);
  const page = await r.request('/review?year=2024');
  assert.equal(page.status, 200);
  assert.match(await page.text(), /宝山区跃进街道办事处/);
});

test('a new draft starts from last year\'s stored report: 上年结转 = its 结转下年度', async () => {
  const repo = await storeRepo();
  const t = await testApp({ reports: repo });
  await t.user('qixing', 'clerk', '宝山区七星街道办事处');
  const last = await repo.importFile(new Uint8Array(seed('000_8261b10cffc5e83c.txt')), '七星2023.txt');
  assert.equal(last.year, 2023);
  const s = await t.login('qixing');
  const res = await s.request('/drafts', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `year=2024&fromPrevious=1&_csrf=${s.csrf}` });
  assert.equal(res.status, 303);
  const page = await (await s.request(res.headers.get('location')!)).text();
  assert.match(page, /已从报告库中的 2023 年报告开始/);
  const id = /\/drafts\/(\d+)/.exec(res.headers.get('location')!)![1];
  const draft = (await (await s.request(`/api/drafts/${id}`)).json()) as { draft: { report: { requests: Record<string, (number | null)[]>; meta: { contact: unknown } } } };
  assert.deepEqual(draft.draft.report.requests.carriedOver, last.report.requests.carriedForward);
  assert.deepEqual(draft.draft.report.meta.contact, last.report.meta.contact);
  assert.deepEqual(draft.draft.report.requests.granted, [null, null, null, null, null, null, null]);
  // Without "from last year" nothing is carried.
  const fresh = await s.request('/api/drafts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"year":2025,"fromPrevious":false}' });
  const f = (await fresh.json()) as { draft: { report: { requests: Record<string, unknown[]> } } };
  assert.deepEqual(f.draft.report.requests.carriedOver, [null, null, null, null, null, null, null]);
});

test('submitting a draft puts it in the store, where the clerk sees it and its review', async () => {
  const repo = await storeRepo();
  const t = await testApp({ reports: repo });
  await t.user('qixing', 'clerk', '宝山区七星街道办事处');
  await t.user('rev', 'reviewer', '宝山区');
  const s = await t.login('qixing');
  const json = { 'content-type': 'application/json' };
  const made = (await (await s.request('/api/drafts', { method: 'POST', headers: json, body: '{"year":2024}' })).json()) as { draft: { id: number; version: number; report: { requests: Record<string, (number | null)[]> } } };
  const report = made.draft.report;
  for (const k of Object.keys(report.requests)) report.requests[k] = [0, 0, 0, 0, 0, 0, 0];
  report.requests.newReceived = [2, 0, 0, 0, 0, 0, 2];
  report.requests.granted = [2, 0, 0, 0, 0, 0, 2];
  report.requests.total = [2, 0, 0, 0, 0, 0, 2];
  await s.request(`/api/drafts/${made.draft.id}`, { method: 'PUT', headers: json, body: JSON.stringify({ report, version: made.draft.version }) });
  const sub = await s.request(`/drafts/${made.draft.id}/submit`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${s.csrf}` });
  assert.equal(sub.status, 303);
  const id = decodeURIComponent(sub.headers.get('location')!.split('/').pop()!);
  const stored = await repo.get(id);
  assert.equal(stored?.row.organ, '宝山区七星街道办事处');
  assert.deepEqual(stored?.report.requests.granted, [2, 0, 0, 0, 0, 0, 2], 'read back from the submitted text exactly');
  const r = await t.login('rev');
  await r.request(`/api/reports/${encodeURIComponent(id)}/reviews`, { method: 'POST', headers: json, body: '{"status":"returned","comment":"请补充第五部分"}' });
  const list = await (await s.request('/drafts')).text();
  assert.match(list, /已报送的报告/);
  assert.match(list, /退回修改<\/span> 请补充第五部分/);
});
