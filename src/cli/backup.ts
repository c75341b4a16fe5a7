/**
 * `nianbao backup`: a whole store (embedded or PostgreSQL) written to one file, a consistent snapshot even while the server runs.
 */
import type { Command } from 'commander';
import { writeBackup } from '../store/backup.js';
import { withStoreOptions, type StoreOptions } from './store-options.js';
import { withDb, wrote } from './backup-common.js';

export function register(program: Command): void {
  withStoreOptions(
    program
      .command('backup')
      .description('把整个报告库（报告、核查结果、草稿、审阅、台账、账号）备份到一个文件；服务运行时也可备份（一致的快照）')
      .requiredOption('-o, --output <file>', '备份文件（gzip 压缩的 JSON 行，建议扩展名 .nbk）'),
  )
    .addHelpText(
      'after',
      `
示例：
  nianbao backup -o 2025-01-31.nbk                          内嵌报告库（./nianbao-data）
  DATABASE_URL=postgres://… nianbao backup -o 备份.nbk       PostgreSQL（服务运行时也可以）

内嵌报告库同一时间只能由一个进程打开：服务（nianbao serve）运行时，请由管理员在网页版下载备份：
  curl -H "Authorization: Bearer nb_…" -o 备份.nbk http://127.0.0.1:3000/api/backup`,
    )
    .action(async (options: StoreOptions & { output: string }) => {
      await withDb(options, async (db) => wrote(await writeBackup(db, options.output)));
    });
}
