/**
 * `nianbao backup`, `nianbao restore`, `nianbao move`: a whole store (embedded or PostgreSQL) to
 * one file and back, and the embedded store moved into PostgreSQL.
 */
import type { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { openDb, type Db } from '../store/db.js';
import { restoreBackup, writeBackup, type BackupSummary, type RestoreSummary } from '../store/backup.js';
import { withStoreOptions, type StoreOptions } from './store-options.js';

async function withDb<T>(options: StoreOptions, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb({ dataDir: options.data, databaseUrl: options.databaseUrl });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const total = (tables: { rows: number }[]) => tables.reduce((n, t) => n + t.rows, 0);

function wrote(s: BackupSummary): void {
  process.stderr.write(`已备份到 ${s.file}：${s.tables.length} 张表，共 ${total(s.tables)} 行\n`);
}

function restored(s: RestoreSummary, where: string): void {
  process.stderr.write(`已恢复到 ${where}：${s.tables.length} 张表，共 ${total(s.tables)} 行（备份于 ${s.header.createdAt}，来自${s.header.source === 'pglite' ? '内嵌数据库' : ' PostgreSQL'}）\n`);
  if (s.newerHere.length) process.stderr.write(`注意：备份早于本程序的迁移 ${s.newerHere.join('、')}，新增的列取默认值\n`);
}

const where = (options: StoreOptions) => (options.databaseUrl || process.env.NIANBAO_DATABASE_URL || process.env.DATABASE_URL ? 'PostgreSQL' : (options.data ?? process.env.NIANBAO_DATA ?? './nianbao-data'));

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
