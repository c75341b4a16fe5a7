/**
 * Each rule fires on a report broken for it — at the right cell, with the right numbers — and is
 * silent on correct reports: hundreds generated in both layouts, and the seeds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { checkReport, RULES, ruleById } from '../../src/check/index.js';
import { generateReport } from '../../src/model/generate.js';
import type { Report } from '../../src/model/report.js';
import type { Finding } from '../../src/model/findings.js';

const SEEDS = new URL('../fixtures/seeds/', import.meta.url);

function fresh(seed = 11, layout: '2021' | '2019' = '2021', year = layout === '2021' ? 2023 : 2020): Report {
  return generateReport({ seed, layout, year });
}

function only(report: Report, id: string, previous?: Report): Finding[] {
  assert.ok(ruleById(id), `rule ${id} exists`);
  return checkReport(report, { only: [id], previous });
}

/** A report with some traffic in every table, so that sums have something to go wrong with. */
function busy(layout: '2021' | '2019' = '2021'): Report {
  for (let seed = 1; seed < 500; seed++) {
    const r = fresh(seed, layout);
    const t = r.requests;
    if ((t.total[6] ?? 0) > 5 && (t.carriedForward[6] ?? 0) > 0 && (t.carriedOver[6] ?? 0) > 0 && (r.review.reconsideration[4] ?? 0) > 0) return r;
  }
  throw new Error('no busy report among the generated ones');
}

test('silent on 300 generated reports, both layouts, and on their pairs of years', () => {
  for (let seed = 1; seed <= 150; seed++) {
    for (const layout of ['2021', '2019'] as const) {
      const r = fresh(seed, layout);
      assert.deepEqual(checkReport(r), [], `seed ${seed} layout ${layout}`);
      // the same organ a year earlier, made to agree with this year's carry-over and stock
      const prev = structuredClone(r);
      prev.meta.year = r.meta.year! - 1;
      prev.requests.carriedForward = [...r.requests.carriedOver];
      prev.requests.total = prev.requests.total.map((v) => (v ?? 0) + 1); // not a copy of this year
      for (const key of ['regulations', 'normativeDocuments']) {
        const now = r.active[key];
        if (layout === '2021') prev.active[key] = { ...now, inForce: (now.inForce as number) - (now.issued as number) + (now.repealed as number) };
      }
      const pairFindings = checkReport(r, { previous: prev, only: ['continuity.carryover', 'continuity.in-force', 'continuity.copied'] });
      assert.deepEqual(pairFindings, [], `pair, seed ${seed} layout ${layout}`);
    }
  }
});

test('the seeds: only what is really wrong with them', () => {
  const expected: Record<string, string[]> = {
    '000': ['template.outdated', 'section.fee-statement', 'cell.blank'],
    '001': [],
    '002': ['section.fee-statement'],
    '003': ['template.outdated', 'section.fee-statement', 'cell.blank'],
    '004': [],
  };
  const files = readdirSync(SEEDS).filter((f) => f.endsWith('.expected.json'));
  assert.equal(files.length, 5);
  for (const f of files) {
    const report = JSON.parse(readFileSync(new URL(f, SEEDS), 'utf8')) as Report;
    const ids = checkReport(report).map((x) => x.rule);
    assert.deepEqual(ids, expected[f.slice(0, 3)], f);
  }
  // the blank cell of seed 000 is named in the report's own words
  const s000 = JSON.parse(readFileSync(new URL(files.find((f) => f.startsWith('000'))!, SEEDS), 'utf8')) as Report;
  const blank = checkReport(s000).find((x) => x.rule === 'cell.blank')!;
  assert.deepEqual(blank.where, { table: 'requests', row: 'unavailable.notHeld', col: 5 });
  assert.match(blank.message, /本机关不掌握相关政府信息.*“其他”列/);
});

test('requests.row-total: the row and its two numbers', () => {
  const r = busy();
  const before = r.requests.granted[6]!;
  r.requests.granted[0] = (r.requests.granted[0] ?? 0) + 2;
  const f = only(r, 'requests.row-total');
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].where, { table: 'requests', row: 'granted', col: 6 });
  assert.equal(f[0].expected, before + 2);
  assert.equal(f[0].actual, before);
  assert.match(f[0].message, /予以公开/);
  assert.ok(f[0].message.includes(String(before + 2)) && f[0].message.includes(String(before)));
  assert.equal(f[0].severity, 'error');
});

test('requests.outcome-total: the column whose total is off', () => {
  const r = busy();
  const total = r.requests.total[3] ?? 0;
  r.requests.total[3] = total + 1;
  const f = only(r, 'requests.outcome-total');
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].where, { table: 'requests', row: 'total', col: 3 });
  assert.equal(f[0].expected, total);
  assert.equal(f[0].actual, total + 1);
  assert.match(f[0].message, /社会公益组织/);
});

test('requests.row-total: a blank 总计 beside applicant figures is reported, expected = the sum, actual = null', () => {
  const r = busy();
  r.requests.granted = [258, 12, null, null, 1, 1, null];
  const f = only(r, 'requests.row-total');
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].where, { table: 'requests', row: 'granted', col: 6 });
  assert.equal(f[0].expected, 272);
  assert.equal(f[0].actual, null);
  assert.match(f[0].message, /予以公开.*272.*空白/);
  // a wholly blank row is cell.blank's business, and an unreadable total cell.unreadable's
  r.requests.granted = [null, null, null, null, null, null, null];
  assert.deepEqual(only(r, 'requests.row-total'), []);
  r.requests.granted = [258, 12, null, null, 1, 1, null];
  r.anomalies = [{ where: { table: 'requests', row: 'granted', col: 6 }, kind: 'unreadable', raw: '258121 1' }];
  assert.deepEqual(only(r, 'requests.row-total'), []);
});

test('requests.outcome-total: a blank （七）总计 cell under outcome figures is reported, actual = null', () => {
  const r = busy();
  const sum = r.requests.total[0]!;
  r.requests.total[0] = null;
  const f = only(r, 'requests.outcome-total');
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].where, { table: 'requests', row: 'total', col: 0 });
  assert.equal(f[0].expected, sum);
  assert.equal(f[0].actual, null);
  assert.match(f[0].message, /自然人.*空白/);
  // outcome rows all blank in that column: nothing to add up
  for (const row of Object.keys(r.requests)) r.requests[row][0] = null;
  assert.deepEqual(only(r, 'requests.outcome-total'), []);
});

test('sums over a cell the parser could not read are left to cell.unreadable: no balance, row or column total error', () => {
  const r = busy();
  r.requests.carriedOver = [null, null, null, null, null, null, null];
  r.anomalies = r.requests.carriedOver.map((_, col) => ({ where: { table: 'requests' as const, row: 'carriedOver', col }, kind: 'unreadable' as const, raw: '1203' }));
  assert.deepEqual(only(r, 'requests.balance'), []);
  r.requests.granted[2] = null;
  r.requests.granted[6] = (r.requests.granted[6] ?? 0) + 5;
  r.anomalies.push({ where: { table: 'requests', row: 'granted', col: 2 }, kind: 'invalid', raw: '若干' });
  assert.deepEqual(only(r, 'requests.row-total'), []);
  assert.deepEqual(only(r, 'requests.outcome-total').filter((f) => f.where?.col === 2), []);
  r.review.reconsideration[1] = null;
  r.review.reconsideration[4] = (r.review.reconsideration[4] ?? 0) + 9;
  r.anomalies.push({ where: { table: 'review', row: 'reconsideration', col: 1 }, kind: 'unreadable', raw: '12' });
  assert.deepEqual(only(r, 'review.total'), []);
  // the same figures without the anomalies: the sums are reported
  delete r.anomalies;
  assert.ok(only(r, 'review.total').length === 1 && only(r, 'requests.row-total').length === 1);
});

test('requests.outcome-total counts the 2019 single （六） row and the 2021 sub-rows', () => {
  const r19 = busy('2019');
  r19.requests.other[0] = (r19.requests.other[0] ?? 0) + 1;
  assert.deepEqual(only(r19, 'requests.outcome-total').map((f) => f.where?.col), [0]);
  const r21 = busy('2021');
  r21.requests['other.unpaidFee'][5] = (r21.requests['other.unpaidFee'][5] ?? 0) + 3;
  assert.deepEqual(only(r21, 'requests.outcome-total').map((f) => f.where?.col), [5]);
});

test('requests.balance: 一 + 二 against （七） + 四, per column, message as in the spec', () => {
  const r = busy();
  const t = r.requests;
  t.carriedForward[0] = (t.carriedForward[0] ?? 0) + 4;
  const inflow = t.newReceived[0]! + t.carriedOver[0]!;
  const f = only(r, 'requests.balance');
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].where, { table: 'requests', row: 'total', col: 0 });
  assert.equal(f[0].expected, inflow);
  assert.equal(f[0].actual, inflow + 4);
  assert.ok(f[0].message.startsWith(`第一项加第二项之和（${inflow}）不等于第三项加第四项之和（${inflow + 4}）：自然人`), f[0].message);
});

test('review.total: each of the three groups on its own', () => {
  const r = busy();
  const total = r.review.litigationDirect[4] ?? 0;
  r.review.litigationDirect[4] = total + 1;
  const f = only(r, 'review.total');
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].where, { table: 'review', row: 'litigationDirect', col: 4 });
  assert.equal(f[0].expected, total);
  assert.equal(f[0].actual, total + 1);
  assert.match(f[0].message, /未经复议直接起诉/);
});

test('cell.invalid: text in a count cell, negative counts, text in a table II count', () => {
  const r = fresh();
  r.anomalies = [{ where: { table: 'requests', row: 'granted', col: 2 }, kind: 'invalid', raw: '约5' }];
  r.requests.granted[2] = null;
  r.review.reconsideration[1] = -1;
  r.active.penalty.decisions = '若干';
  const f = only(r, 'cell.invalid');
  assert.deepEqual(
    f.map((x) => [x.where, x.actual]),
    [
      [{ table: 'requests', row: 'granted', col: 2 }, '约5'],
      [{ table: 'review', row: 'reconsideration', col: 1 }, '-1'],
      [{ table: 'active', row: 'penalty', field: 'decisions' }, '若干'],
    ],
  );
  assert.match(f[0].message, /“（一）予以公开”行“科研机构”列填写为“约5”/);
  // the cell the parser could not read is not also reported as blank
  assert.deepEqual(only(r, 'cell.blank'), []);
});

test('cell.unreadable and cell.blank name their cells', () => {
  const r = fresh();
  r.anomalies = [{ where: { table: 'requests', row: 'newReceived', col: 6 }, kind: 'unreadable', raw: '640020470' }];
  r.requests.newReceived[6] = null;
  r.requests['denied.inquiry'][1] = null;
  const u = only(r, 'cell.unreadable');
  assert.equal(u.length, 1);
  assert.deepEqual(u[0].where, { table: 'requests', row: 'newReceived', col: 6 });
  assert.match(u[0].message, /640020470/);
  const b = only(r, 'cell.blank');
  assert.deepEqual(b.map((x) => x.where), [{ table: 'requests', row: 'denied.inquiry', col: 1 }]);
  assert.equal(b[0].severity, 'info');
});

test('template.outdated: the 2019 tables in a 2021-or-later report, not in a 2020 one', () => {
  assert.equal(only(fresh(3, '2019', 2023), 'template.outdated').length, 1);
  assert.equal(only(fresh(3, '2019', 2021), 'template.outdated').length, 1);
  assert.equal(only(fresh(3, '2019', 2020), 'template.outdated').length, 0);
  assert.equal(only(fresh(3, '2021', 2023), 'template.outdated').length, 0);
});

test('template.missing-section and template.missing-row', () => {
  const r = fresh();
  r.sections = r.sections.filter((s) => s.no !== 5);
  const s = only(r, 'template.missing-section');
  assert.equal(s.length, 1);
  assert.match(s[0].message, /第五部分“五、存在的主要问题及改进情况”/);
  delete r.requests['denied.inquiry'];
  delete r.review.litigationAfterReconsideration;
  const rows = only(r, 'template.missing-row');
  assert.deepEqual(rows.map((x) => x.where), [
    { table: 'requests', row: 'denied.inquiry' },
    { table: 'review', row: 'litigationAfterReconsideration' },
  ]);
  assert.match(rows[0].message, /属于行政查询事项/);
  // a whole table missing is one finding
  const t = fresh();
  t.requests = {};
  assert.equal(only(t, 'template.missing-row').length, 1);
});

test('meta.period-mismatch', () => {
  const r = fresh();
  assert.deepEqual(only(r, 'meta.period-mismatch'), []);
  r.meta.period = { start: '2023-01-01', end: '2023-11-30' };
  const f = only(r, 'meta.period-mismatch');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /2023年11月30日/);
  assert.equal(f[0].actual, '2023-01-01/2023-11-30');
});

test('narrative.mismatch: a stated figure against its table cell', () => {
  const r = busy();
  const received = r.requests.newReceived[6]!;
  const sec = r.sections.find((s) => s.text.includes(`申请${received}件`))!;
  assert.ok(sec, 'the generated prose states the requests received');
  sec.text = sec.text.replace(`申请${received}件`, `申请${received + 5}件`);
  const f = only(r, 'narrative.mismatch');
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].where, { table: 'requests', row: 'newReceived', col: 6 });
  assert.equal(f[0].expected, received);
  assert.equal(f[0].actual, received + 5);
  assert.match(f[0].message, /一、本年新收政府信息公开申请数量/);
});

/** The narrative.mismatch findings on the report with the given text as its only prose. */
function saying(r: Report): (text: string) => Finding[] {
  return (text) => {
    const copy = structuredClone(r);
    copy.sections = [{ no: 1, heading: '一、总体情况', text }];
    return only(copy, 'narrative.mismatch');
  };
}

test('narrative.mismatch reads the usual phrasings and leaves comparisons and other years alone', () => {
  const r = busy();
  const t = r.requests;
  const say = saying(r);
  const n = t.newReceived[6]!;
  const done = t.total[6]!;
  const fwd = t.carriedForward[6]!;
  const rev = r.review.reconsideration[4]!;
  assert.deepEqual(say(`全年共收到政府信息公开申请${n}件，办结${done}件，结转下年度继续办理${fwd}件。`), []);
  assert.deepEqual(say(`本年度新收政府信息公开申请${n + 1}件。`).map((f) => f.where?.row), ['newReceived']);
  assert.deepEqual(say(`共办结${done + 2}件。`).map((f) => f.actual), [done + 2]);
  assert.deepEqual(say(`另有${fwd + 1}件申请顺延到下年度答复。`).map((f) => f.where?.row), ['carriedForward']);
  assert.deepEqual(say(`因政府信息公开被申请行政复议${rev + 1}件。`).map((f) => [f.where?.table, f.where?.row]), [['review', 'reconsideration']]);
  // 行政复议和行政诉讼 together are compared with the sum of table IV
  const allReview = Object.values(r.review).reduce((a, row) => a + (row[4] ?? 0), 0);
  assert.deepEqual(say(`行政复议和行政诉讼${allReview}件。`), []);
  assert.equal(say(`行政复议和行政诉讼${allReview + 1}件。`).length, 1);
  // comparisons and other years are not this year's figures
  assert.deepEqual(say(`较上年收到申请${n + 9}件有所增加。`), []);
  assert.deepEqual(say(`2019年共收到政府信息公开申请${n + 9}件。`), []);
  // figures about other things with similar words
  assert.deepEqual(say(`办理人大代表建议${n + 3}件，政协提案2件。`), []);
  assert.deepEqual(say(`收到信访举报${n + 3}件。`), []);
});

test('narrative.mismatch compares only clauses about requests: not documents, 主动公开 items or kinds of answers', () => {
  const r = busy();
  const t = r.requests;
  const say = saying(r);
  const granted = t.granted[6]!;
  const done = t.total[6]!;
  // from a real report: three figures that count other things
  assert.deepEqual(say('全年印发公文432条，其中主动公开410条，不予公开22条。'), []);
  assert.deepEqual(say(`共收到政府信息公开申请${t.newReceived[6]}件，属于已主动公开答复数1条，同意公开答复数1条。`), []);
  assert.deepEqual(say('主动公开政府信息1200条，其中予以公开的政策文件45条。'), []);
  // the table's own subject, stated wrongly, still fires
  assert.deepEqual(say(`共收到申请${t.newReceived[6]}件，其中予以公开${granted + 1}件。`).map((f) => f.where?.row), ['granted']);
  assert.deepEqual(say(`收到申请${t.newReceived[6]}件。其中，予以公开${granted + 1}件。`).map((f) => f.where?.row), ['granted']);
  assert.deepEqual(say(`已全部答复申请人${done + 1}件。`).map((f) => f.where?.row), ['total']);
  assert.deepEqual(say(`共办结${done + 1}件。`).map((f) => f.where?.row), ['total']);
  // 予以公开 with nothing about requests around it says nothing about table III
  assert.deepEqual(say(`予以公开${granted + 1}件。`), []);
});

test('narrative.mismatch is silent on seed 004 (办结 38 = 39 less one withdrawn) and fires when its table is changed', () => {
  const file = readdirSync(SEEDS).find((f) => f.startsWith('004') && f.endsWith('.expected.json'))!;
  const r = JSON.parse(readFileSync(new URL(file, SEEDS), 'utf8')) as Report;
  assert.deepEqual(only(r, 'narrative.mismatch'), []);
  r.requests.granted[6] = 27;
  r.requests.granted[0] = 27;
  const f = only(r, 'narrative.mismatch');
  assert.deepEqual(f.map((x) => [x.where?.row, x.expected, x.actual]), [['granted', 27, 28]]);
  assert.match(f[0].message, /予以公开28件/);
});

test('continuity.carryover: every column, against last year', () => {
  const r = busy();
  const prev = structuredClone(r);
  prev.meta.year = 2022;
  prev.requests.carriedForward = [...r.requests.carriedOver];
  assert.deepEqual(only(r, 'continuity.carryover', prev), []);
  prev.requests.carriedForward[2] = (prev.requests.carriedForward[2] ?? 0) + 3;
  const f = only(r, 'continuity.carryover', prev);
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].where, { table: 'requests', row: 'carriedOver', col: 2 });
  assert.equal(f[0].expected, prev.requests.carriedForward[2]);
  assert.equal(f[0].actual, r.requests.carriedOver[2]);
  assert.match(f[0].message, /2022年度报告“四、结转下年度继续办理”/);
  // without last year's report the pair rules do not run
  assert.deepEqual(only(r, 'continuity.carryover'), []);
});

test('continuity.in-force, continuity.copied, active.published-total', () => {
  const r = fresh();
  const prev = structuredClone(r);
  prev.meta.year = 2022;
  const now = r.active.regulations;
  prev.active.regulations = { ...now, inForce: (now.inForce as number) - (now.issued as number) + (now.repealed as number) + 1 };
  const inForce = only(r, 'continuity.in-force', prev);
  assert.deepEqual(inForce.map((f) => [f.where?.row, f.expected, f.actual]), [['regulations', (now.inForce as number) + 1, now.inForce]]);

  const busyOne = busy();
  assert.equal(only(busyOne, 'continuity.copied', structuredClone(busyOne)).length, 1);
  const zeros = fresh();
  for (const k of Object.keys(zeros.requests)) zeros.requests[k] = zeros.requests[k].map(() => 0);
  for (const k of Object.keys(zeros.review)) zeros.review[k] = zeros.review[k].map(() => 0);
  assert.deepEqual(only(zeros, 'continuity.copied', structuredClone(zeros)), [], 'tables of zeros repeat honestly');

  const old = fresh(5, '2019', 2020);
  old.active.normativeDocuments = { made: 3, published: 3, total: 2 };
  const p = only(old, 'active.published-total');
  assert.deepEqual(p.map((f) => [f.where?.row, f.expected, f.actual]), [['normativeDocuments', 3, 2]]);
});

test('section rules: empty 第五部分, no word on 信息处理费, a 人民政府 without 考核', () => {
  const r = fresh();
  r.sections.find((s) => s.no === 5)!.text = '无。';
  assert.equal(only(r, 'section.problems-empty').length, 1);
  r.sections = r.sections.map((s) => ({ ...s, text: s.text.replace(/信息处理费|收费/g, '') }));
  assert.equal(only(r, 'section.fee-statement').length, 1);
  assert.equal(only({ ...r, meta: { ...r.meta, year: 2020 } }, 'section.fee-statement').length, 0);
  r.meta.agency = '岭东区人民政府';
  r.sections = r.sections.map((s) => ({ ...s, text: s.text.replace(/考核|评议|责任追究/g, '') }));
  assert.equal(only(r, 'section.government-assessment').length, 1);
  r.meta.agency = '岭东区人民政府办公室';
  assert.equal(only(r, 'section.government-assessment').length, 0);
});

test('every rule of the findings contract exists, ids are unique, and messages are deterministic', () => {
  const contract = [
    'requests.row-total', 'requests.outcome-total', 'requests.balance', 'review.total', 'template.outdated',
    'template.missing-section', 'template.missing-row', 'meta.period-mismatch', 'narrative.mismatch',
    'continuity.carryover', 'cell.blank', 'cell.invalid', 'cell.unreadable',
  ];
  const ids = RULES.map((r) => r.meta.id);
  for (const id of contract) assert.ok(ids.includes(id), id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of RULES) {
    assert.match(rule.meta.title, /[\u4e00-\u9fff]/, rule.meta.id);
    assert.ok(rule.meta.basis.length > 10, rule.meta.id);
  }
  const r = busy();
  r.requests.total[0] = 999;
  assert.equal(JSON.stringify(checkReport(r)), JSON.stringify(checkReport(structuredClone(r))));
  assert.ok(existsSync(new URL('../../src/check/rules/', import.meta.url)));
});
