/**
 * Details of real published reports: the organ named after the year in the title, or on the line
 * above it; a section heading with a typo in it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { textToDocument } from '../../src/read/text.js';
import { parseDocument } from '../../src/parse/index.js';
import { checkReport } from '../../src/check/index.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'seeds');
/** A real report (seed 004) as text, to edit one detail of. */
const seed004 = readFileSync(join(dir, readdirSync(dir).find((f) => f.startsWith('004') && f.endsWith('.txt'))!), 'utf8');

function titleOf(...lines: string[]) {
  const text = `${lines.join('\n\n')}\n\n一、总体情况\n\n正文。\n\n二、主动公开政府信息情况\n\n三、收到和处理政府信息公开申请情况\n`;
  return parseDocument(textToDocument(text), 't.txt').meta;
}

test('the organ after the year in the title, or on the line above a title that begins with 关于', () => {
  assert.deepEqual(
    { agency: titleOf('2019年上海市人民政府办公厅政府信息公开工作年度报告').agency, year: titleOf('2019年上海市人民政府办公厅政府信息公开工作年度报告').year },
    { agency: '上海市人民政府办公厅', year: 2019 },
  );
  assert.equal(titleOf('2023年度上海市财政局政府信息公开工作年度报告').agency, '上海市财政局');
  assert.equal(titleOf('上海市人民政府办公室', '关于2023年度政府信息公开工作年度报告').agency, '上海市人民政府办公室');
  assert.equal(titleOf('上海市财政局', '2023年政府信息公开工作年度报告').agency, '上海市财政局');
  // no organ in the title: none is made up
  assert.equal(titleOf('2023年政府信息公开工作年度报告').agency, null);
});

test('a section heading one character off the official title is that section: no template.missing-section', () => {
  const typo = seed004.replace(/^.*四、政府信息公开行政复议、行政诉讼情况.*$/m, '四、政府信息公开行政法复议、行政诉讼情况');
  assert.notEqual(typo, seed004, 'the seed has the heading to change');
  const report = parseDocument(textToDocument(typo), 'typo.txt');
  assert.deepEqual(report.sections.map((s) => s.no), [1, 2, 3, 4, 5, 6]);
  assert.equal(report.sections[3].heading, '四、政府信息公开行政法复议、行政诉讼情况');
  assert.deepEqual(checkReport(report, { only: ['template.missing-section'] }), []);
  // two characters off, or another section's number, is not a heading
  const far = seed004.replace(/^.*四、政府信息公开行政复议、行政诉讼情况.*$/m, '四、政府信息公开行政法律复议、诉讼情况');
  assert.deepEqual(parseDocument(textToDocument(far), 'far.txt').sections.map((s) => s.no), [1, 2, 3, 5, 6]);
});
