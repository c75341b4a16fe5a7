/**
 * A city and a district in the report store: the publication calendar (on time, late, missing,
 * by kind, with dates the reports carry or a reviewer entered) and the government's 汇总 (which
 * units count, every summed cell, the comparison with the government's own report, the draft
 * rendered to Word and read back).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/index.js';
import { openDb } from '../../src/store/db.js';
import { generateReport } from '../../src/model/generate.js';
import { renderText } from '../../src/render/text.js';
import { render } from '../../src/render/index.js';
import { loadReportFromBytes } from '../../src/pipeline.js';
import { LAYOUTS, REVIEW_ROWS } from '../../src/model/layouts.js';
import type { Report } from '../../src/model/report.js';
import { Register } from '../../src/register/store.js';
import { publicationCalendar, calendarSheet, NOT_REPORTED } from '../../src/register/publication.js';
import { governmentRollup, rollupDraft } from '../../src/register/government-rollup.js';
import { checkReport } from '../../src/check/index.js';

const operator = { name: 'cli:test', role: 'operator' as const };
let store: Store;
let reg: Register;
const reports = new Map<string, Report>();
let seed = 100;

async function put(agency: string, year: number, signOff?: string, edit?: (r: Report) => void): Promise<Report> {
  const report = generateReport({ seed: seed++, layout: year >= 2021 ? '2021' : '2019', year, agency, scale: 15 });
  edit?.(report);
  const text = renderText(report) + (signOff ? `\n${agency}\n${signOff}\n` : '');
  const stored = await store.importBytes(new TextEncoder().encode(text), `${agency}${year}.txt`);
  reports.set(`${agency}|${year}`, stored.report);
  return stored.report;
}

// 示例区 (a district), and 示例市 above it with a department of its own
const DISTRICT_UNITS = ['示例区教育局', '示例区司法局', '示例区人民政府办公室'];
before(async () => {
  store = new Store(await openDb({ dataDir: 'memory://' }));
  reg = new Register(store.db);
  await put('示例区教育局', 2024, '2025年1月20日');
  await put('示例区司法局', 2024, '2025年2月3日');
  await put('示例区人民政府办公室', 2024);
  await put('示例区七星街道办事处', 2023, '2024年1月10日'); // reported last year, not this year
  await put('示例市财政局', 2024, '二〇二五年一月二十七日');
  await put('示例市示例区人民政府', 2024, '2025年3月28日');
});
after(async () => {
  await store.close();
});

test('calendar: on time, late (with the date the report carries), missing, by kind; an entered date wins', async () => {
  await reg.setPublished(operator, '示例区人民政府办公室', 2024, '2025-01-10');
  // 示例区教育局's report was fetched from the portal, whose page said 2025-01-28: that date wins over the sign-off
  const edu = (await store.list({ organ: '示例区教育局', year: 2024 }))[0];
  await store.db.query(`INSERT INTO fetch_addresses (address, outcome, report_id, published_on) VALUES ('https://example.invalid/a', 'imported', $1, '2025-01-28')`, [edu.id]);
  const view = await publicationCalendar(store, reg, { region: '示例区', year: 2024, today: '2025-04-15' });
  const by = new Map(view.items.map((i) => [i.organ, i]));
  assert.deepEqual([...by.keys()].sort(), ['示例区七星街道办事处', '示例区人民政府办公室', '示例区司法局', '示例区教育局', '示例市示例区人民政府'].sort());
  const row = (o: string) => { const i = by.get(o)!; return [i.kind, i.due, i.status, i.published, i.dateSource, i.daysLate]; };
  assert.deepEqual(row('示例区教育局'), ['department', '2025-01-31', 'onTime', '2025-01-28', 'portal', null]);
  assert.deepEqual(row('示例区司法局'), ['department', '2025-01-31', 'late', '2025-02-03', 'report', 3]);
  assert.deepEqual(row('示例区人民政府办公室'), ['department', '2025-01-31', 'onTime', '2025-01-10', 'entered', null]);
  assert.deepEqual(row('示例区七星街道办事处'), ['township', '2025-01-31', 'missing', null, null, 74]);
  assert.deepEqual(row('示例市示例区人民政府'), ['government', '2025-03-31', 'onTime', '2025-03-28', 'report', null]);
  assert.deepEqual(view.totals, { missing: 1, late: 1, pending: 0, onTime: 3, noDeadline: 0 });
  // before the due date a unit without a report is not yet missing
  const early = await publicationCalendar(store, reg, { region: '示例区', year: 2024, today: '2025-01-15' });
  assert.equal(early.items.find((i) => i.organ === '示例区七星街道办事处')!.status, 'pending');
  // a kind set by hand changes the due date
  await reg.setOrganKind(operator, '示例市示例区人民政府', 'department');
  const changed = await publicationCalendar(store, reg, { region: '示例区', year: 2024, today: '2025-04-15' });
  const gov = changed.items.find((i) => i.organ === '示例市示例区人民政府')!;
  assert.deepEqual([gov.kindSource, gov.status, gov.daysLate], ['set', 'late', 56]);
  await reg.setOrganKind(operator, '示例市示例区人民政府', 'government');
  const remind = calendarSheet(view, NOT_REPORTED);
  assert.deepEqual(remind.rows.map((r) => r[0]), ['示例区七星街道办事处']);
  assert.equal(remind.header[0], '机关');
});

function sumOf(names: string[], year: number) {
  const requests: Record<string, number[]> = {};
  for (const row of LAYOUTS['2021'].requests) {
    requests[row.key] = [0, 0, 0, 0, 0, 0, 0];
    for (const n of names) reports.get(`${n}|${year}`)!.requests[row.key].forEach((v, i) => (requests[row.key][i] += v ?? 0));
  }
  const review: Record<string, number[]> = {};
  for (const row of REVIEW_ROWS) {
    review[row.key] = [0, 0, 0, 0, 0];
    for (const n of names) reports.get(`${n}|${year}`)!.review[row.key].forEach((v, i) => (review[row.key][i] += v ?? 0));
  }
  return { requests, review };
}

test('district 汇总: its departments and office summed cell by cell; the missing unit listed; the draft renders to Word and reads back', async () => {
  // the government under another spelling is the government, not one of its units
  await store.setOrganRegion('示例市示例区政府', '示例市/示例区');
  const r = await governmentRollup(store, reg, '示例市示例区人民政府', 2024);
  assert.equal(r.region, '示例市/示例区');
  assert.deepEqual(r.units.map((u) => [u.organ, u.source]).sort(), [...DISTRICT_UNITS.map((o) => [o, 'report']), ['示例区七星街道办事处', 'missing']].sort());
  const want = sumOf(DISTRICT_UNITS, 2024);
  assert.deepEqual(r.sum.requests, want.requests);
  assert.deepEqual(r.sum.review, want.review);
  const licensing = DISTRICT_UNITS.reduce((s, n) => s + (reports.get(`${n}|2024`)!.active.licensing.decisions as number), 0);
  assert.equal(r.sum.active.licensing.decisions, licensing);
  // the district's own report was generated on its own: it differs, and each differing cell is a finding
  assert.ok(r.published && r.published.findings.length > 0);
  for (const f of r.published!.findings) assert.equal(f.rule, 'rollup.mismatch');
  const draft = rollupDraft(r);
  assert.equal(draft.meta.agency, '示例市示例区人民政府');
  assert.match(draft.sections[2].text, new RegExp(`本年新收政府信息公开申请${want.requests.newReceived[6]}件`));
  assert.equal(checkReport(draft).filter((f) => f.severity === 'error' && f.rule.startsWith('requests.')).length, 0, 'summed tables balance');
  const back = (await loadReportFromBytes(await render(draft, 'docx'), '汇总.docx')).report;
  assert.deepEqual(back.requests, draft.requests);
  assert.deepEqual(back.review, draft.review);
});

test('city 汇总: the district government counts, its departments do not; a matching city report has no finding, one wrong cell one finding', async () => {
  const units = ['示例市财政局', '示例市示例区人民政府'];
  const want = sumOf(units, 2024);
  const matching = await put('示例市人民政府', 2024, '2025年3月20日', (rep) => {
    for (const [k, v] of Object.entries(want.requests)) rep.requests[k] = [...v];
    for (const [k, v] of Object.entries(want.review)) rep.review[k] = [...v];
    for (const row of LAYOUTS['2021'].active) for (const f of row.fields) rep.active[row.key][f.key] = units.reduce((s, n) => s + (reports.get(`${n}|2024`)!.active[row.key][f.key] as number), 0);
  });
  const r = await governmentRollup(store, reg, '示例市人民政府', 2024);
  assert.deepEqual(r.units.map((u) => u.organ).sort(), units.sort());
  assert.deepEqual(r.sum.requests, want.requests);
  assert.deepEqual(r.published!.findings, []);
  const wrong = structuredClone(matching);
  wrong.requests.granted[0] = (wrong.requests.granted[0] ?? 0) + 1;
  const findings = checkReport(wrong, { units: r.sum, only: ['rollup.mismatch'] });
  assert.deepEqual(findings.map((f) => [f.where, f.expected, f.actual]), [[{ table: 'requests', row: 'granted', col: 0 }, want.requests.granted[0], want.requests.granted[0] + 1]]);
});
