import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { testApp, type TestApp } from '../server/helpers.js';

const A = '示例区自然资源局';
const B = '示例区财政局';
let pg: PGlite;
let t: TestApp;

before(async () => {
  pg = new PGlite();
  for (const f of ['0100_ledger.sql', '0200_web.sql']) {
    await pg.exec(readFileSync(new URL(`../../src/store/migrations/${f}`, import.meta.url), 'utf8'));
  }
  t = await testApp({ db: { query: (sql: string, params?: unknown[]) => pg.query(sql, params) } });
  await t.user('clerkA', 'clerk', A);
  await t.user('clerkB', 'clerk', B);
  await t.user('admin1', 'admin');
  await t.user('rev1', 'reviewer', '示例区');
});
after(async () => {
  await pg.close();
});

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

test('ledger API and pages: a clerk works on the own organ; others cannot read its applicants', async () => {
  const a = await t.login('clerkA');
  const created = await a.request('/api/cases', json({
    channel: '当面', received: '2024-09-27', applicantType: '自然人', name: '张三', idNumber: '110101199001011234', phone: '13812345678',
    content: '申请公开某地块征收补偿方案',
  }));
  assert.equal(created.status, 201);
  const v = (await created.json()) as { record: { id: string; caseNo: string }; state: { deadline: { due: string } } };
  assert.equal(v.state.deadline.due, '2024-10-30');
  const id = v.record.id;
  const ev = await a.request(`/api/cases/${id}/events`, json({ kind: 'extension', date: '2024-10-28', days: 20, approver: '李主任' }));
  assert.equal(ev.status, 201);
  assert.equal(((await ev.json()) as { state: { deadline: { due: string } } }).state.deadline.due, '2024-11-27');
  const bad = await a.request(`/api/cases/${id}/events`, json({ kind: 'extension', date: '2024-10-29', days: 5, approver: 'x' }));
  assert.equal(bad.status, 422);
  assert.match(((await bad.json()) as { message: string }).message, /不得超过20/);

  const masked = (await (await a.request(`/api/cases/${id}`)).json()) as { record: { applicant: { name: string; idNumber: string } }; masked: boolean };
  assert.equal(masked.masked, true);
  assert.equal(masked.record.applicant.name, '张*');
  const full = (await (await a.request(`/api/cases/${id}?reveal=1`)).json()) as { record: { applicant: { idNumber: string } } };
  assert.equal(full.record.applicant.idNumber, '110101199001011234');

  // the page with the timeline and the derivation
  const page = await (await a.request(`/cases/${id}`)).text();
  assert.match(page, /2024-11-27（星期三）/);
  assert.match(page, /国庆节调休上班日/);
  assert.doesNotMatch(page, /110101199001011234/);
  // event form posts
  const form = await a.request(`/cases/${id}/events`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: a.csrf, kind: 'decision', date: '2024-11-20', decision: 'partial' }).toString(),
  });
  assert.equal(form.status, 303);
  const list = await (await a.request('/cases')).text();
  assert.match(list, new RegExp(v.record.caseNo));
  assert.match(list, /部分公开/);

  // clerk of another organ: not found, and the own list is empty
  const b = await t.login('clerkB');
  assert.equal((await b.request(`/api/cases/${id}`)).status, 404);
  assert.equal((await b.request(`/cases/${id}`)).status, 404);
  const bl = (await (await b.request(`/api/cases?organ=${encodeURIComponent(A)}`)).json()) as { total: number };
  assert.equal(bl.total, 0);
  assert.equal((await b.request(`/api/cases/${id}/events`, json({ kind: 'note', date: '2024-11-21', text: 'x' }))).status, 404);
  const theirs = await b.request(`/cases/export.csv`);
  assert.equal(theirs.status, 200);
  assert.match(theirs.headers.get('content-type') ?? '', /text\/csv/);
  assert.doesNotMatch(await theirs.text(), /张/);
  // the organ's own clerk exports its cases, as CSV and as XLSX
  const own = await a.request(`/cases/export.csv`);
  assert.equal(own.status, 200);
  assert.match(await own.text(), /张/);
  const xlsx = await a.request(`/cases/export.xlsx`);
  assert.equal(xlsx.status, 200);
  assert.equal(new TextDecoder().decode(new Uint8Array(await xlsx.arrayBuffer()).subarray(0, 2)), 'PK');

  // anonymous: nothing
  assert.equal((await t.app.request(`/api/cases/${id}`)).status, 401);
  assert.equal((await t.app.request('/cases')).status, 303);

  // admin: masked, never revealed
  const ad = await t.login('admin1');
  const adv = (await (await ad.request(`/api/cases/${id}`)).json()) as { record: { applicant: { idNumber: string } } };
  assert.equal(adv.record.applicant.idNumber, '110***********1234');
  assert.equal((await ad.request(`/api/cases/${id}?reveal=1`)).status, 404);

  // reviewer of the region: counts only
  const r = await t.login('rev1');
  const t3 = await r.request(`/api/cases/table3?organ=${encodeURIComponent(A)}&year=2024`);
  assert.equal(t3.status, 200);
  const t3j = (await t3.json()) as { requests: Record<string, number[]> };
  assert.equal(t3j.requests.partiallyGranted[0], 1);
  assert.equal((await r.request(`/api/cases/${id}`)).status, 404);

  // the audit log has the refusals and the views
  const audit = await pg.query<{ actor: string; action: string }>('SELECT actor, action FROM ledger_audit WHERE case_id = $1', [Number(id)]);
  const actions = audit.rows.map((x) => `${x.actor} ${x.action}`);
  assert.ok(actions.includes('web:clerkB case.view.denied'));
  assert.ok(actions.includes('web:clerkA case.view.personal'));
  assert.ok(actions.includes('web:admin1 case.reveal.denied'));
});

test('table III flows into the report draft; the deadline calculator is public', async () => {
  const a = await t.login('clerkA');
  const page = await (await a.request('/cases/table3?year=2024')).text();
  assert.match(page, /本机关未收取政府信息公开信息处理费/);
  const res = await a.request('/cases/table3', {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: a.csrf, year: '2024' }).toString(),
  });
  assert.equal(res.status, 303);
  const draft = await pg.query<{ report: { requests: Record<string, number[]>; sections: { no: number; text: string }[] } }>(
    'SELECT report FROM web_drafts WHERE organ = $1 AND year = 2024', [A],
  );
  assert.equal(draft.rows[0].report.requests.partiallyGranted[6], 1);
  assert.equal(draft.rows[0].report.requests.newReceived[6], 1);
  assert.match(draft.rows[0].report.sections.find((s) => s.no === 6)!.text, /未收取政府信息公开信息处理费/);
  const calc = await (await t.app.request('/deadline?received=2025-01-24')).text();
  assert.match(calc, /2025-02-27（星期四）/);
  assert.match(await (await t.app.request('/deadline?received=2026-12-20')).text(), /缺少2027年/);
});
