/** `nianbao rollup-report`: a government's 汇总 — its units' tables summed, compared with its own report, and a draft in the official layout. */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../batch/write.js';
import { writeReportYaml } from '../author/yaml-writer.js';
import { FORMAT_NAMES, formatOfPath, render } from '../render/index.js';
import { SEVERITY_ZH } from '../model/findings.js';
import { withStore, withStoreOptions, type StoreOptions } from './store-options.js';
import { governmentRollup, rollupDraft, type GovernmentRollup } from '../register/government-rollup.js';
import { organKindLabel } from '../register/organ-kind.js';
import { Register } from '../register/store.js';

type Opts = StoreOptions & { government: string; year: string; output?: string; units?: boolean; json?: boolean };

const SOURCE_ZH = { report: '报告', register: '主动公开台账（表二）', missing: '未报送' } as const;

export function rollupText(r: GovernmentRollup, showUnits: boolean): string {
  const counted = r.units.filter((u) => u.source !== 'missing');
  const missing = r.units.filter((u) => u.source === 'missing');
  const q = (row: string) => r.sum.requests[row]?.[6] ?? 0;
  const out = [
    `${r.government} ${r.year}年度汇总（地区：${r.region ?? '未知'}）：计入 ${counted.length} 个单位${missing.length ? `，${missing.length} 个单位未报送` : ''}`,
    `  表三：本年新收 ${q('newReceived')}，上年结转 ${q('carriedOver')}，办理结果总计 ${q('total')}，结转下年度 ${q('carriedForward')}`,
    `  表四：行政复议 ${r.sum.review.reconsideration?.[4] ?? 0}，行政诉讼 ${(r.sum.review.litigationDirect?.[4] ?? 0) + (r.sum.review.litigationAfterReconsideration?.[4] ?? 0)}`,
    `  表二：行政规范性文件制发 ${r.sum.active.normativeDocuments?.issued ?? r.sum.active.normativeDocuments?.made ?? 0}，规章制发 ${r.sum.active.regulations?.issued ?? r.sum.active.regulations?.made ?? 0}`,
  ];
  if (showUnits) {
    out.push('单位：');
    for (const u of r.units) out.push(`  ${u.organ}  ${organKindLabel(u.kind)}  ${SOURCE_ZH[u.source]}${u.template === '2019' ? '（2019版表格，表二不计）' : ''}`);
  } else if (missing.length) out.push(`未报送：${missing.map((u) => u.organ).join('、')}`);
  if (!r.published) out.push(`报告库中没有${r.government}${r.year}年度的报告，未作比对。`);
  else if (!r.published.findings.length) out.push(`${r.government}${r.year}年度报告（${r.published.reportId}）与所属单位之和一致。`);
  else {
    out.push(`${r.government}${r.year}年度报告（${r.published.reportId}）与所属单位之和不一致的格子 ${r.published.findings.length} 个：`);
    for (const f of r.published.findings) out.push(`  ${SEVERITY_ZH[f.severity]}  ${f.rule}  ${f.message}`);
  }
  return `${out.join('\n')}\n`;
}

export function register(program: Command): void {
  withStoreOptions(program.command('rollup-report'))
    .description('人民政府年度报告汇总：所属部门、乡镇街道、下级政府和本级办公室的表二、表三、表四相加，与已公布的政府报告逐格比对，并生成汇总草稿')
    .requiredOption('--government <name>', '人民政府名称，如 宝山区人民政府')
    .requiredOption('--year <year>', '报告年度')
    .option('-o, --output <file>', '汇总草稿：.json、.yaml，或直接生成 .docx、.html、.md、.txt、.pdf')
    .option('--units', '列出每个单位及其数字来源')
    .option('--json', '输出 JSON：单位、各表之和、与政府报告的差异（nianbao/findings@1 的 findings）')
    .addHelpText(
      'after',
      `
所属单位：报告库中与该政府同一地区的政府部门、乡镇（街道）、本级政府办公室，以及下一级地区的人民政府（其报告已含所属部门，不重复计算）。
没有报告但有主动公开台账的单位，表二按台账计；该政府本级的主动公开台账（以政府名义制发的文件）也计入表二。

示例：
  nianbao rollup-report --government 宝山区人民政府 --year 2024 --units
  nianbao rollup-report --government 宝山区人民政府 --year 2024 -o 宝山区2024年报汇总.docx
  nianbao rollup-report --government 宝山区人民政府 --year 2024 -o 汇总.yaml   # 编辑后 nianbao render 汇总.yaml -o 汇总.docx

退出码：0 已完成（有差异时也是 0，差异作为警告列出）；2 输入有误。`,
    )
    .action(async (o: Opts) => {
      const year = Number(o.year);
      if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new InputError('rollup-report', '--year 应为年份，如 2024');
      const government = o.government.trim();
      if (!government || government.length > 100) throw new InputError('rollup-report', '--government 应为人民政府名称');
      await withStore(o, async (store) => {
        const r = await governmentRollup(store, new Register(store.db), government, year);
        if (!r.region) throw new InputError('rollup-report', `无法确定“${government}”所在地区：请先用 nianbao organ 设定其地区`);
        if (o.output) {
          const draft = rollupDraft(r);
          const format = formatOfPath(o.output);
          const bytes = /\.json$/i.test(o.output)
            ? `${JSON.stringify(draft, null, 2)}\n`
            : /\.ya?ml$/i.test(o.output)
              ? writeReportYaml(draft)
              : format
                ? await render(draft, format)
                : null;
          if (bytes === null) throw new InputError(o.output, '输出文件应为 .json、.yaml、.docx、.html、.md、.txt 或 .pdf');
          await writeFileAtomic(o.output, bytes);
          process.stderr.write(`已生成汇总草稿 ${o.output}${format ? `（${FORMAT_NAMES[format]}）` : ''}\n`);
        }
        if (o.json) {
          process.stdout.write(`${JSON.stringify({ government: r.government, region: r.region, year: r.year, units: r.units, sum: r.sum, published: r.published }, null, 2)}\n`);
        } else process.stdout.write(rollupText(r, !!o.units));
      });
    });
}
