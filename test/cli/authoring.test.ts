/** The clerk's commands end to end: new → fill → check → render, upgrade; refusals and exit codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const seedDir = join(root, 'test', 'fixtures', 'seeds');
const seed = (prefix: string) => join(seedDir, readdirSync(seedDir).find((f) => f.startsWith(prefix) && f.endsWith('.txt'))!);
const work = mkdtempSync(join(tmpdir(), 'nianbao-author-'));

function nianbao(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'index.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('new → fill → check → render: a correct Word file from a few typed figures', () => {
  const file = join(work, '年报.yaml');
  let r = nianbao('new', '--agency', '上塘街道办事处', '--year', '2025', '-o', file);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(nianbao('new', '--agency', '上塘街道办事处', '--year', '2025', '-o', file).code, 2, 'an existing file is not overwritten');
  writeFileSync(file, readFileSync(file, 'utf8').replace('"newReceived": [0, 0,', '"newReceived": [4, 1,').replace('"granted": [0, 0,', '"granted": [3, 1,'));
  r = nianbao('fill', file);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /“（七）总计”行“总计”列 = 4/);
  assert.match(r.stdout, /“四、结转下年度继续办理”行“总计”列 = 1/);
  r = nianbao('check', '--json', file);
  assert.equal(r.code, 0, r.stdout);
  r = nianbao('render', file, '-o', join(work, '年报.docx'));
  assert.equal(r.code, 0, r.stderr);
  r = nianbao('parse', join(work, '年报.docx'));
  const back = JSON.parse(r.stdout);
  assert.deepEqual(back.requests.newReceived, [4, 1, 0, 0, 0, 0, 5]);
  assert.deepEqual(back.requests.carriedForward, [1, 0, 0, 0, 0, 0, 1]);
});

test('render refuses a report with error findings unless --force, and lists them', () => {
  const broken = join(work, 'broken.txt');
  writeFileSync(broken, readFileSync(seed('004'), 'utf8').replace(/^\t39$/m, '\t41'));
  const out = join(work, 'broken.html');
  let r = nianbao('render', broken, '--to', 'html', '-o', out);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /requests\.row-total/);
  assert.ok(!existsSync(out), 'nothing written');
  r = nianbao('render', broken, '--to', 'html', '-o', out, '--force');
  assert.equal(r.code, 0, r.stderr);
  assert.match(readFileSync(out, 'utf8'), /<table/);
  r = nianbao('render', seed('001'), '--to', 'odt', '-o', join(work, 'x.odt'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /不认识的输出格式“odt”/);
});

test('upgrade converts a 2019-layout seed and lists what to fill in', () => {
  const out = join(work, 'up.json');
  const r = nianbao('upgrade', seed('000'), '-o', out);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /需要补填/);
  assert.match(r.stdout, /本年制发件数/);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(report.meta.template, '2021');
  assert.deepEqual(report.requests['unavailable.notHeld'], [0, 0, 0, 0, 0, null, 0]);
});
