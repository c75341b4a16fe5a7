/**
 * Never a wrong figure: reports written in shapes this project does not make — Markdown from the
 * real pandoc (pipe and multiline tables) and turndown, converters that repeat merged text, grid
 * tables, WPS copies, crawler textContent, rows typed by hand — are read back and counted cell by
 * cell. Wrong must be 0; a figure may be missing only where the parser says it is unreadable;
 * every planted defect is reported at its cell, and a correct report draws no error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FORMS, isPandocAvailable, measureForm } from '../support/other-corpus.js';

const PER_FORM = 24;

for (const form of FORMS) {
  // a Word file per report, each converted on its own: fewer of them
  const count = form === 'pandoc-docx' ? 9 : PER_FORM;
  test(`${form}: ${count} reports read back with no wrong figure, defects found`, async () => {
    if (form.startsWith('pandoc') && !isPandocAvailable()) throw new Error('pandoc missing: run scripts/setup-system.sh (npm test does)');
    const c = await measureForm(form, count);
    const problems = [...c.examples, ...c.falseExamples].join('\n');
    assert.equal(c.reports, count, problems);
    assert.equal(c.wrong, 0, problems);
    assert.equal(c.missing, 0, problems);
    assert.equal(c.falseErrors, 0, problems);
    assert.equal(c.found + c.hiddenByUnreadable, c.planted, problems);
    assert.ok(c.planted >= count / 4, 'defects are planted');
    // most figures come back: unreadable is for digits that truly run together
    assert.ok(c.right > (c.right + c.unreadable) * (form === 'flat' ? 0.6 : 0.999), `${form}: ${c.unreadable} unreadable of ${c.right + c.unreadable}`);
    if (form !== 'flat') assert.equal(c.found, c.planted, problems);
  });
}
