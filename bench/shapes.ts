/**
 * Never a wrong figure, counted on a larger corpus than the test reads: reports in the shapes
 * other tools write (pandoc, turndown, converters that repeat merged text, grid tables, WPS
 * copies, crawler textContent, rows typed by hand), read back cell by cell. Prints the table in
 * docs/read.md. Reproduce with `npm run bench -- shapes` (`-- shapes 500` for more reports per form).
 */
import { FORMS, isPandocAvailable, measureForm } from '../test/support/other-corpus.js';

export async function run(): Promise<void> {
  const arg = process.argv.slice(2).find((a) => /^\d+$/.test(a));
  const perForm = arg ? Number(arg) : 200;
  console.log(`${perForm} reports per form, ${Math.ceil(perForm / 4)} for pandoc-docx (random figures, blank cells, a defect planted in one in three)`);
  console.log('| form | cells right | unreadable | missing | wrong | defects found | hidden by unreadable | errors on correct reports |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const form of FORMS) {
    if (form.startsWith('pandoc') && !isPandocAvailable()) {
      console.log(`| ${form} | (pandoc not installed) | | | | | | |`);
      continue;
    }
    // one Word file rendered and converted per report: a quarter as many
    const c = await measureForm(form, form === 'pandoc-docx' ? Math.ceil(perForm / 4) : perForm, 100_000);
    const cells = c.right + c.unreadable + c.missing + c.wrong;
    const pct = (n: number) => `${n} (${((100 * n) / cells).toFixed(1)}%)`;
    console.log(`| ${form} | ${pct(c.right)} | ${pct(c.unreadable)} | ${c.missing} | ${c.wrong} | ${c.found}/${c.planted} | ${c.hiddenByUnreadable} | ${c.falseErrors} |`);
    for (const e of [...c.examples, ...c.falseExamples].slice(0, 3)) console.log(`    ${e}`);
  }
  console.log('reproduce: npm run bench -- shapes');
}
