import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateReport } from '../../src/model/generate.js';
import { parseDocument } from '../../src/parse/index.js';
import type { Table } from '../../src/read/document.js';
import { readHtml } from '../../src/read/html.js';
import { readDocument } from '../../src/read/index.js';
import { diffPaths } from '../support/diff.js';
import { encodeGbk, govHtml, mht } from './support.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

test('government-style pages parse back to the report they were written from (both layouts, with site navigation, Word-style cells)', async () => {
  for (let seed = 0; seed < 16; seed++) {
    const report = generateReport({ seed: 100 + seed, layout: seed % 2 ? '2019' : '2021' });
    const site = seed % 4 < 2;
    const html = govHtml(report, { site, wordStyle: seed % 3 === 0 });
    const doc = await readDocument(utf8(html), 'page.html');
    assert.equal(doc.form, 'html');
    const back = parseDocument(doc, 'page.html');
    // a report without a sign-off date takes the portal's 发布时间 above it (2024-01-20), when
    // that date falls in the year after the report's
    const expected = structuredClone(report);
    if (site && !expected.meta.published && expected.meta.year === 2023) expected.meta.published = '2024-01-20';
    assert.deepEqual(diffPaths(expected, back), [], `seed ${seed}`);
  }
});

test('a GBK page (charset from the meta tag) reads like its UTF-8 twin', async () => {
  const report = generateReport({ seed: 7, layout: '2021' });
  const gbk = encodeGbk(govHtml(report, { site: true, charset: 'gb2312' }));
  // really GBK: not valid UTF-8
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk));
  const doc = await readDocument(gbk, 'gbk.html');
  assert.equal(doc.form, 'html');
  assert.deepEqual(diffPaths(report, parseDocument(doc, 'gbk.html')), []);
});

test('a page declared gb2312 but saved as UTF-8 is read as UTF-8', async () => {
  const report = generateReport({ seed: 8, layout: '2019' });
  const doc = await readDocument(utf8(govHtml(report, { charset: 'gb2312' })), 'mislabelled.html');
  assert.deepEqual(diffPaths(report, parseDocument(doc, 'x')), []);
});

test('GBK page without a charset declaration is sniffed as GB18030', () => {
  const bytes = encodeGbk('<html><body><p>政府信息公开工作年度报告</p><table><tr><td>规章</td><td>0</td></tr><tr><td>行政许可</td><td>1</td></tr></table></body></html>');
  const doc = readHtml(bytes, 'x.html');
  assert.equal((doc.blocks[0] as { text: string }).text, '政府信息公开工作年度报告');
});

const TABLE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title>
<style>td { color: red }</style><script>document.write('<p>一、总体情况</p>')</script></head>
<body><div class="nav"><a href="/">首页</a> <a href="/x">政务公开</a></div>
<p>当前段落
  之前的文字</p>
<table border="1">
<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，<br>等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td><p>商业</p><p>企业</p></td><td>科研<br/>机构</td><td><span><b>社会公益组织</b></span></td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3"><p style="text-align:left"><span>一、本年新收政府信息公开申请数量</span></p></td><td>3</td><td>&nbsp;</td><td> &nbsp; </td><td>0</td><td>0</td><td>1</td><td>4</td></tr>
</table>
<div style="display:none"><p>隐藏的文字</p></div>
<div class="footer">版权所有</div>
</body></html>`;

test('table cells keep their spans as in the source, line breaks inside cells, blanks for &nbsp;', () => {
  const doc = readHtml(utf8(TABLE), 'table.html');
  const tables = doc.blocks.filter((b): b is Table => b.kind === 'table');
  assert.equal(tables.length, 1);
  const rows = tables[0].rows;
  assert.equal(rows.length, 4);
  assert.deepEqual(
    rows.map((r) => r.length),
    [2, 3, 5, 8],
  );
  assert.equal(rows[0][0].rowSpan, 3);
  assert.equal(rows[0][0].colSpan, 3);
  assert.equal(rows[0][0].text, '（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）');
  assert.equal(rows[0][1].colSpan, 7);
  assert.equal(rows[1][0].rowSpan, 2);
  assert.equal(rows[2][0].text, '商业\n企业');
  assert.equal(rows[2][1].text, '科研\n机构');
  assert.equal(rows[2][2].text, '社会公益组织');
  assert.deepEqual(
    rows[3].map((c) => c.text),
    ['一、本年新收政府信息公开申请数量', '3', '', '', '0', '0', '1', '4'],
  );
});

test('scripts, styles, hidden elements, navigation and footers are left out; a line break in the source between Chinese characters is not a space', () => {
  const doc = readHtml(utf8(TABLE), 'table.html');
  const texts = doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => (b as { text: string }).text);
  assert.deepEqual(texts, ['当前段落之前的文字']);
});

test('a page with no text is refused', async () => {
  await assert.rejects(readDocument(utf8('<html><head><title>x</title></head><body><img src="a.png"></body></html>'), 'empty.html'), /没有文字/);
});

test('a web archive (.mht, quoted-printable GBK, as Word saves it) reads like the page', async () => {
  const report = generateReport({ seed: 12, layout: '2021' });
  // the charset only in the MIME part header, not in the page
  const page = encodeGbk(govHtml(report, { wordStyle: true }).replace(/<meta http-equiv[^>]*>/, ''));
  const doc = await readDocument(mht(page, 'gb2312'), 'report.mht');
  assert.equal(doc.form, 'html');
  assert.deepEqual(diffPaths(report, parseDocument(doc, 'report.mht')), []);
});
