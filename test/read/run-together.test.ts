import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateReport } from '../../src/model/generate.js';
import type { CountCell, Report } from '../../src/model/report.js';
import { parseDocument } from '../../src/parse/index.js';
import { resolveRunTogether } from '../../src/parse/run-together.js';
import { readText } from '../../src/read/text.js';
import { SHAPES, writeTextShape } from '../support/text-shapes.js';

/** The report as tab-separated text with the value cells of the chosen table III rows run together. */
function squashed(report: Report, rows: (label: string) => boolean): string {
  const { text } = writeTextShape(report, 'tabs', 1);
  return text
    .split(/\r?\n/)
    .map((raw) => {
      const line = raw.replace(/\t+$/, '');
      const m = /^(.*?[\u4e00-\u9fff）)][^\t]*)((?:\t+[\d０-９]+){7})$/.exec(line);
      if (!m || !rows(m[1])) return line;
      return `${m[1]}\t${m[2].normalize('NFKC').split('\t').filter(Boolean).join('')}`;
    })
    .join('\n');
}

const parse = (text: string) => parseDocument(readText(new TextEncoder().encode(text), 'r.txt'), 'r.txt');

test('one row run together is split by the table arithmetic (row total and the column relations)', () => {
  let squashedRows = 0;
  for (let seed = 0; seed < 40; seed++) {
    const report = generateReport({ seed: 600 + seed, layout: seed % 2 ? '2019' : '2021', scale: 80 });
    const labels = ['予以公开', '本年新收', '总计', '重复申请', '结转下年度'];
    const want = labels[seed % labels.length];
    const text = squashed(report, (l) => l.includes(want));
    if (!/\t\d{7,}$/m.test(text)) continue;
    squashedRows++;
    const back = parse(text);
    assert.deepEqual(back.requests, report.requests, `seed ${seed} row ${want}`);
    assert.equal(back.anomalies, undefined);
  }
  assert.ok(squashedRows >= 30, `${squashedRows} rows squashed`);
});

test('every row run together: each cell is either right or null and reported unreadable, never a wrong number', () => {
  let right = 0;
  let unreadable = 0;
  for (let seed = 0; seed < 30; seed++) {
    const report = generateReport({ seed: 700 + seed, layout: seed % 2 ? '2019' : '2021', scale: 300 });
    const back = parse(squashed(report, () => true));
    const flagged = new Set((back.anomalies ?? []).filter((a) => a.kind === 'unreadable').map((a) => `${a.where.row}/${a.where.col}`));
    for (const [key, row] of Object.entries(report.requests)) {
      row.forEach((value, col) => {
        const got = back.requests[key]?.[col];
        if (got === value) right++;
        else {
          assert.equal(got, null, `seed ${seed} ${key}[${col}]: ${got} instead of ${value}`);
          assert.ok(flagged.has(`${key}/${col}`), `seed ${seed} ${key}[${col}] null but not reported unreadable`);
          unreadable++;
        }
      });
    }
  }
  assert.ok(right > unreadable * 5, `${right} right, ${unreadable} unreadable`);
});

test('several splits that add up: the cells stay null and are reported, with the raw digits', () => {
  // 10 1 0 0 0 0 11 and 1 0 10 0 0 0 11 both add up; nothing else in the table decides
  const requests: Record<string, CountCell[]> = { granted: [null, null, null, null, null, null, null] };
  const anomalies = resolveRunTogether({ requests, review: {}, pending: [{ table: 'requests', row: 'granted', raw: ['101000011'], need: 7 }] });
  assert.deepEqual(requests.granted, [null, null, null, null, null, null, null]);
  assert.equal(anomalies.length, 7);
  assert.deepEqual(anomalies[0], { where: { table: 'requests', row: 'granted', col: 0 }, kind: 'unreadable', raw: '101000011' });
});

test('the column relations decide between splits that add up', () => {
  // 一 + 二 = 总计 + 四 in every column pins 二 down
  const requests: Record<string, CountCell[]> = {
    newReceived: [10, 0, 0, 0, 0, 1, 11],
    carriedOver: [null, null, null, null, null, null, null],
    total: [11, 0, 10, 0, 0, 1, 22],
    carriedForward: [0, 1, 0, 0, 0, 0, 1],
  };
  const anomalies = resolveRunTogether({ requests, review: {}, pending: [{ table: 'requests', row: 'carriedOver', raw: ['111000012'], need: 7 }] });
  assert.deepEqual(anomalies, []);
  assert.deepEqual(requests.carriedOver, [1, 1, 10, 0, 0, 0, 12]);
});

test('a number never starts with 0; digits that cannot be split are unreadable', () => {
  const requests: Record<string, CountCell[]> = { granted: [null, null, null, null, null, null, null] };
  // 7 single digits whose total does not add up: no split at all
  const anomalies = resolveRunTogether({ requests, review: {}, pending: [{ table: 'requests', row: 'granted', raw: ['1010119'], need: 7 }] });
  assert.equal(anomalies.length, 7);
  assert.ok(requests.granted.every((v) => v === null));
});

test('table IV as one run of digits: rows of five that add up', () => {
  const review: Record<string, CountCell[]> = {};
  const anomalies = resolveRunTogether({ requests: {}, review, pending: [{ table: 'review', row: '*', raw: ['101020000001001'], need: 15 }] });
  assert.deepEqual(anomalies, []);
  assert.deepEqual(review.reconsideration, [1, 0, 1, 0, 2]);
  assert.deepEqual(review.litigationDirect, [0, 0, 0, 0, 0]);
  assert.deepEqual(review.litigationAfterReconsideration, [0, 1, 0, 0, 1]);
});

test('unsquashed text is untouched by the splitter', () => {
  const report = generateReport({ seed: 11, layout: '2021' });
  const back = parse(writeTextShape(report, SHAPES[1], 2).text);
  assert.deepEqual(back.requests, report.requests);
});
