/**
 * Parse + check throughput on text reports, on one core: the five seeds and generated reports in
 * every text shape. Reproduce with `npm run bench -- parse`.
 *
 * Each measurement runs in a worker thread of its own (a fresh JavaScript engine, so one
 * measurement's compiled code does not slow the next) and on one core at a time. It runs seven
 * rounds of one second; the best round is the machine's speed when nothing else disturbs it, and
 * the median says how steady that was.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { generateReport } from '../src/model/generate.js';
import { readText } from '../src/read/text.js';
import { parseDocument } from '../src/parse/index.js';
import { checkReport } from '../src/check/index.js';
import { SHAPES, type Shape, writeTextShape } from '../test/support/text-shapes.js';

interface Job {
  inputs: 'seeds' | 'generated' | Shape;
  withCheck: boolean;
}
interface Result {
  best: number;
  median: number;
  bytes: number;
  count: number;
}

const ROUNDS = 20;
const ROUND_SECONDS = 0.25;

function load(which: Job['inputs']): Uint8Array[] {
  if (which === 'seeds') {
    const seedDir = join(import.meta.dirname, '..', 'test', 'fixtures', 'seeds');
    return readdirSync(seedDir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => new Uint8Array(readFileSync(join(seedDir, f))));
  }
  const encoder = new TextEncoder();
  return Array.from({ length: 1000 }, (_, i) => {
    const report = generateReport({ seed: i, layout: i % 2 ? '2019' : '2021' });
    const shape = which === 'generated' ? SHAPES[i % SHAPES.length] : which;
    return encoder.encode(writeTextShape(report, shape, i).text);
  });
}

export function measure(job: Job): Result {
  const inputs = load(job.inputs);
  const once = (bytes: Uint8Array) => {
    const report = parseDocument(readText(bytes, 'bench'), 'bench');
    if (job.withCheck) checkReport(report);
  };
  for (let i = 0; i < 2000; i++) once(inputs[i % inputs.length]); // warm up
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let n = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < ROUND_SECONDS) {
      for (const bytes of inputs) once(bytes);
      n += inputs.length;
      elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    }
    rates.push(n / elapsed);
  }
  rates.sort((a, b) => a - b);
  const bytes = inputs.reduce((s, b) => s + b.length, 0) / inputs.length;
  return { best: rates[rates.length - 1], median: rates[rates.length >> 1], bytes, count: inputs.length };
}

function inWorker(job: Job): Promise<Result> {
  return new Promise((resolve, reject) => {
    // the worker runs this file, from TypeScript: tsx is registered in it first
    const code =
      `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
      `.then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });`;
    const worker = new Worker(code, { eval: true, workerData: job });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const LABELS: Record<string, string> = {
  seeds: 'the 5 seeds',
  generated: '1,000 generated, 5 text shapes mixed',
};

export async function run(): Promise<void> {
  console.log(`one core, one thread; best of ${ROUNDS} rounds of ${ROUND_SECONDS} s (median in brackets)`);
  console.log('goal: ≥ 5,000 text reports/s for read + parse + check');
  const jobs: Job[] = [
    { inputs: 'seeds', withCheck: false },
    { inputs: 'seeds', withCheck: true },
    { inputs: 'generated', withCheck: false },
    { inputs: 'generated', withCheck: true },
    ...SHAPES.map((shape): Job => ({ inputs: shape, withCheck: true })),
  ];
  for (const job of jobs) {
    const r = await inWorker(job);
    const what = LABELS[job.inputs] ?? `1,000 generated, shape “${job.inputs}”`;
    const label = `${what}: read + parse${job.withCheck ? ' + check' : ''}`;
    console.log(
      `${label.padEnd(58)} ${r.best.toFixed(0).padStart(6)} reports/s  (${r.median.toFixed(0)})  avg ${(r.bytes / 1024).toFixed(1)} KiB`,
    );
  }
}

if (!isMainThread) parentPort!.postMessage(measure(workerData as Job));
