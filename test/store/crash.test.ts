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
    const reports = await store.db.query<{ id: string; errors: number; warnings: number; infos: number }>('SELECT id, errors, warnings, infos FROM store_reports');
    assert.ok(reports.length >= seen && reports.length < 40, `${reports.length} reports after the kill`);
    for (const r of reports) {
      const got = (await store.get(r.id))!;
      assert.ok(got.row.organ && got.row.file, 'organ and file there');
      const count = (sev: string) => got.findings.filter((f) => f.severity === sev).length;
      assert.deepEqual([r.errors, r.warnings, r.infos], [count('error'), count('warning'), count('info')], 'findings whole');
    }
    const orphans = await store.db.query('SELECT sha256 FROM store_files f WHERE NOT EXISTS (SELECT 1 FROM store_reports r WHERE r.file_sha256 = f.sha256)');
    assert.deepEqual(orphans, [], 'no file without its report');
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
