/** `nianbao fetch` as a user runs it: a column address, JSON Lines, saved files, a state file to resume, exit codes, messages. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGovSite, type GovSite } from './gov-site.js';

const root = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'nianbao-fetch-'));
let site: GovSite;

before(async () => {
  site = await startGovSite({ slowMs: 3000 });
});
after(async () => {
  await site.close();
  rmSync(work, { recursive: true, force: true });
});

/** The command in a child process, without blocking this one (the site answers from here). */
function nianbao(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'index.ts'), ...args], { cwd: root, env: { ...process.env, NIANBAO_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

const quick = ['--allow-private', '--interval', '0', '--timeout', '1', '--retries', '0', '--progress', 'none'];

test('a column for one year: JSON Lines with a summary, the reports saved, failures explained; a second run resumes', async () => {
  const state = join(work, 'state.jsonl');
  const saved = join(work, 'saved');
  const r = await nianbao(['fetch', `${site.url}/col/ndbg/index.html`, '--year', '2023', '--json', '--state', state, '--save', saved, ...quick]);
  assert.equal(r.code, 2, `failures make exit code 2: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const summary = lines.pop();
  const found = lines.filter((l) => l.outcome === 'found');
  assert.deepEqual(found.map((l) => `${l.agency} ${l.year}`).sort(), ['宝山区七星街道办事处 2023', '杭州市拱墅区人民政府上塘街道办事处 2023', '牧野区卫北街道办事处 2023']);
  for (const l of found) {
    assert.match(l.source.sha256, /^[0-9a-f]{64}$/);
    assert.match(l.source.published, /^2024-01-\d\d$/);
    assert.ok(l.organ.confidence >= 0.8);
    assert.ok(Array.isArray(l.findings));
  }
  assert.equal(readdirSync(saved).length, 3);
  const failed = lines.filter((l) => l.outcome === 'failed');
  assert.ok(failed.every((l) => typeof l.reason === 'string' && l.failure));
  assert.ok(failed.some((l) => l.failure === 'robots'));
  assert.equal(summary.summary.found, 3);
  assert.equal(summary.summary.failed, failed.length);

  const again = await nianbao(['fetch', `${site.url}/col/ndbg/index.html`, '--year', '2023', '--json', '--state', state, ...quick]);
  const second = again.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(second.filter((l) => l.outcome === 'done-before').length, 3, 'the three reports are not fetched again');
  assert.equal(second.filter((l) => l.outcome === 'found').length, 0);
});

test('human output: one line an address, a summary naming each failure; a list from standard input', async () => {
  const list = `# 两篇文章\n${site.url}/col/ndbg/202401/t20240120_102.html\n${site.url}/col/ndbg/202401/t20240101_404.html\n`;
  const r = await nianbao(['fetch', '-i', '-', ...quick], list);
  assert.equal(r.code, 2);
  assert.match(r.stdout, /找到 {2}http:\/\/127\.0\.0\.1:\d+\/col\/ndbg\/202401\/t20240120_102\.html\n {6}牧野区卫北街道办事处 2023年 {2}网页正文 {2}发布 2024-01-20/);
  assert.match(r.stdout, /共 2 个网址：找到报告 1，.*失败 1/);
  assert.match(r.stdout, /未完成的网址：\n {2}失败 {2}\S+t20240101_404\.html\n {8}服务器回答 404/);
});

test('bad input: a clear message and exit code 2, no stack trace', async () => {
  const file = join(work, 'empty.txt');
  writeFileSync(file, '# nothing\n');
  for (const [args, message] of [
    [['fetch', '-i', file], /没有给出网址/],
    [['fetch', 'http://a.gov.cn/', '--year', '二〇二三'], /--year: 不是年度/],
  ] as const) {
    const r = await nianbao([...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
  const help = await nianbao(['fetch', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /示例：/);
});
