/** `nianbao organ`: the organs in the store, the names they wrote, their regions; a reviewer's corrections. */
import type { Command } from 'commander';
import { emitSheet, exportFormat, withStore, withStoreOptions, type StoreOptions } from './store-options.js';

/** "2021–2023、2025" for a list of years. */
export function yearRanges(years: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j] + 1) j++;
    out.push(i === j ? String(years[i]) : `${years[i]}–${years[j]}`);
    i = j + 1;
  }
  return out.join('、');
}

function gapsOf(years: number[]): number[] {
  const gaps: number[] = [];
  for (let y = years[0]; years.length && y < years[years.length - 1]; y++) if (!years.includes(y)) gaps.push(y);
  return gaps;
}

export function register(program: Command): void {
  const organ = program
    .command('organ')
    .description('报告库中的机关：同一机关不同年份的名称写法、所属地区（行政区划代码）、缺报年度；合并、拆分、指定地区');

  withStoreOptions(
    organ
      .command('list')
      .description('列出机关：编号、名称、地区、区划代码、报告年度（缺报的年度）')
      .option('--format <format>', 'table（默认）| csv | xlsx | jsonl')
      .option('-o, --output <file>', '写到文件'),
  ).action(async (options: StoreOptions & { format?: string; output?: string }) => {
    const format = exportFormat(options.format, options.output);
    await withStore(options, async (store) => {
      const organs = await store.organs();
      const rows = organs.map((o) => [`#${o.id}`, o.name, o.region ?? '（未知）', o.code, o.source === 'set' ? '手工指定' : '由名称推断', o.reports, yearRanges(o.years), gapsOf(o.years).join('、') || null]);
      const records = organs.map((o) => ({ id: o.id, organ: o.name, key: o.key, region: o.region, regionCode: o.code, regionSource: o.source, reports: o.reports, years: o.years, gaps: gapsOf(o.years) }));
      await emitSheet({ name: '机关', header: ['编号', '机关', '地区', '区划代码', '地区来源', '报告数', '年度', '缺报年度'], rows, records }, format, options.output);
    });
  });

  withStoreOptions(organ.command('show').description('一个机关：各年报告所用的名称、所属地区、缺报年度').argument('<organ>', '机关名称（任一年的写法均可）或编号，如 #12'))
    .addHelpText('after', '\n示例：\n  nianbao organ show 临谷县城北街道办事处\n  nianbao organ show "#12"')
    .action(async (name: string, options: StoreOptions) => {
      await withStore(options, async (store) => {
        const o = await store.organ(name);
        const lines = [
          `#${o.id}  ${o.name}`,
          `  地区：${o.region ?? '（未知）'}${o.regionCode ? `（${o.regionCode}）` : ''}${o.source === 'set' ? '，手工指定' : ''}`,
          `  报告年度：${yearRanges(o.years) || '无'}${o.gaps.length ? `；缺报：${o.gaps.join('、')}（跨缺报年度不核对上年结转）` : ''}`,
          '  名称写法：',
          ...o.names.map((n) => `    ${n.name}  ${yearRanges(n.years)}`),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });

  withStoreOptions(
    organ
      .command('merge')
      .description('合并：把其他机关的报告并入第一个机关（以后导入这些名称也归入它），并重新核对上下年度衔接')
      .argument('<into>', '保留的机关（名称或编号）')
      .argument('<others...>', '并入的机关（名称或编号）'),
  )
    .addHelpText('after', '\n示例：\n  nianbao organ merge 临谷县城北街道办事处 临谷县新城街道办事处\n  nianbao organ merge "#3" "#17" "#18"')
    .action(async (into: string, others: string[], options: StoreOptions) => {
      await withStore(options, async (store) => {
        const r = await store.mergeOrgans(into, others);
        process.stdout.write(`已将 ${r.merged.map((o) => `“${o.name}”`).join('、') || '（无）'} 并入“${r.into.name}”\n`);
      });
    });

  withStoreOptions(
    organ
      .command('split')
      .description('拆分：以某个名称报送的报告另立为一个机关（以后导入这个名称也归入新机关）')
      .argument('<name>', '报告上所写的名称')
      .option('--region <region>', '新机关所属地区，如 庆谷市/新城区 或区划代码'),
  )
    .addHelpText('after', '\n示例：\n  nianbao organ split 临谷县城关镇人民政府\n  nianbao organ split 宝山区财政局 --region 上海市/宝山区')
    .action(async (name: string, options: StoreOptions & { region?: string }) => {
      await withStore(options, async (store) => {
        const r = await store.splitOrgan(name, options.region);
        process.stdout.write(`已从“${r.from.name}”拆出“${r.to.name}”（#${r.to.id}，${r.reports} 份报告，地区 ${r.to.region ?? '未知'}）\n`);
      });
    });

  withStoreOptions(
    organ
      .command('set-region')
      .description('指定机关所属地区（覆盖由名称推断的结果）；汇总、缺报、雷同比较随之改变')
      .argument('<organ>', '机关名称或编号')
      .argument('<region>', '地区：自上而下用 / 分隔（如 黑龙江省/双鸭山市/宝山区、双鸭山市/宝山区），或六位行政区划代码（如 230506）'),
  )
    .addHelpText('after', '\n示例：\n  nianbao organ set-region 宝山区七星街道办事处 230506\n  nianbao organ set-region 上塘街道办事处 杭州市/拱墅区')
    .action(async (name: string, region: string, options: StoreOptions) => {
      await withStore(options, async (store) => {
        const o = await store.setOrganRegion(name, region);
        process.stdout.write(`已将“${o.name}”归入 ${o.region}${o.regionCode ? `（${o.regionCode}）` : ''}\n`);
      });
    });

  withStoreOptions(
    organ
      .command('resolve')
      .description('一个名称对应哪个机关、在哪个地区（不写入报告库）')
      .argument('<name>', '机关名称')
      .option('--postcode <code>', '邮政编码')
      .option('--phone <phone>', '联系电话（含区号）')
      .option('--text <text>', '报告中的地址或其他文字'),
  )
    .addHelpText('after', '\n示例：\n  nianbao organ resolve 宝山区司法局 --postcode 155100\n  nianbao organ resolve 宝山区司法局 --phone 021-56691234')
    .action(async (name: string, options: StoreOptions & { postcode?: string; phone?: string; text?: string }) => {
      await withStore(options, async (store) => {
        const { organ: found, identity } = await store.resolveOrgan(name, { postcode: options.postcode, phone: options.phone, text: options.text });
        const out = {
          name,
          key: identity.key,
          region: identity.region.map((r) => r.name).join('/') || null,
          regionCode: identity.regionCode,
          organ: found ? { id: found.id, organ: found.name, region: found.region, regionCode: found.regionCode } : null,
        };
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      });
    });

  organ.addHelpText(
    'after',
    `
同一机关各年的名称写法不同（带不带市名、“人民政府”“办事处”、“政府办公室/人民政府办公室”、空格、括号），按名称结构归为一个机关；
地区按国家行政区划（GB/T 2260，含乡镇街道）确定，同名的区县由报告的邮政编码、电话区号、地址中的市名区分。

示例：
  nianbao organ list
  nianbao organ show 临谷县城北街道办事处
  nianbao organ merge 临谷县城北街道办事处 临谷县新城街道办事处
  nianbao organ split 临谷县城关镇人民政府
  nianbao organ set-region 宝山区七星街道办事处 230506
  nianbao organ resolve 宝山区司法局 --postcode 155100`,
  );
}
