/**
 * A killed import leaves nothing half-written: `nianbao import` is killed with SIGKILL in the middle
 * of a folder; the store then opens (the stale lock taken over), every report in it is whole — its
 * file, organ and findings — and importing the folder again completes it without duplicates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateReport } from '../../src/model/generate.js';
import { openStore } from '../../src/store/index.js';
import { assertStoreWhole, uniqueProse } from './support.js';

const root = join(import.meta.dirname, '..', '..');
const cli = (args: string[]) => [process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'index.ts'), ...args]] as const;

test('kill -9 in the middle of an import: no half-imported report, and the import can be run again', async () => {
  const work = mkdtempSync(join(tmpdir(), 'nianbao-crash-'));
  const folder = join(work, 'reports');
  const data = join(work, 'data');
  spawnSync('mkdir', ['-p', folder]);
  for (let i = 0; i < 40; i++) {
    const r = generateReport({ seed: 300 + i, layout: i % 2 ? '2021' : '2019', year: 2020 + (i % 5) });
    writeFileSync(join(folder, `${String(i).padStart(2, '0')}.json`), JSON.stringify(r));
  }
  const [cmd, args] = cli(['import', folder, '--data', data]);
  const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = 0;
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString().split('\n').filter((l) => l.startsWith('新增')).length;
      if (seen >= 5 && child.exitCode === null) {
        child.kill('SIGKILL');
      }
    });
    child.on('exit', () => resolve());
  });
  assert.ok(seen >= 5 && seen < 40, `killed midway (${seen} imported)`);

  const store = await openStore({ dataDir: data });
  try {
    const reports = await assertStoreWhole(store);
    assert.ok(reports >= seen && reports < 40, `${reports} reports after the kill`);
  } finally {
    await store.close();
  }
  const again = spawnSync(...cli(['import', folder, '--data', data]), { cwd: root, encoding: 'utf8' });
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /共 40 个文件：新增 \d+，已有 \d+，无法导入 0/);
  const check = await openStore({ dataDir: data });
  try {
    assert.equal((await check.db.query('SELECT id FROM store_reports')).length, 40);
  } finally {
    await check.close();
  }
});

test('the disk fills up during an import: one line, exit 2, every report stored before is whole, and the import completes once there is room', async (t) => {
  if (process.getuid?.() !== 0) return t.skip('mounting a small tmpfs needs root');
  const work = mkdtempSync(join(tmpdir(), 'nianbao-full-'));
  const small = join(work, 'small');
  const folder = join(work, 'reports');
  spawnSync('mkdir', ['-p', small, folder]);
  // the empty embedded store takes about 40 MB; writes stop with 64 MB left: 110 MB leaves room for a few of the reports below
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=110m', 'tmpfs', small], { encoding: 'utf8' });
  if (mounted.status !== 0) return t.skip(`mount is not permitted here: ${mounted.stderr.trim()}`);
  try {
    for (let i = 0; i < 16; i++) {
      const r = generateReport({ seed: 600 + i, layout: '2021', year: 2021, agency: `宝山区第${i + 1}街道办事处` });
      r.sections[0].text = uniqueProse(600 + i, 5000); // about half a megabyte of prose each
      writeFileSync(join(folder, `${String(i).padStart(2, '0')}.json`), JSON.stringify(r));
    }
    const data = join(small, 'data');
    const full = spawnSync(...cli(['import', folder, '--data', data]), { cwd: root, encoding: 'utf8', timeout: 180_000 });
    assert.equal(full.status, 2, full.stderr);
    assert.equal(full.stderr.trim().split('\n').length, 1, `one line: ${full.stderr}`);
    assert.match(full.stderr, /磁盘已满/);
    const before = full.stdout.split('\n').filter((l) => l.startsWith('新增')).length;
    assert.ok(before < 16, `the disk filled before the end (${before} imported)`);

    // room again (the tmpfs grown in place): what was stored before the fault is there and whole
    assert.equal(spawnSync('mount', ['-o', 'remount,size=400m', small]).status, 0);
    const store = await openStore({ dataDir: data });
    try {
      assert.equal(await assertStoreWhole(store), before);
    } finally {
      await store.close();
    }
    const again = spawnSync(...cli(['import', folder, '--data', data]), { cwd: root, encoding: 'utf8' });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /共 16 个文件：新增 \d+，已有 \d+，无法导入 0/);
  } finally {
    spawnSync('umount', [small]);
  }
});
