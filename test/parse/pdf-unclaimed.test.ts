/**
 * Table III read from a PDF whose row label came out garbled: the row's figures are there but no
 * label claims them. The rows not found are then unreadable (cell.unreadable), not silently blank
 * cells that the table's arithmetic would report as errors the report does not have. A table that
 * simply leaves a row out, with no figures unaccounted for, keeps the row missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../src/check/index.js';
import { LAYOUTS } from '../../src/model/layouts.js';
import { parseDocument } from '../../src/parse/index.js';
import { cell, type Block, type Document, type DocumentForm } from '../../src/read/document.js';

const FIGURES: Record<string, number[]> = {
  newReceived: [5, 1, 0, 0, 0, 0, 6],
  granted: [3, 1, 0, 0, 0, 0, 4],
  partiallyGranted: [2, 0, 0, 0, 0, 0, 2],
  total: [5, 1, 0, 0, 0, 0, 6],
};

function document(form: DocumentForm, label: (key: string, text: string) => string | null): Document {
  const page = { page: 2 };
  const rows = LAYOUTS['2021'].requests.flatMap((row) => {
    const text = label(row.key, `${row.numbering}${row.label}`);
    if (text === null) return [];
    const figures = FIGURES[row.key] ?? [0, 0, 0, 0, 0, 0, 0];
    return [[cell(text, page), ...figures.map((n) => cell(String(n), page))]];
  });
  const p = (text: string): Block => ({ kind: 'paragraph', text, source: { page: 1 } });
  return {
    form,
    blocks: [
      p('某区财政局2023年政府信息公开工作年度报告'),
      p('一、总体情况'),
      p('本年度共收到申请6件。'),
      p('二、主动公开政府信息情况'),
      p('三、收到和处理政府信息公开申请情况'),
      { kind: 'table', rows, source: page },
      p('四、政府信息公开行政复议、行政诉讼情况'),
      p('五、存在的主要问题及改进情况'),
      p('无。'),
      p('六、其他需要报告的事项'),
      p('无。'),
    ],
  };
}

const garbled = (key: string, text: string) => (key === 'granted' ? '三、本年度办□□□□□' : text);
const unreadableRows = (anomalies: { kind: string; where: { row: string } }[] | undefined) =>
  [...new Set((anomalies ?? []).filter((a) => a.kind === 'unreadable').map((a) => a.where.row))];

test('a PDF table III row whose label is garbled, its figures present: the row is unreadable, no false arithmetic error', () => {
  const report = parseDocument(document('pdf', garbled), 't.pdf');
  assert.deepEqual(report.requests.granted, [null, null, null, null, null, null, null]);
  assert.deepEqual(unreadableRows(report.anomalies), ['granted']);
  assert.equal(report.anomalies?.length, 7);
  // the other rows are read as they stand
  assert.deepEqual(report.requests.newReceived, FIGURES.newReceived);
  assert.deepEqual(report.requests.partiallyGranted, FIGURES.partiallyGranted);
  assert.deepEqual(report.requests.total, FIGURES.total);
  assert.deepEqual(report.requests.carriedForward, [0, 0, 0, 0, 0, 0, 0]);
  // (the document has no tables II and IV: only table III's findings count here)
  const findings = checkReport(report).filter((f) => !f.where || f.where.table === 'requests');
  const rules = new Set(findings.map((f) => f.rule));
  assert.ok(rules.has('cell.unreadable'));
  for (const id of ['requests.balance', 'requests.outcome-total', 'requests.row-total', 'template.missing-row', 'cell.blank']) assert.ok(!rules.has(id), id);
});

test('a PDF table III that leaves a row out, with no figures unaccounted for: the row stays missing, nothing is unreadable', () => {
  const report = parseDocument(document('pdf', (key, text) => (key === 'denied.inquiry' ? null : text)), 't.pdf');
  assert.equal(report.requests['denied.inquiry'], undefined);
  assert.equal(report.anomalies, undefined);
  assert.deepEqual(report.requests.granted, FIGURES.granted);
});

test('outside PDFs the safety net is not applied: a garbled label in a text table leaves its row unfound', () => {
  const report = parseDocument(document('html', garbled), 't.html');
  assert.equal(report.requests.granted, undefined);
  assert.deepEqual(unreadableRows(report.anomalies), []);
});
