/**
 * Rendering: documents per second per form on one core (PDF: through one Chromium session).
 * Reproduce: npm run bench -- render
 */
import { generateReport } from '../src/model/generate.js';
import { render, FORMATS } from '../src/render/index.js';
import { withPdfPrinter } from '../src/render/pdf.js';

export async function run(): Promise<void> {
  const reports = Array.from({ length: 40 }, (_, i) => generateReport({ seed: i, layout: i % 2 ? '2021' : '2019', year: 2023 }));
  for (const format of FORMATS.filter((f) => f !== 'pdf')) {
    let n = 0;
    const t = performance.now();
    while (performance.now() - t < 2000) await render(reports[n++ % reports.length], format);
    console.log(`${format.padEnd(6)} ${(n / ((performance.now() - t) / 1000)).toFixed(0).padStart(6)} documents/s`);
  }
  await withPdfPrinter(async (print) => {
    const t = performance.now();
    for (const r of reports.slice(0, 10)) await print(r);
    console.log(`pdf    ${(10 / ((performance.now() - t) / 1000)).toFixed(1).padStart(6)} documents/s (Chromium)`);
  }).catch((error: Error) => console.log(`pdf    skipped: ${error.message}`));
  console.log('reproduce: npm run bench -- render');
}
