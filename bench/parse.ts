/**
 * Parse + check throughput on text reports, on one core: the five seeds and generated reports in
 * every text shape. Reproduce with `npm run bench -- parse`.
 *
 * Each measurement runs in a worker thread of its own (a fresh JavaScript engine, so one
 * measurement's compiled code does not slow the next), one at a time, on one core. The
 * measurements take turns, a round of a quarter of a second each, twenty rounds: a spell when the
 * machine is slowed by something else then falls on all of them alike. The best round is the
 * speed when nothing disturbs it; the median says how steady that was.
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

/** In the worker: the inputs loaded and the code warmed up, then one round per request. */
function serve(job: Job): void {
  const inputs = load(job.inputs);
  const once = (bytes: Uint8Array) => {
    const report = parseDocument(readText(bytes, 'bench'), 'bench');
    if (job.withCheck) checkReport(report);
  };
  for (let i = 0; i < 2000; i++) once(inputs[i % inputs.length]);
  const bytes = inputs.reduce((s, b) => s + b.length, 0) / inputs.length;
  parentPort!.on('message', () => {
    let n = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < ROUND_SECONDS) {
      for (const b of inputs) once(b);
      n += inputs.length;
      elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    }
    parentPort!.postMessage({ rate: n / elapsed, bytes });
  });
  parentPort!.postMessage({ ready: true });
}

interface Measurement {
  worker: Worker;
  rates: number[];
  bytes: number;
}

function startWorker(job: Job): Promise<Measurement> {
  // the worker runs this file, from TypeScript: tsx is registered in it first
  const code =
    `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
    `.then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });`;
  const worker = new Worker(code, { eval: true, workerData: job });
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve({ worker, rates: [], bytes: 0 }));
    worker.once('error', reject);
  });
}

function round(m: Measurement): Promise<void> {
  return new Promise((resolve, reject) => {
    m.worker.once('error', reject);
    m.worker.once('message', (msg: { rate: number; bytes: number }) => {
      m.worker.off('error', reject);
      m.rates.push(msg.rate);
      m.bytes = msg.bytes;
      resolve();
    });
    m.worker.postMessage('round');
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
  const measurements: Measurement[] = [];
  for (const job of jobs) measurements.push(await startWorker(job));
  for (let r = 0; r < ROUNDS; r++) for (const m of measurements) await round(m);
  jobs.forEach((job, i) => {
    const m = measurements[i];
    void m.worker.terminate();
    const rates = [...m.rates].sort((a, b) => a - b);
    const what = LABELS[job.inputs] ?? `1,000 generated, shape “${job.inputs}”`;
    const label = `${what}: read + parse${job.withCheck ? ' + check' : ''}`;
    console.log(
      `${label.padEnd(58)} ${rates[rates.length - 1].toFixed(0).padStart(6)} reports/s  (${rates[rates.length >> 1].toFixed(0)})  avg ${(m.bytes / 1024).toFixed(1)} KiB`,
    );
  });
  console.log('\nreproduce: npm run bench -- parse');
}

if (!isMainThread) serve(workerData as Job);
