/**
 * Round trips through the text shapes: generated reports of both layouts, written out as text in
 * every shape with noise, must parse back to exactly the same JSON.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateReport } from '../../src/model/generate.js';
import { textToDocument } from '../../src/read/text.js';
import { parseDocument } from '../../src/parse/index.js';
import { SHAPES, writeTextShape } from '../support/text-shapes.js';
import { diffPaths } from '../support/diff.js';
import type { Report } from '../../src/model/report.js';

const PER_SHAPE = 100;

function withBlanks(report: Report, seed: number): Report {
  // every seventh report gets blank cells, where padding and blanks are easy to confuse
  if (seed % 7 !== 0) return report;
  const copy = structuredClone(report);
  const keys = Object.keys(copy.requests);
  copy.requests[keys[seed % keys.length]][seed % 7] = null;
  copy.requests[keys[(seed * 3) % keys.length]][6] = null;
  copy.requests[keys[(seed * 5) % keys.length]][0] = null;
  copy.review.litigationDirect[seed % 5] = null;
  return copy;
}

for (const shape of SHAPES) {
  test(`text shape "${shape}": ${PER_SHAPE} generated reports of both layouts parse back to the same JSON`, () => {
    for (let i = 0; i < PER_SHAPE; i++) {
      const seed = i * 31 + shape.length;
      const report = withBlanks(generateReport({ seed, layout: i % 2 ? '2019' : '2021' }), i);
      const { text, expected } = writeTextShape(report, shape, seed);
      const parsed = parseDocument(textToDocument(text), `generated-${shape}-${i}.txt`);
      const diff = diffPaths(parsed, expected);
      assert.deepEqual(diff, [], `shape ${shape}, report ${i} (seed ${seed}), parsed vs written:\n${diff.join('\n')}`);
    }
  });
}
