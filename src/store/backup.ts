/**
 * A whole store in one file, and back: `nianbao backup` / `nianbao restore` / `nianbao move`.
 *
 * The file is gzip'd JSON lines (nianbao/backup@1):
 *
 *   {"format":"nianbao/backup@1","createdAt":…,"source":"pglite","migrations":[…],"tables":[…]}
 *   {"table":"store_regions","columns":["path",…]}
 *   {"r":{…one row, as PostgreSQL's row_to_json writes it…}}
 *   {"end":"store_regions","rows":12}
 *   …
 *   {"sequences":[{"name":"web_users_id_seq","value":"4"}],"complete":true}
 *
 * Tables are found in the schema (so tables added by later migrations are included without a
 * change here) and written parents first, following the foreign keys. Everything is read in one
 * REPEATABLE READ, READ ONLY transaction: one snapshot, consistent while the server keeps writing.
 * A restore runs in one transaction: the store is either the backup's, whole, or unchanged; it
 * refuses a store that already holds data unless forced, and a file cut short (no closing line).
 */
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { InputError } from '../errors.js';
import type { Db } from './db.js';

export const BACKUP_FORMAT = 'nianbao/backup@1';

/** Bookkeeping of the migrations themselves: the target store has its own. */
const NOT_COPIED = new Set(['schema_migrations']);
/** Rows per INSERT, and bytes: whichever is reached first. */
const BATCH_ROWS = 500;
const BATCH_BYTES = 4 * 1024 * 1024;
/** A line longer than this is not one of ours (a stored file is at most 20 MB, hex-encoded). */
const MAX_LINE = 64 * 1024 * 1024;

export interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
}

export interface BackupHeader {
  format: string;
  createdAt: string;
  source: Db['kind'];
  migrations: string[];
  tables: string[];
}

export interface BackupSummary {
  file: string;
  tables: { name: string; rows: number }[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The store's tables in the current schema, parents before the tables that refer to them. */
export async function storeTables(db: Db): Promise<TableInfo[]> {
  const names = (
    await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`,
    )
  )
    .map((r) => r.name)
    .filter((n) => !NOT_COPIED.has(n));
  const links = await db.query<{ child: string; parent: string }>(
    `SELECT ch.relname AS child, pa.relname AS parent FROM pg_constraint k
     JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = ch.relnamespace
     WHERE k.contype = 'f' AND n.nspname = current_schema()`,
  );
  const columns = await db.query<{ tbl: string; col: string; generated: string; pk: number | null }>(
    `SELECT c.relname AS tbl, a.attname AS col, a.attgenerated::text AS generated,
            (SELECT array_position(i.indkey::int2[], a.attnum) FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY c.relname, a.attnum`,
  );
  const info = new Map<string, TableInfo>(names.map((n) => [n, { name: n, columns: [], primaryKey: [] }]));
  const keyed: Record<string, [number, string][]> = {};
  for (const c of columns) {
    const t = info.get(c.tbl);
    if (!t) continue;
    // generated columns are computed again on restore; they cannot be inserted
    if (!c.generated) t.columns.push(c.col);
    if (c.pk !== null && c.pk !== undefined) (keyed[c.tbl] ??= []).push([Number(c.pk), c.col]);
  }
  for (const [tbl, cols] of Object.entries(keyed)) info.get(tbl)!.primaryKey = cols.sort((a, b) => a[0] - b[0]).map(([, c]) => c);

  // depth-first: a table after every table it refers to (a table referring to itself is fine:
  // its rows are written in primary-key order, parents first where keys are paths)
  const parents = new Map<string, string[]>();
  for (const l of links) if (l.child !== l.parent && info.has(l.parent)) parents.set(l.child, [...(parents.get(l.child) ?? []), l.parent]);
  const ordered: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.get(name) === 'done' || state.get(name) === 'visiting') return;
    state.set(name, 'visiting');
    for (const p of (parents.get(name) ?? []).sort()) visit(p);
    state.set(name, 'done');
    ordered.push(info.get(name)!);
  };
  for (const n of names) visit(n);
  return ordered;
}

async function migrationsOf(db: Db): Promise<string[]> {
  return (await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).map((r) => r.name);
}

/**
 * Writes the whole store to `file` (gzip'd JSON lines), from one snapshot. The file appears only
 * when complete (written beside it, then renamed).
 */
export async function writeBackup(db: Db, file: string): Promise<BackupSummary> {
  const part = `${file}.part`;
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(part);
  const piped = new Promise<void>((resolve, reject) => {
    out.on('error', reject);
    gzip.on('error', reject);
    out.on('finish', () => resolve());
  });
  gzip.pipe(out);
  // a write error (disk full, folder gone) fails the write that follows it, not only the end
  let failure: Error | undefined;
  piped.catch((e: Error) => {
    failure = e;
  });
  const write = async (line: string) => {
    if (failure) throw failure;
    if (!gzip.write(`${line}\n`)) await Promise.race([once(gzip, 'drain'), piped]);
  };
  const counts: { name: string; rows: number }[] = [];
  try {
    await db.transaction(async (tx) => {
      await tx.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET LOCAL TIME ZONE 'UTC'");
      const tables = await storeTables(tx);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        createdAt: new Date().toISOString(),
        source: db.kind,
        migrations: await migrationsOf(tx),
        tables: tables.map((t) => t.name),
      };
      await write(JSON.stringify(header));
      for (const t of tables) {
        await write(JSON.stringify({ table: t.name, columns: t.columns }));
        const cols = t.columns.map((c) => `t.${ident(c)}`).join(', ');
        const order = t.primaryKey.length ? ` ORDER BY ${t.primaryKey.map((c) => `t.${ident(c)}`).join(', ')}` : '';
        await tx.exec(`DECLARE nianbao_backup NO SCROLL CURSOR FOR SELECT row_to_json(r)::text AS j FROM (SELECT ${cols} FROM ${ident(t.name)} t${order}) r`);
        let rows = 0;
        for (;;) {
          const batch = await tx.query<{ j: string }>('FETCH 200 FROM nianbao_backup');
          if (!batch.length) break;
          for (const r of batch) await write(`{"r":${r.j}}`);
          rows += batch.length;
        }
        await tx.exec('CLOSE nianbao_backup');
        await write(JSON.stringify({ end: t.name, rows }));
        counts.push({ name: t.name, rows });
      }
      const sequences = await tx.query<{ name: string; value: string | null }>(
        `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = current_schema() ORDER BY sequencename`,
      );
      await write(JSON.stringify({ sequences, complete: true }));
    });
    gzip.end();
    await piped;
    renameSync(part, file);
  } catch (error) {
    gzip.destroy();
    out.destroy();
    rmSync(part, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new InputError(file, '磁盘已满，备份未写成（没有留下不完整的文件）');
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw new InputError(file, `无法写入备份文件（${code}）`);
    throw error;
  }
  return { file, tables: counts };
}

export interface RestoreOptions {
  /** Empty a store that already holds data first (in the same transaction). */
  force?: boolean;
}

export interface RestoreSummary {
  header: BackupHeader;
  tables: { name: string; rows: number }[];
  /** Migrations the target has and the backup does not (the backup is older than this program). */
  newerHere: string[];
}

async function* lines(file: string): AsyncGenerator<string> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  const rl = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
  const failed = new Promise<never>((_, reject) => {
    input.on('error', reject);
    gunzip.on('error', reject);
  });
  failed.catch(() => {});
  const it = rl[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await Promise.race([it.next(), failed]);
      if (next.done) return;
      if (next.value.length > MAX_LINE) throw new InputError(file, '不是 nianbao 备份文件（行过长）');
      yield next.value;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(file, '文件不存在');
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'ERR_PADDING_1') throw new InputError(file, '不是 nianbao 备份文件，或文件已损坏（gzip 解压失败）');
    throw new InputError(file, `无法读取备份文件：${(error as Error).message}`);
  } finally {
    rl.close();
    input.destroy();
  }
}

function parseLine(file: string, line: string, n: number): Record<string, unknown> {
  try {
    const v = JSON.parse(line);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  throw new InputError(file, `第 ${n} 行不是合法的 JSON，备份文件已损坏`);
}

/**
 * Loads a backup into `db` in one transaction. The target's own migrations must include every
 * migration the backup was written under (a backup from a newer nianbao is refused).
 */
export async function restoreBackup(db: Db, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const source = lines(file);
  const first = await source.next();
  if (first.done) throw new InputError(file, '备份文件是空的');
  const header = parseLine(file, first.value, 1) as unknown as BackupHeader;
  if (header.format !== BACKUP_FORMAT) throw new InputError(file, `不是 nianbao 备份文件（格式应为 ${BACKUP_FORMAT}）`);
  const here = await migrationsOf(db);
  const unknown = (header.migrations ?? []).filter((m) => !here.includes(m));
  if (unknown.length) throw new InputError(file, `备份来自更新版本的 nianbao（含本程序没有的迁移 ${unknown.join('、')}），请先升级`);
  const tables: { name: string; rows: number }[] = [];
  await db.transaction(async (tx) => {
    await tx.exec("SET LOCAL TIME ZONE 'UTC'");
    const known = new Map((await storeTables(tx)).map((t) => [t.name, t]));
    const filled: string[] = [];
    for (const t of known.values()) if ((await tx.query(`SELECT 1 FROM ${ident(t.name)} LIMIT 1`)).length) filled.push(t.name);
    if (filled.length && !options.force) {
      throw new InputError(file, `目标报告库不是空的（${filled.slice(0, 3).join('、')}${filled.length > 3 ? ' 等' : ''} 已有数据）；确要用备份覆盖，请加 --force`);
    }
    if (filled.length) await tx.exec(`TRUNCATE ${[...known.keys()].map(ident).join(', ')} RESTART IDENTITY CASCADE`);

    let table: TableInfo | undefined;
    let columns: string[] = [];
    let batch: string[] = [];
    let bytes = 0;
    let rows = 0;
    let complete = false;
    let n = 1;
    const flush = async () => {
      if (!batch.length || !table) return;
      const cols = columns.map(ident).join(', ');
      await tx.query(`INSERT INTO ${ident(table.name)} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM json_populate_recordset(NULL::${ident(table.name)}, $1::json)`, [
        `[${batch.join(',')}]`,
      ]);
      batch = [];
      bytes = 0;
    };
    for await (const line of source) {
      n++;
      if (complete) throw new InputError(file, `第 ${n} 行：结束标记之后还有内容，备份文件已损坏`);
      if (line.startsWith('{"r":')) {
        if (!table || !line.endsWith('}')) throw new InputError(file, `第 ${n} 行：数据行不在任何表中，备份文件已损坏`);
        batch.push(line.slice(5, -1));
        bytes += line.length;
        rows++;
        if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
        continue;
      }
      const v = parseLine(file, line, n);
      if (typeof v.table === 'string') {
        const t = known.get(v.table);
        if (!t) throw new InputError(file, `备份中的表 ${v.table} 在本报告库中不存在`);
        columns = Array.isArray(v.columns) ? v.columns.map(String) : [];
        const missing = columns.filter((c) => !t.columns.includes(c));
        if (missing.length) throw new InputError(file, `备份中表 ${t.name} 的列 ${missing.join('、')} 在本报告库中不存在`);
        table = t;
        rows = 0;
      } else if (typeof v.end === 'string') {
        await flush();
        if (!table || v.end !== table.name || v.rows !== rows) throw new InputError(file, `表 ${String(v.end)} 的行数与结束标记不符，备份文件已损坏`);
        tables.push({ name: table.name, rows });
        table = undefined;
      } else if (Array.isArray(v.sequences)) {
        for (const s of v.sequences as { name: string; value: string | null }[]) {
          if (s.value === null) await tx.exec(`ALTER SEQUENCE ${ident(s.name)} RESTART`);
          else await tx.query(`SELECT setval($1::regclass, $2::bigint, true)`, [ident(s.name), s.value]);
        }
        complete = v.complete === true;
      } else throw new InputError(file, `第 ${n} 行：不认识的内容，备份文件已损坏`);
    }
    if (!complete || table) throw new InputError(file, '备份文件不完整（缺少结束标记，可能被截断），报告库未改动');
  });
  return { header, tables, newerHere: here.filter((m) => !(header.migrations ?? []).includes(m)) };
}

/** Every row of every table, as text, in primary-key order: for comparing two stores. */
export async function storeRows(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  await db.transaction(async (tx) => {
    await tx.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET LOCAL TIME ZONE 'UTC'");
    for (const t of await storeTables(tx)) {
      const order = t.primaryKey.length ? ` ORDER BY ${t.primaryKey.map(ident).join(', ')}` : ' ORDER BY 1';
      out[t.name] = (await tx.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM (SELECT * FROM ${ident(t.name)}${order}) t`)).map((r) => r.j);
    }
  });
  return out;
}
