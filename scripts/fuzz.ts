/**
 * The long fuzzing run: `npm run fuzz` (1,000,000 inputs), or
 *
 *   npm run fuzz -- --inputs 200000 --workers 2 --seed 7 --minutes 60
 *
 * Each worker thread draws cases from the same generator as the short run in the tests
 * (test/fuzz/mutate.ts), in batches from a seed of its own, and runs each through sniff → read →
 * parse → check (test/fuzz/target.ts). Every 8th input is run twice and must give the same result.
 * A crash (anything thrown but a clear refusal), an input slower than 5 s, a worker stuck on one
 * input for 60 s, or one that runs out of its 768 MiB heap is written to the failures folder as the
 * input file itself (replay it with `nianbao check <file>`) and a .failure.json saying what happened.
 * At the end: inputs, results and times per form, peak memory of the process, and the failures.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { buildSources, FILE_NAME, FORMS, sourceBytes, type Form, type Source } from '../test/fuzz/sources.js';
import { caseBytes, fuzzCase, type FormWeights, type FuzzCase } from '../test/fuzz/mutate.js';
import { runOne, sameOutcome } from '../test/fuzz/target.js';

/** Relative numbers of inputs per form (integers), in proportion to how fast each is read: a PDF takes a hundred times longer. */
export const LONG_RUN_WEIGHTS: FormWeights = { utf8: 200, utf16le: 60, utf16be: 60, gb18030: 100, html: 160, mht: 80, docx: 140, pdf: 3, json: 100, yaml: 60 };
const SLOW_MS = 5000;
const STUCK_MS = 60_000;
const HEAP_MB = 768;
const BATCH = 250;

interface FormStats {
  inputs: number;
  read: number;
  refused: number;
  crashes: number;
  slow: number;
  nondeterministic: number;
  totalMs: number;
  maxMs: number;
  bytes: number;
  maxBytes: number;
}
const emptyStats = (): FormStats => ({ inputs: 0, read: 0, refused: 0, crashes: 0, slow: 0, nondeterministic: 0, totalMs: 0, maxMs: 0, bytes: 0, maxBytes: 0 });

interface WorkerJob {
  seed: number;
  worker: number;
  firstBatch: number;
  quota: number;
  /** Shared: per worker [batch, index in batch, inputs done]. */
  progress: SharedArrayBuffer;
}

interface Failure {
  what: 'crash' | 'slow' | 'nondeterministic' | 'stuck' | 'out of memory' | 'worker died';
  form: Form;
  label: string;
  seed: number;
  batch: number;
  index: number;
  ms?: number;
  error?: string;
  stack?: string;
}

function batchCases(seed: number, batch: number): FuzzCase[] {
  return fc.sample(fuzzCase(LONG_RUN_WEIGHTS), { seed: seed * 1_000_003 + batch, numRuns: BATCH });
}

async function sourcesOf() {
  const sources = await buildSources({ generated: 12, largePdfs: true });
  const all: Uint8Array[] = FORMS.flatMap((f) => sources[f].map((s: Source) => sourceBytes(s)));
  return { sources, all };
}

// ------------------------------------------------------------------ in the worker

async function work(job: WorkerJob): Promise<void> {
  const { sources, all } = await sourcesOf();
  // every reader loaded and warmed up before the clock runs (the first PDF loads pdfjs and its CMaps)
  for (const f of FORMS) await runOne(sourceBytes(sources[f][0]), FILE_NAME[f]);
  parentPort!.postMessage({ type: 'ready' });
  const progress = new Int32Array(job.progress, job.worker * 3 * 4, 3);
  const stats = Object.fromEntries(FORMS.map((f) => [f, emptyStats()])) as Record<Form, FormStats>;
  let lastPost = Date.now();
  const post = (final: boolean) => {
    parentPort!.postMessage({ type: 'stats', stats, final });
    for (const f of FORMS) stats[f] = emptyStats();
    lastPost = Date.now();
  };
  let done = 0;
  for (let batch = job.firstBatch; done < job.quota; batch++) {
    const cases = batchCases(job.seed, batch);
    for (let index = 0; index < cases.length && done < job.quota; index++, done++) {
      Atomics.store(progress, 0, batch);
      Atomics.store(progress, 1, index);
      Atomics.add(progress, 2, 1);
      const c = cases[index];
      const list = sources[c.form];
      const source = list[c.source % list.length];
      const bytes = caseBytes(c, list, all);
      const name = FILE_NAME[c.form];
      const start = performance.now();
      const outcome = await runOne(bytes, name);
      const ms = performance.now() - start;
      const s = stats[c.form];
      s.inputs++;
      s.totalMs += ms;
      s.maxMs = Math.max(s.maxMs, ms);
      s.bytes += bytes.length;
      s.maxBytes = Math.max(s.maxBytes, bytes.length);
      const fail = (what: Failure['what'], extra: Partial<Failure> = {}) =>
        parentPort!.postMessage({ type: 'failure', failure: { what, form: c.form, label: source.label, seed: job.seed, batch, index, ms, ...extra }, bytes, name });
      if (outcome.kind === 'crash') {
        s.crashes++;
        fail('crash', { error: outcome.error, stack: outcome.stack });
        continue;
      }
      if (outcome.kind === 'read') s.read++;
      else s.refused++;
      if (ms > SLOW_MS) {
        s.slow++;
        fail('slow');
      }
      if (done % 8 === 0) {
        const again = await runOne(bytes, name);
        if (!sameOutcome(outcome, again)) {
          s.nondeterministic++;
          fail('nondeterministic');
        }
      }
      if (Date.now() - lastPost > 3000) post(false);
    }
  }
  post(true);
}

// ------------------------------------------------------------------ in the main thread

function startWorker(job: WorkerJob): Worker {
  const code =
    `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
    `.then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });`;
  return new Worker(code, { eval: true, workerData: job, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      inputs: { type: 'string', default: '1000000' },
      workers: { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
      minutes: { type: 'string' },
      failures: { type: 'string', default: join(tmpdir(), 'nianbao-fuzz-failures') },
    },
  });
  const total = Number(values.inputs);
  const workers = Number(values.workers);
  const seed = Number(values.seed);
  const deadline = values.minutes ? Date.now() + Number(values.minutes) * 60_000 : Infinity;
  const failuresDir = values.failures!;
  mkdirSync(failuresDir, { recursive: true });
  const started = Date.now();
  const totals = Object.fromEntries(FORMS.map((f) => [f, emptyStats()])) as Record<Form, FormStats>;
  const failures: Failure[] = [];
  const progress = new SharedArrayBuffer(workers * 3 * 4);
  const view = new Int32Array(progress);
  let peakRss = process.memoryUsage().rss;

  const sourcesPromise = sourcesOf();
  const record = async (failure: Failure, bytes?: Uint8Array, name?: string) => {
    if (!bytes) {
      // stuck or out of memory: the input is made again from where the worker was
      const { sources, all } = await sourcesPromise;
      const c = batchCases(failure.seed, failure.batch)[failure.index];
      bytes = caseBytes(c, sources[c.form], all);
      name = FILE_NAME[c.form];
      failure.form = c.form;
      failure.label = sources[c.form][c.source % sources[c.form].length].label;
    }
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    const ext = name!.slice(name!.lastIndexOf('.'));
    const file = join(failuresDir, `${failure.what.replace(/ /g, '-')}-${failure.form}-${hash}${ext}`);
    writeFileSync(file, bytes);
    writeFileSync(`${file}.failure.json`, `${JSON.stringify(failure, null, 2)}\n`);
    failures.push(failure);
    console.log(`  ${failure.what}: ${failure.form} (${failure.label}) → ${file}${failure.error ? `\n    ${failure.error}` : ''}`);
  };

  const ticker = setInterval(() => {
    const n = FORMS.reduce((sum, f) => sum + totals[f].inputs, 0);
    const minutes = (Date.now() - started) / 60_000;
    console.log(`${new Date().toISOString().slice(11, 19)}  ${n.toLocaleString('en')} inputs, ${(n / minutes / 60).toFixed(0)}/s, ${failures.length} failures, ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
    // the figures so far, kept should the run be stopped before its end
    writeFileSync(join(failuresDir, 'summary.md'), summary(totals, failures, { seconds: (Date.now() - started) / 1000, workers, seed, peakRss, failuresDir }));
  }, 60_000);
  const perWorker = Math.ceil(total / workers);
  await new Promise<void>((resolveAll) => {
    let running = 0;
    const launch = (w: number, firstBatch: number, quota: number) => {
      if (quota <= 0) return;
      running++;
      Atomics.store(view, w * 3 + 2, 0);
      const worker = startWorker({ seed, worker: w, firstBatch, quota, progress });
      let lastCount = -1;
      let lastChange = Date.now();
      let ended = false;
      // the watch for a stuck input starts once the worker has built its sources and warmed up
      let ready = false;
      const end = (restart: boolean) => {
        if (ended) return;
        ended = true;
        clearInterval(watch);
        running--;
        const doneHere = Atomics.load(view, w * 3 + 2);
        const batch = Atomics.load(view, w * 3);
        if (restart && Date.now() < deadline) launch(w, batch + 1, quota - doneHere);
        if (running === 0) resolveAll();
      };
      const watch = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        const count = Atomics.load(view, w * 3 + 2);
        if (count !== lastCount) {
          lastCount = count;
          lastChange = Date.now();
        } else if (ready && Date.now() - lastChange > STUCK_MS) {
          void record({ what: 'stuck', form: 'utf8', label: '', seed, batch: Atomics.load(view, w * 3), index: Atomics.load(view, w * 3 + 1) });
          void worker.terminate();
          end(true);
        }
        if (Date.now() > deadline) {
          void worker.terminate();
          end(false);
        }
      }, 1000);
      worker.on('message', (m: { type: 'ready' } | { type: 'stats'; stats: Record<Form, FormStats>; final: boolean } | { type: 'failure'; failure: Failure; bytes: Uint8Array; name: string }) => {
        if (m.type === 'ready') {
          ready = true;
          lastChange = Date.now();
          return;
        }
        if (m.type === 'failure') {
          void record(m.failure, m.bytes, m.name);
          return;
        }
        for (const f of FORMS) {
          const t = totals[f];
          const s = m.stats[f];
          for (const k of ['inputs', 'read', 'refused', 'crashes', 'slow', 'nondeterministic', 'totalMs', 'bytes'] as const) t[k] += s[k];
          t.maxMs = Math.max(t.maxMs, s.maxMs);
          t.maxBytes = Math.max(t.maxBytes, s.maxBytes);
        }
      });
      worker.on('error', (error: Error & { code?: string }) => {
        const oom = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
        void record({ what: oom ? 'out of memory' : 'worker died', form: 'utf8', label: '', seed, batch: Atomics.load(view, w * 3), index: Atomics.load(view, w * 3 + 1), error: error.message });
        end(true);
      });
      worker.on('exit', () => end(false));
    };
    for (let w = 0; w < workers; w++) launch(w, w * 1_000_000, perWorker);
  });

  clearInterval(ticker);
  const text = summary(totals, failures, { seconds: (Date.now() - started) / 1000, workers, seed, peakRss, failuresDir });
  writeFileSync(join(failuresDir, 'summary.md'), text);
  console.log(`\n${text}`);
  process.exitCode = failures.length ? 1 : 0;
}

function summary(totals: Record<Form, FormStats>, failures: Failure[], run: { seconds: number; workers: number; seed: number; peakRss: number; failuresDir: string }): string {
  const all = emptyStats();
  const rows: string[] = [];
  rows.push('| form | inputs | read | refused | crashes | slow (> 5 s) | nondeterministic | mean ms | max ms | max input KiB |');
  rows.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const f of FORMS) {
    const t = totals[f];
    for (const k of ['inputs', 'read', 'refused', 'crashes', 'slow', 'nondeterministic', 'totalMs'] as const) all[k] += t[k];
    all.maxMs = Math.max(all.maxMs, t.maxMs);
    all.maxBytes = Math.max(all.maxBytes, t.maxBytes);
    rows.push(`| ${f} | ${t.inputs.toLocaleString('en')} | ${t.read.toLocaleString('en')} | ${t.refused.toLocaleString('en')} | ${t.crashes} | ${t.slow} | ${t.nondeterministic} | ${(t.totalMs / Math.max(1, t.inputs)).toFixed(2)} | ${t.maxMs.toFixed(0)} | ${(t.maxBytes / 1024).toFixed(0)} |`);
  }
  rows.push(`| **all** | **${all.inputs.toLocaleString('en')}** | ${all.read.toLocaleString('en')} | ${all.refused.toLocaleString('en')} | ${all.crashes} | ${all.slow} | ${all.nondeterministic} | ${(all.totalMs / Math.max(1, all.inputs)).toFixed(2)} | ${all.maxMs.toFixed(0)} | ${(all.maxBytes / 1024).toFixed(0)} |`);
  const stuck = failures.filter((f) => f.what === 'stuck').length;
  const oom = failures.filter((f) => f.what === 'out of memory').length;
  return [
    rows.join('\n'),
    '',
    `${all.inputs.toLocaleString('en')} inputs in ${(run.seconds / 60).toFixed(1)} min on ${run.workers} worker threads (seed ${run.seed}); stuck > ${STUCK_MS / 1000} s: ${stuck}; out of the ${HEAP_MB} MiB heap: ${oom}; peak memory of the process (all workers): ${(run.peakRss / 1024 / 1024).toFixed(0)} MiB`,
    failures.length ? `${failures.length} failures written to ${run.failuresDir}` : 'no failures',
    '',
  ].join('\n');
}

if (isMainThread) await main();
else await work(workerData as WorkerJob);
