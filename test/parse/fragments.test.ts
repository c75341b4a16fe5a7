/**
 * A row-heading cell that spans a page break comes back from a PDF partly above the continued
 * table, as short lines of its own ("办理结", "果" of 三、本年度办理结果). They belong to the table,
 * not to the section's prose; short prose next to a table stays.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateReport } from '../../src/model/generate.js';
import { readText } from '../../src/read/text.js';
import { parseDocument } from '../../src/parse/index.js';
import { writeTextShape } from '../support/text-shapes.js';

const report = generateReport({ seed: 1, layout: '2021' });
const lines = writeTextShape(report, 'tabs', 0).text.split('\n');
const at = lines.findIndex((l) => l.includes('部分公开（区分处理'));

function parseWith(inserted: string[]) {
  const text = [...lines.slice(0, at), '', ...inserted, '', ...lines.slice(at)].join('\n');
  return parseDocument(readText(new TextEncoder().encode(text), 'split.txt'), 'split.txt');
}

test('pieces of a table label between the two halves of a table are not prose', () => {
  const back = parseWith(['办理结', '果']);
  const three = back.sections.find((s) => s.no === 3)!;
  assert.doesNotMatch(three.text, /办理结|^果$/m);
  assert.deepEqual(back.requests, report.requests);
});

test('short prose next to a table stays, and so do lines that only look short', () => {
  const back = parseWith(['详见下表', '无']);
  const three = back.sections.find((s) => s.no === 3)!;
  assert.match(three.text, /详见下表/);
  assert.match(three.text, /^无$/m);
  assert.deepEqual(back.requests, report.requests);
});
