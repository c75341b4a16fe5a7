/** Writing a report by hand: new → fill → check; YAML files read back; upgrading the 2019 layout. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { blankReport } from '../../src/author/blank.js';
import { fillTotals } from '../../src/author/fill.js';
import { upgradeReport } from '../../src/author/upgrade.js';
import { writeReportYaml } from '../../src/author/yaml-writer.js';
import { readReportFile } from '../../src/author/report-file.js';
import { checkReport } from '../../src/check/index.js';
import { generateReport } from '../../src/model/generate.js';
import { LAYOUTS, SECTIONS } from '../../src/model/layouts.js';
import type { Report } from '../../src/model/report.js';
import { InputError } from '../../src/errors.js';

const SEEDS = new URL('../fixtures/seeds/', import.meta.url);
const seed = (prefix: string): Report =>
  JSON.parse(readFileSync(new URL(readdirSync(SEEDS).find((f) => f.startsWith(prefix) && f.endsWith('.json'))!, SEEDS), 'utf8')) as Report;
const enc = (s: string) => new TextEncoder().encode(s);

test('YAML written for people reads back to the same report (200 generated, the seeds)', () => {
  const reports = [...Array.from({ length: 200 }, (_, i) => generateReport({ seed: i, layout: i % 2 ? '2021' : '2019', year: 2020 + (i % 4) })), seed('000'), seed('004')];
  for (const r of reports) assert.deepEqual(readReportFile(enc(writeReportYaml(r)), 'r.yaml'), r);
  const yaml = writeReportYaml(reports[0]);
  assert.match(yaml, /# 一、本年新收政府信息公开申请数量/);
  assert.match(yaml, new RegExp(`# ${SECTIONS[4].guidance}`));
});

test('a blank report has every row of its layout; once filled, the checker finds nothing but the figures typed', () => {
  const r = blankReport('上塘街道办事处', 2025);
  assert.deepEqual(Object.keys(r.requests), LAYOUTS['2021'].requests.map((x) => x.key));
  assert.equal(r.sections.length, 6);
  // a clerk types the applicant columns only
  r.requests.newReceived = [5, 2, 0, 0, 0, 0, null];
  r.requests.granted = [3, 1, 0, 0, 0, 0, null];
  r.requests['unavailable.notHeld'] = [1, 0, 0, 0, 0, 0, null];
  r.review.reconsideration = [1, 0, 0, 1, null];
  const { report, filled } = fillTotals(r);
  assert.deepEqual(report.requests.newReceived, [5, 2, 0, 0, 0, 0, 7]);
  assert.deepEqual(report.requests.total, [4, 1, 0, 0, 0, 0, 5]);
  assert.deepEqual(report.requests.carriedForward, [1, 1, 0, 0, 0, 0, 2], 'from 一 + 二 = （七） + 四');
  assert.deepEqual(report.review.reconsideration, [1, 0, 0, 1, 2]);
  assert.ok(filled.includes('表三“（七）总计”行“总计”列 = 5'), filled.join('\n'));
  const errors = checkReport(report).filter((f) => f.severity !== 'warning' || !f.rule.startsWith('section.'));
  assert.deepEqual(errors.filter((f) => f.severity === 'error'), []);
  assert.deepEqual(checkReport(report).filter((f) => f.rule === 'cell.blank'), [], 'no blank total left');
});

test('fill never changes a figure already written, even a wrong one', () => {
  const r = generateReport({ seed: 3, layout: '2021', year: 2023 });
  r.requests.total[0] = 999;
  r.requests.granted[6] = null;
  const { report, filled } = fillTotals(r);
  assert.equal(report.requests.total[0], 999);
  assert.equal(report.requests.granted[6], r.requests.granted.slice(0, 6).reduce((a, v) => a! + (v ?? 0), 0));
  assert.equal(filled.length, 1);
  assert.ok(checkReport(report).some((f) => f.rule === 'requests.outcome-total' && f.where?.col === 0));
});

test('upgrade: the two seeds in the 2019 layout become 2021 reports with tables III and IV intact', () => {
  for (const prefix of ['000', '003']) {
    const old = seed(prefix);
    assert.equal(old.meta.template, '2019');
    const { report, notes, toFill } = upgradeReport(old);
    assert.equal(report.meta.template, '2021');
    assert.deepEqual(Object.keys(report.requests).sort(), LAYOUTS['2021'].requests.map((x) => x.key).sort());
    for (const key of Object.keys(old.requests)) {
      if (key === 'other') assert.deepEqual(report.requests['other.other'], old.requests.other);
      else assert.deepEqual(report.requests[key], old.requests[key], key);
    }
    assert.deepEqual(report.review, old.review);
    assert.equal(report.active.penalty.decisions, old.active.penalty.decisions);
    assert.deepEqual(Object.keys(report.active), LAYOUTS['2021'].active.map((x) => x.key));
    assert.equal(report.active.regulations.issued, null, 'a 2019 column that changed meaning is left for the clerk');
    assert.ok(toFill.some((t) => t.includes('本年制发件数')));
    assert.ok(notes.some((n) => n.includes('政府集中采购')));
    const ids = checkReport(report).map((f) => f.rule);
    assert.ok(!ids.includes('template.outdated'));
    assert.ok(!ids.includes('template.missing-row'));
    assert.ok(!ids.some((id) => id.startsWith('requests.')), 'the arithmetic still holds');
  }
});

test('a report file with a mistake is refused naming the place', () => {
  const r = generateReport({ seed: 1, layout: '2021', year: 2023 });
  const bad = JSON.parse(JSON.stringify(r));
  bad.requests.granted = [1, 2, 3];
  assert.throws(() => readReportFile(enc(JSON.stringify(bad)), 'r.json'), (e: unknown) => e instanceof InputError && /requests\.granted/.test(e.message));
  assert.throws(() => readReportFile(enc('meta: [unclosed'), 'r.yaml'), (e: unknown) => e instanceof InputError && /YAML/.test(e.message));
});

test('a report JSON from another tool: no sections (read as none, the six reported missing), contact fields null', () => {
  const report = generateReport({ seed: 7, layout: '2021', year: 2023 }) as unknown as Record<string, unknown> & { meta: Record<string, unknown> };
  delete report.sections;
  delete report.schema;
  report.meta.contact = { address: '人民路1号', postcode: null, phone: null, email: null };
  const read = readReportFile(enc(JSON.stringify(report)), 'other.json');
  assert.deepEqual(read.sections, []);
  assert.deepEqual(read.meta.contact, { address: '人民路1号' });
  const missing = checkReport(read).filter((f) => f.rule === 'template.missing-section');
  assert.equal(missing.length, 6);
  assert.ok(missing.every((f) => f.severity === 'warning'));
  report.meta.contact = { address: null, postcode: null, phone: null, email: null };
  assert.equal(readReportFile(enc(JSON.stringify(report)), 'other.json').meta.contact, null);
  // a wrong type is still refused
  report.meta.contact = { address: 12 };
  assert.throws(() => readReportFile(enc(JSON.stringify(report)), 'other.json'), (e: unknown) => e instanceof InputError && /contact/.test(e.message));
});
