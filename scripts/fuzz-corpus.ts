/**
 * Writes the PDF part of the fuzzing corpus (test/fuzz/corpus/): PDFs that cannot be made quickly
 * at fuzzing time, made once by other programs — LibreOffice from hand-written Word files (Noto
 * CJK embedded as Type 1, and a TrueType font the way Word and WPS embed 宋体), and Chromium from the
 * project's HTML. The other forms are made fresh by the fuzzer from the seeds and generated reports.
 *
 *   node --import tsx scripts/fuzz-corpus.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateReport } from '../src/model/generate.js';
import { renderPdf } from '../src/render/pdf.js';
import { buildDocx } from '../test/read/support.js';

const out = join(import.meta.dirname, '..', 'test', 'fuzz', 'corpus');
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'nianbao-fuzz-corpus-'));
try {
  const made = [
    { name: 'libreoffice-2021', report: generateReport({ seed: 901, layout: '2021' }), options: { autoNumbering: true } },
    { name: 'libreoffice-2019-truetype', report: generateReport({ seed: 902, layout: '2019' }), options: { font: 'WenQuanYi Zen Hei', splitTableIIIAfter: 5 } },
  ];
  for (const m of made) writeFileSync(join(work, `${m.name}.docx`), buildDocx(m.report, m.options));
  execFileSync('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', work, ...made.map((m) => join(work, `${m.name}.docx`))], { stdio: 'ignore' });
  for (const m of made) writeFileSync(join(out, `${m.name}.pdf`), readFileSync(join(work, `${m.name}.pdf`)));
  writeFileSync(join(out, 'chromium-2021.pdf'), await renderPdf(generateReport({ seed: 903, layout: '2021' })));
  console.log(`PDF corpus written to ${out}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
