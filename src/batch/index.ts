/**
 * Folders of reports: `nianbao check DIR` and `nianbao parse DIR --out OUTDIR` over thousands of
 * files, on worker threads (one per FILES_PER_THREAD files, at most one per core), with progress on standard error and a summary at the end.
 * One bad file never stops the rest: it is listed with its reason.
 */
import { availableParallelism } from 'node:os';
import { FINDINGS_SCHEMA_ID, SEVERITY_ORDER, SEVERITY_ZH, type Severity } from '../model/constants.js';
import type { Finding } from '../model/findings.js';
import type { Report } from '../model/report.js';
import { listInputs, outputPaths, type InputFile } from './files.js';
import { runPool } from './pool.js';
import { createProgress } from './progress.js';
import type { Job, JobResult } from './worker.js';

export { anyDirectory, listInputs } from './files.js';

export interface BatchOptions {
  /** Files and folders (folders are read recursively). */
  inputs: string[];
  mode: 'parse' | 'check';
  /** parse: folder for the report JSON files (mirrors the input folders). */
  outDir?: string;
  /** Worker threads (default: defaultThreads of the number of files). */
  threads?: number;
  /** Per-file time limit in ms (default 120 s). */
  timeoutMs?: number;
  progress?: 'auto' | 'bar' | 'lines' | 'none';
  /** check: keep the reports in the result (for continuity and JSON output). */
  keepReports?: boolean;
  /** Called as each file is done (in completion order). */
  onFile?: (file: FileResult) => void;
}

export interface FileResult {
  file: string;
  ok: boolean;
  error?: string;
  internal?: boolean;
  meta?: Report['meta'];
  report?: Report;
  findings?: Finding[];
  out?: string;
  anomalies?: number;
}

export interface RuleCount {
  rule: string;
  severity: Severity;
  /** Findings in all reports. */
  findings: number;
  /** Reports with at least one. */
  reports: number;
}

export interface BatchSummary {
  files: number;
  reports: number;
  unreadable: { file: string; error: string }[];
  /** Reports with at least one finding of error severity (check). */
  reportsWithErrors: number;
  rules: RuleCount[];
  threads: number;
  seconds: number;
}

export interface BatchResult {
  results: FileResult[];
  summary: BatchSummary;
}

/**
 * Files a thread is given before another is started. Each thread pays its own start-up (the
 * readers' code compiled and warmed up again; for PDFs pdfjs, 1–2 s of CPU): on a folder of 48
 * PDFs a second thread cost 2–4 s more CPU and saved under a second of wall time (`npm run bench --
 * read`), so small folders run on one thread.
 */
export const FILES_PER_THREAD = 64;

/** Threads for a folder of `files` files when none are asked for: one per FILES_PER_THREAD files, at most one per core. */
export function defaultThreads(files = Infinity): number {
  return Math.max(1, Math.min(availableParallelism(), Math.ceil(files / FILES_PER_THREAD)));
}

/** Same organ as far as the name shows: spaces and full-width forms do not count. */
function organKey(agency: string | null): string | null {
  return agency ? agency.normalize('NFKC').replace(/\s+/g, '') : null;
}

export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const started = process.hrtime.bigint();
  const files: InputFile[] = await listInputs(options.inputs);
  const outs = options.outDir ? outputPaths(files, options.outDir) : null;
  const threads = Math.max(1, Math.min(options.threads ?? defaultThreads(files.length), files.length || 1));
  const wantReport = options.mode === 'check' || options.keepReports === true || !options.outDir;
  const jobs: Job[] = files.map((f, id) => ({ id, file: f.path, mode: options.mode, out: outs?.[id], wantReport }));
  const results: FileResult[] = new Array(files.length);
  const progress = createProgress(files.length, options.progress ?? 'auto');
  try {
    await runPool(jobs, { threads, timeoutMs: options.timeoutMs ?? 120_000 }, (r: JobResult) => {
      const file = files[r.id].path;
      const fr: FileResult = r.ok
        ? { file, ok: true, meta: r.meta, report: r.report, findings: r.findings, out: outs?.[r.id], anomalies: r.anomalies }
        : { file, ok: false, error: r.error, internal: r.internal };
      results[r.id] = fr;
      progress.tick(r.ok);
      options.onFile?.(fr);
    });
  } finally {
    progress.stop();
  }

  if (options.mode === 'check') await addContinuity(results);

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { results, summary: summarise(results, threads, seconds) };
}

/** Reports of the same organ for consecutive years in the run: the later one is checked against the earlier. */
async function addContinuity(results: FileResult[]): Promise<void> {
  const byOrganYear = new Map<string, Report>();
  for (const r of results) {
    const key = r.report && organKey(r.report.meta.agency);
    if (r.report && key && r.report.meta.year) byOrganYear.set(`${key}|${r.report.meta.year}`, r.report);
  }
  type CheckFn = (report: Report, options?: { previous?: Report }) => Finding[];
  let check: CheckFn | null = null;
  for (const r of results) {
    const key = r.report && organKey(r.report.meta.agency);
    if (!r.report || !key || !r.report.meta.year) continue;
    const previous = byOrganYear.get(`${key}|${r.report.meta.year - 1}`);
    if (!previous) continue;
    if (!check) {
      const spec = '../check/index.js';
      check = ((await import(spec)) as { checkReport: CheckFn }).checkReport;
    }
    r.findings = check(r.report, { previous });
  }
}

export function summarise(results: FileResult[], threads: number, seconds: number): BatchSummary {
  const rules = new Map<string, RuleCount>();
  let reports = 0;
  let reportsWithErrors = 0;
  const unreadable: { file: string; error: string }[] = [];
  for (const r of results) {
    if (!r) continue;
    if (!r.ok) {
      unreadable.push({ file: r.file, error: r.error ?? '' });
      continue;
    }
    reports++;
    const seen = new Set<string>();
    let hasError = false;
    for (const f of r.findings ?? []) {
      let c = rules.get(f.rule);
      if (!c) rules.set(f.rule, (c = { rule: f.rule, severity: f.severity, findings: 0, reports: 0 }));
      c.findings++;
      if (!seen.has(f.rule)) {
        seen.add(f.rule);
        c.reports++;
      }
      if (f.severity === 'error') hasError = true;
    }
    if (hasError) reportsWithErrors++;
  }
  const sortedRules = [...rules.values()].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.reports - a.reports || (a.rule < b.rule ? -1 : 1),
  );
  return { files: results.length, reports, unreadable, reportsWithErrors, rules: sortedRules, threads, seconds };
}

const MAX_LISTED_UNREADABLE = 50;

/** The summary as people read it (Chinese), for standard output or error. */
export function formatSummary(summary: BatchSummary, mode: 'parse' | 'check', outDir?: string): string {
  const lines: string[] = [];
  const rate = summary.seconds > 0 ? summary.files / summary.seconds : 0;
  lines.push(
    `共 ${summary.files} 个文件：读出报告 ${summary.reports} 份，无法读取 ${summary.unreadable.length} 个；` +
      `用时 ${summary.seconds.toFixed(1)} 秒（每秒 ${rate.toFixed(1)} 个文件，${summary.threads} 个线程）`,
  );
  if (mode === 'parse' && outDir) lines.push(`报告 JSON 已写入 ${outDir}`);
  if (mode === 'check') {
    lines.push(`有错误级问题的报告 ${summary.reportsWithErrors} 份`);
    if (summary.rules.length) {
      lines.push('按规则统计（条数 / 涉及报告数）：');
      for (const r of summary.rules) lines.push(`  ${SEVERITY_ZH[r.severity]}  ${r.rule.padEnd(28)} ${String(r.findings).padStart(6)} 条  ${String(r.reports).padStart(6)} 份`);
    }
  }
  if (summary.unreadable.length) {
    lines.push('无法读取的文件：');
    for (const u of summary.unreadable.slice(0, MAX_LISTED_UNREADABLE)) lines.push(`  ${u.file}：${u.error}`);
    if (summary.unreadable.length > MAX_LISTED_UNREADABLE) lines.push(`  ……另有 ${summary.unreadable.length - MAX_LISTED_UNREADABLE} 个（--json 输出中有完整列表）`);
  }
  return `${lines.join('\n')}\n`;
}

/** The findings JSON of a folder run: the `nianbao/findings@1` shape plus the unreadable files and the summary. */
export function findingsJson(result: BatchResult): unknown {
  return {
    schema: FINDINGS_SCHEMA_ID,
    reports: result.results.filter((r) => r.ok).map((r) => ({ file: r.file, meta: r.meta, findings: r.findings ?? [] })),
    unreadable: result.summary.unreadable,
    summary: {
      files: result.summary.files,
      reports: result.summary.reports,
      reportsWithErrors: result.summary.reportsWithErrors,
      rules: result.summary.rules,
    },
  };
}
