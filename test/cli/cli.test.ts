/** The command line as a user meets it: exit codes, messages, output. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rng } from '../../src/model/generate.js';

const root = join(import.meta.dirname, '..', '..');
const seedDir = join(root, 'test', 'fixtures', 'seeds');
const seed = (prefix: string) => join(seedDir, readdirSync(seedDir).find((f) => f.startsWith(prefix) && f.endsWith('.txt'))!);
const work = mkdtempSync(join(tmpdir(), 'nianbao-cli-'));

function nianbao(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'index.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NIANBAO_DEBUG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertRefused(file: string, reason: RegExp) {
  const r = nianbao('check', file);
  assert.equal(r.code, 2, `exit code for ${file}: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line of message, got:\n${r.stderr}`);
  assert.ok(lines[0].includes(file), `message names the file: ${lines[0]}`);
  assert.match(lines[0], reason);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(r.stdout.includes('"findings"'), false);
}

test('parse prints the report JSON of a seed', () => {
  const r = nianbao('parse', seed('004'));
  assert.equal(r.code, 0, r.stderr);
  const expected = JSON.parse(readFileSync(seed('004').replace('.txt', '.expected.json'), 'utf8'));
  assert.deepEqual(JSON.parse(r.stdout), expected);
});

test('check on a correct report exits 0; on a broken one exits 1 naming the rule and the cell', () => {
  const ok = nianbao('check', seed('004'));
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  const broken = readFileSync(seed('004'), 'utf8').replace(/(一、本年新收政府信息公开申请数量\n\t37\n\t1\n\t0\n\t0\n\t0\n\t1\n\t)39/, '$141');
  assert.ok(broken.includes('\t41'), 'the test planted its defect');
  const file = join(work, 'broken-004.txt');
  writeFileSync(file, broken);
  const bad = nianbao('check', file, '--json');
  assert.equal(bad.code, 1, bad.stderr);
  const out = JSON.parse(bad.stdout);
  assert.equal(out.schema, 'nianbao/findings@1');
  const f = out.reports[0].findings.find((x: { rule: string }) => x.rule === 'requests.row-total');
  assert.ok(f, JSON.stringify(out.reports[0].findings));
  assert.deepEqual(f.where, { table: 'requests', row: 'newReceived', col: 6 });
  assert.equal(f.expected, 39);
  assert.equal(f.actual, 41);
});

test('an empty file is refused with a clear message', () => {
  const file = join(work, 'empty.txt');
  writeFileSync(file, '');
  assertRefused(file, /空/);
});

test('an image is refused', () => {
  const file = join(work, 'picture.txt');
  const r = rng(7);
  const png = new Uint8Array(4096).map(() => Math.floor(r() * 256));
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  writeFileSync(file, png);
  assertRefused(file, /图片|图像|不是|无法/);
});

test('5 MB of random bytes are refused', () => {
  const file = join(work, 'noise.bin');
  const r = rng(11);
  writeFileSync(file, new Uint8Array(5 * 1024 * 1024).map(() => Math.floor(r() * 256)));
  assertRefused(file, /不是|无法|格式/);
});

test('a meeting minute is not an annual report', () => {
  const file = join(work, 'minutes.txt');
  writeFileSync(
    file,
    '七星街道办事处党工委会议纪要\n\n2024年3月5日，街道党工委召开会议，研究部署春季防火、安全生产和营商环境工作。\n会议议定：\n一、由综合办牵头，3月底前完成排查。\n二、各社区于每周五报送进展。\n',
  );
  assertRefused(file, /不是政府信息公开工作年度报告/);
});

test('a missing file is refused', () => {
  assertRefused(join(work, 'no-such-report.txt'), /无法打开|不存在/);
});

test('a bad file among good ones: the good ones are still checked, exit 2', () => {
  const file = join(work, 'empty2.txt');
  writeFileSync(file, '');
  const r = nianbao('check', seed('001'), file, '--json');
  assert.equal(r.code, 2);
  const out = JSON.parse(r.stdout);
  assert.equal(out.reports.length, 1);
  assert.match(r.stderr, /empty2\.txt/);
});

test('--help shows examples', () => {
  for (const command of ['parse', 'check']) {
    const r = nianbao(command, '--help');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /示例/);
  }
});
