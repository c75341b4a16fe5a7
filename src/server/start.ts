/**
 * Opening the database and the report store, and starting the HTTP server (`nianbao serve`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import type { DbLike } from './sql.js';
import type { ReportRepo } from './reports.js';
import { storeRepo } from './store-repo.js';

export interface Backend {
  db: DbLike;
  reports?: ReportRepo;
  close(): Promise<void>;
}

/** The store's database and report store; the embedded one in `dataDir`, or PostgreSQL at `databaseUrl`. */
export async function openBackend(options: { dataDir?: string; databaseUrl?: string }): Promise<Backend> {
  return storeRepo(options);
}

export interface ServeOptions {
  port: number;
  host: string;
  dataDir?: string;
  databaseUrl?: string;
  demo?: boolean;
  trustProxy?: boolean;
  log?: (line: string) => void;
}

export async function startServer(options: ServeOptions): Promise<{ url: string; close(): Promise<void> }> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  let tempDir: string | undefined;
  let dataDir = options.dataDir;
  if (options.demo && !options.databaseUrl && !dataDir) {
    tempDir = await mkdtemp(join(tmpdir(), 'nianbao-demo-'));
    dataDir = tempDir;
  }
  const backend = await openBackend({ dataDir, databaseUrl: options.databaseUrl });
  if (options.demo) {
    const { loadDemo } = await import('./demo.js');
    await loadDemo(backend, log);
  } else {
    const { ensureAdmin } = await import('./demo.js');
    await ensureAdmin(backend, log);
  }
  const app = createApp({ db: backend.db, reports: backend.reports, trustProxy: options.trustProxy, secureCookies: 'auto', demo: options.demo });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
    s.once('error', reject);
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${addr.port}/`;
  return {
    url,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    },
  };
}
