/** `nianbao fill`: compute the totals left blank in a report file. */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../batch/write.js';
import { fillTotals } from '../author/fill.js';
import { writeReportYaml } from '../author/yaml-writer.js';
import { loadReport } from '../pipeline.js';

export function register(program: Command): void {
  program
    .command('fill')
    .description('计算报告中留空（null）的合计：各行“总计”列、“（七）总计”行、“四、结转下年度继续办理”、表四“总计”')
    .argument('<report>', '报告文件（YAML 或 JSON；其他形式的报告需用 -o 指定输出）')
    .option('-o, --output <file>', '输出文件（.yaml 或 .json；默认改写原文件）')
    .addHelpText(
      'after',
      `
已填写的数字不会改动；如果它们算错了，nianbao check 会指出。

示例：
  nianbao fill 年报.yaml
  nianbao fill 年报.yaml -o 年报-已计算.json`,
    )
    .action(async (input: string, options: { output?: string }) => {
      const output = options.output ?? input;
      if (!/\.(ya?ml|json)$/i.test(output)) throw new InputError(output, '输出文件须为 .yaml 或 .json（用 -o 指定）');
      const { report } = await loadReport(input);
      const { report: filled, filled: list } = fillTotals(report);
      const text = /\.json$/i.test(output) ? `${JSON.stringify(filled, null, 2)}\n` : writeReportYaml(filled);
      await writeFileAtomic(output, text);
      const shown = list.filter((l) => !l.endsWith(' = 0'));
      const zeros = list.length - shown.length;
      const lines = list.length ? [`已计算 ${list.length} 处，写入 ${output}：`, ...shown.map((l) => `  ${l}`)] : [`没有需要计算的空白合计（${output} 未改动内容）`];
      if (zeros) lines.push(`  其余 ${zeros} 处为 0`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
