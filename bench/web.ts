/**
 * The web application without a port (app.request): how many reports per second the check API
 * answers — a report JSON (what the draft form sends on each pause in typing) and a text upload
 * (parse + check) — and how long the official-layout result page takes to build. Then the server
 * under load over loopback (bench/web-load.ts), on the embedded store and on PostgreSQL:
 *
 *   npm run bench -- web                       30 s per store
 *   npm run bench -- web --duration=600        the full run (10 minutes per store)
 *   npm run bench -- web --store=postgres      one store only
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { PGlite } from '@electric-sql/pglite';
import { createApp } from '../src/server/app.js';
import { createUser, LoginLimiter } from '../src/server/auth.js';
import { generateReport } from '../src/model/generate.js';
import { renderReportView } from '../src/server/report-view.js';

async function timed(label: string, n: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < Math.min(20, n); i++) await fn(i); // warm up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(46)} ${(n / (ms / 1000)).toFixed(0).padStart(7)} /s   (${(ms / n).toFixed(2)} ms each, n=${n})`);
}

export async function run(): Promise<void> {
  const pg = new PGlite();
  await pg.exec(readFileSync(new URL('../src/store/migrations/0200_web.sql', import.meta.url), 'utf8'));
  const db = { query: (sql: string, params?: unknown[]) => pg.query(sql, params) };
  const app = createApp({ db, limiter: new LoginLimiter() });
  await createUser(db, { username: 'bench', role: 'admin', password: 'bench-password' });
  const made = await app.request('/api/me'); // warm the router
  void made;
  // An API token, made directly (no login form needed for a benchmark).
  const { createApiToken } = await import('../src/server/auth.js');
  const { token } = await createApiToken(db, 1, 'bench');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const reports = Array.from({ length: 200 }, (_, i) => JSON.stringify({ report: generateReport({ seed: i + 1 }) }));
  const seed = readFileSync(new URL('../test/fixtures/seeds/004_93eb2dffc0d9e55f.txt', import.meta.url), 'utf8');
  const seedBody = JSON.stringify({ text: seed });
  await timed('POST /api/check, report JSON (live check)', 400, async (i) => app.request('/api/check', { method: 'POST', headers, body: reports[i % reports.length] }));
  await timed('POST /api/check, seed 004 as text (parse+check)', 200, async () => app.request('/api/check', { method: 'POST', headers, body: seedBody }));
  const r = generateReport({ seed: 9, layout: '2021' });
  await timed('report view in the official layout (HTML)', 2000, async () => renderReportView(r, { findings: [] }));
  await timed('draft form in the official layout (HTML)', 2000, async () => renderReportView(r, { editable: true }));
  await pg.close();

  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const seconds = Number(arg('duration') ?? 30);
  const wanted = arg('store');
  const stores = (['pglite', 'postgres'] as const).filter((s) => !wanted || s === wanted);
  const hasPostgres = spawnSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || command -v initdb >/dev/null']).status === 0;
  const { runLoad } = await import('./web-load.js');
  await runLoad({ seconds, stores: stores.filter((s) => s !== 'postgres' || hasPostgres), checkRate: 10, uploadRate: 1, reviewRate: 5 });
  if (!hasPostgres && stores.includes('postgres')) console.log('（未安装 PostgreSQL：跳过；见 scripts/setup-system.sh）');
  console.log(`reproduce: npm run bench -- web --duration=${seconds}${wanted ? ` --store=${wanted}` : ''}`);
}
