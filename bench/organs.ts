/**
 * Organ identity and 内容雷同 on generated reviewer corpora (test/support/organ-corpus.ts): organs
 * in the districts of two cities over five years, names written differently each year, with
 * planted whole copies (names, places and some figures replaced) and copied passages (about a
 * sixth of the prose), beside honest reports of the same district, year and kind of organ.
 * Reports precision and recall of the warnings (whole copies) and of the info pairs (passages),
 * the scores on either side of the threshold, and organs found against organs planted.
 * Reproduce: npm run bench -- organs   (NIANBAO_BENCH_CORPORA=3 for fewer corpora)
 */
import { identifyOrgan } from '../src/store/organs.js';
import { findSimilar, WARN_AT } from '../src/store/similarity.js';
import { organCorpus } from '../test/support/organ-corpus.js';

function line(label: string, value: string): void {
  console.log(`${label.padEnd(52)} ${value}`);
}

const ratio = (a: number, b: number) => (b ? (a / b).toFixed(3) : '—');

export async function run(): Promise<void> {
  const corpora = Number(process.env.NIANBAO_BENCH_CORPORA ?? 10);
  let reports = 0;
  let organsPlanted = 0;
  let organsFound = 0;
  const tally = { warn: { tp: 0, fp: 0, fn: 0 }, info: { tp: 0, fp: 0, fn: 0 } };
  let honestMax = 0;
  let passageMax = 0;
  let wholeMin = 1;
  let honestPairs = 0;
  const t0 = performance.now();
  for (let seed = 1; seed <= corpora; seed++) {
    const corpus = organCorpus({ seed, wholeCopies: 6, passageCopies: 6 });
    reports += corpus.reports.length;
    organsPlanted += corpus.organs.length;
    organsFound += new Set(corpus.reports.map((r) => identifyOrgan(r.name).key)).size;
    const docs = corpus.reports.map((r, i) => ({ id: String(i).padStart(5, '0'), organ: r.name, year: r.year, text: r.report.sections.map((s) => s.text).join('\n') }));
    const key = (a: number, b: number) => [a, b].sort((x, y) => x - y).join('-');
    const whole = new Set(corpus.wholeCopies.map(([a, b]) => key(a, b)));
    const passage = new Set(corpus.passageCopies.map(([a, b]) => key(a, b)));
    // every candidate pair with its score, to see both sides of the threshold
    for (const p of findSimilar(docs, { warnAt: 0 })) {
      const k = key(Number(p.a), Number(p.b));
      if (whole.has(k)) wholeMin = Math.min(wholeMin, p.score);
      else if (passage.has(k)) passageMax = Math.max(passageMax, p.score);
      else {
        honestMax = Math.max(honestMax, p.score);
        honestPairs++;
      }
    }
    const found = findSimilar(docs);
    const warned = new Set(found.filter((p) => p.severity === 'warning').map((p) => key(Number(p.a), Number(p.b))));
    const info = new Set(found.filter((p) => p.severity === 'info').map((p) => key(Number(p.a), Number(p.b))));
    for (const k of warned) whole.has(k) ? tally.warn.tp++ : tally.warn.fp++;
    for (const k of whole) if (!warned.has(k)) tally.warn.fn++;
    for (const k of info) passage.has(k) ? tally.info.tp++ : tally.info.fp++;
    for (const k of passage) if (!info.has(k)) tally.info.fn++;
  }
  const s = (performance.now() - t0) / 1000;
  line(`corpora (${corpora} × 60 organs, 2021–2025)`, `${reports} reports, ${s.toFixed(1)} s`);
  line('organs found from the names / planted', `${organsFound} / ${organsPlanted}`);
  const { warn, info } = tally;
  line(`whole copies → warning (score ≥ ${WARN_AT})`, `precision ${ratio(warn.tp, warn.tp + warn.fp)}, recall ${ratio(warn.tp, warn.tp + warn.fn)} (${warn.tp} found, ${warn.fp} false, ${warn.fn} missed)`);
  line('copied passages → info', `precision ${ratio(info.tp, info.tp + info.fp)}, recall ${ratio(info.tp, info.tp + info.fn)} (${info.tp} found, ${info.fp} false, ${info.fn} missed)`);
  line('scores: lowest whole copy', wholeMin.toFixed(3));
  line('scores: highest copied passage', passageMax.toFixed(3));
  line(`scores: highest honest pair (${honestPairs} compared)`, honestMax.toFixed(3));
}
