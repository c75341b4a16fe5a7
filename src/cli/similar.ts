/** `nianbao similar`: 内容雷同 between reports in the store, with the shared passages side by side. */
import type { Command } from 'commander';
import { addFilterOptions, filterOf } from './query.js';
import { emitSheet, exportFormat, withStore, withStoreOptions, type StoreOptions } from './store-options.js';

export function register(program: Command): void {
  withStoreOptions(
    addFilterOptions(program.command('similar').description('内容雷同：找出正文互相照搬的报告（同年不同机关之间，或同一机关与上年之间），并列出相同段落'))
      .option('--format <format>', 'table（默认，逐对列出段落）| csv | xlsx | jsonl')
      .option('-o, --output <file>', '写到文件'),
  )
    .addHelpText(
      'after',
      `
模板文字、条例用语和各单位通用的套话不计；按字串在全部报告中的罕见程度加权。
整篇几乎相同为警告（similarity.duplicate，warning），有相同段落为提示（info）。

示例：
  nianbao similar --year 2023
  nianbao similar --region 宝山区 -o 雷同.xlsx`,
    )
    .action(async (options: StoreOptions & { region?: string; year?: string; organ?: string; format?: string; output?: string }) => {
      const format = exportFormat(options.format, options.output);
      await withStore(options, async (store) => {
        const pairs = await store.similar(filterOf(options));
        if (format === 'table' && !options.output) {
          const lines: string[] = [];
          for (const p of pairs) {
            lines.push(`${p.severity === 'warning' ? '警告' : '提示'}  similarity.duplicate  相似度 ${p.score.toFixed(3)}`);
            lines.push(`  A ${p.rowA.organ} ${p.rowA.year ?? ''}年  (${p.rowA.id})`, `  B ${p.rowB.organ} ${p.rowB.year ?? ''}年  (${p.rowB.id})`);
            for (const x of p.passages.slice(0, 5)) lines.push(`    A：${x.a}`, `    B：${x.b}`);
            if (p.passages.length > 5) lines.push(`    …另有 ${p.passages.length - 5} 段`);
            lines.push('');
          }
          lines.push(`共 ${pairs.length} 对`);
          process.stdout.write(`${lines.join('\n')}\n`);
          return;
        }
        const rows = pairs.map((p) => [p.severity, p.score, p.rowA.organ, p.rowA.year, p.rowB.organ, p.rowB.year, p.passages.length, p.passages[0]?.a ?? null, p.passages[0]?.b ?? null]);
        const side = (r: (typeof pairs)[number]['rowA']) => ({ report: r.id, organ: r.organ, region: r.region, year: r.year, file: r.file });
        const records = pairs.map((p) => ({ rule: 'similarity.duplicate', severity: p.severity, score: p.score, a: side(p.rowA), b: side(p.rowB), passages: p.passages }));
        await emitSheet({ name: '内容雷同', header: ['严重程度', '相似度', '机关A', '年度A', '机关B', '年度B', '相同段落数', '段落A', '段落B'], rows, records }, format, options.output);
      });
    });
}
