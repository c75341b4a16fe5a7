/**
 * Parse + check throughput on text reports, on one core: the five seeds and generated reports in
 * every text shape. Reproduce with `npm run bench -- parse`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateReport } from '../src/model/generate.js';
import { readText } from '../src/read/text.js';
import { parseDocument } from '../src/parse/index.js';
import { checkReport } from '../src/check/index.js';
import { SHAPES, writeTextShape } from '../test/support/text-shapes.js';

function measure(label: string, inputs: Uint8Array[], withCheck: boolean): void {
  // warm up, then run for at least two seconds
  for (let i = 0; i < Math.min(200, inputs.length); i++) parseDocument(readText(inputs[i], 'bench'), 'bench');
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < 2) {
    for (const bytes of inputs) {
      const report = parseDocument(readText(bytes, 'bench'), 'bench');
      if (withCheck) checkReport(report);
      n++;
    }
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  const bytes = inputs.reduce((s, b) => s + b.length, 0) / inputs.length;
  console.log(`${label.padEnd(44)} ${(n / elapsed).toFixed(0).padStart(7)} reports/s  (${n} reports, avg ${(bytes / 1024).toFixed(1)} KiB)`);
}

export async function run(): Promise<void> {
  const seedDir = join(import.meta.dirname, '..', 'test', 'fixtures', 'seeds');
  const seeds = readdirSync(seedDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => new Uint8Array(readFileSync(join(seedDir, f))));
  const encoder = new TextEncoder();
  const generated = Array.from({ length: 1000 }, (_, i) => {
    const report = generateReport({ seed: i, layout: i % 2 ? '2019' : '2021' });
    return encoder.encode(writeTextShape(report, SHAPES[i % SHAPES.length], i).text);
  });
  console.log('one core, single thread; goal ≥ 5,000 text reports/s for parse + check');
  measure('seeds: read + parse', seeds, false);
  measure('seeds: read + parse + check', seeds, true);
  measure('1,000 generated, 5 text shapes: read + parse', generated, false);
  measure('1,000 generated, 5 text shapes: read + parse + check', generated, true);
}
