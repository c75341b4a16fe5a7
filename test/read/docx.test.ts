import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createDeflateRaw } from 'node:zlib';
import { InputError } from '../../src/errors.js';
import { generateReport } from '../../src/model/generate.js';
import { parseDocument } from '../../src/parse/index.js';
import type { Paragraph, Table } from '../../src/read/document.js';
import { formatNumber, MAX_DOCUMENT_XML, readDocx } from '../../src/read/docx.js';
import { readDocument } from '../../src/read/index.js';
import { diffPaths } from '../support/diff.js';
import { buildDocx } from './support.js';

const OPTIONS = [{}, { autoNumbering: true }, { splitTableIIIAfter: 9 }, { textBox: true }, { autoNumbering: true, splitTableIIIAfter: 4, textBox: true }];

test('Word files with the official merged cells parse back to the report they were written from', async () => {
  for (let seed = 0; seed < 20; seed++) {
    const report = generateReport({ seed: 200 + seed, layout: seed % 2 ? '2019' : '2021' });
    const opts = OPTIONS[seed % OPTIONS.length];
    const doc = await readDocument(buildDocx(report, opts), 'r.docx');
    assert.equal(doc.form, 'docx');
    assert.deepEqual(diffPaths(report, parseDocument(doc, 'r.docx')), [], `seed ${seed} ${JSON.stringify(opts)}`);
  }
});

test('gridSpan and vMerge become colSpan and rowSpan on the first cell; covered cells are not repeated', () => {
  const report = generateReport({ seed: 3, layout: '2021' });
  const doc = readDocx(buildDocx(report), 'r.docx');
  const tables = doc.blocks.filter((b): b is Table => b.kind === 'table');
  assert.equal(tables.length, 3);
  const t3 = tables[1];
  assert.equal(t3.rows[0][0].rowSpan, 3);
  assert.equal(t3.rows[0][0].colSpan, 3);
  assert.equal(t3.rows[0][1].text, '申请人情况');
  assert.equal(t3.rows[0][1].colSpan, 7);
  assert.deepEqual(
    t3.rows[1].map((c) => [c.text, c.rowSpan, c.colSpan]),
    [
      ['自然人', 2, 1],
      ['法人或其他组织', 1, 5],
      ['总计', 2, 1],
    ],
  );
  assert.equal(t3.rows[2].length, 5);
  const group = t3.rows.flat().find((c) => c.text === '三、本年度办理结果')!;
  // 予以公开 … 总计: every outcome row of the 2021 layout plus the total
  assert.equal(group.rowSpan, 22);
  const denied = t3.rows.flat().find((c) => c.text === '（三）不予公开')!;
  assert.equal(denied.rowSpan, 8);
  // row of 1.属于国家秘密: sub-group cell, label, seven values (the group cell stands in the 予以公开 row)
  const grantedRow = t3.rows.find((r) => r.some((c) => c.text === '（一）予以公开'))!;
  assert.equal(grantedRow.length, 9);
  const secretRow = t3.rows.find((r) => r.some((c) => c.text === '1.属于国家秘密'))!;
  assert.equal(secretRow.length, 9);
  const nextRow = t3.rows[t3.rows.indexOf(secretRow) + 1];
  assert.equal(nextRow.length, 8, 'covered cells are not repeated');
});

test("Word's automatic numbering is rendered before the text: 一、 for headings, 1. restarting in each group", () => {
  const report = generateReport({ seed: 4, layout: '2021' });
  const doc = readDocx(buildDocx(report, { autoNumbering: true }), 'r.docx');
  const paragraphs = doc.blocks.filter((b): b is Paragraph => b.kind === 'paragraph').map((p) => p.text);
  for (const h of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '六、其他需要报告的事项']) assert.ok(paragraphs.includes(h), h);
  const cells = doc.blocks.filter((b): b is Table => b.kind === 'table').flatMap((t) => t.rows.flat().map((c) => c.text));
  assert.ok(cells.includes('1.属于国家秘密'));
  assert.ok(cells.includes('8.属于行政查询事项'));
  assert.ok(cells.includes('1.本机关不掌握相关政府信息'), 'numbering restarts in the next group');
  assert.ok(cells.includes('3.其他'));
});

test('number formats', () => {
  assert.equal(formatNumber(1, 'chineseCounting'), '一');
  assert.equal(formatNumber(10, 'chineseCounting'), '十');
  assert.equal(formatNumber(12, 'chineseCounting'), '十二');
  assert.equal(formatNumber(20, 'chineseCountingThousand'), '二十');
  assert.equal(formatNumber(105, 'chineseCounting'), '一百零五');
  assert.equal(formatNumber(3, 'decimalEnclosedCircle'), '③');
  assert.equal(formatNumber(2, 'ideographTraditional'), '乙');
  assert.equal(formatNumber(4, 'upperRoman'), 'IV');
  assert.equal(formatNumber(28, 'lowerLetter'), 'bb');
});

test('text boxes are not read; a table split by a page break stays two tables', () => {
  const report = generateReport({ seed: 5, layout: '2021' });
  const doc = readDocx(buildDocx(report, { textBox: true, splitTableIIIAfter: 6 }), 'r.docx');
  const all = doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.rows.flat().map((c) => c.text).join(' '))).join('\n');
  assert.ok(!all.includes('999'));
  assert.equal(doc.blocks.filter((b) => b.kind === 'table').length, 4);
  assert.equal(parseDocument(doc, 'r.docx').sections.length, 6);
});

test('a truncated Word file is refused with a message saying so', async () => {
  const bytes = buildDocx(generateReport({ seed: 6 }));
  for (const cut of [bytes.length - 10, Math.floor(bytes.length / 2), 200]) {
    await assert.rejects(readDocument(bytes.subarray(0, cut), 'cut.docx'), (e: unknown) => e instanceof InputError && /不完整|损坏|截断/.test(e.message));
  }
});

/** A zip with one stored-as-deflated entry, sizes in the headers as given (they may lie). */
function zipWith(name: string, deflated: Uint8Array, declaredSize: number): Uint8Array {
  const nameBytes = Buffer.from(name, 'utf8');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = 30 + nameBytes.length + deflated.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + nameBytes.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return new Uint8Array(Buffer.concat([local, nameBytes, deflated, central, nameBytes, eocd]));
}

async function deflateRepeated(chunk: Buffer, times: number): Promise<Uint8Array> {
  const d = createDeflateRaw({ level: 1 });
  const parts: Buffer[] = [];
  d.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise((r) => d.on('end', r));
  for (let i = 0; i < times; i++) d.write(chunk);
  d.end();
  await done;
  return new Uint8Array(Buffer.concat(parts));
}

test('a Word file whose XML would expand to a gigabyte is refused, in bounded memory, whatever sizes it declares', async () => {
  const chunk = Buffer.alloc(1 << 20, '<w:p><w:r><w:t>0</w:t></w:r></w:p>');
  const deflated = await deflateRepeated(chunk, 1024);
  assert.ok(deflated.length < 10 * 1024 * 1024);
  const before = process.resourceUsage().maxRSS;
  for (const declared of [1000, 2 ** 32 - 2]) {
    const bomb = zipWith('word/document.xml', deflated, declared);
    await assert.rejects(readDocument(bomb, 'bomb.docx'), (e: unknown) => e instanceof InputError && /过大|上限/.test(e.message));
  }
  const grownMb = (process.resourceUsage().maxRSS - before) / 1024;
  assert.ok(grownMb < MAX_DOCUMENT_XML / 1024 / 1024 + 200, `peak memory grew by ${grownMb.toFixed(0)} MB`);
});

test('an .xlsx, a .pptx and a plain zip are refused by name', async () => {
  const { zipSync, strToU8 } = await import('fflate');
  await assert.rejects(readDocument(zipSync({ '[Content_Types].xml': strToU8('<x/>'), 'xl/workbook.xml': strToU8('<x/>') }), 'a.docx'), /Excel/);
  await assert.rejects(readDocument(zipSync({ 'ppt/presentation.xml': strToU8('<x/>') }), 'a.docx'), /PowerPoint/);
  await assert.rejects(readDocument(zipSync({ 'a.txt': strToU8('x'), 'b.txt': strToU8('y') }), 'a.docx'), /ZIP 压缩包/);
});

const hasSoffice = spawnSync('soffice', ['--version']).status === 0;

test('.doc (Word 97–2003) is read through LibreOffice; without it the message asks for .docx', { skip: !hasSoffice && 'LibreOffice missing (scripts/setup-system.sh installs it)' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-doc-test-'));
  try {
    const report = generateReport({ seed: 9, layout: '2021' });
    writeFileSync(join(dir, 'r.docx'), buildDocx(report));
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'doc', '--outdir', dir, join(dir, 'r.docx')], { stdio: 'ignore' });
    const doc = new Uint8Array(readFileSync(join(dir, 'r.doc')));
    assert.deepEqual([...doc.subarray(0, 4)], [0xd0, 0xcf, 0x11, 0xe0]);
    const read = await readDocument(doc, 'r.doc');
    assert.equal(read.form, 'doc');
    assert.deepEqual(diffPaths(report, parseDocument(read, 'r.doc')), []);
    // without LibreOffice
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '-e', `import('./src/read/index.ts').then((m) => m.readDocument(new Uint8Array(require('node:fs').readFileSync(${JSON.stringify(join(dir, 'r.doc'))})), 'r.doc')).catch((e) => { console.log(e.message); })`],
      { env: { ...process.env, NIANBAO_SOFFICE: 'none' }, encoding: 'utf8' },
    );
    assert.match(child.stdout, /LibreOffice/);
    assert.match(child.stdout, /\.docx/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
