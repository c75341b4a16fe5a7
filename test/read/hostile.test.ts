/**
 * Files made to hurt a reader, given to `nianbao parse` all at once: each is refused with one
 * line naming the file and the reason, exit 2, with the heap capped (memory bounded) and the run
 * under a time limit (no hang). The 100 MB one-line text file is written at test time and removed.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cyclicPdf, deeplyNestedHtml, docxWithNestedArchive, entityExpansionDocx, externalEntityDocx, hugeImagePdf, hugePng, manyEntryZip,
  manyPagesPdf, nestedZip, zip64ClaimingEntries,
} from '../support/hostile.js';

const root = join(import.meta.dirname, '..', '..');
let dir = '';
const secretFile = () => join(dir, 'secret.txt');
const SECRET = 'do-not-read-7f3a';

/** File name → what its one line must say. */
const EXPECTED: Record<string, RegExp> = {
  'nested-archives.zip': /ZIP 压缩包（含 16 个文件），不是 Word 文档/,
  'many-entries.zip': /条目过多/,
  'many-entries.docx': /条目过多/,
  'zip64-billion-entries.docx': /条目过多/,
  'nested-archive-inside.docx': /不是政府信息公开工作年度报告/,
  'billion-laughs.docx': /文档类型声明/,
  'external-entity.docx': /文档类型声明/,
  'nested-100000.html': /嵌套超过 1000 层/,
  'cyclic-page-tree.pdf': /PDF 文件已损坏.*circular/,
  'claims-100000-pages.pdf': /不是政府信息公开工作年度报告/,
  'huge-image.pdf': /不是政府信息公开工作年度报告/,
  'huge-image.png': /PNG 图片/,
  'one-line-100mb.txt': /文件过大/,
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-hostile-'));
  writeFileSync(secretFile(), SECRET);
  const files: Record<string, Uint8Array> = {
    'nested-archives.zip': nestedZip(6, 16),
    'many-entries.zip': manyEntryZip(60_000, false),
    'many-entries.docx': manyEntryZip(60_000, true),
    'zip64-billion-entries.docx': zip64ClaimingEntries(),
    'nested-archive-inside.docx': docxWithNestedArchive(
      '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>说明</w:t></w:r></w:p></w:body></w:document>',
    ),
    'billion-laughs.docx': entityExpansionDocx(),
    'external-entity.docx': externalEntityDocx(secretFile()),
    'nested-100000.html': deeplyNestedHtml(100_000),
    'cyclic-page-tree.pdf': cyclicPdf(),
    'claims-100000-pages.pdf': manyPagesPdf(100_000),
    'huge-image.pdf': hugeImagePdf(),
    'huge-image.png': hugePng(),
  };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  // one line of 100 MB, written a megabyte at a time
  const fd = openSync(join(dir, 'one-line-100mb.txt'), 'w');
  const chunk = Buffer.from('本年新收政府信息公开申请数量 12 34 '.repeat(Math.ceil((1 << 20) / 48))).subarray(0, 1 << 20);
  for (let i = 0; i < 100; i++) writeSync(fd, chunk);
  closeSync(fd);
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('hostile files are each refused in one line naming the file, exit 2, within a capped heap and a time limit', () => {
  const names = Object.keys(EXPECTED);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'index.ts'), 'parse', ...names.map((n) => join(dir, n))], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NIANBAO_DEBUG: '', NODE_OPTIONS: '--max-old-space-size=384' },
  });
  assert.equal(r.error, undefined, `the run ended by itself (${r.error?.message})`);
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, '', 'nothing read from any of them');
  assert.doesNotMatch(r.stderr, /\n\s+at |内部错误|internal error/, 'no crash, no stack trace');
  assert.ok(!r.stderr.includes(SECRET), 'the external entity was not followed');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, names.length, r.stderr);
  names.forEach((name, i) => {
    assert.ok(lines[i].startsWith(`nianbao: ${join(dir, name)}: `), `line ${i + 1} names ${name}: ${lines[i]}`);
    assert.match(lines[i], EXPECTED[name], name);
  });
});
