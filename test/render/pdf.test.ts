/** PDF through Chromium: both layouts read back to the same JSON; A4 pages numbered — n —. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { generateReport } from '../../src/model/generate.js';
import { withPdfPrinter } from '../../src/render/pdf.js';
import { loadReportFromBytes } from '../../src/pipeline.js';

const OUT = new URL('../../.test-output/render/', import.meta.url).pathname;

test('PDF: four reports, both layouts, read back to the same JSON; pages are A4 and numbered', async () => {
  mkdirSync(OUT, { recursive: true });
  await withPdfPrinter(async (print) => {
    for (let i = 0; i < 4; i++) {
      const layout = i % 2 ? '2021' : '2019';
      const report = generateReport({ seed: 77 + i, layout, year: layout === '2021' ? 2024 : 2020 });
      const pdf = await print(report);
      assert.equal(new TextDecoder().decode(pdf.subarray(0, 5)), '%PDF-');
      const back = (await loadReportFromBytes(pdf, 'report.pdf')).report;
      assert.deepEqual(back, report, `report ${i} (${layout})`);
      if (i === 0) {
        const file = `${OUT}report.pdf`;
        writeFileSync(file, pdf);
        const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
        assert.match(info, /Page size:\s+59\d(?:\.\d+)? x 841(?:\.\d+)? pts \(A4\)/);
        const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
        assert.match(text, /—\s*1\s*—/);
      }
    }
  });
});
