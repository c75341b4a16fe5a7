/** `nianbao new`: a blank report to fill in, as commented YAML. */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../batch/write.js';
import { blankReport } from '../author/blank.js';
import { writeReportYaml } from '../author/yaml-writer.js';

export function register(program: Command): void {
  program
    .command('new')
    .description('新建一份空白年度报告（YAML，带中文栏目说明），填好后可核查、生成 Word')
    .requiredOption('--agency <name>', '机关名称，如“杭州市拱墅区人民政府上塘街道办事处”')
    .requiredOption('--year <year>', '报告年度，如 2025')
    .option('--layout <id>', '表格版式：2021（默认）或 2019', '2021')
    .option('-o, --output <file>', '输出文件（默认：<机关><年度>年政府信息公开工作年度报告.yaml）')
    .option('--force', '覆盖已有文件')
    .addHelpText(
      'after',
      `
示例：
  nianbao new --agency 上塘街道办事处 --year 2025
  nianbao new --agency 上塘街道办事处 --year 2025 -o 年报.yaml
  # 填写数字和正文后：
  nianbao fill 年报.yaml                  计算各“总计”
  nianbao check 年报.yaml                 核查
  nianbao render 年报.yaml -o 年报.docx    生成 Word`,
    )
    .action(async (options: { agency: string; year: string; layout: string; output?: string; force?: boolean }) => {
      const year = Number(options.year);
      if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new InputError('--year', `年度“${options.year}”不是有效的年份`);
      if (options.layout !== '2021' && options.layout !== '2019') throw new InputError('--layout', `版式只能是 2021 或 2019，不是“${options.layout}”`);
      const agency = options.agency.trim();
      if (!agency) throw new InputError('--agency', '机关名称不能为空');
      const output = options.output ?? `${agency}${year}年政府信息公开工作年度报告.yaml`;
      if (existsSync(output) && !options.force) throw new InputError(output, '文件已存在；要覆盖请加 --force');
      await writeFileAtomic(output, writeReportYaml(blankReport(agency, year, options.layout)));
      process.stdout.write(`已新建 ${output}\n`);
    });
}
