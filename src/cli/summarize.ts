/** `nianbao summarize`: the tables summed by region and year, with 公开率 and the other measures. */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { rollupSheet } from '../store/tables.js';
import { addFilterOptions, filterOf } from './query.js';
import { emitSheet, exportFormat, withStore, withStoreOptions, type StoreOptions } from './store-options.js';

export function register(program: Command): void {
  withStoreOptions(
    addFilterOptions(program.command('summarize').description('汇总：按地区、年度合计下级单位的表三、表四，并计算公开率、无法提供占比、复议诉讼纠错率、不予公开理由分布'))
      .option('--by <keys>', '汇总维度：region、year 或 region,year', 'region,year')
      .option('--format <format>', 'table（默认）| csv | xlsx | jsonl')
      .option('-o, --output <file>', '写到文件（格式可由扩展名决定）'),
  )
    .addHelpText(
      'after',
      `
一个单位计入它所在的地区及其所有上级地区（杭州市拱墅区的街道既计入“杭州市/拱墅区”，也计入“杭州市”）。
2019 版表格的“（六）其他处理”计入 2021 版的“3.其他”。

示例：
  nianbao summarize --by region,year
  nianbao summarize --region 宝山区 --by year
  nianbao summarize --by region --year 2024 -o 2024年汇总.xlsx`,
    )
    .action(async (options: StoreOptions & { by: string; region?: string; year?: string; organ?: string; format?: string; output?: string }) => {
      const by = options.by.split(',').map((s) => s.trim()).filter(Boolean);
      if (!by.length || by.some((b) => b !== 'region' && b !== 'year')) throw new InputError('--by', `汇总维度只能是 region、year 或 region,year，不是“${options.by}”`);
      const format = exportFormat(options.format, options.output);
      await withStore(options, async (store) => {
        const groups = await store.summarize(by as Array<'region' | 'year'>, filterOf(options));
        await emitSheet(rollupSheet(groups), format, options.output);
      });
    });
}
