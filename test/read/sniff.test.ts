import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { InputError, MAX_INPUT_BYTES } from '../../src/errors.js';
import { generateReport } from '../../src/model/generate.js';
import { readDocument, sniff } from '../../src/read/index.js';
import { buildDocx, govHtml, imageOnlyPdf } from './support.js';

const bytes = (...xs: number[]) => new Uint8Array(xs);
const utf8 = (s: string) => new TextEncoder().encode(s);

test('the form comes from the bytes, not the name', async () => {
  const report = generateReport({ seed: 1 });
  assert.equal(sniff(buildDocx(report)).form, 'docx');
  assert.equal(sniff(imageOnlyPdf()).form, 'pdf');
  assert.equal(sniff(utf8(govHtml(report))).form, 'html');
  assert.equal(sniff(utf8('\ufeff<!-- saved page -->\n<html><body><p>x</p></body></html>')).form, 'html');
  assert.equal(sniff(utf8('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')).form, 'html');
  assert.equal(sniff(utf8('一、总体情况\n本年度……')).form, 'text');
  assert.equal(sniff(utf8('{\\rtf1\\ansi 报告}')).form, 'doc');
  // a Word file named .pdf is read as a Word file
  const doc = await readDocument(buildDocx(report), 'misnamed.pdf');
  assert.equal(doc.form, 'docx');
  // a web page named .docx is read as a web page
  assert.equal((await readDocument(utf8(govHtml(report)), 'misnamed.docx')).form, 'html');
});

test('OLE2 compound files: Word 97–2003 goes to LibreOffice, Excel and password-protected files are named', () => {
  const ole = (name: string) => {
    const b = new Uint8Array(2048);
    b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    for (let i = 0; i < name.length; i++) b[1024 + i * 2] = name.charCodeAt(i);
    return b;
  };
  assert.deepEqual(sniff(ole('WordDocument')), { form: 'doc', kind: 'doc' });
  const xls = sniff(ole('Workbook'));
  assert.equal(xls.form, 'refused');
  assert.match((xls as { what: string }).what, /Excel/);
  const enc = sniff(ole('EncryptedPackage'));
  assert.match((enc as { what: string }).what, /加密/);
});

test('images, archives and programs are refused with a message naming what they are', async () => {
  const cases: [Uint8Array, RegExp][] = [
    [bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), /PNG 图片.*不做文字识别/],
    [bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46), /JPEG 图片/],
    [utf8('GIF89a\u0001\u0000'), /GIF 图片/],
    [bytes(0x1f, 0x8b, 8, 0, 0, 0, 0, 0), /gzip/],
    [utf8('Rar!\u001a\u0007\u0000'), /RAR/],
    [zipSync({ 'a.txt': strToU8('x') }), /ZIP 压缩包/],
    [zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') }, { level: 0 }), /OpenDocument/],
  ];
  for (const [input, message] of cases) {
    await assert.rejects(readDocument(input, 'x.docx'), (e: unknown) => e instanceof InputError && message.test(e.message) && e.file === 'x.docx', String(message));
  }
});

test('empty files, random bytes and oversized input are refused', async () => {
  await assert.rejects(readDocument(new Uint8Array(0), 'empty.txt'), /为空/);
  const random = new Uint8Array(64 * 1024);
  let x = 12345;
  for (let i = 0; i < random.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    random[i] = x >>> 24;
  }
  await assert.rejects(readDocument(random, 'noise.bin'), (e: unknown) => e instanceof InputError);
  await assert.rejects(readDocument(new Uint8Array(MAX_INPUT_BYTES + 1), 'huge.docx'), /过大/);
});
