/**
 * The register, calendar and 汇总 through the web application: JSON API and pages, as a clerk, a
 * reviewer of the region, another organ's clerk; the draft started from the register and the ledger;
 * the OpenAPI document lists the new operations.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, type Store } from '../../src/store/index.js';
import { repoOf } from '../../src/server/store-repo.js';
import { generateReport } from '../../src/model/generate.js';
import { renderText } from '../../src/render/text.js';
import { testApp, type TestApp } from '../server/helpers.js';

const ORGAN = '示例区司法局';
let store: Store;
let t: TestApp;

before(async () => {
  store = await openStore({ dataDir: 'memory://' });
  t = await testApp({ db: store.db, reports: repoOf(store) });
  await t.user('clerk', 'clerk', ORGAN);
  await t.user('other', 'clerk', '示例区财政局');
  await t.user('rev', 'reviewer', '示例区');
  await t.user('far', 'reviewer', '别的区');
  for (const [organ, extra] of [['示例区司法局', '\n示例区司法局\n2025年2月5日\n'], ['示例区财政局', '\n示例区财政局\n2025年1月6日\n'], ['示例区人民政府', '']] as const) {
    const report = generateReport({ seed: organ.length * 13 + extra.length, layout: '2021', year: 2024, agency: organ, scale: 10 });
    await store.importBytes(new TextEncoder().encode(renderText(report) + extra), `${organ}.txt`);
  }
});
after(async () => {
  await store.close();
});

const json = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

test('a clerk keeps the register through the API; table II and its sources; the draft gets tables II and III', async () => {
  const a = await t.login('clerk');
  const made = await a.request('/api/register/documents', json('POST', { kind: '行政规范性文件', docNo: '示司规〔2023〕1号', title: '关于甲的规定', madeOn: '2023-04-01' }));
  assert.equal(made.status, 201);
  const doc = (await made.json()) as { id: string };
  const csv = '文号,标题,类型,成文日期,状态,废止日期\n示司规〔2024〕1号,关于乙的规定,规范性文件,2024-02-01,现行有效,\n示司规〔2024〕2号,关于丙的规定,规范性文件,2024-03-01,已废止,2024-12-31\n示司规〔2024〕3号,关于丁的规定,规范性文件,2024-13-01,现行有效,\n';
  const form = new FormData();
  form.set('file', new File([csv], '目录.csv', { type: 'text/csv' }));
  const imported = await a.request('/api/register/import', { method: 'POST', body: form });
  assert.equal(imported.status, 422, 'a rejected row makes the answer 422');
  const ir = (await imported.json()) as { created: number; rejected: { line: number; reason: string }[] };
  assert.equal(ir.created, 2);
  assert.deepEqual(ir.rejected.map((r) => r.line), [4]);
  const revised = await a.request(`/api/register/documents/${doc.id}`, json('PUT', { kind: 'normative', docNo: '示司规〔2023〕1号', title: '关于甲的规定', madeOn: '2023-04-01', endKind: 'revised', endedOn: '2024-02-01' }));
  assert.equal(revised.status, 200);
  assert.equal((await a.request('/api/register/counts', json('PUT', { year: 2024, licensing: 7, penalty: 2, coercion: 0, feesAmount: 0.8 }))).status, 200);
  const t2 = (await (await a.request('/api/register/table2?year=2024')).json()) as { active: Record<string, Record<string, number>>; sources: { row: string; field: string; documents?: { docNo: string }[] }[] };
  // 2024: made 〔2024〕1号 and 2号; ended 〔2023〕1号 (revised) and 〔2024〕2号 (repealed 31 Dec); in force 〔2024〕1号
  assert.deepEqual(t2.active.normativeDocuments, { issued: 2, repealed: 2, inForce: 1 });
  assert.deepEqual(t2.active.licensing, { decisions: 7 });
  assert.deepEqual(t2.sources.find((s) => s.row === 'normativeDocuments' && s.field === 'inForce')!.documents!.map((d) => d.docNo), ['示司规〔2024〕1号']);
  const draft = await a.request('/api/register/draft', json('POST', { year: 2024 }));
  assert.equal(draft.status, 201);
  const d = (await draft.json()) as { report: { active: Record<string, Record<string, number>>; requests: Record<string, number[]>; sections: { no: number; text: string }[] } };
  assert.deepEqual(d.report.active.normativeDocuments, { issued: 2, repealed: 2, inForce: 1 });
  assert.deepEqual(d.report.requests.newReceived, [0, 0, 0, 0, 0, 0, 0], 'table III from the (empty) ledger');
  assert.match(d.report.sections.find((s) => s.no === 2)!.text, /其中1件因修订由新文本替代/);
  const page = await (await a.request('/register?year=2024')).text();
  assert.match(page, /示司规〔2024〕1号/);
  assert.match(page, /计入的文件/);
});

test('access: another clerk and a reviewer elsewhere are refused; the region’s reviewer reads', async () => {
  const o = await t.login('other');
  assert.equal((await o.request(`/api/register/table2?organ=${encodeURIComponent(ORGAN)}&year=2024`)).status, 200, 'a clerk always sees the own organ (organ ignored)');
  const otherDocs = (await (await o.request(`/api/register/documents?organ=${encodeURIComponent(ORGAN)}`)).json()) as { organ: string; documents: unknown[] };
  assert.equal(otherDocs.organ, '示例区财政局');
  assert.equal(otherDocs.documents.length, 0);
  const far = await t.login('far');
  assert.equal((await far.request(`/api/register/table2?organ=${encodeURIComponent(ORGAN)}&year=2024`)).status, 403);
  const rev = await t.login('rev');
  assert.equal((await rev.request(`/api/register/table2?organ=${encodeURIComponent(ORGAN)}&year=2024`)).status, 200);
  assert.equal((await rev.request('/api/register/documents', json('POST', { organ: ORGAN, kind: 'normative', title: 'x', madeOn: '2024-01-01' }))).status, 403);
  assert.equal((await o.request('/api/calendar?year=2024')).status, 403, 'the calendar is for reviewers');
});

test('calendar and 汇总 for the region’s reviewer: statuses, reminders as CSV, the government compared with its units', async () => {
  const rev = await t.login('rev');
  const cal = (await (await rev.request('/api/calendar?year=2024&today=2025-05-01')).json()) as { items: { organ: string; status: string; dateSource: string | null }[] };
  const by = Object.fromEntries(cal.items.map((i) => [i.organ, i.status]));
  assert.equal(by['示例区司法局'], 'late');
  assert.equal(by['示例区财政局'], 'onTime');
  assert.equal((await rev.request('/api/calendar/published', json('PUT', { organ: '示例区司法局', year: 2024, date: '2025-01-30' }))).status, 200);
  const after = (await (await rev.request('/api/calendar?year=2024&today=2025-05-01')).json()) as { items: { organ: string; status: string; dateSource: string | null }[] };
  assert.deepEqual(after.items.filter((i) => i.organ === '示例区司法局').map((i) => [i.status, i.dateSource]), [['onTime', 'entered']]);
  const remind = await rev.request('/api/calendar/remind?year=2024&format=csv');
  assert.equal(remind.status, 200);
  const bytes = new Uint8Array(await remind.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 4)], [0xef, 0xbb, 0xbf, 0xe6], 'one byte-order mark, then 机关');
  assert.match(new TextDecoder().decode(bytes), /^机关,地区,机关类型,公布期限/);
  const roll = (await (await rev.request(`/api/rollup-report?government=${encodeURIComponent('示例区人民政府')}&year=2024`)).json()) as { units: { organ: string }[]; published: { findings: { rule: string }[] } | null; draft: { meta: { agency: string } } };
  assert.deepEqual(roll.units.map((u) => u.organ).sort(), ['示例区司法局', '示例区财政局'].sort());
  assert.ok(roll.published && roll.published.findings.every((f) => f.rule === 'rollup.mismatch') && roll.published.findings.length > 0);
  assert.equal(roll.draft.meta.agency, '示例区人民政府');
  for (const path of ['/calendar?year=2024', `/rollup?government=${encodeURIComponent('示例区人民政府')}&year=2024`]) {
    const res = await rev.request(path);
    assert.equal(res.status, 200, path);
  }
  const docx = await rev.request(`/rollup/draft.docx?government=${encodeURIComponent('示例区人民政府')}&year=2024`);
  assert.equal(docx.status, 200);
  assert.equal(docx.headers.get('content-type')?.includes('wordprocessingml'), true);
});

test('the OpenAPI document lists the register, calendar and 汇总 operations', async () => {
  const rev = await t.login('rev');
  const doc = (await (await rev.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
  for (const p of ['/api/register/documents', '/api/register/table2', '/api/calendar', '/api/calendar/remind', '/api/rollup-report', '/api/organs/kind']) assert.ok(doc.paths[p], p);
});
