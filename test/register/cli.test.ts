/**
 * `nianbao register`, `calendar` and `rollup-report` on the store's database, through the command
 * line's own entry (in this process, output captured): a list imported with rejected rows (exit 2,
 * each row named), a revision on 31 December, table II as JSON, the draft rendered to Word; bad input
 * gives one line and exit 2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/index.js';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-register-'));
const data = join(dir, 'data');

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((s: string | Uint8Array) => (out.push(typeof s === 'string' ? s : new TextDecoder().decode(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => (err.push(typeof s === 'string' ? s : new TextDecoder().decode(s)), true)) as typeof process.stderr.write;
  process.exitCode = undefined;
  try {
    const code = await main(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    process.exitCode = undefined;
  }
}

const db = ['--data', data, '--organ', '示例区司法局'];

// one test: the runner's own report goes to standard output too, and must not be captured
test('import a list, revise a document on 31 December, the draft; bad input', async () => {
  const list = join(dir, '目录.csv');
  writeFileSync(list, [
    '文号,标题,类型,成文日期,状态,废止日期',
    '示司规〔2023〕1号,关于甲的规定,规范性文件,2023-03-01,现行有效,',
    '示司规〔2023〕2号,关于乙的规定,规范性文件,2023-06-01,已废止,2024-01-01',
    '示司规〔2023〕3号,关于丙的规定,规范性文件,2023-13-01,现行有效,',
  ].join('\n'));
  let r = await run('register', 'import', list, ...db);
  assert.equal(r.code, 2, 'a rejected row gives exit 2');
  assert.match(r.stdout, /新增 2 行/);
  assert.match(r.stdout, /第4行：制发日期“2023-13-01”不是有效日期/);
  r = await run('register', 'add', '--kind', '行政规范性文件', '--doc-no', '示司规〔2024〕1号', '--title', '关于甲的规定（修订）', '--made', '2024-12-31', '--replaces', '示司规〔2023〕1号', ...db);
  assert.equal(r.code, 0, r.stderr);
  r = await run('register', 'edit', '1', '--status', '修订', '--ended', '2024-12-31', ...db);
  assert.equal(r.code, 0, r.stderr);
  const draft = join(dir, 'draft.json');
  r = await run('register', 'draft', '--year', '2024', '-o', draft, '--sources', join(dir, 'sources.json'), ...db);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(readFileSync(draft, 'utf8'));
  // 2024: made 〔2024〕1号 (31 Dec); ended 〔2023〕2号 (1 Jan) and 〔2023〕1号 (revised 31 Dec); in force 〔2024〕1号
  assert.deepEqual(report.active.normativeDocuments, { issued: 1, repealed: 2, inForce: 1 });
  assert.equal(JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')).schema, 'nianbao/report-sources@1');
  r = await run('render', draft, '-o', join(dir, 'draft.docx'), '--force');
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(join(dir, 'draft.docx')));

  // bad input: one line, exit 2, before the database is opened
  r = await run('register', 'table2', '--year', '二〇二四', ...db);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /--year 应为年份/);
  r = await run('register', 'import', join(dir, 'no-such.csv'), ...db);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /无法读取文件/);
  r = await run('calendar', 'kind', '示例区司法局', '--set', '公司', '--data', data);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /机关类型“公司”无法识别/);
  r = await run('register', '--help');
  assert.match(r.stdout, /示例：/);
});
