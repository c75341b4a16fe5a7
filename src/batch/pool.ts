/**
 * A pool of worker threads working through jobs, one job per worker at a time. A worker that
 * runs past the time limit or dies (out of memory, a crash in a library) is replaced and its file
 * reported as failed; the other files go on.
 *
 * Workers run the compiled worker.js, or worker.ts when the command runs from TypeScript sources
 * under tsx (tsx is then registered inside the worker before the worker module is imported).
 */
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Job, JobResult } from './worker.js';

export interface PoolOptions {
  threads: number;
  /** Per-file time limit. */
  timeoutMs: number;
  /** Heap limit of each worker, in MB. */
  maxHeapMb?: number;
}

/**
 * V8 optimises a function once it has run through a budget of bytecode; the default suits a
 * long-running program. A folder run is a batch of a few seconds to minutes, and compiling
 * pdfjs's large functions early costs more CPU than the optimised code saves in that time: with a
 * budget twelve times the default (67,584), a folder of 48 PDFs took 2.9 s of CPU instead of
 * 3.5 s, and one of 192 files (two threads) 9.1 s instead of 10.4 s. The flag is read as V8
 * works, and set before the first worker starts (`npm run bench -- read` measures the command).
 */
const INTERRUPT_BUDGET = 811_008;
let jitTuned = false;
function tuneJitForBatch(): void {
  if (jitTuned) return;
  jitTuned = true;
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

function spawn(maxHeapMb: number): Worker {
  // a larger young generation than a worker's default: pdfjs makes many short-lived objects, and
  // fewer scavenges saved 3–5% of the CPU of a folder of PDFs
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 48 };
  // the parent's flags, less those a worker may not take (node --input-type=module -e …)
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type') && a !== '-e' && a !== '--eval');
  const self = import.meta.url;
  if (self.endsWith('.ts')) {
    const workerUrl = new URL('./worker.ts', self).href;
    const tsxApi = import.meta.resolve('tsx/esm/api');
    const code =
      `import(${JSON.stringify(tsxApi)})` +
      `.then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); });`;
    return new Worker(code, { eval: true, resourceLimits, execArgv });
  }
  return new Worker(new URL('./worker.js', self), { resourceLimits, execArgv });
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

export async function runPool(jobs: Job[], options: PoolOptions, onResult: (result: JobResult) => void): Promise<void> {
  if (!jobs.length) return;
  tuneJitForBatch();
  const queue = [...jobs];
  const maxHeapMb = options.maxHeapMb ?? 1024;
  const threads = Math.max(1, Math.min(options.threads, jobs.length));
  let pending = jobs.length;
  let startupFailures = 0;
  return new Promise<void>((resolve) => {
    const slots: Slot[] = [];
    const finish = (slot: Slot, result: JobResult) => {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      slot.job = null;
      pending--;
      onResult(result);
      if (pending === 0) {
        for (const s of slots) void s.worker.terminate();
        resolve();
        return;
      }
      next(slot);
    };
    const next = (slot: Slot) => {
      if (!slot.ready || slot.job) return;
      const job = queue.shift();
      if (!job) {
        void slot.worker.terminate();
        return;
      }
      slot.job = job;
      slot.timer = setTimeout(() => {
        const failed = slot.job!;
        replace(slot);
        finish(slot, { id: failed.id, ok: false, error: `处理超时（超过 ${Math.round(options.timeoutMs / 1000)} 秒），已跳过 / timed out`, internal: true });
      }, options.timeoutMs);
      slot.worker.postMessage(job);
    };
    const attach = (slot: Slot) => {
      const w = slot.worker;
      w.on('message', (msg: JobResult | { ready: true }) => {
        if (slot.worker !== w) return;
        if ('ready' in msg) {
          slot.ready = true;
          next(slot);
          return;
        }
        if (slot.job && msg.id === slot.job.id) finish(slot, msg);
      });
      const died = (reason: string) => {
        if (slot.worker !== w) return;
        const job = slot.job;
        if (!slot.ready && ++startupFailures >= 3) {
          // workers cannot start at all: every remaining file fails with the reason
          void w.terminate();
          const failed = [...(job ? [job] : []), ...queue.splice(0)];
          slot.job = null;
          for (const j of failed) finish(slot, { id: j.id, ok: false, error: `无法启动工作线程（${reason}）/ worker cannot start`, internal: true });
          return;
        }
        replace(slot);
        if (job) finish(slot, { id: job.id, ok: false, error: `读取时出错，已跳过（${reason}）/ worker failed`, internal: true });
        else next(slot);
      };
      w.on('error', (e) => died(e.message));
      w.on('exit', (code) => {
        if (slot.worker === w && (slot.job || queue.length)) died(`线程退出，代码 ${code}`);
      });
    };
    const replace = (slot: Slot) => {
      const old = slot.worker;
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      slot.worker = spawn(maxHeapMb);
      slot.ready = false;
      void old.terminate();
      attach(slot);
    };
    for (let i = 0; i < threads; i++) {
      const slot: Slot = { worker: spawn(maxHeapMb), ready: false, job: null, timer: null };
      slots.push(slot);
      attach(slot);
    }
  });
}
