/** The store's commands end to end: import, query, summarize (CSV, XLSX), organ, similar; the queue with workers on PostgreSQL. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { startPostgres } from './support.js';

const root = join(import.meta.dirname, '..', '..');
const seeds = join(root, 'test', 'fixtures', 'seeds');
const work = mkdtempSync(join(tmpdir(), 'nianbao-store-cli-'));

function nianbao(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'index.ts'), ...args], {
    cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NIANBAO_DATABASE_URL: '', DATABASE_URL: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('import, query, summarize, organ, similar on the embedded store', () => {
  const data = join(work, 'data');
  let r = nianbao(['import', seeds, '--data', data]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /共 10 个文件：新增 10，已有 0，无法导入 0/);
  r = nianbao(['import', join(seeds, '000_8261b10cffc5e83c.txt'), '--data', data]);
  assert.match(r.stdout, /新增 0，已有 1/);

  r = nianbao(['query', '--data', data, '--findings', '--rule', 'template.outdated', '--format', 'csv']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.replace(/^\ufeff/, '').trim().split(/\r?\n/);
  assert.equal(lines.length, 3, r.stdout);
  assert.match(lines[1], /宝山区七星街道办事处,2023,template\.outdated,warning/);

  const xlsx = join(work, '汇总.xlsx');
  r = nianbao(['summarize', '--data', data, '--by', 'region', '-o', xlsx]);
  assert.equal(r.code, 0, r.stderr);
  const files = unzipSync(new Uint8Array(readFileSync(xlsx)));
  const strings = strFromU8(files['xl/sharedStrings.xml'] ?? new Uint8Array());
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
  assert.ok((strings + sheet).includes('杭州市/拱墅区') && (strings + sheet).includes('公开率'));

  // JSON lines for machines: stable English keys, the sheet's Chinese headings nowhere
  r = nianbao(['summarize', '--data', data, '--by', 'region', '--region', '拱墅区', '--format', 'jsonl']);
  const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(rows.map((x) => [x.region, x.reports, x.requests.newReceived[6], x.measures.disclosureRate, x.complete]), [['浙江省/杭州市/拱墅区', 1, 39, 0.7179, true]]);
  r = nianbao(['query', '--data', data, '--findings', '--rule', 'template.outdated', '--format', 'jsonl']);
  const found = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(Object.keys(found[0]), ['region', 'organ', 'year', 'rule', 'severity', 'cell', 'where', 'message', 'report', 'file']);
  assert.deepEqual(found.map((f) => [f.organ, f.region, f.year, f.rule]).sort(), [
    ['宝山区七星街道办事处', '黑龙江省/双鸭山市/宝山区', 2023, 'template.outdated'],
    ['宝山区跃进街道办事处', '黑龙江省/双鸭山市/宝山区', 2024, 'template.outdated'],
  ]);
  r = nianbao(['query', '--data', data, '--format', 'jsonl']);
  assert.ok(r.stdout.trim().split('\n').every((l) => !/[\u4e00-\u9fff]"\s*:/.test(l)), 'no Chinese key');

  r = nianbao(['organ', 'set-region', '牧野区卫北街道办事处', '新乡市/牧野区', '--data', data]);
  assert.equal(r.code, 0, r.stderr);
  r = nianbao(['organ', 'list', '--data', data]);
  assert.match(r.stdout, /牧野区卫北街道办事处\s+河南省\/新乡市\/牧野区\s+410711\s+手工指定/);
  r = nianbao(['organ', 'show', '杭州市拱墅区上塘街道', '--data', data]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /浙江省\/杭州市\/拱墅区（330105）/);
  assert.match(r.stdout, /杭州市拱墅区人民政府上塘街道办事处  2023/);
  r = nianbao(['organ', 'merge', '宝山区七星街道办事处', '没有这个机关', '--data', data]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /没有这个机关/);

  // the seeds share only the template and the stock preface: no 内容雷同
  r = nianbao(['similar', '--data', data]);
  assert.match(r.stdout, /共 0 对/);
  r = nianbao(['summarize', '--data', data, '--by', 'county']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /汇总维度只能是/);
});

const pg = startPostgres();
after(() => pg?.stop());

test('the queue: files put in PostgreSQL, imported by a worker', { skip: !pg && 'PostgreSQL is not installed here' }, () => {
  const env = { DATABASE_URL: pg!.url };
  let r = nianbao(['import', seeds, '--queue'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /已放入任务队列：10 个文件/);
  r = nianbao(['query', '--format', 'jsonl'], env);
  assert.equal(r.stdout.trim(), '', 'nothing imported before a worker runs');
  r = nianbao(['worker', '--until-empty'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /完成 10 个任务/);
  r = nianbao(['query', '--format', 'jsonl'], env);
  assert.equal(r.stdout.trim().split('\n').length, 5);
});
