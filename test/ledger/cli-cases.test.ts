/** `nianbao cases` end to end on the store's database: register, events, deadlines, what is due, table III. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const data = join(mkdtempSync(join(tmpdir(), 'nianbao-cases-')), 'data');

function cases(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'index.ts'), 'cases', ...args, '--data', data, '--organ', '示例局'], {
    cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NIANBAO_DATABASE_URL: '', DATABASE_URL: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('a case across the National Day holiday, extended, decided; table III counts it in its row and column', () => {
  let r = cases('add', '--received', '2024-09-27', '--channel', '互联网', '--type', '商业企业', '--name', '某公司', '--content', '某地块出让合同');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /答复期限 2024-10-30/);
  r = cases('event', '2024-0001', 'extension', '2024-10-25', '--days', '20', '--approver', '王科长');
  assert.equal(r.code, 0, r.stderr);
  r = cases('show', '2024-0001');
  assert.match(r.stdout, /2024-11-27/);
  r = cases('add', '--received', '2024-12-30', '--channel', '当面', '--type', '自然人', '--name', '张三', '--content', '拆迁补偿方案');
  assert.equal(r.code, 0, r.stderr);
  r = cases('event', '2024-0001', 'decision', '2024-11-20', '--decision', '部分公开');
  assert.equal(r.code, 0, r.stderr);
  r = cases('table3', '--year', '2024', '--json');
  assert.equal(r.code, 0, r.stderr);
  const t = JSON.parse(r.stdout) as { requests: Record<string, number[]> };
  assert.deepEqual(t.requests.newReceived, [1, 1, 0, 0, 0, 0, 2]);
  assert.deepEqual(t.requests.partiallyGranted, [0, 1, 0, 0, 0, 0, 1]);
  assert.deepEqual(t.requests.carriedForward, [1, 0, 0, 0, 0, 0, 1], 'the December case is carried into 2025');
  r = cases('event', '2024-0009', 'note', '2024-12-31', '--note', 'x');
  assert.equal(r.code, 2);
});
