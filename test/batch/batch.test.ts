import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { availableParallelism } from 'node:os';
import { defaultThreads, FILES_PER_THREAD, runBatch } from '../../src/batch/index.js';
import { outputPaths } from '../../src/batch/files.js';
import { generateReport } from '../../src/model/generate.js';
import type { Report } from '../../src/model/report.js';
import { buildDocx, encodeGbk, govHtml } from '../read/support.js';
import { writeTextShape } from '../support/text-shapes.js';

const root = join(import.meta.dirname, '..', '..');
const hasSoffice = spawnSync('soffice', ['--version']).status === 0;
const hasChecker = existsSync(join(root, 'src', 'check', 'index.ts'));

let dir = '';
let input = '';
/** Relative input path → the report it was written from. */
const good = new Map<string, Report>();
const bad = new Map<string, RegExp>();

function allFiles(d: string): string[] {
  return readdirSync(d, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(d, join(e.parentPath, e.name)))
    .sort();
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-batch-test-'));
  input = join(dir, '报告');
  for (const sub of ['a', 'b/sub', 'c']) mkdirSync(join(input, sub), { recursive: true });
  const put = (rel: string, data: Uint8Array | string) => writeFileSync(join(input, rel), data);
  const r = (seed: number, layout: '2021' | '2019' = '2021') => generateReport({ seed, layout });
  const add = (rel: string, report: Report, data: Uint8Array | string) => {
    put(rel, data);
    good.set(rel, report);
  };
  add('a/区一.docx', r(1), buildDocx(r(1), { autoNumbering: true }));
  add('a/区二.html', r(2, '2019'), govHtml(r(2, '2019'), { site: true }));
  add('b/区三.txt', r(3), writeTextShape(r(3), 'tabs', 3).text);
  add('b/sub/区四.htm', r(4), encodeGbk(govHtml(r(4), { charset: 'gbk', wordStyle: true })));
  add('c/同名.docx', r(5, '2019'), buildDocx(r(5, '2019')));
  add('c/同名.html', r(6), govHtml(r(6)));
  for (let i = 0; i < 8; i++) add(`b/sub/批量${i}.docx`, r(20 + i, i % 2 ? '2019' : '2021'), buildDocx(r(20 + i, i % 2 ? '2019' : '2021')));
  if (hasSoffice) {
    writeFileSync(join(dir, '区七.docx'), buildDocx(r(7)));
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', join(input, 'a'), join(dir, '区七.docx')], { stdio: 'ignore' });
    good.set('a/区七.pdf', r(7));
  }
  const docx = buildDocx(r(8));
  put('a/下载中断.docx', docx.subarray(0, docx.length >> 1));
  bad.set('a/下载中断.docx', /不完整/);
  put('b/扫描件.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
  bad.set('b/扫描件.png', /PNG 图片/);
  put('b/空文件.txt', '');
  bad.set('b/空文件.txt', /为空/);
  put('c/会议纪要.txt', '会议纪要\n一、会议听取了工作汇报。\n二、会议研究了下一步工作。\n');
  bad.set('c/会议纪要.txt', /不是政府信息公开工作年度报告/);
  // never read: hidden files and Word lock files
  put('a/.hidden.txt', 'x');
  put('a/~$区一.docx', 'lock');
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('output paths mirror the folders; equal names keep their extensions; nothing escapes the output folder', () => {
  const outs = outputPaths(
    [
      { path: 'x/a/b.docx', rel: 'a/b.docx' },
      { path: 'x/a/b.pdf', rel: 'a/b.pdf' },
      { path: 'x/c.html', rel: 'c.html' },
      { path: '../../etc/passwd', rel: '../../etc/passwd' },
    ],
    '/out',
  );
  assert.deepEqual(outs, ['/out/a/b.docx.json', '/out/a/b.pdf.json', '/out/c.json', '/out/etc/passwd.json']);
});

test('parse a folder on worker threads (TypeScript sources): every good file written atomically, every bad one listed with its reason', async () => {
  const out = join(dir, 'out-src');
  const seen: string[] = [];
  const { results, summary } = await runBatch({ inputs: [input], mode: 'parse', outDir: out, threads: 2, progress: 'none', onFile: (f) => seen.push(f.file) });
  assert.equal(summary.files, good.size + bad.size, 'hidden and lock files are not read');
  assert.equal(seen.length, summary.files);
  assert.equal(summary.reports, good.size);
  assert.equal(summary.threads, 2);
  for (const [rel, message] of bad) {
    const u = summary.unreadable.find((x) => x.file === join(input, rel));
    assert.ok(u, rel);
    assert.match(u.error, message, rel);
  }
  for (const [rel, report] of good) {
    const r = results.find((x) => x.file === join(input, rel))!;
    assert.ok(r.ok, `${rel}: ${r.error}`);
    const written = JSON.parse(readFileSync(r.out!, 'utf8')) as Report;
    if (rel.endsWith('.pdf')) assert.deepEqual([written.requests, written.review, written.active], [report.requests, report.review, report.active], rel);
    else assert.deepEqual(written, report, rel);
  }
  const files = allFiles(out);
  assert.ok(files.includes(join('c', '同名.docx.json')) && files.includes(join('c', '同名.html.json')));
  assert.ok(files.includes(join('b', 'sub', '区四.json')));
  assert.ok(!files.some((f) => f.endsWith('.tmp')), 'no temporary files left');
  assert.equal(files.length, good.size);
});

test('the compiled worker (dist) does the same', async () => {
  const dist = join(root, '.test-output', 'batch-dist');
  // type errors elsewhere do not stop the emit (noEmitOnError: false in the build config)
  spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', dist], { cwd: root, stdio: 'ignore' });
  assert.ok(existsSync(join(dist, 'batch', 'worker.js')));
  const out = join(dir, 'out-dist');
  const script = `import(${JSON.stringify(join(dist, 'batch', 'index.js'))}).then(async (m) => {
    const { summary } = await m.runBatch({ inputs: [${JSON.stringify(input)}], mode: 'parse', outDir: ${JSON.stringify(out)}, threads: 2, progress: 'lines' });
    console.log(JSON.stringify({ files: summary.files, reports: summary.reports, unreadable: summary.unreadable.length }));
  });`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  assert.deepEqual(JSON.parse(child.stdout), { files: good.size + bad.size, reports: good.size, unreadable: bad.size });
  // plain progress lines when standard error is not a terminal
  assert.match(child.stderr, /进度 \d+\/\d+/);
  assert.deepEqual(allFiles(out), allFiles(join(dir, 'out-src')));
});

test('a file that runs past the time limit is reported and the run goes on', async () => {
  const { summary } = await runBatch({ inputs: [join(input, 'c')], mode: 'parse', threads: 2, timeoutMs: 1, progress: 'none' });
  assert.equal(summary.files, 3);
  assert.ok(summary.unreadable.length >= 1);
  for (const u of summary.unreadable) assert.match(u.error, /超时|不是政府信息公开工作年度报告/);
});

test('nianbao parse DIR --out OUTDIR: progress lines on standard error, the summary, exit 2 for the unreadable files', () => {
  const out = join(dir, 'out-cli');
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'index.ts'), 'parse', input, '--out', out, '--jobs', '2'], { encoding: 'utf8', cwd: root });
  assert.equal(child.status, 2, child.stderr);
  assert.equal(child.stdout, '');
  assert.match(child.stderr, /进度 \d+\/\d+/);
  assert.match(child.stderr, new RegExp(`共 ${good.size + bad.size} 个文件：读出报告 ${good.size} 份，无法读取 ${bad.size} 个`));
  assert.match(child.stderr, /下载中断\.docx：Word 文件（\.docx）不完整/);
  assert.equal(allFiles(out).length, good.size);
});

test('nianbao check DIR: findings per report, counts by rule, unreadable files; --json keeps the findings shape', { skip: !hasChecker && 'checker not in the tree yet' }, () => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'index.ts'), 'check', input, '--json', '--no-progress'], { encoding: 'utf8', cwd: root });
  assert.equal(child.status, 2, child.stderr);
  const json = JSON.parse(child.stdout) as { schema: string; reports: { file: string; findings: { severity: string }[] }[]; unreadable: { file: string }[] };
  assert.equal(json.schema, 'nianbao/findings@1');
  assert.equal(json.reports.length, good.size);
  assert.equal(json.unreadable.length, bad.size);
  // generated reports are consistent: no error findings
  for (const r of json.reports) assert.ok(!r.findings.some((f) => f.severity === 'error'), r.file);
  assert.match(child.stderr, /有错误级问题的报告 0 份/);
});

test('threads by the folder\'s size: one for a small folder, one more per FILES_PER_THREAD files, never more than the cores', () => {
  const cores = availableParallelism();
  assert.equal(defaultThreads(1), 1);
  assert.equal(defaultThreads(48), 1, 'a second thread costs more CPU than 48 PDFs save');
  assert.equal(defaultThreads(FILES_PER_THREAD), 1);
  assert.equal(defaultThreads(FILES_PER_THREAD + 1), Math.min(cores, 2));
  assert.equal(defaultThreads(200), Math.min(cores, 4));
  assert.equal(defaultThreads(100_000), cores);
  assert.equal(defaultThreads(0), 1);
});
