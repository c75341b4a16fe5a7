/** The five real reports parse to exactly the JSON checked in beside them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readText } from '../../src/read/text.js';
import { parseDocument } from '../../src/parse/index.js';
import { validateReport } from '../../src/model/report.js';
import { diffPaths } from '../support/diff.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'seeds');
const seeds = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

test('there are five seed reports', () => assert.equal(seeds.length, 5));

for (const name of seeds) {
  test(`seed ${name} parses to its expected JSON`, () => {
    const report = parseDocument(readText(new Uint8Array(readFileSync(join(dir, name))), name), name);
    const expected = JSON.parse(readFileSync(join(dir, name.replace('.txt', '.expected.json')), 'utf8'));
    assert.deepEqual(diffPaths(report, expected), []);
    validateReport(report);
  });
}

test('seed details a broken parser would get wrong', () => {
  const load = (prefix: string) => {
    const name = seeds.find((s) => s.startsWith(prefix))!;
    return parseDocument(readText(new Uint8Array(readFileSync(join(dir, name))), name), name);
  };
  const s000 = load('000');
  assert.equal(s000.meta.template, '2019');
  assert.equal(s000.meta.title, '宝山区七星街道办事处2023年政府信息公开工作年度报告');
  assert.deepEqual(s000.meta.period, { start: '2023-01-01', end: '2023-12-31' });
  assert.deepEqual(s000.meta.contact, { address: '七星街道星福路', postcode: '155132', phone: '0469-4037593', email: 'qixingban@163.com' });
  // the blank cell of （四）1 in the 其他 column
  assert.deepEqual(s000.requests['unavailable.notHeld'], [0, 0, 0, 0, 0, null, 0]);
  assert.equal(s000.active.licensing.change, '0%');
  assert.ok('other' in s000.requests && !('other.other' in s000.requests));

  const s001 = load('001');
  assert.equal(s001.meta.template, '2021');
  assert.equal(s001.meta.title, '牧野区卫北街道办事处2023年政府信息公开工作年度报告');
  assert.equal(s001.meta.period, null);
  assert.ok('other.other' in s001.requests && !('other' in s001.requests));
  assert.deepEqual(Object.keys(s001.active), ['regulations', 'normativeDocuments', 'licensing', 'penalty', 'coercion', 'fees']);

  const s004 = load('004');
  assert.equal(s004.meta.agency, '杭州市拱墅区人民政府上塘街道办事处');
  assert.equal(s004.meta.year, 2023);
  assert.deepEqual(s004.requests.newReceived, [37, 1, 0, 0, 0, 1, 39]);
  assert.deepEqual(s004.requests['unavailable.notHeld'], [7, 0, 0, 0, 0, 1, 8]);
  assert.deepEqual(s004.requests['other.other'], [0, 1, 0, 0, 0, 0, 1]);
  assert.equal(s004.active.penalty.decisions, 712);
  assert.equal(s004.sections[4].heading, '5、存在的主要问题及改进情况');
  assert.ok(!s004.sections[0].text.includes('bookmark'));
});
