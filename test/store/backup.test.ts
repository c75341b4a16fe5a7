/**
 * Backup, restore and the move to PostgreSQL: a store with reports, findings, drafts, reviews,
 * accounts and cases goes PGlite → file → PostgreSQL → file → PGlite, and every table compares
 * equal row by row at each step. A restore refuses a store with data (unless forced) and a damaged
 * or cut-short file, leaving the target as it was.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { generateReport } from '../../src/model/generate.js';
import { openDb, type Db } from '../../src/store/db.js';
import { Store } from '../../src/store/index.js';
import { restoreBackup, storeRows, storeTables, writeBackup } from '../../src/store/backup.js';
import { repoOf } from '../../src/server/store-repo.js';
import { createApiToken, createSession, createUser } from '../../src/server/auth.js';
import { addReview, createDraft } from '../../src/server/drafts.js';
import { loadLedgerDemo } from '../../src/ledger/demo.js';
import type { LedgerDb } from '../../src/ledger/store.js';
import { startPostgres, type PgServer } from './support.js';

const root = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'nianbao-backup-'));
const ORGAN = '宝山区七星街道办事处';

let source: Db;
let expected: Record<string, string[]>;
let pg: PgServer | undefined;

async function fill(db: Db): Promise<void> {
  const store = new Store(db);
  const repo = repoOf(store);
  for (let i = 0; i < 6; i++) {
    const organ = i % 2 ? ORGAN : '牧野区卫北街道办事处';
    const r = generateReport({ seed: 800 + i, layout: i % 3 ? '2021' : '2019', year: 2020 + i, agency: organ });
    await repo.importFile(new TextEncoder().encode(JSON.stringify(r)), `${organ}${2020 + i}.json`);
  }
  const seed = readFileSync(join(root, 'test', 'fixtures', 'seeds', '004_93eb2dffc0d9e55f.txt'));
  await repo.importFile(new Uint8Array(seed), '004.txt');
  await store.setOrganRegion(ORGAN, '上海市/宝山区');
  const clerk = await createUser(db, { username: 'qixing', role: 'clerk', organ: ORGAN, password: 'password-123', displayName: '七星' });
  const reviewer = await createUser(db, { username: 'shenyue', role: 'reviewer', region: '宝山区', password: 'password-123' });
  await createSession(db, clerk.id);
  await createApiToken(db, clerk.id, '区级系统');
  await createDraft(db, ORGAN, 2025, generateReport({ seed: 9, layout: '2021', year: 2025, agency: ORGAN }), clerk.id);
  await addReview(db, { organ: ORGAN, year: 2021, reportRef: null, status: 'returned', comment: '表三“总计”与分项之和不符，请改正后重报。\n第二行', reviewerId: reviewer.id });
  await loadLedgerDemo(db as unknown as LedgerDb, ORGAN, () => {}, 12);
}

before(async () => {
  source = await openDb({ dataDir: join(work, 'source') });
  await fill(source);
  expected = await storeRows(source);
  pg = startPostgres();
});

after(async () => {
  await source?.close();
  pg?.stop();
});

test('tables come from the schema, parents before children', async () => {
  const names = (await storeTables(source)).map((t) => t.name);
  for (const t of ['store_reports', 'store_findings', 'web_drafts', 'web_reviews', 'ledger_cases', 'ledger_events', 'web_users', 'web_sessions']) assert.ok(names.includes(t), t);
  assert.ok(!names.includes('schema_migrations'));
  const before = (a: string, b: string) => assert.ok(names.indexOf(a) < names.indexOf(b), `${a} before ${b}`);
  before('store_files', 'store_reports');
  before('store_reports', 'store_findings');
  before('store_regions', 'store_organs');
  before('web_users', 'web_drafts');
  before('ledger_cases', 'ledger_events');
  for (const t of ['store_reports', 'store_findings', 'web_drafts', 'web_reviews', 'ledger_cases', 'ledger_events']) assert.ok(expected[t].length > 0, `${t} has rows to compare`);
});

test('PGlite → file → PostgreSQL → file → PGlite: every table equal, row by row', async (t) => {
  const first = join(work, 'first.nbk');
  const summary = await writeBackup(source, first);
  assert.equal(summary.tables.find((x) => x.name === 'store_reports')!.rows, expected.store_reports.length);
  let second = first;
  if (!pg) t.diagnostic('PostgreSQL is not installed here: the PostgreSQL leg is left out');
  else {
    const server = await openDb({ databaseUrl: pg.url });
    try {
      const restored = await restoreBackup(server, first);
      assert.equal(restored.header.source, 'pglite');
      assert.deepEqual(await storeRows(server), expected, 'PostgreSQL holds what the embedded store held');
      // the sequences follow: a new row gets a fresh id, not one already used
      const made = await createUser(server, { username: 'newcomer', role: 'admin', password: 'password-123' });
      assert.ok(made.id > Math.max(...expected.web_users.map((r) => JSON.parse(r).id)));
      await server.query('DELETE FROM web_users WHERE id = $1', [made.id]);
      second = join(work, 'second.nbk');
      await writeBackup(server, second);
    } finally {
      await server.close();
    }
  }
  const back = await openDb({ dataDir: 'memory://' });
  try {
    await restoreBackup(back, second);
    assert.deepEqual(await storeRows(back), expected, 'and back in an embedded store, the same again');
    // the restored store works as a store: reports, findings and drafts read back whole
    const store = new Store(back);
    const one = (await store.list({}))[0];
    const got = await store.get(one.id);
    assert.equal(got!.findings.filter((f) => f.severity === 'error').length, one.errors);
  } finally {
    await back.close();
  }
});

test('restore refuses a store that holds data unless forced, and a damaged or cut-short file; the target is left as it was', async () => {
  const file = join(work, 'refuse.nbk');
  await writeBackup(source, file);
  const target = await openDb({ dataDir: 'memory://' });
  try {
    await createUser(target, { username: 'existing', role: 'admin', password: 'password-123' });
    await assert.rejects(restoreBackup(target, file), /不是空的.*--force/);
    assert.deepEqual((await target.query<{ username: string }>('SELECT username FROM web_users')).map((r) => r.username), ['existing']);

    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const cut = join(work, 'cut.nbk');
    writeFileSync(cut, gzipSync(`${lines.slice(0, -1).join('\n')}\n`));
    await assert.rejects(restoreBackup(target, cut, { force: true }), /不完整/);
    const broken = join(work, 'broken.nbk');
    const at = lines.findIndex((l) => l.startsWith('{"table":"store_findings"'));
    writeFileSync(broken, gzipSync(`${[...lines.slice(0, at + 3), '{"r":{"report_id": oops', ...lines.slice(at + 3)].join('\n')}\n`));
    await assert.rejects(restoreBackup(target, broken, { force: true }));
    const garbage = join(work, 'garbage.nbk');
    writeFileSync(garbage, 'not a backup at all');
    await assert.rejects(restoreBackup(target, garbage), /gzip/);
    assert.deepEqual((await target.query<{ username: string }>('SELECT username FROM web_users')).map((r) => r.username), ['existing'], 'nothing half-restored');
    assert.equal((await target.query('SELECT 1 FROM store_reports')).length, 0);

    await restoreBackup(target, file, { force: true });
    assert.deepEqual(await storeRows(target), expected, 'forced: the backup replaces what was there');
  } finally {
    await target.close();
  }
});

test('the command line: backup, restore refusing a full store (one line, exit 2), move', async (t) => {
  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'index.ts'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '', NIANBAO_DATABASE_URL: '', ...env },
    });
  const data = join(work, 'cli-source');
  const seeded = await openDb({ dataDir: data });
  await createUser(seeded, { username: 'root', role: 'admin', password: 'password-123' });
  await seeded.close();
  const file = join(work, 'cli.nbk');
  const b = cli(['backup', '--data', data, '-o', file]);
  assert.equal(b.status, 0, b.stderr);
  assert.match(b.stderr, /已备份到 .*cli\.nbk/);
  // restoring into the store it came from: it holds data, so the restore is refused
  const again = cli(['restore', file, '--data', data]);
  assert.equal(again.status, 2);
  assert.equal(again.stderr.trim().split('\n').length, 1, again.stderr);
  assert.match(again.stderr, /^nianbao: .*cli\.nbk: 目标报告库不是空的/);
  if (!pg) return t.diagnostic('PostgreSQL is not installed here: move is left out');
  const m = cli(['move', '--data', data, '--to', pg.url, '--force']);
  assert.equal(m.status, 0, m.stderr);
  const server = await openDb({ databaseUrl: pg.url });
  try {
    assert.deepEqual((await server.query<{ username: string }>('SELECT username FROM web_users')).map((x) => x.username), ['root']);
  } finally {
    await server.close();
  }
});
