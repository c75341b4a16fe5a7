/** `nianbao upgrade`: a 2019-layout report converted to the 2021 layout. */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../batch/write.js';
import { upgradeReport } from '../author/upgrade.js';
import { writeReportYaml } from '../author/yaml-writer.js';
import { loadReport } from '../pipeline.js';

export function register(program: Command): void {
  program
    .command('upgrade')
    .description('把使用 2019 版表格（国办公开办函〔2019〕60号）的报告转为 2021 版（〔2021〕30号），列出需要补填的栏目')
    .argument('<report>', '报告文件（任何 nianbao 读得懂的形式）')
    .requiredOption('-o, --output <file>', '输出文件（.yaml 或 .json）')
    .addHelpText(
      'after',
      `
能对应的原样转入（表三、表四，表二的处理决定数量）；“（六）其他处理”转入“3.其他”；
表二中 2021 版改变了含义的栏目（制发、废止、现行有效件数，收费金额）留空并列出，请补填。

示例：
  nianbao upgrade 七星街道2023年报.txt -o 七星街道2023年报-2021版.yaml`,
    )
    .action(async (input: string, options: { output: string }) => {
      if (!/\.(ya?ml|json)$/i.test(options.output)) throw new InputError(options.output, '输出文件须为 .yaml 或 .json');
      const { report } = await loadReport(input);
      const { report: upgraded, notes, toFill } = upgradeReport(report);
      const text = /\.json$/i.test(options.output) ? `${JSON.stringify(upgraded, null, 2)}\n` : writeReportYaml(upgraded);
      await writeFileAtomic(options.output, text);
      const lines = [`已写入 ${options.output}（2021 版表格）`, ...notes.map((n) => `  · ${n}`)];
      if (toFill.length) lines.push('需要补填：', ...toFill.map((t) => `  □ ${t}`));
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
