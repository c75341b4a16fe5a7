/**
 * `nianbao restore`: a backup file put back into a store, all of it or nothing.
 */
import type { Command } from 'commander';
import { restoreBackup } from '../store/backup.js';
import { withStoreOptions, type StoreOptions } from './store-options.js';
import { restored, where, withDb } from './backup-common.js';

export function register(program: Command): void {
  withStoreOptions(
    program
      .command('restore')
      .description('用备份文件恢复整个报告库（全部成功或完全不变）；目标报告库须为空，除非加 --force')
      .argument('<file>', 'nianbao backup 写出的备份文件')
      .option('--force', '目标报告库已有数据时先清空再恢复（同一事务内，失败则不变）'),
  )
    .addHelpText(
      'after',
      `
示例：
  nianbao restore 备份.nbk --data ./新数据                   恢复到新的内嵌报告库
  nianbao restore 备份.nbk --database-url postgres://…       恢复到 PostgreSQL（迁移到服务器）
  nianbao restore 备份.nbk --force                            覆盖 ./nianbao-data 中已有的数据`,
    )
    .action(async (file: string, options: StoreOptions & { force?: boolean }) => {
      await withDb(options, async (db) => restored(await restoreBackup(db, file, { force: options.force }), where(options)));
    });
}
