/** The report model: the shipped JSON Schema matches the runtime schema, and validation refuses what it should. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingsJsonSchema, reportJsonSchema } from '../../src/model/schema-export.js';
import { safeValidateReport, validateReport } from '../../src/model/report.js';
import { generateReport } from '../../src/model/generate.js';
import { LAYOUTS } from '../../src/model/layouts.js';

const dir = join(import.meta.dirname, '..', '..', 'schema');

test('the shipped JSON Schema files are generated from the runtime schema (run scripts/gen-schema.ts)', () => {
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'report.schema.json'), 'utf8')), JSON.parse(JSON.stringify(reportJsonSchema())));
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'findings.schema.json'), 'utf8')), JSON.parse(JSON.stringify(findingsJsonSchema())));
});

test('generated reports validate, and a broken one is refused with the path of the problem', () => {
  for (let seed = 0; seed < 50; seed++) validateReport(generateReport({ seed }));
  const bad = generateReport({ seed: 1 }) as unknown as { requests: Record<string, unknown[]> };
  bad.requests.granted = [1, 2, 3];
  const r = safeValidateReport(bad);
  assert.equal(r.ok, false);
  if (!r.ok) assert.ok(r.errors.some((e) => e.startsWith('requests.granted')), r.errors.join('\n'));
  const fractional = generateReport({ seed: 2 });
  fractional.review.reconsideration[0] = 1.5;
  assert.equal(safeValidateReport(fractional).ok, false);
});

test('the layouts: 25 rows of table III in 2021, 23 in 2019; 21 and 19 outcome rows sum into （七）总计', () => {
  assert.equal(LAYOUTS['2021'].requests.length, 25);
  assert.equal(LAYOUTS['2019'].requests.length, 23);
  assert.equal(LAYOUTS['2021'].requests.filter((r) => r.outcome).length, 21);
  assert.equal(LAYOUTS['2019'].requests.filter((r) => r.outcome).length, 19);
  assert.deepEqual(LAYOUTS['2021'].active.map((r) => r.key), ['regulations', 'normativeDocuments', 'licensing', 'penalty', 'coercion', 'fees']);
  assert.deepEqual(LAYOUTS['2019'].active.map((r) => r.key), ['regulations', 'normativeDocuments', 'licensing', 'otherServices', 'penalty', 'coercion', 'fees', 'procurement']);
});
