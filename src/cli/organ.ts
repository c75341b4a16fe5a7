/** `nianbao organ`: the organs in the store and the regions they belong to. */
import type { Command } from 'commander';
import { withStore, withStoreOptions, type StoreOptions } from './store-options.js';
import { textTable } from '../store/tables.js';

export function register(program: Command): void {
  const organ = program.command('organ').description('报告库中的机关及其所属地区（由名称推断，可手工指定）');
  withStoreOptions(organ.command('list').description('列出机关、所属地区、报告数')).action(async (options: StoreOptions) => {
    await withStore(options, async (store) => {
      const rows = (await store.organs()).map((o) => [o.name, o.region ?? '（未知）', o.source === 'set' ? '手工指定' : '由名称推断', o.reports]);
      process.stdout.write(textTable({ name: '机关', header: ['机关', '地区', '来源', '报告数'], rows }));
    });
  });
  withStoreOptions(
    organ
      .command('set-region')
      .description('指定机关所属地区（覆盖由名称推断的结果）')
      .argument('<organ>', '机关名称')
      .argument('<region>', '地区，自上而下用 / 分隔，如 杭州市/拱墅区'),
  )
    .addHelpText('after', '\n示例：\n  nianbao organ set-region 上塘街道办事处 杭州市/拱墅区\n  nianbao organ list')
    .action(async (name: string, region: string, options: StoreOptions) => {
      await withStore(options, async (store) => {
        await store.setOrganRegion(name, region);
        process.stdout.write(`已将“${name}”归入 ${region}\n`);
      });
    });
  organ.addHelpText('after', '\n示例：\n  nianbao organ list\n  nianbao organ set-region 上塘街道办事处 杭州市/拱墅区');
}
