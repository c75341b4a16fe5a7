/**
 * A short fuzzing run over every reader and the parser (the long one is `npm run fuzz`, figures in
 * docs/fuzz.md): mutated seeds and generated reports in every form must be read or refused with a
 * one-line message, within 5 s, the same way twice. The seed is fixed so that a run in CI is
 * repeatable; FUZZ_SEED=… explores other inputs. A failing case is shrunk by fast-check to a
 * short list of mutations, printed with the seed and path that replay it.
 *
 * Inputs that once failed are kept in corpus/regressions/ and run every time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildSources, FILE_NAME, FORMS, sourceBytes, type Form } from './sources.js';
import { caseBytes, fuzzCase } from './mutate.js';
import { runOne, sameOutcome } from './target.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_241_205);
/** Inputs per form: about 20 s in all on a busy two-core machine. */
const RUNS: Record<Form, number> = { utf8: 80, utf16le: 30, utf16be: 30, gb18030: 40, html: 40, mht: 25, docx: 40, pdf: 8, json: 50, yaml: 40 };
const LIMIT_MS = 5000;

const sources = await buildSources({ generated: 6 });
const all = FORMS.flatMap((f) => sources[f].map((s) => sourceBytes(s)));
// every reader loaded before inputs are timed (a spliced input may turn into any form; the first PDF loads pdfjs)
for (const f of FORMS) await runOne(sourceBytes(sources[f][0]), FILE_NAME[f]);

for (const form of FORMS) {
  test(`fuzz: ${form} — read or refused in one line, within ${LIMIT_MS / 1000} s, the same twice (${RUNS[form]} inputs)`, async () => {
    const weights = Object.fromEntries(FORMS.map((f) => [f, f === form ? 1 : 0]));
    const name = FILE_NAME[form];
    await fc.assert(
      fc.asyncProperty(fuzzCase(weights), async (c) => {
        const bytes = caseBytes(c, sources[form], all);
        const start = performance.now();
        const first = await runOne(bytes, name);
        const ms = performance.now() - start;
        if (first.kind === 'crash') assert.fail(`${first.error}\n${first.stack ?? ''}`);
        assert.ok(ms < LIMIT_MS, `took ${ms.toFixed(0)} ms`);
        assert.ok(sameOutcome(first, await runOne(bytes, name)), 'a second run gives another result');
      }),
      { numRuns: RUNS[form], seed: SEED + FORMS.indexOf(form), includeErrorInReport: true },
    );
  });
}

// a hang is a failure too: the runner ends the test instead of waiting for ever
test('inputs that once failed are read or refused in one line', { timeout: 120_000 }, async () => {
  const dir = join(import.meta.dirname, 'corpus', 'regressions');
  const files = readdirSync(dir).sort();
  assert.ok(files.length > 0);
  for (const f of files) {
    const outcome = await runOne(new Uint8Array(readFileSync(join(dir, f))), f);
    assert.notEqual(outcome.kind, 'crash', `${f}: ${outcome.kind === 'crash' ? outcome.error : ''}`);
  }
});
