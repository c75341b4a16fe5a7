import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { InputError } from '../../src/errors.js';
import { generateReport } from '../../src/model/generate.js';
import type { Report } from '../../src/model/report.js';
import { parseDocument } from '../../src/parse/index.js';
import type { Table } from '../../src/read/document.js';
import { readDocument } from '../../src/read/index.js';
import { normalizeCjk } from '../../src/read/normalize-cjk.js';
import { diffPaths } from '../support/diff.js';
import { buildDocx, govHtml, imageOnlyPdf } from './support.js';

// LibreOffice and qpdf come from scripts/setup-system.sh (npm test runs it first).
const hasSoffice = spawnSync('soffice', ['--version']).status === 0;
const hasQpdf = spawnSync('qpdf', ['--version']).status === 0;

let dir = '';
const TRUETYPE_FONT = 'WenQuanYi Zen Hei';
const cases: { report: Report; name: string }[] = [];

before(() => {
  if (!hasSoffice) return;
  dir = mkdtempSync(join(tmpdir(), 'nianbao-pdf-test-'));
  // Noto CJK, which LibreOffice embeds as Type 1, and a TrueType font, embedded as TrueType the way
  // Word and WPS embed 宋体 and 仿宋
  const options = [{}, { autoNumbering: true }, { splitTableIIIAfter: 10 }, { font: TRUETYPE_FONT }, { autoNumbering: true }, { splitTableIIIAfter: 3, autoNumbering: true, font: TRUETYPE_FONT }];
  const files: string[] = [];
  options.forEach((opts, i) => {
    const report = generateReport({ seed: 300 + i, layout: i % 2 ? '2019' : '2021' });
    const name = `r${i}`;
    writeFileSync(join(dir, `${name}.docx`), buildDocx(report, opts));
    files.push(join(dir, `${name}.docx`));
    cases.push({ report, name });
  });
  // one LibreOffice run converts them all
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], { stdio: 'ignore' });
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What a PDF made by LibreOffice must give back: every table cell, the meta, the headings; prose up to the spacing and punctuation LibreOffice may drop at line ends. */
function essentials(r: Report) {
  const prose = (s: string) => s.replace(/[\s：:，,。；;、]/g, '');
  return {
    meta: { ...r.meta, contact: r.meta.contact ? { phone: r.meta.contact.phone, postcode: r.meta.contact.postcode } : null },
    sections: r.sections.map((s) => ({ no: s.no, heading: s.heading, text: prose(s.text) })),
    active: r.active,
    requests: r.requests,
    review: r.review,
    anomalies: r.anomalies,
  };
}

test('PDFs made from Word files by LibreOffice parse back to the report (tables rebuilt from rules and positions, across pages)', { skip: !hasSoffice && 'LibreOffice missing' }, async () => {
  let continued = 0;
  let trueType = 0;
  for (const { report, name } of cases) {
    const bytes = new Uint8Array(readFileSync(join(dir, `${name}.pdf`)));
    if (Buffer.from(bytes).includes('+WenQuanYiZenHei') && Buffer.from(bytes).includes('/FontFile2')) trueType++;
    const doc = await readDocument(bytes, `${name}.pdf`);
    assert.equal(doc.form, 'pdf');
    const back = parseDocument(doc, `${name}.pdf`);
    assert.deepEqual(diffPaths(essentials(report), essentials(back)), [], name);
    const t3 = doc.blocks.filter((b): b is Table => b.kind === 'table').find((t) => t.rows.some((r) => r.some((c) => c.text === '申请人情况')));
    assert.ok(t3, 'table III is a table');
    // the merged heading cells keep their spans
    const head = t3.rows[0].find((c) => c.text === '申请人情况')!;
    assert.equal(head.colSpan, 7);
    if (t3.source?.page && t3.rows.some((r) => r.some((c) => c.source?.page !== t3.source?.page))) continued++;
  }
  assert.ok(continued >= 1, 'at least one table III runs over a page break and is joined');
  assert.equal(trueType, 2, 'two of the PDFs embed the TrueType font');
});

test('tables without rules: figures are read right or left empty, never put in the wrong cell', { skip: !hasSoffice && 'LibreOffice missing' }, async () => {
  const reports = [0, 1, 2, 3].map((i) => generateReport({ seed: 950 + i, layout: i % 2 ? '2019' : '2021' }));
  const files = reports.map((r, i) => {
    const f = join(dir, `plain${i}.docx`);
    writeFileSync(f, buildDocx(r, { noBorders: true }));
    return f;
  });
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], { stdio: 'ignore' });
  let right = 0;
  let empty = 0;
  for (let i = 0; i < reports.length; i++) {
    const doc = await readDocument(new Uint8Array(readFileSync(join(dir, `plain${i}.pdf`))), `plain${i}.pdf`);
    const back = parseDocument(doc, `plain${i}.pdf`);
    assert.deepEqual(back.review, reports[i].review);
    for (const [key, row] of Object.entries(reports[i].requests)) {
      row.forEach((value, col) => {
        const got = back.requests[key]?.[col] ?? null;
        if (got === value) right++;
        else {
          assert.equal(got, null, `plain${i} ${key}[${col}]: ${got} instead of ${value}`);
          empty++;
        }
      });
    }
  }
  assert.ok(right >= (right + empty) * 0.8, `${right} right, ${empty} empty`);
});

test('wrapped labels stay in one cell', { skip: !hasSoffice && 'LibreOffice missing' }, async () => {
  const doc = await readDocument(new Uint8Array(readFileSync(join(dir, 'r0.pdf'))), 'r0.pdf');
  const cells = doc.blocks.filter((b): b is Table => b.kind === 'table').flatMap((t) => t.rows.flat());
  const long = cells.find((c) => c.text.replace(/\n/g, '').startsWith('1.申请人无正当理由逾期不补正'));
  assert.ok(long, 'the long 2021 label is one cell');
  assert.equal(long.text.replace(/\n/g, ''), '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请');
});

test('an encrypted PDF is refused with a message saying so', { skip: !(hasSoffice && hasQpdf) && 'LibreOffice or qpdf missing' }, async () => {
  const src = join(dir, 'r0.pdf');
  const out = join(dir, 'locked.pdf');
  execFileSync('qpdf', ['--encrypt', 'user-pass', 'owner-pass', '256', '--', src, out]);
  await assert.rejects(readDocument(new Uint8Array(readFileSync(out)), 'locked.pdf'), (e: unknown) => e instanceof InputError && /加密/.test(e.message));
});

test('a PDF with no text layer (a scan) is refused: no OCR', async () => {
  await assert.rejects(
    readDocument(imageOnlyPdf(), 'scan.pdf'),
    (e: unknown) => e instanceof InputError && e.message.startsWith('PDF 没有文字层（可能是扫描件），无法读取表格；不做文字识别'),
  );
});

test('a damaged PDF is refused', async () => {
  const bytes = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage garbage\n');
  await assert.rejects(readDocument(bytes, 'bad.pdf'), (e: unknown) => e instanceof InputError);
});

test('a report whose tables are pictures: text is read, no table is made up', { skip: !hasSoffice && 'LibreOffice missing' }, async () => {
  const report = generateReport({ seed: 320, layout: '2021' });
  const prose: Report = { ...report, active: {}, requests: {}, review: {} };
  const docx = join(dir, 'prose.docx');
  writeFileSync(docx, buildDocx(prose));
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'ignore' });
  const doc = await readDocument(new Uint8Array(readFileSync(join(dir, 'prose.pdf'))), 'prose.pdf');
  assert.equal(doc.blocks.filter((b) => b.kind === 'table').length, 0);
  const back = parseDocument(doc, 'prose.pdf');
  assert.deepEqual(back.requests, {});
  assert.equal(back.sections.length, 6);
});

test('CJK radicals and compatibility ideographs from PDF text layers become the usual characters; punctuation stays', () => {
  assert.equal(normalizeCjk('⼈⺠政府'), '人民政府');
  assert.equal(normalizeCjk('⾏政⻔户'), '行政门户');
  // Chromium with Noto CJK SC: the radical ⼾ (U+2F3E), whose NFKC form is the traditional 戶
  assert.equal(normalizeCjk('⻔⼾⽹站'), '门户网站');
  assert.equal(normalizeCjk('⿈河'), '黄河');
  assert.equal(normalizeCjk('\uf9b1'), '\u9234'.normalize('NFKC') === '\u9234' ? '\u9234' : '\uf9b1'.normalize('NFKC'));
  assert.equal(normalizeCjk('（一）予以公开，共 3 件。'), '（一）予以公开，共 3 件。');
  assert.equal(normalizeCjk('a\u0000b\u00adc'), 'abc');
});

const hasChromium = spawnSync('/usr/bin/chromium', ['--version']).status === 0;

test('PDFs printed by Chromium (CSS borders, radicals in the text layer) parse back exactly', { skip: !hasChromium && 'Chromium missing' }, async () => {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  try {
    const page = await browser.newPage();
    for (let i = 0; i < 3; i++) {
      const report = generateReport({ seed: 800 + i, layout: i % 2 ? '2019' : '2021' });
      const html = govHtml(report, { wordStyle: i === 0 }).replace(
        '<style>',
        '<style>body{font-family:"Noto Serif CJK SC";font-size:12pt} td{border:1px solid #000;padding:2px} table{border-collapse:collapse}',
      );
      await page.setContent(html);
      // a running header and "第 n 页 共 m 页" footers on every page: not part of the text
      const running = (text: string) => `<div style="font-family:'Noto Serif CJK SC';font-size:9px;width:100%;text-align:center">${text}</div>`;
      const pdf = new Uint8Array(
        await page.pdf({
          format: 'A4',
          margin: { top: '20mm', bottom: '20mm', left: '20mm', right: '20mm' },
          displayHeaderFooter: i > 0,
          headerTemplate: running('某某区人民政府办公室'),
          footerTemplate: running('第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页'),
        }),
      );
      const doc = await readDocument(pdf, `chromium${i}.pdf`);
      assert.deepEqual(diffPaths(report, parseDocument(doc, `chromium${i}.pdf`)), [], `report ${i}`);
    }
  } finally {
    await browser.close();
  }
});
