import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LAYOUTS } from '../../src/model/layouts.js';
import { generateReport } from '../../src/model/generate.js';
import { defaultCalendar } from '../../src/ledger/calendar.js';
import { appendEvent, validateIntake, type CaseRecord } from '../../src/ledger/cases.js';
import { generateCases } from '../../src/ledger/generate.js';
import { applyLedgerToReport, deriveTable3, feesCollected, ledgerReportPart } from '../../src/ledger/table3.js';

const cal = defaultCalendar();

// Written independently of src/ledger/decisions.ts: the row each decision is counted in.
const ROW: Record<string, string> = {
  alreadyPublic: 'granted', granted: 'granted', partial: 'partiallyGranted',
  'denied.stateSecret': 'denied.stateSecret', 'denied.prohibitedByLaw': 'denied.prohibitedByLaw',
  'denied.securityStability': 'denied.securityStability', 'denied.thirdPartyRights': 'denied.thirdPartyRights',
  'denied.internalAffairs': 'denied.internalAffairs', 'denied.processInfo': 'denied.processInfo',
  'denied.enforcementFile': 'denied.enforcementFile', 'denied.inquiry': 'denied.inquiry',
  notExist: 'unavailable.notHeld', notThisOrgan: 'unavailable.notHeld', needsCreation: 'unavailable.needsCreation',
  unclearAfterCorrection: 'unavailable.unclear', complaint: 'notProcessed.complaint', duplicate: 'notProcessed.duplicate',
  publication: 'notProcessed.publication', excessive: 'notProcessed.excessive', confirmation: 'notProcessed.confirmation',
  noCorrection: 'other.noCorrection', feeLapsed: 'other.unpaidFee', withdrawn: 'other.other', specialLaw: 'other.other', other: 'other.other',
};
const COLS = ['natural', 'business', 'research', 'publicInterest', 'legalService', 'otherOrg'];

/** Counts table III by walking each case once, from its raw events. */
function independentCount(cases: CaseRecord[], year: number): Map<string, number> {
  const m = new Map<string, number>();
  const bump = (row: string, col: string) => {
    m.set(`${row}|${col}`, (m.get(`${row}|${col}`) ?? 0) + 1);
    m.set(`${row}|total`, (m.get(`${row}|total`) ?? 0) + 1);
  };
  for (const c of cases) {
    const ry = Number(c.receivedOn.slice(0, 4));
    const end = c.events.find((e) => e.kind === 'decision' || e.kind === 'withdrawal' || e.kind === 'feeLapsed');
    const cy = end ? Number(end.date.slice(0, 4)) : Infinity;
    const col = c.applicant.type;
    if (ry === year) bump('newReceived', col);
    if (ry < year && cy >= year) bump('carriedOver', col);
    if (ry <= year && cy > year) bump('carriedForward', col);
    if (end && cy === year) {
      const decision = end.kind === 'withdrawal' ? 'withdrawn' : end.kind === 'feeLapsed' ? 'feeLapsed' : String(end.data.decision);
      let row = ROW[decision];
      if (year < 2021 && row.startsWith('other.')) row = 'other';
      bump(row, col);
      bump('total', col);
    }
  }
  return m;
}

function checkArithmetic(requests: Record<string, number[]>, layout: '2021' | '2019', label: string) {
  const rows = LAYOUTS[layout].requests;
  assert.deepEqual(Object.keys(requests).sort(), rows.map((r) => r.key).sort(), label);
  for (const row of rows) {
    const cells = requests[row.key];
    assert.ok(cells.every((v) => Number.isInteger(v) && v >= 0), `${label} ${row.key} non-negative`);
    assert.equal(cells[6], cells.slice(0, 6).reduce((a, b) => a + b, 0), `${label} ${row.key} row total`);
  }
  for (let col = 0; col < 7; col++) {
    const outcome = rows.filter((r) => r.outcome).reduce((s, r) => s + requests[r.key][col], 0);
    assert.equal(requests.total[col], outcome, `${label} col ${col} outcome total`);
    assert.equal(
      requests.newReceived[col] + requests.carriedOver[col],
      requests.total[col] + requests.carriedForward[col],
      `${label} col ${col} balance`,
    );
  }
}

test('random case histories: derived table III equals an independent count and holds every arithmetic rule', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const cases = generateCases({ seed, count: 400, from: '2019-06-01', to: '2025-12-20', horizon: '2026-03-31' }, cal);
    let previous: Record<string, number[]> | null = null;
    for (let year = 2019; year <= 2025; year++) {
      const t = deriveTable3(cases, year);
      assert.equal(t.layout, year >= 2021 ? '2021' : '2019');
      checkArithmetic(t.requests, t.layout, `seed ${seed} ${year}`);
      const expected = independentCount(cases, year);
      for (const row of LAYOUTS[t.layout].requests) {
        [...COLS, 'total'].forEach((col, i) => {
          assert.equal(t.requests[row.key][i], expected.get(`${row.key}|${col}`) ?? 0, `seed ${seed} ${year} ${row.key} ${col}`);
        });
      }
      // each closed case in exactly one outcome row
      const outcomeKeys = new Set(LAYOUTS[t.layout].requests.filter((r) => r.outcome).map((r) => r.key));
      const seen = new Map<string, number>();
      for (const cell of t.cells) if (outcomeKeys.has(cell.row)) seen.set(cell.caseId, (seen.get(cell.caseId) ?? 0) + 1);
      assert.ok([...seen.values()].every((n) => n === 1), 'one outcome row per case');
      // this year's 上年结转 is last year's 结转下年度, in every column
      if (previous) assert.deepEqual(t.requests.carriedOver, previous.carriedForward, `seed ${seed} ${year} carry-over`);
      previous = t.requests;
    }
  }
});

test('year-end carry-over: a case waiting on a 补正 at 31 December is carried; closed next year, it counts there', () => {
  let c: CaseRecord = {
    ...validateIntake({
      organ: '示例局', channel: 'post', signedOn: '2024-12-20',
      applicant: { type: 'legalService', name: '某律师事务所' }, content: '某文件',
    }),
    id: 'y1', caseNo: '2024-0099', events: [],
  };
  c = appendEvent(c, { kind: 'correctionNotice', date: '2024-12-24' }, cal).record;
  const t2024 = deriveTable3([c], 2024);
  assert.equal(t2024.requests.newReceived[4], 1);
  assert.equal(t2024.requests.carriedForward[4], 1);
  assert.equal(t2024.requests.total[4], 0);
  c = appendEvent(c, { kind: 'decision', date: '2025-01-20', data: { decision: 'noCorrection' } }, cal).record;
  const t2025 = deriveTable3([c], 2025);
  assert.equal(t2025.requests.carriedOver[4], 1);
  assert.equal(t2025.requests.newReceived[4], 0);
  assert.equal(t2025.requests['other.noCorrection'][4], 1);
  assert.equal(t2025.requests.carriedForward[4], 0);
  // closed on 31 December: answered that year, not carried
  const d = appendEvent({ ...c, events: c.events.slice(0, 1) }, { kind: 'decision', date: '2024-12-31', data: { decision: 'granted' } }, cal).record;
  assert.equal(deriveTable3([d], 2024).requests.carriedForward[6], 0);
  assert.equal(deriveTable3([d], 2024).requests.granted[6], 1);
  // a 2020 case uses the 2019 layout's single （六） row
  const old = appendEvent(
    { ...validateIntake({ organ: 'x', channel: 'inPerson', submittedOn: '2020-05-06', applicant: { type: 'natural', name: '甲' }, content: 'y' }), id: 'o', caseNo: 'o', events: [] },
    { kind: 'withdrawal', date: '2020-05-07' }, cal,
  ).record;
  assert.equal(deriveTable3([old], 2020).requests.other[0], 1);
});

test('fees collected and the report draft: table III replaced, section 六 fee sentence set', () => {
  const cases = generateCases({ seed: 11, count: 300, from: '2024-01-01', to: '2024-12-31', horizon: '2025-03-31' }, cal);
  const fees = feesCollected(cases, 2024);
  let sum = 0;
  let n = 0;
  for (const c of cases) {
    const paid = c.events.filter((e) => e.kind === 'feePaid' && e.date.startsWith('2024'));
    if (paid.length) n++;
    for (const e of paid) sum += Number(e.data.amount);
  }
  assert.equal(fees.amount, sum);
  assert.ok(fees.cases <= n);
  const part = ledgerReportPart(cases, 2024);
  assert.equal(part.meta.template, '2021');
  const draft = generateReport({ seed: 5, layout: '2021', year: 2024 });
  const sixBefore = draft.sections.find((s) => s.no === 6)!;
  sixBefore.text = '本机关认真落实年度政务公开工作要点。本年度未收取信息处理费。其他无。';
  const out = applyLedgerToReport(draft, part);
  assert.deepEqual(out.requests, part.requests);
  const six = out.sections.find((s) => s.no === 6)!.text;
  assert.ok(six.includes(part.feeSentence));
  assert.ok(six.startsWith('本机关认真落实年度政务公开工作要点。'));
  assert.ok(!six.includes('本年度未收取信息处理费'));
  assert.ok(fees.amount > 0, 'the sample collected fees');
  assert.match(part.feeSentence, new RegExp(`对${fees.cases}件政府信息公开申请收取信息处理费，共计${fees.amount}元`));
  assert.throws(() => applyLedgerToReport(generateReport({ seed: 5, layout: '2019', year: 2020 }), part), /格式/);
});
