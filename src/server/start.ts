/**
 * Opening the database and the report store, and starting the HTTP server (`nianbao serve`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
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

/** How long a shutdown waits for the requests under way before cutting their connections. */
const DRAIN_MS = 10_000;

/**
 * Requests counted from the handler's start to its end — not to the connection's end: a client
 * that gives up closes its socket while the handler is still reading or writing the database.
 */
function countingHandler(fetch: (req: Request, env?: unknown) => Response | Promise<Response>) {
  let active = 0;
  let idle: (() => void) | null = null;
  return {
    fetch: async (req: Request, env?: unknown) => {
      active++;
      try {
        return await fetch(req, env);
      } finally {
        active--;
        if (active === 0) idle?.();
      }
    },
    /** Settles once no handler is running, or after `ms`. */
    settled: (ms: number) =>
      active === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, ms);
            idle = () => {
              clearTimeout(timer);
              resolve();
            };
          }),
  };
}

/**
 * A shutdown that lets the requests under way finish: no new connections; a keep-alive connection
 * is closed after the response it is sending (a client may otherwise send its next request on it
 * while the database is being closed); once no handler is running, or after DRAIN_MS, every
 * connection is cut and the promise settles.
 */
function drainOnClose(server: ReturnType<typeof serve>, handlers: ReturnType<typeof countingHandler>): () => Promise<void> {
  let closing = false;
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (closing) res.shouldKeepAlive = false;
  });
  return async () => {
    closing = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const http = server as Server;
    http.closeIdleConnections?.();
    await handlers.settled(DRAIN_MS);
    http.closeAllConnections?.();
    await closed;
  };
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
  const handlers = countingHandler(app.fetch);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: handlers.fetch, port: options.port, hostname: options.host }, () => resolve(s));
    s.once('error', reject);
  });
  const drain = drainOnClose(server, handlers);
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${addr.port}/`;
  return {
    url,
    async close() {
      // the database is closed only once no request is left that could still use it
      await drain();
      await backend.close();
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    },
  };
}
