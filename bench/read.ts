/**
 * Readers: read + parse throughput per form on one core (reports/s), and for PDF the time per
 * file against `pdftotext -layout` (poppler) on the same files. Goals: DOCX ≥ 300 reports/s per
 * core; PDF within 2× of pdftotext -layout. Reproduce with `npm run bench -- read`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateReport } from '../src/model/generate.js';
import { parseDocument } from '../src/parse/index.js';
import { readDocument } from '../src/read/index.js';
import { corpusJobs, printPdfs } from '../test/read/print-pdf.js';
import { buildDocx, encodeGbk, govHtml } from '../test/read/support.js';

/**
 * Read + parse throughput: rounds of a quarter of a second after a warm-up; the best round is the
 * speed when nothing else disturbs the machine, the median (in brackets) how steady it was.
 */
async function measure(label: string, inputs: Uint8Array[], rounds = 8): Promise<number> {
  for (let i = 0; i < Math.min(20, inputs.length); i++) parseDocument(await readDocument(inputs[i], 'bench'), 'bench');
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < 0.25) {
      for (const bytes of inputs) {
        parseDocument(await readDocument(bytes, 'bench'), 'bench');
        n++;
        elapsed = Number(process.hrtime.bigint() - start) / 1e9;
        if (elapsed >= 0.25 && n >= 3) break;
      }
    }
    rates.push(n / elapsed);
  }
  rates.sort((a, b) => a - b);
  const best = rates[rates.length - 1];
  const size = inputs.reduce((s, b) => s + b.length, 0) / inputs.length;
  console.log(
    `${label.padEnd(40)} ${best.toFixed(1).padStart(8)} reports/s  (${rates[rates.length >> 1].toFixed(1)})  avg ${(size / 1024).toFixed(1)} KiB, ${(1000 / best).toFixed(2)} ms each`,
  );
  return best;
}

export async function run(): Promise<void> {
  const reports = Array.from({ length: 40 }, (_, i) => generateReport({ seed: 900 + i, layout: i % 2 ? '2019' : '2021' }));
  console.log('read + parse, one core (main thread); best of 8 rounds (median in brackets):');
  const docx = await measure('DOCX (official merged cells)', reports.map((r, i) => buildDocx(r, { autoNumbering: i % 2 === 0 })));
  await measure('HTML (site page, UTF-8)', reports.map((r, i) => new TextEncoder().encode(govHtml(r, { site: true, wordStyle: i % 2 === 0 }))));
  await measure('HTML (GBK, Word-style cells)', reports.slice(0, 10).map((r) => encodeGbk(govHtml(r, { charset: 'gbk', wordStyle: true }))));
  console.log(`  DOCX goal ≥ 300 reports/s per core: ${docx >= 300 ? 'met' : 'NOT met'}`);

  const hasSoffice = spawnSync('soffice', ['--version']).status === 0;
  const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;
  const hasChromium = spawnSync('/usr/bin/chromium', ['--version']).status === 0;
  if (!hasSoffice) {
    console.log('PDF: LibreOffice missing (scripts/setup-system.sh installs it); skipped');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-read-'));
  try {
    // Two kinds of PDF: Noto CJK, which LibreOffice embeds as Type 1 fonts, and a TrueType font,
    // embedded as TrueType the way Word and WPS embed 宋体 and 仿宋. pdfjs converts every embedded
    // Type 1 font to OpenType, which costs more than everything else it does.
    const fonts = [
      { label: 'Type 1 fonts (Noto CJK)', font: 'Noto Serif CJK SC' },
      { label: 'TrueType fonts (as Word, WPS)', font: 'WenQuanYi Zen Hei' },
    ];
    const files = fonts.flatMap(({ font }, k) =>
      reports.slice(0, 12).map((r, i) => {
        const f = join(dir, `f${k}r${i}.docx`);
        writeFileSync(f, buildDocx(r, { splitTableIIIAfter: i % 3 === 0 ? 8 : undefined, font }));
        return f;
      }),
    );
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], { stdio: 'ignore' });
    for (const [k, { label }] of fonts.entries()) {
      const pdfs = files.filter((f) => f.includes(`f${k}r`)).map((f) => f.replace(/\.docx$/, '.pdf'));
      const pdfBytes = pdfs.map((f) => new Uint8Array(readFileSync(f)));
      await measure(`PDF from LibreOffice, ${label}`, pdfBytes);
      if (!hasPdftotext) {
        console.log('pdftotext missing (poppler-utils): no comparison');
        continue;
      }
      await compareWithPdftotext(pdfs, pdfBytes);
    }
    if (hasChromium && hasPdftotext) {
      await chromiumPdfs(dir);
      const cliDir = join(dir, 'cli');
      mkdirSync(cliDir);
      for (const f of readdirSync(dir).filter((name) => name.endsWith('.pdf'))) copyFileSync(join(dir, f), join(cliDir, f));
      compareCommandWithPdftotext(cliDir, join(dir, 'cli-out'));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\nreproduce: npm run bench -- read');
}

/**
 * Ours against pdftotext -layout on the same files, taking turns so that a slow spell of the
 * machine falls on both alike; the best turn of each is compared. Two measures: wall time per
 * file, and CPU time per file (ours: this process, all its threads; pdftotext: its processes, one
 * per file as it is used from the shell, counted by the shell that runs them).
 */
async function compareWithPdftotext(pdfs: string[], pdfBytes: Uint8Array[], turns = 8): Promise<void> {
  for (const f of pdfs.slice(0, 3)) execFileSync('pdftotext', ['-layout', f, '-']);
  let oursWall = Infinity;
  let oursCpu = Infinity;
  let theirsWall = Infinity;
  let theirsCpu = Infinity;
  for (let turn = 0; turn < turns; turn++) {
    let start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (const bytes of pdfBytes) parseDocument(await readDocument(bytes, 'bench'), 'bench');
    const used = process.cpuUsage(cpu);
    oursWall = Math.min(oursWall, Number(process.hrtime.bigint() - start) / 1e6 / pdfBytes.length);
    oursCpu = Math.min(oursCpu, (used.user + used.system) / 1000 / pdfBytes.length);
    start = process.hrtime.bigint();
    const out = execFileSync('bash', ['-c', 'for f in "$@"; do pdftotext -layout "$f" - >/dev/null; done; times', 'bench', ...pdfs], { encoding: 'utf8' });
    theirsWall = Math.min(theirsWall, Number(process.hrtime.bigint() - start) / 1e6 / pdfs.length);
    theirsCpu = Math.min(theirsCpu, (childrenCpu(out) * 1000) / pdfs.length);
  }
  const ratio = oursCpu / theirsCpu;
  console.log(
    `  best of ${turns} turns, per file: CPU ours ${oursCpu.toFixed(1)} ms, pdftotext -layout ${theirsCpu.toFixed(1)} ms: ratio ${ratio.toFixed(2)}× (goal ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'}); wall ours ${oursWall.toFixed(1)} ms, pdftotext ${theirsWall.toFixed(1)} ms (${(oursWall / theirsWall).toFixed(2)}×)`,
  );
}

/** User and system CPU seconds of a shell's children, from the last line `times` prints. */
function childrenCpu(timesOutput: string): number {
  const m = timesOutput.trim().split('\n').pop()!.match(/(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/);
  if (!m) throw new Error(`unexpected output of times: ${timesOutput}`);
  return (+m[1] + +m[3]) * 60 + +m[2] + +m[4];
}

/**
 * The whole command as users run it on a folder: one `nianbao parse DIR` process (Node's start-up,
 * loading the code, its worker threads, every PDF of the folder) against pdftotext -layout run
 * once per file from a shell loop, both counted by the shell that runs them (`times`: CPU of all
 * the children's threads). The command is the one users run, `bin/nianbao.js` on the compiled
 * code (built here first, so that it is the code of these sources), with its default threads.
 */
function compareCommandWithPdftotext(pdfDir: string, outDir: string, turns = 5): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'ignore' });
  const pdfs = readdirSync(pdfDir).map((f) => join(pdfDir, f));
  const node = [process.execPath, join(root, 'bin', 'nianbao.js'), 'parse', pdfDir, '--out', outDir, '--no-progress'];
  let ours = Infinity;
  let theirs = Infinity;
  let wallOurs = Infinity;
  let wallTheirs = Infinity;
  for (let turn = 0; turn < turns; turn++) {
    let start = process.hrtime.bigint();
    const out = execFileSync('bash', ['-c', '"$@" >/dev/null 2>&1 || exit; times', 'bench', ...node], { encoding: 'utf8' });
    wallOurs = Math.min(wallOurs, Number(process.hrtime.bigint() - start) / 1e9);
    ours = Math.min(ours, childrenCpu(out));
    start = process.hrtime.bigint();
    const poppler = execFileSync('bash', ['-c', 'for f in "$@"; do pdftotext -layout "$f" - >/dev/null; done; times', 'bench', ...pdfs], { encoding: 'utf8' });
    wallTheirs = Math.min(wallTheirs, Number(process.hrtime.bigint() - start) / 1e9);
    theirs = Math.min(theirs, childrenCpu(poppler));
  }
  const ratio = ours / theirs;
  console.log(`nianbao parse DIR, ${pdfs.length} PDFs (the LibreOffice and Chromium ones above), one process, Node's start-up included; best of ${turns} turns:`);
  console.log(
    `  CPU ours ${ours.toFixed(2)} s, pdftotext -layout ${theirs.toFixed(2)} s: ratio ${ratio.toFixed(2)}× (goal ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'}); wall ours ${wallOurs.toFixed(2)} s, pdftotext ${wallTheirs.toFixed(2)} s`,
  );
}

/** Reports printed to PDF by Chromium (print-pdf.ts): TrueType (as on Windows with 宋体) and Noto CJK, which Chromium embeds as Type 3 fonts. */
async function chromiumPdfs(dir: string): Promise<void> {
  const jobs = corpusJobs(24);
  const printed = await printPdfs(jobs);
  for (const [font, label] of [['truetype', 'TrueType'], ['cff', 'Type 3 (Noto CJK)']] as const) {
    const mine = printed.filter((p) => p.shape.font === font);
    const pdfs = mine.map((p, i) => {
      const f = join(dir, `chromium-${font}-${i}.pdf`);
      writeFileSync(f, p.pdf);
      return f;
    });
    const bytes = mine.map((p) => p.pdf);
    await measure(`PDF from Chromium, ${label}`, bytes);
    await compareWithPdftotext(pdfs, bytes);
  }
}
