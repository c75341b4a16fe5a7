/**
 * The database handle every part of nianbao uses: the embedded PGlite in a data folder by default,
 * PostgreSQL when a URL is given — the same SQL ($1, $2 parameters) and the same migrations on both.
 * Migrations are the .sql files in ./migrations, applied once each, in name order, each in a
 * transaction: 0001–0099 the report store, 0100–0199 the case ledger, 0200–0299 the web application.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';

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
  const wrap = (q: Tx, inTx: boolean): Db => ({
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await q.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    async transaction<R>(fn: (tx: Db) => Promise<R>): Promise<R> {
      if (inTx) return fn(wrap(q, true));
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

// ---------------------------------------------------------------- PostgreSQL

async function openPostgres(url: string): Promise<Db> {
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
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
      return (await c.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await c.query(sql);
    },
    async transaction<R>(fn: (tx: Db) => Promise<R>): Promise<R> {
      if (tx) return fn(wrap(c, true));
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client, true));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
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
