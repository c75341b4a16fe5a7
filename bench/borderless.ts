/**
 * Tables without rules in Chromium-printed PDFs, cell by cell: reports printed with CSS
 * `border: none` (print-pdf.ts: both font kinds, font sizes 7.5–12 pt, label columns 45–72%,
 * paddings 0–4 px, wide figures, table III broken by the page at one row after another), read
 * and parsed back, every cell of tables II, III and IV counted right, unreadable (blank and
 * reported by cell.unreadable), missing or wrong. Every wrong or missing cell is listed with the
 * shape of its file. Reproduce with `npm run bench -- borderless`; `--files=N` (per seed, default
 * 40), `--seeds=0,100,200` (the reports' seeds) and `--save=DIR` (the PDFs with a wrong or
 * missing cell written there) change the corpus.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAYOUTS } from '../src/model/layouts.js';
import { parseDocument } from '../src/parse/index.js';
import { readDocument } from '../src/read/index.js';
import { corpusJobs, printPdfs, scoreCells } from '../test/read/print-pdf.js';

const option = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

export async function run(): Promise<void> {
  if (spawnSync('/usr/bin/chromium', ['--version']).status !== 0) {
    console.log('Chromium missing (scripts/setup-system.sh installs it); skipped');
    return;
  }
  const files = Number(option('files') ?? 40);
  const seeds = (option('seeds') ?? '0,100,200').split(',').map(Number);
  const save = option('save');
  if (save) mkdirSync(save, { recursive: true });
  const total = { files: 0, right: 0, unreadable: 0, missing: 0, wrong: 0 };
  const byFont = new Map<string, typeof total>();
  for (const seed of seeds) {
    // the page break walks through table III's rows, from a different row for every seed
    const jobs = corpusJobs(files, seed).map(({ report, shape }, i) => {
      const rows = LAYOUTS[report.meta.template].requests.length + 3;
      return { report, shape: { ...shape, borders: false, breakAtRow: (i + seed) % rows } };
    });
    const printed = await printPdfs(jobs);
    for (const [i, { report, shape, pdf }] of printed.entries()) {
      const name = `borderless-s${seed}-${i}.pdf`;
      const score = scoreCells(report, parseDocument(await readDocument(pdf, name), name));
      const font = byFont.get(shape.font) ?? { files: 0, right: 0, unreadable: 0, missing: 0, wrong: 0 };
      byFont.set(shape.font, font);
      for (const t of [total, font]) {
        t.files++;
        t.right += score.right;
        t.unreadable += score.unreadable;
        t.missing += score.missing;
        t.wrong += score.wrong.length;
      }
      if (score.wrong.length || score.missed.length) {
        console.log(`${name} ${JSON.stringify(shape)}`);
        for (const w of score.wrong) console.log(`  wrong   ${w}`);
        for (const m of score.missed) console.log(`  missing ${m}`);
        if (save) writeFileSync(join(save, name), pdf);
      }
    }
  }
  const line = (label: string, t: typeof total) => {
    const cells = t.right + t.unreadable + t.missing + t.wrong;
    const pct = (n: number) => `${((n / Math.max(1, cells)) * 100).toFixed(2)}%`;
    console.log(`${label.padEnd(10)} ${String(t.files).padStart(4)} files, ${cells} cells: right ${t.right} (${pct(t.right)}), unreadable ${t.unreadable} (${pct(t.unreadable)}), missing ${t.missing}, wrong ${t.wrong}`);
  };
  console.log(`Chromium-printed PDFs without table rules, seeds ${seeds.join(', ')}, ${files} files each:`);
  for (const [font, t] of [...byFont].sort()) line(font, t);
  line('all', total);
}
