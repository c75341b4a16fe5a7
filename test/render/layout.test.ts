/**
 * What the official template prescribes, looked for in the files themselves: merged cells in the
 * Word tables (w:gridSpan, w:vMerge), A4 pages, government fonts, page numbers; HTML tables with
 * captions, header cells with scope, rowspans, and the charts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { generateReport } from '../../src/model/generate.js';
import { renderDocx, renderHtml } from '../../src/render/index.js';
import { BALANCE_NOTE } from '../../src/model/layouts.js';

test('Word: A4, 仿宋 body and 黑体 headings, page numbers, the merges of table III', async () => {
  const report = generateReport({ seed: 5, layout: '2021', year: 2024 });
  const files = unzipSync(await renderDocx(report));
  const doc = strFromU8(files['word/document.xml']);
  assert.match(doc, /<w:pgSz w:w="11906" w:h="16838"/, 'A4 portrait');
  const fonts = Object.keys(files).filter((f) => f.startsWith('word/')).map((f) => strFromU8(files[f])).join('');
  assert.match(fonts, /仿宋_GB2312|方正仿宋_GBK/);
  assert.match(fonts, /黑体/);
  const footers = Object.keys(files).filter((f) => /word\/footer\d*\.xml/.test(f)).map((f) => strFromU8(files[f])).join('');
  assert.match(footers, /PAGE/, 'a page number field in the footer');
  // table III: 申请人情况 over the columns, 法人或其他组织 over five, 三、本年度办理结果 down the left
  assert.match(doc, /<w:gridSpan w:val="5"\/>/);
  assert.ok((doc.match(/<w:vMerge w:val="restart"\/>/g) ?? []).length >= 6, 'row labels merged down the left');
  assert.ok(doc.includes('法人或其他组织') && doc.includes('三、本年度办理结果') && doc.includes(BALANCE_NOTE.replace(/[（）]/g, '').slice(0, 10)));
});

test('HTML: captions, th with scope, spans of the template, the outcome chart and the year-on-year chart', () => {
  const report = generateReport({ seed: 6, layout: '2021', year: 2024 });
  const html = renderHtml(report);
  assert.equal((html.match(/<caption>/g) ?? []).length, 3);
  assert.match(html, /<th[^>]*scope="col"/);
  assert.match(html, /<th[^>]*scope="row"/);
  assert.match(html, /colspan="5"[^>]*>法人或其他组织/);
  assert.match(html, /rowspan="\d+"[^>]*>三、本年度办理结果/);
  assert.match(html, /<svg role="img" aria-label="本年度办理结果/);
  assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org)/, 'standalone: nothing fetched, no scripts');
  const previous = generateReport({ seed: 7, layout: '2021', year: 2023 });
  const both = renderHtml(report, { previous });
  assert.ok((both.match(/<svg /g) ?? []).length > (html.match(/<svg /g) ?? []).length, 'the year-on-year chart is added');
});
