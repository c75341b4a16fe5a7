/**
 * The web server under a district's January rush, over loopback with autocannon: `nianbao serve`
 * in its own process (its memory sampled from /proc every two seconds), on the embedded store and
 * on PostgreSQL, for `--duration` seconds each (600 for the full run).
 *
 * The rush, doubled: 50 clerks (one organ each) each checking their text report every 5 s (10
 * checks/s together) and uploading a revision every 50 s (1/s); 10 reviewers of the district each
 * opening the overview, the roll-up, the trends or the duplicates every 2 s (5/s). Reported: requests, errors (anything
 * but a 2xx, and connection errors), latency per kind of request, the server's memory at the start
 * and the end of the run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { generateReport } from '../src/model/generate.js';
import type { Report } from '../src/model/report.js';
import { apiToken, startServeProcess } from '../test/support/serve-process.js';

const root = join(import.meta.dirname, '..');
const ADMIN_PASSWORD = 'bench-admin-password';
const CLERKS = 50;
const REVIEWERS = 10;
const REGION = '宝山区';
const organ = (i: number) => `${REGION}第${i + 1}街道办事处`;

export interface LoadOptions {
  seconds: number;
  stores: ('pglite' | 'postgres')[];
  /** Requests per second, all clerks together (checks), twice the peak by default. */
  checkRate: number;
  uploadRate: number;
  reviewRate: number;
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/** Accounts, and two earlier years of reports for every organ, so the reviewers' pages have content. */
async function prepare(base: string, renderText: (r: Report) => string) {
  const admin = await apiToken(base, 'admin', ADMIN_PASSWORD, 'bench');
  const post = (path: string, body: unknown) =>
    fetch(`${base}api/${path}`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const clerks: string[] = [];
  const reviewers: string[] = [];
  for (let i = 0; i < CLERKS; i++) {
    await post('users', { username: `clerk${i}`, role: 'clerk', organ: organ(i), password: 'bench-password' });
    clerks.push(await apiToken(base, `clerk${i}`, 'bench-password', 'bench'));
  }
  for (let i = 0; i < REVIEWERS; i++) {
    await post('users', { username: `reviewer${i}`, role: 'reviewer', region: REGION, password: 'bench-password' });
    reviewers.push(await apiToken(base, `reviewer${i}`, 'bench-password', 'bench'));
  }
  for (const year of [2022, 2023]) {
    for (let start = 0; start < CLERKS; start += 25) {
      const fd = new FormData();
      for (let i = start; i < Math.min(CLERKS, start + 25); i++) {
        const text = renderText(generateReport({ seed: year * 100 + i, layout: '2021', year, agency: organ(i) }));
        fd.append('files', new File([text], `${organ(i)}${year}.txt`, { type: 'text/plain' }));
      }
      const res = await fetch(`${base}api/reports`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: fd });
      if (res.status !== 200) throw new Error(`seeding: ${res.status} ${await res.text()}`);
    }
  }
  return { clerks, reviewers };
}

function multipart(name: string, text: string): { body: Buffer; type: string } {
  const boundary = `----nianbao${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${encodeURIComponent(name)}"\r\nContent-Type: text/plain\r\n\r\n`),
    Buffer.from(text),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

interface Kind {
  name: string;
  result?: autocannon.Result;
}

async function runStore(store: 'pglite' | 'postgres', o: LoadOptions, renderText: (r: Report) => string): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'nianbao-load-'));
  let pg: { url: string; dir: string } | undefined;
  if (store === 'postgres') {
    const out = execFileSync('bash', [join(root, 'scripts', 'pg-test-server.sh'), 'start'], { encoding: 'utf8' }).trim().split('\n');
    pg = { url: out[0], dir: out[1] };
  }
  const server = await startServeProcess(join(work, 'data'), { NIANBAO_ADMIN_PASSWORD: ADMIN_PASSWORD, ...(pg ? { DATABASE_URL: pg.url } : { DATABASE_URL: '', NIANBAO_DATABASE_URL: '' }) }, 'inherit');
  const lines: string[] = [];
  try {
    const { clerks, reviewers } = await prepare(server.url, renderText);
    // each clerk's report of the year, in a few revisions: checked as text, uploaded as a file
    const revisions = 8;
    const texts = clerks.map((_, i) => Array.from({ length: revisions }, (_, k) => renderText(generateReport({ seed: 50_000 + i * revisions + k, layout: '2021', year: 2024, agency: organ(i) }))));
    const checkBodies = texts.map((list) => list.map((t) => JSON.stringify({ text: t, name: 'report.txt' })));
    const uploads = texts.map((list, i) => list.map((t, k) => multipart(`${organ(i)}2024-${k}.txt`, t)));
    let nextClerk = 0;
    let nextReviewer = 0;
    type Ctx = { who?: number; n?: number };
    const samples: { t: number; kb: number }[] = [];
    const t0 = Date.now();
    const sampler = setInterval(() => samples.push({ t: (Date.now() - t0) / 1000, kb: rssKb(server.child.pid!) }), 2000);
    samples.push({ t: 0, kb: rssKb(server.child.pid!) });
    const common = { url: server.url, duration: o.seconds, timeout: 30, excludeErrorStats: false } as const;
    const kinds: Kind[] = [{ name: '核查文本报告 POST /api/check' }, { name: '报送 POST /api/reports' }, { name: '审阅页面（概况、汇总、趋势、雷同）' }];
    /** One kind of clerk request: each connection is one clerk, sending revision after revision. */
    const clerkRun = (rate: number, path: string, body: (who: number, k: number) => { type: string; body: string | Buffer }) =>
      autocannon({
        ...common,
        connections: CLERKS,
        overallRate: rate,
        requests: [
          {
            method: 'POST',
            path,
            setupRequest: (req: autocannon.Request, context: Ctx) => {
              context.who ??= nextClerk++ % CLERKS;
              context.n = (context.n ?? 0) + 1;
              const b = body(context.who, context.n % revisions);
              return { ...req, headers: { authorization: `Bearer ${clerks[context.who]}`, 'content-type': b.type }, body: b.body };
            },
          },
        ],
      } as autocannon.Options);
    const runs = [
      clerkRun(o.checkRate, '/api/check', (who, k) => ({ type: 'application/json', body: checkBodies[who][k] })),
      clerkRun(o.uploadRate, '/api/reports', (who, k) => uploads[who][k]),
      autocannon({
        ...common,
        connections: REVIEWERS,
        overallRate: o.reviewRate,
        requests: [
          {
            method: 'GET',
            setupRequest: (req: autocannon.Request, context: Ctx) => {
              context.who ??= nextReviewer++ % REVIEWERS;
              context.n = (context.n ?? 0) + 1;
              const pages = ['/api/review/overview?year=2023', '/api/review/rollup?year=2023', '/api/review/trends', '/api/review/duplicates?year=2023', '/api/review/overview?year=2024'];
              return { ...req, path: pages[context.n % pages.length], headers: { authorization: `Bearer ${reviewers[context.who]}` } };
            },
          },
        ],
      } as autocannon.Options),
    ];
    const results = await Promise.all(runs);
    clearInterval(sampler);
    samples.push({ t: (Date.now() - t0) / 1000, kb: rssKb(server.child.pid!) });
    results.forEach((r, i) => (kinds[i].result = r));

    const span = Math.min(60, o.seconds / 5);
    const avg = (xs: { kb: number }[]) => xs.reduce((s, x) => s + x.kb, 0) / Math.max(1, xs.length) / 1024;
    // the first minute is warm-up (caches filling); growth is measured from the end of it
    const warm = samples.filter((s) => s.t >= span && s.t < 2 * span);
    const last = samples.filter((s) => s.t >= o.seconds - span);
    const peak = Math.max(...samples.map((s) => s.kb)) / 1024;
    lines.push(`-- ${store === 'pglite' ? '内嵌 PGlite' : 'PostgreSQL'}，${o.seconds} s，${CLERKS} 名填报人 + ${REVIEWERS} 名审阅人`);
    let total = 0;
    let errors = 0;
    for (const k of kinds) {
      const r = k.result!;
      const bad = r.errors + r.timeouts + r.non2xx;
      total += r.requests.total;
      errors += bad;
      lines.push(`${k.name.padEnd(28)} ${String(r.requests.total).padStart(7)} 次  ${r.requests.average.toFixed(1).padStart(6)} /s  错误 ${bad}  延迟 p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  最大 ${r.latency.max} ms`);
    }
    lines.push(`合计 ${total} 次请求，错误率 ${((errors / Math.max(1, total)) * 100).toFixed(2)}%`);
    lines.push(`服务进程内存（RSS）：开始 ${(samples[0].kb / 1024).toFixed(0)} MB，预热后 ${avg(warm).toFixed(0)} MB，最后 ${span.toFixed(0)} s 平均 ${avg(last).toFixed(0)} MB（增长 ${(((avg(last) - avg(warm)) / Math.max(1, avg(warm))) * 100).toFixed(1)}%），峰值 ${peak.toFixed(0)} MB`);
  } finally {
    await server.stop();
    if (pg) execFileSync('bash', [join(root, 'scripts', 'pg-test-server.sh'), 'stop', pg.dir]);
    rmSync(work, { recursive: true, force: true });
  }
  return lines;
}

export async function runLoad(o: LoadOptions): Promise<void> {
  const { renderText } = (await import('../src/render/text.js')) as { renderText: (r: Report) => string };
  for (const store of o.stores) {
    for (const line of await runStore(store, o, renderText)) console.log(line);
  }
}
