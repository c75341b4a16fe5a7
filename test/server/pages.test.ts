import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { testApp } from './helpers.js';
import { generateReport } from '../../src/model/generate.js';
import { blankReport } from '../../src/server/drafts.js';
import { renderReportView } from '../../src/server/report-view.js';
import type { Finding } from '../../src/model/findings.js';

const SEED = new URL('../fixtures/seeds/001_7e7713ccb1a0431d.txt', import.meta.url);
const form = { 'content-type': 'application/x-www-form-urlencoded' };

function upload(files: { name: string; body: Uint8Array | string }[], text?: string): FormData {
  const fd = new FormData();
  for (const f of files) fd.append('files', new File([f.body as BlobPart], f.name));
  if (text !== undefined) fd.append('text', text);
  return fd;
}

test('check: an uploaded seed is shown in the official layout with download links', async () => {
  const t = await testApp();
  await t.user('c1', 'clerk', '牧野区卫北街道办事处');
  const s = await t.login('c1');
  const res = await s.request('/check', { method: 'POST', body: upload([{ name: '卫北.txt', body: readFileSync(SEED) }]) });
  assert.equal(res.status, 303);
  const page = await s.request(res.headers.get('location')!);
  const html = await page.text();
  assert.equal(page.status, 200);
  assert.match(html, /牧野区卫北街道办事处2023年政府信息公开工作年度报告/);
  assert.match(html, /data-cell="requests\|granted\|0"/);
  assert.match(html, /勾稽关系/);
  for (const fmt of ['json', 'html', 'docx']) assert.match(html, new RegExp(`download\\.${fmt}`));
  const json = await s.request(`${res.headers.get('location')}/download.json`);
  assert.equal(json.status, 200);
  assert.match(json.headers.get('content-disposition')!, /attachment; filename="report\.json"; filename\*=UTF-8''/);
  const body = (await json.json()) as { meta: { agency: string }; findings: unknown[] };
  assert.equal(body.meta.agency, '牧野区卫北街道办事处');
  assert.ok(Array.isArray(body.findings));
  // Someone else cannot open this result.
  await t.user('c2', 'clerk', '别的机关');
  const other = await t.login('c2');
  assert.equal((await other.request(res.headers.get('location')!)).status, 404);
});

test('check: several files at once give a summary; bad files get a clear message', async () => {
  const t = await testApp();
  await t.user('c1', 'clerk', '甲机关');
  const s = await t.login('c1');
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
  const res = await s.request('/check', {
    method: 'POST',
    body: upload([
      { name: '卫北.txt', body: readFileSync(SEED) },
      { name: 'photo.png', body: png },
      { name: '会议纪要.txt', body: '关于召开工作会议的纪要\n会议时间：2024年1月5日\n参会人员：张三、李四' },
    ]),
  });
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /核查结果（3 份）/);
  assert.match(html, /PNG 图片/);
  assert.match(html, /会议纪要\.txt<\/td><td colspan="3">无法读取/);
  assert.match(html, /牧野区卫北街道办事处/);
});

test('uploads are limited in size and count', async () => {
  const t = await testApp({ limits: { fileBytes: 1000, files: 2 } });
  await t.user('c1', 'clerk', '甲机关');
  const s = await t.login('c1');
  const big = await s.request('/check', { method: 'POST', body: upload([{ name: 'big.txt', body: 'x'.repeat(2000) }]) });
  assert.equal(big.status, 413);
  assert.match(await big.text(), /文件过大/);
  const many = await s.request('/check', { method: 'POST', body: upload([1, 2, 3].map((i) => ({ name: `${i}.txt`, body: 'a' }))) });
  assert.equal(many.status, 413);
  assert.match(await many.text(), /一次最多上传 2 个文件/);
  const api = await s.request('/api/check', { method: 'POST', body: upload([{ name: 'big.txt', body: 'x'.repeat(2000) }]) });
  assert.equal(api.status, 413);
});

test('a <script> in a report is shown as text, never run', async () => {
  const t = await testApp();
  await t.user('c1', 'clerk', '甲机关');
  const s = await t.login('c1');
  const text = readFileSync(SEED, 'utf8')
    .replace('一、总体情况\n', '一、总体情况\n<script>alert("xss")</script><img src=x onerror=alert(1)>\n')
    .replace('牧野区卫北街道办事处 2023 年', '牧野区卫北街道办事处<b onmouseover=alert(2)>2023 年');
  const res = await s.request('/check', { method: 'POST', body: upload([], text) });
  const html = await (await s.request(res.headers.get('location')!)).text();
  assert.match(html, /&lt;script&gt;alert\(&quot;xss&quot;\)&lt;\/script&gt;/);
  assert.doesNotMatch(html, /<script>alert/);
  assert.doesNotMatch(html, /<img src=x/);
  assert.doesNotMatch(html, /<b onmouseover/);
});

test('report view escapes findings and table II text, marks the finding cell', () => {
  const report = generateReport({ seed: 3, layout: '2021', year: 2023 });
  report.active.fees.amount = '<img src=x onerror=alert(1)>';
  const findings: Finding[] = [
    { rule: 'requests.row-total', severity: 'error', message: '总计<script>不对</script>', where: { table: 'requests', row: 'granted', col: 6 } },
  ];
  const html = renderReportView(report, { findings }).value;
  assert.doesNotMatch(html, /<img src=x/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  const cell = /<td class="num computed marked sev-error" data-cell="requests\|granted\|6" data-msg="([^"]*)"/.exec(html);
  assert.ok(cell, 'the 总计 cell of 予以公开 is marked as an error');
  assert.match(cell[1], /1\. 错误：总计&lt;script&gt;不对&lt;\/script&gt;/);
});

test('drafts: a clerk cannot open, save or export another organ\'s draft', async () => {
  const t = await testApp();
  await t.user('qixing', 'clerk', '宝山区七星街道办事处');
  await t.user('weibei', 'clerk', '牧野区卫北街道办事处');
  await t.user('rev', 'reviewer', '宝山区');
  const a = await t.login('qixing');
  const made = await a.request('/drafts', { method: 'POST', headers: form, body: `year=2024&_csrf=${a.csrf}` });
  const url = made.headers.get('location')!.split('?')[0];
  const id = url.split('/').pop();
  assert.equal((await a.request(url)).status, 200);
  const b = await t.login('weibei');
  const page = await b.request(url);
  assert.equal(page.status, 403);
  assert.doesNotMatch(await page.text(), /宝山区七星街道办事处2024年/);
  assert.equal((await b.request(`/api/drafts/${id}`)).status, 403);
  assert.equal((await b.request(`${url}/export.json`)).status, 403);
  const put = await b.request(`/api/drafts/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ report: blankReport('牧野区卫北街道办事处', 2024) }),
  });
  assert.equal(put.status, 403);
  const del = await b.request(`${url}/delete`, { method: 'POST', headers: form, body: `_csrf=${b.csrf}` });
  assert.equal(del.status, 403);
  const list = (await (await b.request('/api/drafts')).json()) as { drafts: unknown[] };
  assert.equal(list.drafts.length, 0);
  const r = await t.login('rev');
  assert.equal((await r.request(url)).status, 403, 'reviewers do not edit drafts');
});

test('drafts API: save with version, findings come back, stale version is a conflict, organ cannot be changed', async () => {
  const t = await testApp();
  await t.user('qixing', 'clerk', '宝山区七星街道办事处');
  const s = await t.login('qixing');
  const json = { 'content-type': 'application/json' };
  const made = await s.request('/api/drafts', { method: 'POST', headers: json, body: '{"year":2024}' });
  assert.equal(made.status, 201);
  const { draft } = (await made.json()) as { draft: { id: number; version: number; report: ReturnType<typeof blankReport> } };
  assert.equal(draft.report.meta.agency, '宝山区七星街道办事处');
  assert.equal(draft.report.requests.granted.length, 7);
  const report = structuredClone(draft.report);
  report.requests.granted = [1, 0, 0, 0, 0, 0, 1];
  report.meta.agency = '别的机关';
  const saved = await s.request(`/api/drafts/${draft.id}`, { method: 'PUT', headers: json, body: JSON.stringify({ report, version: draft.version }) });
  assert.equal(saved.status, 200);
  const body = (await saved.json()) as { draft: { version: number; report: typeof report }; findings: unknown[] };
  assert.equal(body.draft.version, draft.version + 1);
  assert.equal(body.draft.report.meta.agency, '宝山区七星街道办事处');
  assert.deepEqual(body.draft.report.requests.granted, [1, 0, 0, 0, 0, 0, 1]);
  assert.ok(Array.isArray(body.findings));
  const stale = await s.request(`/api/drafts/${draft.id}`, { method: 'PUT', headers: json, body: JSON.stringify({ report, version: draft.version }) });
  assert.equal(stale.status, 409);
  const invalid = await s.request(`/api/drafts/${draft.id}`, { method: 'PUT', headers: json, body: JSON.stringify({ report: { schema: 'x' } }) });
  assert.equal(invalid.status, 422);
  const again = await s.request('/api/drafts', { method: 'POST', headers: json, body: '{"year":2024}' });
  assert.equal(again.status, 200, 'one draft per organ and year');
});

test('blank report from last year: carry-over comes from 结转下年度', () => {
  const prev = generateReport({ seed: 11, layout: '2021', year: 2023, agency: '甲机关' });
  prev.requests.carriedForward = [1, 2, 0, 0, 0, 3, 6];
  const r = blankReport('甲机关', 2024, prev);
  assert.deepEqual(r.requests.carriedOver, [1, 2, 0, 0, 0, 3, 6]);
  assert.deepEqual(r.requests.newReceived, [null, null, null, null, null, null, null]);
  assert.equal(r.meta.year, 2024);
  assert.equal(r.meta.template, '2021');
  assert.deepEqual(r.meta.period, { start: '2024-01-01', end: '2024-12-31' });
  assert.equal(r.sections.length, 6);
});

test('roles: clerks are kept out of review and admin pages; admins manage users', async () => {
  const t = await testApp();
  await t.user('c1', 'clerk', '甲机关');
  await t.user('boss', 'admin');
  const c = await t.login('c1');
  assert.equal((await c.request('/admin')).status, 403);
  assert.equal((await c.request('/review')).status, 403);
  assert.equal((await c.request('/api/users')).status, 403);
  const made = await c.request('/api/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"x1","role":"admin","password":"12345678"}' });
  assert.equal(made.status, 403);
  const a = await t.login('boss');
  assert.equal((await a.request('/admin')).status, 200);
  const ok = await a.request('/api/users', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'rev2', role: 'reviewer', region: '宝山区', password: 'long-enough-1' }),
  });
  assert.equal(ok.status, 201);
  const dup = await a.request('/api/users', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'rev2', role: 'reviewer', region: '宝山区', password: 'long-enough-1' }),
  });
  assert.equal(dup.status, 409);
  const noScope = await a.request('/api/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"c9","role":"clerk","password":"12345678"}' });
  assert.equal(noScope.status, 400);
  // Disabling a user ends their sessions.
  const c1 = (await (await a.request('/api/users')).json()) as { users: { id: number; username: string }[] };
  const id = c1.users.find((u) => u.username === 'c1')!.id;
  const off = await a.request(`/api/users/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"disabled":true}' });
  assert.equal(off.status, 200);
  assert.equal((await c.request('/check')).status, 303, 'disabled user is logged out');
});

test('API: check a report JSON; hostile bodies get clear 4xx answers', async () => {
  const t = await testApp();
  await t.user('c1', 'clerk', '甲机关');
  const s = await t.login('c1');
  const json = { 'content-type': 'application/json' };
  const report = generateReport({ seed: 5, layout: '2021', year: 2023 });
  const ok = await s.request('/api/check', { method: 'POST', headers: json, body: JSON.stringify({ report }) });
  assert.equal(ok.status, 200);
  const body = (await ok.json()) as { schema: string; reports: { findings: unknown[] }[] };
  assert.equal(body.schema, 'nianbao/findings@1');
  assert.equal(body.reports.length, 1);
  assert.equal((await s.request('/api/check', { method: 'POST', headers: json, body: '{not json' })).status, 400);
  assert.equal((await s.request('/api/check', { method: 'POST', headers: json, body: '[1,2]' })).status, 400);
  assert.equal((await s.request('/api/check', { method: 'POST', headers: json, body: '{"schema":"nianbao/report@1"}' })).status, 422);
  assert.equal((await s.request('/api/check', { method: 'POST', headers: json, body: JSON.stringify({ text: 'x'.repeat(3 * 1024 * 1024) }) })).status, 413);
  const text = await s.request('/api/check', { method: 'POST', headers: json, body: JSON.stringify({ text: readFileSync(SEED, 'utf8') }) });
  assert.equal(text.status, 200);
  assert.equal(((await text.json()) as { reports: { report: { meta: { year: number } } }[] }).reports[0].report.meta.year, 2023);
  assert.equal((await s.request('/api/drafts/abc')).status, 404);
  assert.equal((await s.request('/api/drafts/99999999999999')).status, 404);
  assert.equal((await s.request('/api/nothing')).status, 404);
});

test('OpenAPI document lists the API and is served without login', async () => {
  const t = await testApp();
  const res = await t.app.request('/api/openapi.json');
  assert.equal(res.status, 200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
  assert.equal(doc.openapi, '3.1.0');
  for (const p of ['/api/check', '/api/reports', '/api/drafts/{id}', '/api/reports/{id}/reviews', '/api/review/overview']) assert.ok(doc.paths[p], p);
  assert.ok(doc.components.schemas.Report);
  assert.equal((await t.app.request('/api/docs')).status, 200);
});

test('a body over the limit is refused even without Content-Length', async () => {
  const t = await testApp({ limits: { uploadBytes: 10_000 } });
  await t.user('c1', 'clerk', '甲机关');
  const s = await t.login('c1');
  const chunk = new TextEncoder().encode('x'.repeat(4096));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < 10) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const res = await s.request('/api/check', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  assert.equal(res.status, 413);
});

test('hostile input: odd ids, open redirects, long names, foreign keys in a report', async () => {
  const t = await testApp();
  await t.user('c1', 'clerk', '甲机关');
  const s = await t.login('c1');
  for (const path of ['/drafts/%00', '/drafts/-1', '/drafts/1e9', '/drafts/..%2F..%2Fetc%2Fpasswd', '/check/%3Cscript%3E', '/api/drafts/NaN']) {
    const res = await s.request(path);
    assert.ok([400, 403, 404].includes(res.status), `${path}: ${res.status}`);
    assert.doesNotMatch(await res.text(), /<script>/);
  }
  // The login form never sends anyone off the site.
  for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
    const page = await t.app.request(`/login?next=${encodeURIComponent(next)}`);
    const html = await page.text();
    assert.match(html, /name="next" value="\/"/, next);
  }
  const long = await t.login('x'.repeat(5000), 'y'.repeat(5000));
  assert.equal(long.status, 400);
  // A report JSON with keys outside the layout is stored but never rendered as markup.
  const json = { 'content-type': 'application/json' };
  const made = (await (await s.request('/api/drafts', { method: 'POST', headers: json, body: '{"year":2024}' })).json()) as { draft: { id: number; version: number; report: { requests: Record<string, unknown> } } };
  const report = made.draft.report;
  report.requests['<img src=x onerror=alert(1)>'] = [1, 2, 3, 4, 5, 6, 21];
  const put = await s.request(`/api/drafts/${made.draft.id}`, { method: 'PUT', headers: json, body: JSON.stringify({ report, version: made.draft.version }) });
  assert.equal(put.status, 200);
  const page = await (await s.request(`/drafts/${made.draft.id}`)).text();
  assert.doesNotMatch(page, /<img src=x/);
  const proto = await s.request('/api/check', { method: 'POST', headers: json, body: '{"__proto__":{"admin":true},"schema":"nianbao/report@1"}' });
  assert.equal(proto.status, 422);
  assert.equal(({} as Record<string, unknown>).admin, undefined);
});
