/**
 * Readers: read + parse throughput per form on one core (reports/s), and for PDF the time per
 * file against `pdftotext -layout` (poppler) on the same files. Goals: DOCX ≥ 300 reports/s per
 * core; PDF within 2× of pdftotext -layout. Reproduce with `npm run bench -- read`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateReport } from '../src/model/generate.js';
import { parseDocument } from '../src/parse/index.js';
import { readDocument } from '../src/read/index.js';
import { buildDocx, encodeGbk, govHtml } from '../test/read/support.js';

async function measure(label: string, inputs: Uint8Array[], seconds = 2): Promise<number> {
  // warm up (module loading, JIT), then run for a while
  for (let i = 0; i < Math.min(20, inputs.length); i++) parseDocument(await readDocument(inputs[i], 'bench'), 'bench');
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds) {
    for (const bytes of inputs) {
      parseDocument(await readDocument(bytes, 'bench'), 'bench');
      n++;
    }
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  const size = inputs.reduce((s, b) => s + b.length, 0) / inputs.length;
  const rate = n / elapsed;
  console.log(`${label.padEnd(40)} ${rate.toFixed(1).padStart(8)} reports/s  (${n} reports, avg ${(size / 1024).toFixed(1)} KiB, ${((elapsed / n) * 1000).toFixed(2)} ms each)`);
  return rate;
}

export async function run(): Promise<void> {
  const reports = Array.from({ length: 40 }, (_, i) => generateReport({ seed: 900 + i, layout: i % 2 ? '2019' : '2021' }));
  console.log('read + parse, one core (main thread):');
  const docx = await measure('DOCX (official merged cells)', reports.map((r, i) => buildDocx(r, { autoNumbering: i % 2 === 0 })));
  await measure('HTML (site page, UTF-8)', reports.map((r, i) => new TextEncoder().encode(govHtml(r, { site: true, wordStyle: i % 2 === 0 }))));
  await measure('HTML (GBK, Word-style cells)', reports.slice(0, 10).map((r) => encodeGbk(govHtml(r, { charset: 'gbk', wordStyle: true }))));
  console.log(`  DOCX goal ≥ 300 reports/s per core: ${docx >= 300 ? 'met' : 'NOT met'}`);

  const hasSoffice = spawnSync('soffice', ['--version']).status === 0;
  const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;
  if (!hasSoffice) {
    console.log('PDF: LibreOffice missing (scripts/setup-system.sh installs it); skipped');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-read-'));
  try {
    const files = reports.slice(0, 12).map((r, i) => {
      const f = join(dir, `r${i}.docx`);
      writeFileSync(f, buildDocx(r, { splitTableIIIAfter: i % 3 === 0 ? 8 : undefined }));
      return f;
    });
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], { stdio: 'ignore' });
    const pdfs = files.map((f) => f.replace(/\.docx$/, '.pdf'));
    const pdfBytes = pdfs.map((f) => new Uint8Array(readFileSync(f)));
    const ours = await measure('PDF (LibreOffice export, 3 pages)', pdfBytes, 4);
    if (!hasPdftotext) {
      console.log('pdftotext missing (poppler-utils): no comparison');
      return;
    }
    // pdftotext -layout on the same files, one process per file as it is used from the shell
    for (const f of pdfs.slice(0, 3)) execFileSync('pdftotext', ['-layout', f, '-']);
    let n = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < 4) {
      for (const f of pdfs) {
        execFileSync('pdftotext', ['-layout', f, '-'], { maxBuffer: 16 * 1024 * 1024 });
        n++;
      }
      elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    }
    const theirs = n / elapsed;
    console.log(`${'pdftotext -layout (text only, no tables)'.padEnd(40)} ${theirs.toFixed(1).padStart(8)} files/s    (${((elapsed / n) * 1000).toFixed(2)} ms each)`);
    const ratio = theirs / ours;
    console.log(`  PDF time ratio to pdftotext -layout: ${ratio.toFixed(2)}× (goal ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\nreproduce: npm run bench -- read');
}
