/**
 * Reports as people copy them out of a web page: the page shown in a real Chromium and its text
 * taken as the browser gives it (innerText: tab-separated cells, merged labels only in their first
 * row, the 勾稽关系 note in the header). The parser must read every table cell back.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { generateReport } from '../../src/model/generate.js';
import { renderHtml } from '../../src/render/html.js';
import { chromiumPath } from '../../src/render/pdf.js';
import { readText } from '../../src/read/text.js';
import { parseDocument } from '../../src/parse/index.js';

let browser: Browser;
before(async () => {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium missing: run scripts/setup-system.sh (npm test does)');
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
});
after(async () => {
  await browser?.close();
});

test('text copied from a web page in Chromium parses back: 30 reports, both layouts', async () => {
  const page = await browser.newPage();
  for (let i = 0; i < 30; i++) {
    const layout = i % 2 ? '2021' : '2019';
    const report = generateReport({ seed: 500 + i, layout, year: layout === '2021' ? 2022 + (i % 3) : 2020 });
    await page.setContent(renderHtml(report, { charts: false }));
    const copied = await page.evaluate(() => document.body.innerText);
    assert.ok(copied.includes('\t'), 'the browser gives table cells separated by tabs');
    const back = parseDocument(readText(new TextEncoder().encode(copied), 'copied.txt'), 'copied.txt');
    assert.deepEqual(back.meta, report.meta, `report ${i}`);
    assert.deepEqual(back.active, report.active, `report ${i}`);
    assert.deepEqual(back.requests, report.requests, `report ${i}`);
    assert.deepEqual(back.review, report.review, `report ${i}`);
  }
});
