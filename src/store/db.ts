/**
 * The database handle every part of nianbao uses: the embedded PGlite in a data folder by default,
 * PostgreSQL when a URL is given — the same SQL ($1, $2 parameters) and the same migrations on both.
 * Migrations are the .sql files in ./migrations, applied once each, in name order, each in a
 * transaction: 0001–0099 the report store, 0100–0199 the case ledger, 0200–0299 the web application.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, StoreUnavailable } from '../errors.js';

export { StoreUnavailable };

export interface Db {
  /** Rows of a statement; parameters as $1, $2 … */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements without parameters. */
  exec(sql: string): Promise<void>;
  /** `fn` inside one transaction: everything or nothing. */
  transaction<R>(fn: (tx: Db) => Promise<R>): Promise<R>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

export interface OpenOptions {
  /** Folder of the embedded database (default: NIANBAO_DATA, else ./nianbao-data); 'memory://' for none. */
  dataDir?: string;
  /** PostgreSQL URL (default: NIANBAO_DATABASE_URL or DATABASE_URL); when set, the embedded database is not used. */
  databaseUrl?: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The migrations folder, beside this module in the sources and found from the compiled build too. */
export function migrationsDir(): string {
  const candidates = [join(here, 'migrations'), resolve(here, '..', '..', 'src', 'store', 'migrations')];
  const found = candidates.find((d) => existsSync(d));
  if (!found) throw new Error('migrations folder not found');
  return found;
}

export function defaultDatabaseUrl(): string | undefined {
  return process.env.NIANBAO_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export async function openDb(options: OpenOptions = {}): Promise<Db> {
  const url = options.databaseUrl ?? defaultDatabaseUrl();
  const db = url ? await openPostgres(url) : await openPglite(options.dataDir ?? process.env.NIANBAO_DATA ?? './nianbao-data');
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

// ---------------------------------------------------------------- PGlite

async function openPglite(dataDir: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const memory = dataDir === 'memory://' || dataDir === ':memory:';
  const release = memory ? () => {} : lockFolder(dataDir);
  let pg: InstanceType<typeof PGlite>;
  try {
    pg = new PGlite(memory ? undefined : dataDir);
    await pg.waitReady;
  } catch (error) {
    release();
    throw new InputError(dataDir, `无法打开数据文件夹：${error instanceof Error ? error.message : String(error)}`);
  }
  type Tx = { query: typeof pg.query; exec: typeof pg.exec };
  const guard = memory ? () => {} : (sql?: string) => {
    if (sql === undefined || WRITES.test(sql)) ensureRoom(dataDir);
  };
  const wrap = (q: Tx, inTx: boolean): Db => ({
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      guard(sql);
      try {
        return (await q.query<T>(sql, params)).rows;
      } catch (error) {
        throw translated(dataDir, error);
      }
    },
    async exec(sql: string) {
      guard(sql);
      try {
        await q.exec(sql);
      } catch (error) {
        throw translated(dataDir, error);
      }
    },
    async transaction<R>(fn: (tx: Db) => Promise<R>): Promise<R> {
      if (inTx) return fn(wrap(q, true));
      guard();
      return pg.transaction((tx) => fn(wrap(tx as unknown as Tx, true)));
    },
    async close() {
      if (inTx) return;
      await pg.close();
      release();
    },
  });
  return wrap(pg, false);
}

/**
 * The embedded database does not survive a full disk: PostgreSQL stops on a WAL write that fails,
 * and inside PGlite that leaves the process spinning. So writes are refused, with a clear message,
 * while the data folder's disk has less than this much room (a WAL segment is 16 MB).
 */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;
const WRITES = /^\s*(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|TRUNCATE|COPY|WITH\b[\s\S]*\b(INSERT|UPDATE|DELETE)\b)/i;

function ensureRoom(dataDir: string): void {
  let free: number;
  try {
    const fs = statfsSync(dataDir);
    free = fs.bavail * fs.bsize;
  } catch {
    return; // no figure to go by: let the write try
  }
  if (free < MIN_FREE_BYTES) {
    throw new StoreUnavailable(dataDir, `磁盘已满（剩余 ${Math.round(free / 1048576)} MB，至少需要 ${MIN_FREE_BYTES / 1048576} MB），未写入，请清理磁盘后重试`);
  }
}

/**
 * One process at a time in a PGlite folder: a second one would corrupt it. A lock file holds the
 * owner's pid; a lock left by a process that is gone is taken over.
 */
function lockFolder(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lock = join(dataDir, 'nianbao.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const cleanup = () => rmSync(lock, { force: true });
      process.once('exit', cleanup);
      return () => {
        process.removeListener('exit', cleanup);
        cleanup();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lock, 'utf8'));
      if (owner && alive(owner)) {
        throw new InputError(dataDir, `数据文件夹正被另一个 nianbao 进程（pid ${owner}）使用；请先关闭它，或改用 PostgreSQL（NIANBAO_DATABASE_URL）以便多个进程同时使用`);
      }
      rmSync(lock, { force: true });
    }
  }
  throw new InputError(dataDir, '无法锁定数据文件夹');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// ---------------------------------------------------------------- the database gone away

/** SQLSTATE classes 08 (connection), 57P (shut down), 53 (out of disk, memory, connections). */
const UNAVAILABLE_STATES = /^(08|57P0[1-3]|53)/;
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'ENOSPC', 'EDQUOT']);

export function unavailableReason(error: unknown): string | undefined {
  const e = error as { code?: string; message?: string };
  const message = e?.message ?? '';
  if (e?.code === 'ENOSPC' || e?.code === 'EDQUOT' || e?.code === '53100' || /No space left on device|disk full/i.test(message)) return '磁盘已满，未能写入，请清理磁盘后重试';
  if ((typeof e?.code === 'string' && (UNAVAILABLE_STATES.test(e.code) || UNAVAILABLE_CODES.has(e.code))) || /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i.test(message)) {
    return '数据库暂时无法连接（连接中断或数据库正在重启），本次操作未保存，请稍后重试';
  }
  return undefined;
}

function translated(where: string, error: unknown): unknown {
  if (error instanceof StoreUnavailable) return error;
  const reason = unavailableReason(error);
  return reason ? new StoreUnavailable(where, reason) : error;
}

// ---------------------------------------------------------------- PostgreSQL

async function openPostgres(url: string): Promise<Db> {
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
  // An idle connection cut by the server (restart, pg_terminate_backend) is dropped by the pool;
  // without this listener its 'error' event would end the process.
  pool.on('error', () => {});
  const where = redact(url);
  try {
    (await pool.connect()).release();
  } catch (error) {
    await pool.end();
    throw new InputError(redact(url), `无法连接 PostgreSQL：${error instanceof Error ? error.message : String(error)}`);
  }
  type Client = { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }> };
  const wrap = (c: Client, tx: boolean, release?: () => void): Db => ({
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      try {
        return (await c.query(sql, params)).rows as T[];
      } catch (error) {
        throw translated(where, error);
      }
    },
    async exec(sql: string) {
      try {
        await c.query(sql);
      } catch (error) {
        throw translated(where, error);
      }
    },
    async transaction<R>(fn: (tx: Db) => Promise<R>): Promise<R> {
      if (tx) return fn(wrap(c, true));
      let client;
      try {
        client = await pool.connect();
      } catch (error) {
        throw translated(where, error);
      }
      let broken: unknown;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client, true));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((e: unknown) => {
          broken = e;
        });
        throw translated(where, error);
      } finally {
        // a connection that could not even roll back is not given back to the pool
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    async close() {
      if (tx) return release?.();
      await pool.end();
    },
  });
  return wrap(pool, false);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

// ---------------------------------------------------------------- migrations

async function migrate(db: Db): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
  const dir = migrationsDir();
  const files = readdirSync(dir).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  await db.transaction(async (tx) => {
    // several processes starting on one PostgreSQL server migrate one after the other
    if (tx.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(727172)');
    const done = new Set((await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
    for (const f of files) {
      if (done.has(f)) continue;
      await tx.exec(readFileSync(join(dir, f), 'utf8'));
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [f]);
    }
  });
}
