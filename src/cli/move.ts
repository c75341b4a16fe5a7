/**
 * `nianbao move`: the embedded store moved whole into PostgreSQL, through a backup file; the source is left as it was.
 */
import type { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { restoreBackup, writeBackup } from '../store/backup.js';
import { withStoreOptions, type StoreOptions } from './store-options.js';
import { restored, total, withDb } from './backup-common.js';

export function register(program: Command): void {
  withStoreOptions(
    program
      .command('move')
      .description('把内嵌报告库整体搬到 PostgreSQL（一个地区的数据超出一台机器时）：备份后恢复到目标库，原库不变')
      .requiredOption('--to <url>', '目标 PostgreSQL 连接串（postgres://用户@主机:端口/库）')
      .option('--force', '目标库已有数据时先清空'),
  )
    .addHelpText(
      'after',
      `
示例：
  nianbao move --data ./nianbao-data --to postgres://nianbao@db.example:5432/nianbao
  DATABASE_URL=postgres://… nianbao serve                    之后改用 PostgreSQL 运行服务`,
    )
    .action(async (options: StoreOptions & { to: string; force?: boolean }) => {
      if (!/^postgres(ql)?:\/\//.test(options.to)) throw new InputError('--to', '须为 PostgreSQL 连接串（postgres://…）');
      const work = mkdtempSync(join(tmpdir(), 'nianbao-move-'));
      try {
        const file = join(work, 'store.nbk');
        // the source is the embedded store unless --database-url names another server
        const summary = await withDb({ data: options.data, databaseUrl: options.databaseUrl ?? '' }, (db) => writeBackup(db, file));
        process.stderr.write(`已读出 ${summary.tables.length} 张表，共 ${total(summary.tables)} 行\n`);
        await withDb({ databaseUrl: options.to }, async (db) => restored(await restoreBackup(db, file, { force: options.force }), 'PostgreSQL'));
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
}
