/**
 * The details converters and crawlers get wrong, each on its own: a merged label repeated in the
 * columns it spans (collapsed) beside equal figures (never collapsed), <br> inside a label, a row
 * broken by a line break in a cell, full-width digits, a grid table, a flattened table III.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { textToDocument } from '../../src/read/text.js';
import { parseDocument } from '../../src/parse/index.js';

const HEAD = '2023年某区财政局政府信息公开工作年度报告\n\n一、总体情况\n\n正文。\n\n二、主动公开政府信息情况\n\n三、收到和处理政府信息公开申请情况\n\n';
const parse = (table: string) => parseDocument(textToDocument(`${HEAD}${table}\n\n四、政府信息公开行政复议、行政诉讼情况\n`), 't.md');

test('a merged label repeated across its columns is one cell; equal neighbouring figures stay two cells', () => {
  const report = parse(
    [
      '| 申请人情况 | 申请人情况 | 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |',
      '|---|---|---|---|---|---|---|---|---|---|',
      '| 一、本年新收政府信息公开申请数量 | 一、本年新收政府信息公开申请数量 | 一、本年新收政府信息公开申请数量 | １３ | 0 | 0 | 0 | 0 | 0 | 13 |',
      '| 二、上年结转政府<br>信息公开申请数量 | 二、上年结转政府<br>信息公开申请数量 | 二、上年结转政府<br>信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
      '| 三、本年度办理结果 | （一）予以公开 | （一）予以公开 | 5 | 5 |  | 0 | 0 | 0 | 10 |',
    ].join('\n'),
  );
  // the 13 under 自然人, never under 科研机构
  assert.deepEqual(report.requests.newReceived, [13, 0, 0, 0, 0, 0, 13]);
  assert.deepEqual(report.requests.carriedOver, [0, 0, 0, 0, 0, 0, 0]);
  // 5 | 5 are two figures, and the blank keeps its column
  assert.deepEqual(report.requests.granted, [5, 5, null, 0, 0, 0, 10]);
});

test('a pipe row broken by a line break in a cell (turndown writes <br> as two spaces and a new line)', () => {
  const report = parse(
    [
      '| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      '| （二）部分公开  ',
      '（区分处理的，只计这一情形，不计其他情形） | 2 | 0 | 1 | 0 | 0 | 0 | 3 |',
    ].join('\n'),
  );
  assert.deepEqual(report.requests.partiallyGranted, [2, 0, 1, 0, 0, 0, 3]);
});

test('a grid table with a label wrapped over two lines of its cell', () => {
  const report = parse(
    [
      '+----------------------+-----+-----+-----+-----+-----+-----+-----+',
      '| 一、本年新收政府信息 | 7   | 1   | 0   | 0   | 0   | 0   | 8   |',
      '| 公开申请数量         |     |     |     |     |     |     |     |',
      '+----------------------+-----+-----+-----+-----+-----+-----+-----+',
      '| （一）予以公开       | 6   | 1   | 0   | 0   | 0   | 0   | 7   |',
      '+----------------------+-----+-----+-----+-----+-----+-----+-----+',
      '| （七）总计           | 6   | 1   | 0   | 0   | 0   | 0   | 7   |',
      '+======================+=====+=====+=====+=====+=====+=====+=====+',
    ].join('\n'),
  );
  assert.deepEqual(report.requests.newReceived, [7, 1, 0, 0, 0, 0, 8]);
  assert.deepEqual(report.requests.total, [6, 1, 0, 0, 0, 0, 7]);
});

test('a flattened report: headings and rows run together, figures spaced, run together, or mixed', () => {
  const flat =
    '2023年某区财政局政府信息公开工作年度报告一、总体情况本年度共收到申请23件。二、主动公开政府信息情况三、收到和处理政府信息公开申请情况' +
    '一、本年新收政府信息公开申请数量23 0 0 0 0 0 23二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开20 0 00 0 020' +
    '（二）部分公开（区分处理的，只计这一情形，不计其他情形）3 0 0 0 0 0 3（七）总计23 0 00 0 023四、结转下年度继续办理0 0 0 0 0 0 0' +
    '四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉' +
    '结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计0 0 0 0 0 0 0 0 0 0 0 0 0 0 0五、存在的主要问题及改进情况无。六、其他需要报告的事项无。';
  const report = parseDocument(textToDocument(flat), 'flat.txt');
  assert.deepEqual(report.sections.map((s) => s.no), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(report.requests.newReceived, [23, 0, 0, 0, 0, 0, 23]);
  assert.deepEqual(report.requests.carriedOver, [0, 0, 0, 0, 0, 0, 0]);
  // "20 0 00 0 020" and "23 0 00 0 023": cut by the table's own sums
  assert.deepEqual(report.requests.granted, [20, 0, 0, 0, 0, 0, 20]);
  assert.deepEqual(report.requests.total, [23, 0, 0, 0, 0, 0, 23]);
  assert.deepEqual(report.review.reconsideration, [0, 0, 0, 0, 0]);
  assert.equal(report.meta.agency, '某区财政局');
});

test('figures in a flattened row that no sum can place are unreadable, never guessed', () => {
  // "5 0 0 0 0 5": six figures for seven cells — which one was blank is not known
  const flat =
    '2023年某区财政局政府信息公开工作年度报告一、总体情况无。二、主动公开政府信息情况三、收到和处理政府信息公开申请情况' +
    '一、本年新收政府信息公开申请数量5 0 0 0 0 5二、上年结转政府信息公开申请数量0 0 0 0 0 0 0三、本年度办理结果（一）予以公开5 0 0 0 0 0 5' +
    '（七）总计5 0 0 0 0 0 5四、结转下年度继续办理0 0 0 0 0 0 0四、政府信息公开行政复议、行政诉讼情况五、存在的主要问题及改进情况无。';
  const report = parseDocument(textToDocument(flat), 'flat.txt');
  assert.deepEqual(report.requests.newReceived, [null, null, null, null, null, null, null]);
  assert.equal(report.anomalies?.filter((a) => a.kind === 'unreadable' && a.where.row === 'newReceived').length, 7);
  // "50 0 0 005": seven figures once cut; the row's sum leaves one way to cut them
  const cut = parseDocument(textToDocument(flat.replace('数量5 0 0 0 0 5二', '数量50 0 0 005二')), 'flat2.txt');
  assert.deepEqual(cut.requests.newReceived, [5, 0, 0, 0, 0, 0, 5]);
  assert.equal(cut.anomalies, undefined);
});

test('a flattened report whose balance note opens a bracket and never closes it: the note is prose, the rows after it are read', () => {
  const flat =
    '2023年某区财政局政府信息公开工作年度报告一、总体情况本年度共收到申请2件。三、收到和处理政府信息公开申请情况' +
    '（本列数据的勾稽关系为：第一项加第二项之和等于第三项加第四项之和 申请人情况 自然人 ' +
    '一、本年新收政府信息公开申请数量2 0 0 0 0 0 2四、政府信息公开行政复议、行政诉讼情况无。五、存在的主要问题及改进情况无。六、其他需要报告的事项无。';
  const report = parseDocument(textToDocument(flat), 'flat.txt');
  assert.deepEqual(report.requests.newReceived, [2, 0, 0, 0, 0, 0, 2]);
});
