/** `nianbao check`: findings for one or more reports. */
import type { Command } from 'commander';
import { FINDINGS_SCHEMA_ID, SEVERITY_ORDER, SEVERITY_ZH } from '../model/constants.js';
import type { Finding } from '../model/findings.js';
import type { Report } from '../model/report.js';
import { anyDirectory } from '../batch/files.js';
import { loadInputs, previousYearOf } from './inputs.js';
import { whereLabel } from '../check/cells.js';

export interface CheckedReport {
  file: string;
  meta: Report['meta'];
  findings: Finding[];
}

export function register(program: Command): void {
  program
    .command('check')
    .description('核查年度报告：表内勾稽关系、版式、章节、正文与表格是否一致；同一机关相邻两年的报告一并给出时核对结转')
    .argument('<files...>', '报告文件（同一机关两个年度的报告一起给出，会核对上年结转）')
    .option('--json', '输出 JSON（nianbao/findings@1）')
    .option('--quiet', '只列出错误和警告，不列提示')
    .option('-j, --jobs <n>', '处理文件夹时的并行线程数（默认：每 64 个文件一个线程，最多每个 CPU 核一个）')
    .option('--no-progress', '处理文件夹时不显示进度')
    .addHelpText(
      'after',
      `
示例：
  nianbao check 七星街道2023年报.txt
  nianbao check 2022年报.docx 2023年报.docx        两年一并核查，核对“上年结转”与上年“结转下年度”
  nianbao check 报告/*.txt --json > findings.json
  nianbao check 报告/                             整个文件夹（含子文件夹），多线程，最后给出汇总

退出码：0 没有错误级问题；1 至少有一个错误级问题；2 有文件无法读取或不是年度报告。`,
    )
    .action(async (files: string[], options: { json?: boolean; quiet?: boolean; jobs?: string; progress?: boolean }) => {
      if (options.jobs || (await anyDirectory(files))) {
        // the folder machinery (worker threads, progress bar) is loaded only for folders
        const { runFolderCommand } = await import('../batch/cli.js');
        process.exitCode = await runFolderCommand('check', files, options);
        return;
      }
      // Loaded here, not at the top: the other commands (serve among them) start without it.
      const { checkReport } = await import('../check/index.js');
      const inputs = await loadInputs(files);
      const previous = previousYearOf(inputs);
      const checked: CheckedReport[] = [];
      let unreadable = 0;
      for (const input of inputs) {
        if (!input.report) {
          process.stderr.write(`nianbao: ${input.file}: ${input.error}\n`);
          unreadable++;
          continue;
        }
        let findings = checkReport(input.report, { previous: previous.get(input) });
        if (options.quiet) findings = findings.filter((f) => f.severity !== 'info');
        checked.push({ file: input.file, meta: input.report.meta, findings });
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ schema: FINDINGS_SCHEMA_ID, reports: checked }, null, 2)}\n`);
      } else {
        process.stdout.write(formatChecked(checked));
      }
      const errors = checked.some((c) => c.findings.some((f) => f.severity === 'error'));
      process.exitCode = unreadable > 0 ? 2 : errors ? 1 : 0;
    });
}

/** The human-readable listing: per file a heading, then one line per finding. */
export function formatChecked(checked: CheckedReport[]): string {
  const lines: string[] = [];
  const totals = { error: 0, warning: 0, info: 0 };
  for (const c of checked) {
    const m = c.meta;
    const who = [m.agency ?? '（未识别机关）', m.year ? `${m.year}年` : '（未识别年度）', `${m.template}版表格`].join(' ');
    lines.push(`${c.file}  ${who}`);
    if (!c.findings.length) lines.push('  ✓ 未发现问题');
    const sorted = [...c.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    for (const f of sorted) {
      totals[f.severity]++;
      const cell = whereLabel(m.template, f.where);
      lines.push(`  ${SEVERITY_ZH[f.severity]}  ${f.rule}${cell ? `  ${cell}` : ''}`);
      lines.push(`        ${f.message}`);
    }
    lines.push('');
  }
  lines.push(`共 ${checked.length} 份报告：错误 ${totals.error} 条，警告 ${totals.warning} 条，提示 ${totals.info} 条`);
  return `${lines.join('\n')}\n`;
}
