/** Hand-broken inputs: the parser reports what is there, and marks what it could not read, never guessing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { textToDocument } from '../../src/read/text.js';
import { parseDocument } from '../../src/parse/index.js';
import { InputError } from '../../src/errors.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'seeds');
const seedText = (prefix: string) => readFileSync(join(dir, readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.txt'))!), 'utf8');
const parse = (text: string) => parseDocument(textToDocument(text), 'test.txt');

test('a count cell holding words is null and recorded as invalid at its cell', () => {
  const text = seedText('001').replace('(一) 予以公开\t0\t0\t0', '(一) 予以公开\t0\t十二\t0');
  const r = parse(text);
  assert.deepEqual(r.requests.granted, [0, null, 0, 0, 0, 0, 0]);
  assert.deepEqual(r.anomalies, [{ where: { table: 'requests', row: 'granted', col: 1 }, kind: 'invalid', raw: '十二' }]);
});

test('a row left out of the table is absent, the others still read', () => {
  const text = seedText('001').replace(/\t\t2\.重复申请[^\n]*\n/, '');
  const r = parse(text);
  assert.equal('notProcessed.duplicate' in r.requests, false);
  assert.deepEqual(r.requests['notProcessed.publication'], [0, 0, 0, 0, 0, 0, 0]);
  assert.equal(Object.keys(r.requests).length, 24);
});

test('blank marks are blank cells, thousands separators and units are not content', () => {
  const text = seedText('001')
    .replace('(一) 予以公开\t0\t0\t0\t0\t0\t0\t0', '(一) 予以公开\t1,200\t/\t—\t0\t0\t0\t1200')
    .replace('行政处罚\t0', '行政处罚\t１２件');
  const r = parse(text);
  assert.deepEqual(r.requests.granted, [1200, null, null, 0, 0, 0, 1200]);
  assert.equal(r.active.penalty.decisions, 12);
});

test('without a title the year comes from the statistics period', () => {
  const text = seedText('000').replace('宝山区七星街道办事处\n\n2023年政府信息公开工作年度报告\n', '');
  const r = parse(text);
  assert.equal(r.meta.title, null);
  assert.equal(r.meta.year, 2023);
  assert.equal(r.meta.template, '2019');
});

test('a layout is told by its table: 2021 sub-rows of （六） or the single 2019 row', () => {
  assert.equal(parse(seedText('001')).meta.template, '2021');
  assert.equal(parse(seedText('003')).meta.template, '2019');
});

test('text that is not a report is refused with InputError', () => {
  assert.throws(() => parse('会议纪要\n\n一、关于春季防火工作\n二、关于安全生产\n'), InputError);
});

test('valid UTF-8 full of control characters is refused as not text; a few stray ones are tolerated', async () => {
  const { readText } = await import('../../src/read/text.js');
  const binaryLike = new TextEncoder().encode('政府信息公开\u0001\u0002\u0003'.repeat(200));
  assert.throws(() => readText(binaryLike, 'blob.txt'), (e: unknown) => e instanceof InputError && /不是文本文件/.test(e.message));
  const seed = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.txt'))!), 'utf8');
  const withOne = new TextEncoder().encode(`${seed}\u0001`);
  assert.ok(readText(withOne, 'one.txt').blocks.length > 10);
});
