/**
 * PDFs as most published reports are made: a page printed to PDF by Chromium (see print-pdf.ts),
 * with table III broken by the page at one row after another, in TrueType (WenQuanYi Zen Hei,
 * as Word's 宋体) and in Noto CJK (which Chromium embeds as Type 3 fonts), narrow and wide
 * columns, small and large type, wide figures, the header repeated on the next page or not, a page
 * footer between the parts. Every cell of tables II, III and IV is counted: right, missing or
 * wrong; wrong must be 0, and missing 0 outside cells marked unreadable.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { LAYOUTS } from '../../src/model/layouts.js';
import type { Report } from '../../src/model/report.js';
import { parseDocument } from '../../src/parse/index.js';
import type { Table } from '../../src/read/document.js';
import { readDocument } from '../../src/read/index.js';
import { diffPaths } from '../support/diff.js';
import { corpusJobs, printPdfs, scoreCells, type PrintShape, type Printed } from './print-pdf.js';

const hasChromium = spawnSync('/usr/bin/chromium', ['--version']).status === 0;
const SEEDS = join(import.meta.dirname, '..', 'fixtures', 'seeds');

/** PDFs in the corpus: the n-th has the page break at row n of table III (0: the first header row), the layouts taking turns. */
const BREAK_ROWS = 28;

let corpus: Printed[] = [];
let seeds: (Printed & { name: string })[] = [];

before(async () => {
  if (!hasChromium) return;
  const jobs = corpusJobs(BREAK_ROWS).map(({ report, shape }, i) => {
    const rows = LAYOUTS[report.meta.template].requests.length + 3;
    // every row of table III in turn; all with cell borders (tables without rules: see below)
    return { report, shape: { ...shape, borders: true, breakAtRow: Math.min(i, rows - 1) } };
  });
  const seedFiles = readdirSync(SEEDS).filter((f) => f.endsWith('.expected.json')).sort();
  const seedJobs = seedFiles.map((f, i) => ({
    report: JSON.parse(readFileSync(join(SEEDS, f), 'utf8')) as Report,
    shape: { font: i % 2 ? 'cff' : 'truetype', tableFontPt: 10.5, labelPercent: 55, padding: 3, thead: i % 2 === 0, borders: true, footer: true, breakAtRow: 6 + i * 4 } as PrintShape,
  }));
  const printed = await printPdfs([...jobs, ...seedJobs]);
  corpus = printed.slice(0, jobs.length);
  seeds = printed.slice(jobs.length).map((p, i) => ({ ...p, name: seedFiles[i].replace('.expected.json', '') }));
});

test('Chromium-printed PDFs, table III broken at each row in turn: every cell right, none wrong, none missing', { skip: !hasChromium && 'Chromium missing' }, async () => {
  const total = { right: 0, missing: 0, unreadable: 0, wrong: 0 };
  const fontKinds = new Set<string>();
  let broken = 0;
  for (const [i, { report, shape, pdf }] of corpus.entries()) {
    const bytes = Buffer.from(pdf);
    // the font kinds are what they are meant to be: TrueType as Word embeds it, Type 3 from a CFF font
    if (shape.font === 'truetype') assert.ok(bytes.includes('/FontFile2'), `pdf ${i}: TrueType font embedded`);
    else assert.ok(bytes.includes('/Type3'), `pdf ${i}: Type 3 font embedded`);
    fontKinds.add(shape.font);
    const doc = await readDocument(pdf, `print${i}.pdf`);
    const t3 = doc.blocks.find((b): b is Table => b.kind === 'table' && b.rows.some((r) => r.some((c) => c.text.replace(/\s/g, '') === '申请人情况')));
    assert.ok(t3, `pdf ${i}: table III is one table`);
    if (new Set(t3.rows.flat().map((c) => c.source?.page).filter(Boolean)).size > 1) broken++;
    const score = scoreCells(report, parseDocument(doc, `print${i}.pdf`));
    assert.deepEqual(score.wrong, [], `pdf ${i} ${JSON.stringify(shape)}: wrong figures`);
    assert.deepEqual(score.missed, [], `pdf ${i} ${JSON.stringify(shape)}: figures missing`);
    total.right += score.right;
    total.missing += score.missing;
    total.unreadable += score.unreadable;
  }
  assert.equal(fontKinds.size, 2);
  // the page break falls inside table III in (nearly) every file; the few where Chromium moved
  // the whole table to the next page still count their cells
  assert.ok(broken >= corpus.length * 0.8, `table III broken by the page in ${broken} of ${corpus.length}`);
  assert.ok(total.right > corpus.length * 190, `${total.right} cells right`);
});

test('a real report printed to PDF by Chromium reads back to the same tables as its text', { skip: !hasChromium && 'Chromium missing' }, async () => {
  assert.equal(seeds.length, 5);
  for (const { name, pdf } of seeds) {
    // the tables the seed's text parses to (its expected report, which the page was printed from)
    const fromText = JSON.parse(readFileSync(join(SEEDS, `${name}.expected.json`), 'utf8')) as Report;
    const fromPdf = parseDocument(await readDocument(pdf, `${name}.pdf`), `${name}.pdf`);
    const tables = (r: Report) => ({ active: r.active, requests: r.requests, review: r.review });
    assert.deepEqual(diffPaths(tables(fromText), tables(fromPdf)), [], name);
    assert.equal(fromPdf.meta.template, fromText.meta.template);
  }
});
