/**
 * 按网址导入 in the web application, against the government site on 127.0.0.1: internal addresses
 * refused until an administrator allows the host; reviewers and clerks file only what they may;
 * limits per request and per hour; an uncertain organ waits for a person; the page and the JSON API.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { storeRepo } from '../../src/server/store-repo.js';
import type { Backend } from '../../src/server/start.js';
import { testApp, type TestApp } from '../server/helpers.js';
import { startGovSite, type GovSite } from './gov-site.js';

let site: GovSite;
let backend: Backend;
let t: TestApp;

before(async () => {
  site = await startGovSite({ slowMs: 200 });
  backend = await storeRepo({ dataDir: 'memory://' });
  t = await testApp({ db: backend.db, reports: backend.reports });
  await t.user('admin1', 'admin');
  await t.user('shen', 'reviewer', '宝山区');
  await t.user('hq', 'clerk', '宝山区红旗街道办事处');
});
after(async () => {
  await site.close();
  await backend.close();
});

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
type Result = { address: string; outcome: string; failure?: string; reason?: string; reportId?: string; pendingId?: number; source?: { published: string | null } };

test('internal addresses are refused until an administrator allows the host; then reports are filed where the user may', async () => {
  const reviewer = await t.login('shen');
  const hitsBefore = site.hits.get('/col/ndbg/202401/t20240118_101.html') ?? 0;
  let res = await reviewer.request('/api/fetch', json({ addresses: [`${site.url}/col/ndbg/202401/t20240118_101.html`, 'file:///etc/passwd', 'http://169.254.169.254/latest/meta-data/'] }));
  assert.equal(res.status, 200);
  let body = (await res.json()) as { results: Result[] };
  assert.deepEqual(body.results.map((r) => r.failure).sort(), ['internal-address', 'internal-address', 'scheme']);
  assert.equal(site.hits.get('/col/ndbg/202401/t20240118_101.html') ?? 0, hitsBefore, 'no request reached the internal site');

  // only an administrator changes the settings
  res = await reviewer.request('/api/fetch/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"allowInternal": true}' });
  assert.equal(res.status, 403);
  const admin = await t.login('admin1');
  res = await admin.request('/api/fetch/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ allowHosts: [new URL(site.url).host], intervalMs: 0, timeoutSeconds: 2, retries: 0 }) });
  assert.equal(res.status, 200);

  res = await reviewer.request('/api/fetch', json({ addresses: `${site.url}/col/ndbg/202401/t20240118_101.html\n${site.url}/col/ndbg/202401/t20240120_102.html\n${site.url}/go/intranet` }));
  body = (await res.json()) as { results: Result[] };
  const by = new Map(body.results.map((r) => [new URL(r.address).pathname, r]));
  assert.equal(by.get('/col/ndbg/202401/t20240118_101.html')?.outcome, 'imported', JSON.stringify(body.results));
  assert.equal(by.get('/col/ndbg/202401/t20240118_101.html')?.source?.published, '2024-01-18');
  assert.equal(by.get('/col/ndbg/202401/t20240120_102.html')?.failure, 'forbidden', '牧野区 is not the reviewer’s region');
  assert.equal(by.get('/go/intranet')?.failure, 'internal-address', 'a redirect into another internal network stays refused');
  const stored = await backend.reports!.get(by.get('/col/ndbg/202401/t20240118_101.html')!.reportId!);
  assert.equal(stored?.row.organ, '宝山区七星街道办事处');

  const clerk = await t.login('hq');
  res = await clerk.request('/api/fetch', json({ addresses: [`${site.url}/col/ndbg/202201/t20220125_103.html`, `${site.url}/col/ndbg/202401/t20240125_105.html`] }));
  body = (await res.json()) as { results: Result[] };
  assert.deepEqual(body.results.map((r) => r.outcome).sort(), ['failed', 'imported']);
  assert.equal(body.results.find((r) => r.outcome === 'failed')?.failure, 'forbidden');
});

test('an uncertain organ waits for the user, who confirms it; limits per request and per hour', async () => {
  const admin = await t.login('admin1');
  let res = await admin.request('/api/fetch', json({ addresses: [`${site.url}${site.uncertain.article}`] }));
  const body = (await res.json()) as { results: Result[] };
  assert.equal(body.results[0].outcome, 'unconfirmed', JSON.stringify(body.results[0]));
  const pendingId = body.results[0].pendingId!;
  assert.ok(pendingId);
  assert.equal((await backend.reports!.list({})).some((r) => r.organ === '拱墅区祥符街道办事处'), false, 'nothing stored before the user confirms');
  res = await admin.request('/api/fetch/pending');
  const pending = ((await res.json()) as { pending: Array<{ id: number; candidates: Array<{ organ: string }> }> }).pending;
  assert.equal(pending.length, 1);
  assert.ok(pending[0].candidates.some((c) => c.organ === '拱墅区祥符街道办事处'));
  res = await admin.request(`/api/fetch/pending/${pendingId}`, json({ organ: '拱墅区祥符街道办事处' }));
  assert.equal(res.status, 200);
  const { reportId } = (await res.json()) as { reportId: string };
  const stored = await backend.reports!.get(reportId);
  assert.equal(stored?.row.organ, '拱墅区祥符街道办事处');
  assert.deepEqual(stored?.report.requests, site.uncertain.report.requests);
  const [source] = (await backend.db.query('SELECT published_on, source_url FROM store_reports WHERE id = $1', [reportId])) as Array<{ published_on: string; source_url: string }>;
  assert.equal(source.published_on, '2024-01-22');
  assert.equal(new URL(source.source_url).pathname, site.uncertain.article);
  assert.equal(((await (await admin.request('/api/fetch/pending')).json()) as { pending: unknown[] }).pending.length, 0);

  // per request
  res = await admin.request('/api/fetch/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ perRequest: 3, perHour: 6 }) });
  assert.equal(res.status, 200);
  const many = [1, 2, 3, 4].map((i) => `${site.url}/none/${i}.html`);
  res = await admin.request('/api/fetch', json({ addresses: many }));
  assert.equal(res.status, 400);
  // per hour: the administrator has had 1 address fetched; 3 more pass, then 3 more exceed 6
  res = await admin.request('/api/fetch', json({ addresses: many.slice(0, 3) }));
  assert.equal(res.status, 200);
  res = await admin.request('/api/fetch', json({ addresses: many.slice(0, 3) }));
  assert.equal(res.status, 429);
  assert.match(((await res.json()) as { message: string }).message, /每小时/);
});

test('the page: form, results, confirmation, administrator settings; described in the OpenAPI document', async () => {
  const admin = await t.login('admin1');
  await admin.request('/api/fetch/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ perRequest: 20, perHour: 1000 }) });
  const reviewer = await t.login('shen');
  let res = await reviewer.request('/fetch');
  assert.equal(res.status, 200);
  let html = await res.text();
  assert.match(html, /按网址导入/);
  assert.doesNotMatch(html, /获取设置（管理员）/);
  res = await reviewer.request('/fetch', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: reviewer.csrf, addresses: `${site.url}/col/ndbg/202401/t20240118_101.html\njavascript:alert(1)` }).toString(),
  });
  html = await res.text();
  assert.equal(res.status, 200);
  assert.match(html, /此前已获取/);
  assert.doesNotMatch(html, /href="javascript:/);
  html = await (await admin.request('/fetch')).text();
  assert.match(html, /获取设置（管理员）/);
  const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
  for (const p of ['/api/fetch', '/api/fetch/pending', '/api/fetch/pending/{id}', '/api/fetch/settings']) assert.ok(doc.paths[p], p);
});
