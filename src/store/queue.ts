/**
 * Import work shared by several machines: `nianbao import --queue` puts each file's bytes in the
 * store (content-addressed, so any machine can read them) and a job in a queue kept in PostgreSQL
 * by pg-boss; `nianbao worker` processes, on as many machines as wanted, take the jobs one at a
 * time. A job whose file is not an annual report is completed with the reason, not retried.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import { readInputFile } from '../pipeline.js';
import { defaultDatabaseUrl } from './db.js';
import { openStore } from './index.js';

export const IMPORT_QUEUE = 'nianbao-import';

interface ImportJob {
  sha256: string;
  name: string;
}

function requireUrl(url: string | undefined): string {
  const u = url ?? defaultDatabaseUrl();
  if (!u) throw new InputError('--queue', '任务队列需要 PostgreSQL：请设置 DATABASE_URL（或 --database-url）');
  return u;
}

async function startBoss(url: string) {
  const { default: PgBoss } = await import('pg-boss');
  const boss = new PgBoss({ connectionString: url, schema: 'nianbao_queue' });
  boss.on('error', (error: Error) => process.stderr.write(`nianbao: 任务队列：${error.message}\n`));
  await boss.start();
  if (!(await boss.getQueue(IMPORT_QUEUE))) await boss.createQueue(IMPORT_QUEUE);
  return boss;
}

/** Files into the store's file table and jobs into the queue; returns the number of jobs. */
export async function enqueueImports(databaseUrl: string | undefined, paths: string[]): Promise<number> {
  const url = requireUrl(databaseUrl);
  const store = await openStore({ databaseUrl: url });
  const boss = await startBoss(url);
  try {
    const jobs: Array<{ name: string; data: ImportJob; retryLimit: number }> = [];
    for (const path of paths) {
      const bytes = await readInputFile(path);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await store.db.query(`INSERT INTO store_files (sha256, name, size, form, content) VALUES ($1, $2, $3, 'queued', $4) ON CONFLICT (sha256) DO NOTHING`, [
        sha256, path, bytes.length, Buffer.from(bytes),
      ]);
      jobs.push({ name: IMPORT_QUEUE, data: { sha256, name: path }, retryLimit: 2 });
    }
    if (jobs.length) await boss.insert(jobs);
    return jobs.length;
  } finally {
    await boss.stop({ graceful: false, wait: true });
    await store.close();
  }
}

export interface WorkerOptions {
  databaseUrl?: string;
  /** Stop when the queue is empty (for scripts and tests). */
  untilEmpty?: boolean;
  log?: (line: string) => void;
}

/** Take import jobs until stopped (or until the queue is empty); returns the number done. */
export async function runWorker(options: WorkerOptions = {}): Promise<number> {
  const url = requireUrl(options.databaseUrl);
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const store = await openStore({ databaseUrl: url });
  const boss = await startBoss(url);
  let done = 0;
  const handle = async (data: ImportJob) => {
    const rows = await store.db.query<{ content: Uint8Array }>('SELECT content FROM store_files WHERE sha256 = $1', [data.sha256]);
    if (!rows.length) throw new Error(`file ${data.sha256} missing from the store`);
    try {
      const r = await store.importBytes(new Uint8Array(rows[0].content), data.name);
      log(`${r.created ? '新增' : '已有'}  ${r.id}  ${r.organ} ${r.year ?? '?'}年  ${data.name}`);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      log(`无法导入  ${data.name}：${error.message}`);
    }
    done++;
  };
  try {
    if (options.untilEmpty) {
      for (;;) {
        const jobs = await boss.fetch<ImportJob>(IMPORT_QUEUE, { batchSize: 1 });
        if (!jobs?.length) break;
        for (const job of jobs) {
          try {
            await handle(job.data);
            await boss.complete(IMPORT_QUEUE, job.id);
          } catch (error) {
            await boss.fail(IMPORT_QUEUE, job.id, { message: error instanceof Error ? error.message : String(error) });
          }
        }
      }
      return done;
    }
    await boss.work<ImportJob>(IMPORT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => handle(job.data));
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    return done;
  } finally {
    await boss.stop({ graceful: true, wait: true });
    await store.close();
  }
}
