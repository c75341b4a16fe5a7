/**
 * What `nianbao backup`, `nianbao restore` and `nianbao move` share: opening the store named by the
 * options, and the one-line reports of what was written and restored.
 */
import { openDb, type Db } from '../store/db.js';
import type { BackupSummary, RestoreSummary } from '../store/backup.js';
import type { StoreOptions } from './store-options.js';

export async function withDb<T>(options: StoreOptions, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb({ dataDir: options.data, databaseUrl: options.databaseUrl });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export const total = (tables: { rows: number }[]) => tables.reduce((n, t) => n + t.rows, 0);

export function wrote(s: BackupSummary): void {
  process.stderr.write(`已备份到 ${s.file}：${s.tables.length} 张表，共 ${total(s.tables)} 行\n`);
}

export function restored(s: RestoreSummary, where: string): void {
  process.stderr.write(`已恢复到 ${where}：${s.tables.length} 张表，共 ${total(s.tables)} 行（备份于 ${s.header.createdAt}，来自${s.header.source === 'pglite' ? '内嵌数据库' : ' PostgreSQL'}）\n`);
  if (s.newerHere.length) process.stderr.write(`注意：备份早于本程序的迁移 ${s.newerHere.join('、')}，新增的列取默认值\n`);
}

export const where = (options: StoreOptions) => (options.databaseUrl || process.env.NIANBAO_DATABASE_URL || process.env.DATABASE_URL ? 'PostgreSQL' : (options.data ?? process.env.NIANBAO_DATA ?? './nianbao-data'));

