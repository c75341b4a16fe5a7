/** `nianbao query`: reports and findings in the store, filtered; as a table, CSV, XLSX or JSON lines. */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { whereLabel } from '../check/cells.js';
import type { Filter } from '../store/index.js';
import { emitSheet, exportFormat, withStore, withStoreOptions, type StoreOptions } from './store-options.js';

interface QueryOptions extends StoreOptions {
  region?: string;
  year?: string;
  organ?: string;
  rule?: string;
  severity?: string;
  findings?: boolean;
  format?: string;
  output?: string;
}

export function filterOf(o: { region?: string; year?: string; organ?: string; rule?: string; severity?: string }): Filter {
  const year = o.year === undefined ? undefined : Number(o.year);
  if (year !== undefined && !Number.isInteger(year)) throw new InputError('--year', `年度“${o.year}”不是有效的年份`);
  if (o.severity && !['error', 'warning', 'info'].includes(o.severity)) throw new InputError('--severity', '严重程度只能是 error、warning 或 info');
  return { region: o.region, year, organ: o.organ, rule: o.rule, severity: o.severity };
}

export function addFilterOptions(cmd: Command): Command {
  return cmd
    .option('--region <name>', '地区（含下级），如 宝山区')
    .option('--year <year>', '报告年度')
    .option('--organ <name>', '机关名称');
}

export function register(program: Command): void {
  withStoreOptions(
    addFilterOptions(program.command('query').description('查询报告库：按地区、年度、机关、规则、严重程度列出报告或问题'))
      .option('--rule <id>', '只看有这条规则问题的报告，如 requests.balance')
      .option('--severity <level>', 'error | warning | info')
      .option('--findings', '列出问题（每条一行），而不是报告')
      .option('--format <format>', 'table（默认）| csv | xlsx | jsonl')
      .option('-o, --output <file>', '写到文件（格式可由扩展名决定）'),
  )
    .addHelpText(
      'after',
      `
示例：
  nianbao query --region 宝山区 --year 2023
  nianbao query --rule requests.balance --findings
  nianbao query --severity error --findings -o 问题清单.xlsx
  nianbao query --year 2024 --format jsonl > 2024.jsonl`,
    )
    .action(async (options: QueryOptions) => {
      const filter = filterOf(options);
      const format = exportFormat(options.format, options.output);
      await withStore(options, async (store) => {
        if (options.findings) {
          const found = await store.findings(filter);
          const rows = found.map(({ row, finding }) => [row.region, row.organ, row.year, finding.rule, finding.severity, whereLabel(row.template, finding.where), finding.message, row.id]);
          const records = found.map(({ row, finding }) => ({
            region: row.region, organ: row.organ, year: row.year, rule: finding.rule, severity: finding.severity, cell: whereLabel(row.template, finding.where) || null,
            where: finding.where ?? null, message: finding.message, report: row.id, file: row.file,
          }));
          await emitSheet({ name: '问题', header: ['地区', '机关', '年度', '规则', '严重程度', '单元格', '说明', '报告'], rows, records }, format, options.output);
          return;
        }
        const list = await store.list(filter);
        const rows = list.map((r) => [r.region, r.organ, r.year, r.template, r.errors, r.warnings, r.infos, r.id, r.file]);
        const records = list.map((r) => ({
          region: r.region, organ: r.organ, organName: r.written, year: r.year, template: r.template, errors: r.errors, warnings: r.warnings, infos: r.infos, report: r.id, file: r.file,
        }));
        await emitSheet({ name: '报告', header: ['地区', '机关', '年度', '版式', '错误', '警告', '提示', '报告', '文件'], rows, records }, format, options.output);
      });
    });
}
