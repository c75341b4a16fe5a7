/**
 * Faults under the web server: `nianbao serve` killed with SIGKILL in the middle of an upload, of
 * an import and of draft saves, then started again on the same data folder; and PostgreSQL cut
 * off (its connections terminated, then the server stopped) and brought back. Nothing half-written
 * survives, the user gets 503 and a Chinese message while the database is away, and everything
 * acknowledged before the fault is there afterwards.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateReport } from '../../src/model/generate.js';
import { openStore } from '../../src/store/index.js';
import { openDb } from '../../src/store/db.js';
import { storeRepo } from '../../src/server/store-repo.js';
import { createApp } from '../../src/server/app.js';
import { createApiToken, createUser, LoginLimiter } from '../../src/server/auth.js';
import { assertStoreWhole, startPostgres, type PgServer } from '../store/support.js';
import { apiToken, startServeProcess, type ServeProcess } from '../support/serve-process.js';

const root = join(import.meta.dirname, '..', '..');
const ADMIN_PASSWORD = 'fault-test-password';

const serve = (data: string) => startServeProcess(data, { NIANBAO_ADMIN_PASSWORD: ADMIN_PASSWORD, DATABASE_URL: '', NIANBAO_DATABASE_URL: '' });
const kill9 = (s: ServeProcess) => s.kill9();
const tokenFor = (base: string) => apiToken(base, 'admin', ADMIN_PASSWORD);

const reportJson = (seed: number, organ = '宝山区七星街道办事处') => JSON.stringify(generateReport({ seed, layout: '2021', year: 2000 + (seed % 25), agency: `${organ}${seed}` }));

function uploadForm(files: [string, string][]): FormData {
  const fd = new FormData();
  for (const [name, text] of files) fd.append('files', new File([text], name, { type: 'application/json' }));
  return fd;
}

test('kill -9 of the server mid-upload, mid-import and mid-draft-save: what was acknowledged is there and whole, nothing half-written', async () => {
  const data = join(mkdtempSync(join(tmpdir(), 'nianbao-serve-crash-')), 'data');
  let s = await serve(data);
  const token = await tokenFor(s.url);
  const auth = { authorization: `Bearer ${token}` };
  const api = (path: string, init: RequestInit = {}) => fetch(`${s.url}api/${path}`, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });

  // acknowledged before any fault: three reports and a draft saved twice
  const first = await api('reports', { method: 'POST', body: uploadForm([1, 2, 3].map((i) => [`${i}.json`, reportJson(i)])) });
  assert.equal(first.status, 200);
  const acknowledged = ((await first.json()) as { results: { id: string }[] }).results.map((r) => r.id);
  const created = (await (await api('drafts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"year":2024,"organ":"宝山区七星街道办事处","fromPrevious":false}' })).json()) as {
    draft: { id: number; version: number; report: ReturnType<typeof generateReport> };
  };
  const draftId = created.draft.id;
  const report = created.draft.report;
  let version = created.draft.version;
  const save = async (n: number) => {
    report.sections[0].text = `第${n}次保存`;
    const res = await api(`drafts/${draftId}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ report, version }) });
    if (res.status !== 200) throw new Error(`save ${n}: ${res.status}`);
    version = ((await res.json()) as { draft: { version: number } }).draft.version;
    return version;
  };
  await save(1);
  await save(2);

  // 1. mid-upload: half of a large request body sent, then the server is killed
  const body = uploadForm(Array.from({ length: 20 }, (_, i) => [`u${i}.json`, reportJson(100 + i)]));
  const bytes = new Uint8Array(await new Response(body).arrayBuffer());
  const type = new Response(body).headers.get('content-type')!;
  const u = new URL(`${s.url}api/reports`);
  const upload = httpRequest({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { ...auth, 'content-type': type, 'content-length': String(bytes.length) } });
  upload.on('error', () => {}); // the server goes away: the client sees the connection reset
  await new Promise<void>((resolve) => upload.write(bytes.subarray(0, bytes.length >> 1), () => resolve()));
  await new Promise((r) => setTimeout(r, 200));
  await kill9(s);
  upload.destroy();

  s = await serve(data);
  {
    const list = (await (await fetch(`${s.url}api/reports`, { headers: auth })).json()) as { reports: { id: string }[] };
    assert.deepEqual(list.reports.map((r) => r.id).sort(), [...acknowledged].sort(), 'the three acknowledged reports, and nothing of the cut upload');
  }

  // 2. mid-import: thirty reports in one request, the server killed while it imports them
  const many = uploadForm(Array.from({ length: 30 }, (_, i) => [`m${i}.json`, reportJson(200 + i)]));
  const importing = fetch(`${s.url}api/reports`, { method: 'POST', headers: auth, body: many }).then(
    (r) => r.status,
    () => 'cut',
  );
  await new Promise((r) => setTimeout(r, 1500));
  await kill9(s);
  const outcome = await importing;

  // 3. mid-draft-save: saves one after the other, the server killed during one of them
  s = await serve(data);
  let lastAcknowledged = version;
  let threeMore = () => {};
  const underway = new Promise<void>((resolve) => (threeMore = resolve));
  const saving = (async () => {
    for (let n = 3; n < 1000; n++) {
      lastAcknowledged = await save(n);
      if (n === 5) threeMore();
    }
  })().catch(() => undefined);
  await underway;
  await new Promise((r) => setTimeout(r, 50)); // the next save in flight
  await kill9(s);
  await saving;
  assert.ok(lastAcknowledged > 3, `several saves acknowledged before the kill (version ${lastAcknowledged})`);

  // back up: the draft is one whole saved version, at least the last acknowledged one
  s = await serve(data);
  try {
    const got = (await (await fetch(`${s.url}api/drafts/${draftId}`, { headers: auth })).json()) as { draft: { version: number; report: { sections: { text: string }[] } } };
    assert.ok(got.draft.version >= lastAcknowledged, `draft version ${got.draft.version} ≥ last acknowledged ${lastAcknowledged}`);
    assert.ok(got.draft.version <= lastAcknowledged + 1);
    assert.equal(got.draft.report.sections[0].text, `第${got.draft.version - created.draft.version}次保存`, 'the text saved with that version');
    const list = (await (await fetch(`${s.url}api/reports`, { headers: auth })).json()) as { reports: { id: string }[] };
    for (const id of acknowledged) assert.ok(list.reports.some((r) => r.id === id), `acknowledged report ${id} still there`);
    if (outcome === 200) assert.equal(list.reports.length, 33, 'the import had finished before the kill');
  } finally {
    await kill9(s);
  }
  const store = await openStore({ dataDir: data });
  try {
    const n = await assertStoreWhole(store);
    assert.ok(n >= 3 && n <= 33, `${n} reports, each whole`);
  } finally {
    await store.close();
  }
});

test('SIGTERM under steady traffic and abandoned imports: requests under way are answered, none fails with a 500, the database closed only after the last handler, exit 0', async () => {
  const data = join(mkdtempSync(join(tmpdir(), 'nianbao-serve-term-')), 'data');
  const s = await serve(data);
  const token = await tokenFor(s.url);
  assert.equal((await fetch(`${s.url}api/reports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: uploadForm([1, 2].map((i) => [`${i}.json`, reportJson(i)])) })).status, 200);
  let stderr = '';
  s.child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => s.child.once('exit', (code) => resolve(code)));

  // eight clients on keep-alive connections, each sending its next request as soon as the last is answered
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const u = new URL(s.url);
  const statuses: number[] = [];
  let cut = 0;
  let running = true;
  const one = () =>
    new Promise<void>((resolve) => {
      const req = httpRequest({ host: u.hostname, port: u.port, path: '/api/review/overview?year=2024', agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        statuses.push(res.statusCode!);
        res.resume();
        res.on('end', resolve);
      });
      // refused or reset once the server has stopped listening: not an answer, and not a failure of the server
      req.on('error', () => {
        cut++;
        resolve();
      });
      req.end();
    });
  const clients = Array.from({ length: 8 }, async () => {
    while (running) await one();
  });
  // until the traffic flows (the first answers are slow on a busy machine: cold code, a cold database)
  for (const deadline = Date.now() + 30_000; statuses.length <= 16 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
  const before = statuses.length;
  // and three imports whose clients give up once they have sent them: their handlers are still at work
  const abandoned = [0, 1, 2].map((k) => {
    const giveUp = new AbortController();
    const sent = fetch(`${s.url}api/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: uploadForm(Array.from({ length: 30 }, (_, i) => [`a${k}-${i}.json`, reportJson(300 + k * 20 + i)])),
      signal: giveUp.signal,
    }).catch(() => undefined);
    return { giveUp, sent };
  });
  await new Promise((r) => setTimeout(r, 300));
  for (const a of abandoned) a.giveUp.abort();
  s.child.kill('SIGTERM');
  const code = await exited;
  running = false;
  await Promise.all(clients);
  await Promise.all(abandoned.map((a) => a.sent));
  agent.destroy();
  assert.ok(before > 8, `traffic was flowing before the signal (${before} answers)`);
  assert.deepEqual([...new Set(statuses)], [200], `every answer a 200 (cut at the connection: ${cut})`);
  assert.equal(code, 0);
  assert.doesNotMatch(stderr, /Error|at \S+ \(/, 'no error or stack trace on standard error');
});

let pg: PgServer | undefined;
after(() => pg?.stop());

test('PostgreSQL cut off and brought back: 503 with a Chinese message meanwhile, nothing half-written, everything there afterwards', async (t) => {
  pg = startPostgres();
  if (!pg) return t.skip('PostgreSQL is not installed here');
  const backend = await storeRepo({ databaseUrl: pg.url });
  try {
    const app = createApp({ db: backend.db, reports: backend.reports, limiter: new LoginLimiter() });
    const admin = await createUser(backend.db, { username: 'root', role: 'admin', password: 'password-123' });
    const { token } = await createApiToken(backend.db, admin.id, 'fault');
    const auth = { authorization: `Bearer ${token}` };
    const upload = (seed: number) => app.request('/api/reports', { method: 'POST', headers: auth, body: uploadForm([[`${seed}.json`, reportJson(seed)]]) });
    assert.equal((await upload(1)).status, 200);

    // every connection of the pool terminated by the server: the pool opens new ones
    const killer = await openDb({ databaseUrl: pg.url });
    await killer.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()');
    await killer.close();
    const afterCut = await app.request('/api/reports', { headers: auth });
    assert.ok([200, 503].includes(afterCut.status), `after the cut: ${afterCut.status}`);
    assert.equal((await app.request('/api/reports', { headers: auth })).status, 200, 'and the next request goes through');

    // the database server stopped
    pg.halt();
    const down = await app.request('/api/reports', { headers: auth });
    assert.equal(down.status, 503);
    const message = ((await down.json()) as { message: string }).message;
    assert.match(message, /数据库暂时无法连接/);
    assert.equal((await upload(2)).status, 503, 'an upload while the database is away');
    const page = await app.request('/', { headers: auth });
    assert.ok([503, 200].includes(page.status));
    const cli = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'index.ts'), 'query', '--database-url', pg.url], { cwd: root, encoding: 'utf8' });
    assert.equal(cli.status, 2, cli.stderr);
    assert.equal(cli.stderr.trim().split('\n').length, 1, cli.stderr);
    assert.doesNotMatch(cli.stderr, /nianbao:.*:\/\/[^:@/]+:[^@]+@/, 'no password in the message');

    // back: what was there is there, the upload refused meanwhile is not half there
    pg.resume();
    const back = (await (await app.request('/api/reports', { headers: auth })).json()) as { reports: { file: string }[] };
    assert.deepEqual(back.reports.map((r) => r.file), ['1.json']);
    assert.equal((await upload(2)).status, 200, 'the same upload goes through once the database is back');
  } finally {
    await backend.close();
  }
});
