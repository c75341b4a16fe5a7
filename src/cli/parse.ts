/** `nianbao parse`: any report file → the report JSON. */
import type { Command } from 'commander';
import { anyDirectory } from '../batch/files.js';
import { loadInputs } from './inputs.js';

export function register(program: Command): void {
  program
    .command('parse')
    .description('读取年度报告（文本、网页、Word、PDF），输出结构化的报告 JSON（nianbao/report@1）')
    .argument('<files...>', '报告文件')
    .option('--json', '输出 JSON（默认即是）')
    .option('--compact', '紧凑输出：每份报告一行')
    .option('--out <dir>', '把每份报告的 JSON 写到这个文件夹（按输入的子文件夹结构）')
    .option('-j, --jobs <n>', '并行线程数（默认：每 64 个文件一个线程，最多每个 CPU 核一个）')
    .option('--no-progress', '处理文件夹时不显示进度')
    .addHelpText(
      'after',
      `
示例：
  nianbao parse 七星街道2023年报.txt            打印报告 JSON
  nianbao parse a.txt b.docx --compact          每行一份：{"file": …, "report": …}
  nianbao parse 报告/ --out 结果/               整个文件夹，每份报告写一个 JSON 文件

退出码：0 成功；2 有文件无法读取或不是年度报告（错误信息写到标准错误输出）。`,
    )
    .action(async (files: string[], options: { compact?: boolean; out?: string; jobs?: string; progress?: boolean }) => {
      if (options.out || options.jobs || (await anyDirectory(files))) {
        // the folder machinery (worker threads, progress bar) is loaded only for folders
        const { runFolderCommand } = await import('../batch/cli.js');
        process.exitCode = await runFolderCommand('parse', files, options);
        return;
      }
      const inputs = await loadInputs(files);
      let failed = false;
      for (const input of inputs) {
        if (input.error) {
          process.stderr.write(`nianbao: ${input.file}: ${input.error}\n`);
          failed = true;
          continue;
        }
        if (inputs.length === 1 && !options.compact) process.stdout.write(`${JSON.stringify(input.report, null, 2)}\n`);
        else process.stdout.write(`${JSON.stringify({ file: input.file, report: input.report })}\n`);
      }
      if (failed) process.exitCode = 2;
    });
}
