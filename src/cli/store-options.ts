/** The options every store command shares, and opening/closing the store around a command. */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../batch/write.js';
import { openStore, type Store } from '../store/index.js';
import { EXPORT_FORMATS, encodeSheet, type ExportFormat, type Sheet } from '../store/tables.js';

export interface StoreOptions {
  data?: string;
  databaseUrl?: string;
}

export function withStoreOptions(cmd: Command): Command {
  return cmd
    .option('--data <dir>', '内嵌数据库的文件夹（默认取环境变量 NIANBAO_DATA，否则 ./nianbao-data）')
    .option('--database-url <url>', 'PostgreSQL 连接串（默认取环境变量 NIANBAO_DATABASE_URL 或 DATABASE_URL；给出时不用内嵌数据库）');
}

export async function withStore<T>(options: StoreOptions, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir: options.data, databaseUrl: options.databaseUrl });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function exportFormat(format: string | undefined, output: string | undefined): ExportFormat {
  const f = format ?? (output ? /\.(csv|xlsx|jsonl)$/i.exec(output)?.[1].toLowerCase() : undefined) ?? 'table';
  if (!(EXPORT_FORMATS as readonly string[]).includes(f)) throw new InputError('--format', `不认识的格式“${f}”，可用：${EXPORT_FORMATS.join('、')}`);
  if (f === 'xlsx' && !output) throw new InputError('--format', 'XLSX 需要用 -o 指定输出文件');
  return f as ExportFormat;
}

/** A sheet to standard output or to a file, in the format asked for. */
export async function emitSheet(sheet: Sheet, format: ExportFormat, output?: string): Promise<void> {
  const bytes = await encodeSheet(sheet, format);
  if (output) {
    await writeFileAtomic(output, bytes);
    process.stderr.write(`已写入 ${output}（${sheet.rows.length} 行）\n`);
  } else process.stdout.write(bytes);
}
