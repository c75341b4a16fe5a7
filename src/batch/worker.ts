/**
 * One worker thread of a folder run: reads, parses (and checks) the files it is sent, one at a
 * time, and writes each output file atomically. Every failure is an answer, never a crash.
 */
import { parentPort } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { Finding } from '../model/findings.js';
import type { Report } from '../model/report.js';
import { loadReportFromBytes, readInputFile } from '../pipeline.js';
import { writeFileAtomic } from './write.js';

export interface Job {
  id: number;
  file: string;
  mode: 'parse' | 'check';
  /** Where to write the report JSON (parse with --out). */
  out?: string;
  /** Send the report back (check, and parse without --out). */
  wantReport: boolean;
}

export type JobResult =
  | { id: number; ok: true; report?: Report; meta: Report['meta']; findings?: Finding[]; anomalies: number }
  | { id: number; ok: false; error: string; internal: boolean };

type CheckFn = (report: Report) => Finding[];
let checkFn: Promise<CheckFn> | null = null;
function loadCheck(): Promise<CheckFn> {
  // a variable specifier: the module is resolved when a check runs (the compiled tree has it)
  const spec = '../check/index.js';
  checkFn ??= (import(spec) as Promise<{ checkReport: CheckFn }>).then((m) => (report: Report) => m.checkReport(report));
  return checkFn;
}

export async function runJob(job: Job): Promise<JobResult> {
  try {
    const bytes = await readInputFile(job.file);
    const { report } = await loadReportFromBytes(bytes, job.file);
    const findings = job.mode === 'check' ? (await loadCheck())(report) : undefined;
    if (job.out) await writeFileAtomic(job.out, `${JSON.stringify(report, null, 2)}\n`);
    return { id: job.id, ok: true, report: job.wantReport ? report : undefined, meta: report.meta, findings, anomalies: report.anomalies?.length ?? 0 };
  } catch (error) {
    if (error instanceof InputError) return { id: job.id, ok: false, error: error.message, internal: false };
    const message = error instanceof Error ? error.message : String(error);
    return { id: job.id, ok: false, error: `内部错误 / internal error: ${message}`, internal: true };
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: Job) => {
    void runJob(job).then((result) => port.postMessage(result));
  });
  port.postMessage({ ready: true });
}
