/**
 * Tables without rules in PDFs printed by Chromium (CSS `border: none`, see print-pdf.ts): both
 * font kinds, font sizes 7.5–12 pt, label columns 45–72% of the table, paddings 0–4 px, wide
 * figures that wrap in narrow columns, table III broken by the page at one row after another.
 * Every cell of tables II, III and IV is counted. A figure is never read into another cell:
 * wrong must be 0 in every file, and no cell may be left blank without being reported. Where the layout leaves more than one reading (digits wrapped
 * onto the lines of the rows beside them, a label that fits two rows), the cells are left empty
 * and reported unreadable; the share read right has a floor.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, test } from 'node:test';
import { LAYOUTS } from '../../src/model/layouts.js';
import { parseDocument } from '../../src/parse/index.js';
import { readDocument } from '../../src/read/index.js';
import { corpusJobs, printPdfs, scoreCells, type Printed } from './print-pdf.js';

const hasChromium = spawnSync('/usr/bin/chromium', ['--version']).status === 0;

/** Files in the corpus; the page break walks through table III's rows. */
const FILES = 14;

let corpus: Printed[] = [];

before(async () => {
  if (!hasChromium) return;
  const jobs = corpusJobs(FILES, 300).map(({ report, shape }, i) => {
    const rows = LAYOUTS[report.meta.template].requests.length + 3;
    return { report, shape: { ...shape, borders: false, breakAtRow: (i * 3) % rows } };
  });
  corpus = await printPdfs(jobs);
});

test('Chromium-printed PDFs without table rules: no figure read into another cell', { skip: !hasChromium && 'Chromium missing' }, async () => {
  const total = { right: 0, unreadable: 0, missing: 0 };
  const fonts = new Set<string>();
  const sizes = new Set<number>();
  for (const [i, { report, shape, pdf }] of corpus.entries()) {
    const doc = await readDocument(pdf, `borderless${i}.pdf`);
    const score = scoreCells(report, parseDocument(doc, `borderless${i}.pdf`));
    assert.deepEqual(score.wrong, [], `pdf ${i} ${JSON.stringify(shape)}: wrong figures`);
    // a cell left blank is reported unreadable, never silently blank (the arithmetic would then report errors the report does not have)
    assert.deepEqual(score.missed, [], `pdf ${i} ${JSON.stringify(shape)}: cells blank and not reported unreadable`);
    total.right += score.right;
    total.unreadable += score.unreadable;
    total.missing += score.missing;
    fonts.add(shape.font);
    sizes.add(shape.tableFontPt);
  }
  assert.equal(fonts.size, 2);
  assert.ok(sizes.size >= 4);
  const cells = total.right + total.unreadable + total.missing;
  assert.ok(total.right >= cells * 0.8, `${total.right} of ${cells} cells right (${total.unreadable} unreadable, ${total.missing} missing)`);
});
