/**
 * The web application without a port (app.request): how many reports per second the check API
 * answers — a report JSON (what the draft form sends on each pause in typing) and a text upload
 * (parse + check) — and how long the official-layout result page takes to build.
 */
import { readFileSync } from 'node:fs';
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
  console.log('reproduce: npm run bench -- web');
}
