/**
 * The folder side of `nianbao parse` and `nianbao check`: used when an argument is a folder, or
 * with --out / --jobs. Output goes to standard output in input order once all files are done;
 * progress and the summary go to standard error (check: the summary to standard output too).
 */
import { SEVERITY_ORDER, SEVERITY_ZH } from '../model/constants.js';
import { findingsJson, formatSummary, runBatch } from './index.js';

export interface FolderOptions {
  out?: string;
  jobs?: string | number;
  json?: boolean;
  quiet?: boolean;
  compact?: boolean;
  progress?: boolean;
}

/** The threads asked for with --jobs; undefined (chosen by the folder's size) when none or no valid number. */
function threadsOption(jobs: string | number | undefined): number | undefined {
  if (jobs === undefined) return undefined;
  const n = Number(jobs);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 256) : undefined;
}

/** Runs a folder command and returns its exit code (0, 1 for error findings, 2 for unreadable files). */
export async function runFolderCommand(mode: 'parse' | 'check', inputs: string[], options: FolderOptions): Promise<number> {
  const result = await runBatch({
    inputs,
    mode,
    outDir: mode === 'parse' ? options.out : undefined,
    threads: threadsOption(options.jobs),
    progress: options.progress === false ? 'none' : 'auto',
  });
  const { results, summary } = result;
  const out: string[] = [];
  if (mode === 'parse') {
    if (!options.out) for (const r of results) if (r.ok) out.push(JSON.stringify({ file: r.file, report: r.report }));
    if (out.length) process.stdout.write(`${out.join('\n')}\n`);
    process.stderr.write(formatSummary(summary, mode, options.out));
    return summary.unreadable.length ? 2 : 0;
  }
  if (options.quiet) for (const r of results) if (r.findings) r.findings = r.findings.filter((f) => f.severity !== 'info');
  if (options.json) {
    process.stdout.write(`${JSON.stringify(findingsJson(result), null, 2)}\n`);
    process.stderr.write(formatSummary(summary, mode));
  } else {
    for (const r of results) {
      if (!r.ok || !r.findings?.length) continue;
      const m = r.meta!;
      out.push(`${r.file}  ${[m.agency ?? '（未识别机关）', m.year ? `${m.year}年` : '（未识别年度）', `${m.template}版表格`].join(' ')}`);
      for (const f of [...r.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])) {
        out.push(`  ${SEVERITY_ZH[f.severity]}  ${f.rule.padEnd(26)} ${f.message}`);
      }
      out.push('');
    }
    out.push(formatSummary(summary, mode));
    process.stdout.write(out.join('\n'));
  }
  return summary.unreadable.length ? 2 : summary.reportsWithErrors ? 1 : 0;
}
