/**
 * 内容雷同: prose one organ can only have taken from another. Reports are formulaic — the template,
 * the statute's phrases, stock slogans are everyone's — so the comparison first removes the
 * layout's labels and the known stock phrases, masks figures and years, and then weighs each
 * character shingle by how rare it is across the reports compared: a shingle found in many
 * organs' reports says nothing. Candidate pairs come from an inverted index of the rare shingles
 * (what is shared by few reports is cheap to pair), so the work grows with what is actually shared.
 *
 * Deterministic: no randomness, ties broken by report id.
 */
import { LAYOUTS, REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_ROWS, SECTIONS } from '../model/layouts.js';
import { compact, nfkc } from '../parse/normalize.js';
import { parseOrganName } from './organs.js';

export interface ProseDoc {
  id: string;
  organ: string;
  year: number | null;
  text: string;
}

export interface SimilarPair {
  a: string;
  b: string;
  /** Weighted rare prose the two share, over the geometric mean of each one's own, 0–1. */
  score: number;
  severity: 'warning' | 'info';
  passages: Array<{ a: string; b: string }>;
}

export interface SimilarityOptions {
  /** Whole-report score from which the pair is a warning (default WARN_AT, calibrated in bench/organs.ts). */
  warnAt?: number;
  /** Shortest shared sentence reported, in characters after masking (default 20). */
  minPassage?: number;
}

const K = 8;
/**
 * Calibrated on generated corpora (npm run bench -- organs): prose copied whole with names,
 * places and figures replaced scores 0.55–1.0; honest reports of the same district, year and kind
 * stay below 0.1, and a copied passage of a sixth of the prose scores 0.1–0.3.
 */
export const WARN_AT = 0.4;
/** Most reports a shingle may be in and still propose pairs. */
const PAIRING_DF = 12;
/** Rare shingles two reports must share to be compared at all (about one sentence's worth). */
const MIN_SHARED_SHINGLES = 12;
/**
 * Characters the shared sentences must come to (after masking, each weighed by how much of it is
 * shared): two short clauses built on the same stock frame are no copied passage.
 */
const MIN_PASSAGE_CHARS = 40;
/** Phrases every report may hold: they never count as copied. */
const STOCK = [
  '以公开为常态、不公开为例外', '以公开为常态,不公开为例外', '中华人民共和国政府信息公开条例', '政府信息公开条例',
  '政府信息公开工作年度报告', '所列数据的统计期限', '如对本年度报告有任何疑问', '如对本报告有任何疑问', '政府信息公开申请', '依申请公开', '主动公开', '政务公开',
  '习近平新时代中国特色社会主义思想', '党的二十大精神', '党的十九大精神', '国务院办公厅', '全面推进政务公开',
  // the preface of the older model report, which many organs still copy word for word
  '本年度报告包括总体情况', '政府信息公开工作主要做法', '政府信息公开工作主要举措', '主动公开政府信息情况', '政府信息依申请公开办理情况',
  '政府信息公开的收费及减免情况', '因政府信息公开申请行政复议、提起行政诉讼的情况', '政府信息公开工作存在的问题及改进措施',
  '并附需要说明的事项和指标统计附表', '本年度报告中所列数据的统计期限自', '本报告中所列数据的统计期限自', '年1月1日起至', '年12月31日止',
  '本年度报告的电子版可在', '网站上下载',
];

let stripList: string[] | null = null;
function phrasesToStrip(): string[] {
  if (stripList) return stripList;
  const set = new Set<string>(STOCK.map((s) => compact(nfkc(s))));
  for (const layout of Object.values(LAYOUTS)) {
    for (const r of layout.requests) set.add(compact(nfkc(r.label)));
    for (const r of layout.active) for (const l of r.labels) set.add(l);
  }
  for (const c of [...REQUEST_COLUMNS, ...REVIEW_COLUMNS]) set.add(c.label);
  for (const r of REVIEW_ROWS) set.add(r.label);
  for (const s of SECTIONS) for (const k of s.keywords) set.add(compact(nfkc(k)));
  stripList = [...set].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  return stripList;
}

/** The organ's name and its parts (its places, its own short name): a copier replaces them first. */
function ownNames(organ: string): string[] {
  const full = compact(nfkc(organ));
  if (!full) return [];
  const parsed = parseOrganName(organ);
  const parts = [full, parsed.own, parsed.town ?? '', ...parsed.places.map((p) => p.name), parsed.own.replace(/(街道|镇|乡)$/, '')];
  return [...new Set(parts.filter((p) => p.length >= 2 && p !== '人民政府'))].sort((a, b) => b.length - a.length);
}

/** Sentences of the prose as written (widths normalised), each with the form that is compared:
 * stock phrases and the organ's own name removed, figures and years masked. */
export function proseSentences(text: string, organ: string): Array<{ shown: string; key: string }> {
  const out: Array<{ shown: string; key: string }> = [];
  const names = ownNames(organ);
  for (const shown of nfkc(text).split(/[。;；!?！？\n]/)) {
    let t = compact(shown);
    for (const n of names) if (t.includes(n)) t = t.split(n).join('□');
    // "□□人民政府" and "□" are the same organ named two ways
    t = t.replace(/(?:(?:人民政府|政府)?□(?:人民政府|政府|办事处)?)+/g, '□');
    for (const p of phrasesToStrip()) if (t.includes(p)) t = t.split(p).join('');
    t = t.replace(/\d+(?:\.\d+)?/g, '#');
    if (t.length >= 12) out.push({ shown: shown.trim(), key: t });
  }
  return out;
}

function hash(s: string, from: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < from + K; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function shingles(sentence: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + K <= sentence.length; i++) out.push(hash(sentence, i));
  return out;
}

interface Prepared {
  doc: ProseDoc;
  sentences: Array<{ shown: string; key: string }>;
  perSentence: number[][];
  set: Set<number>;
}

export function findSimilar(docs: ProseDoc[], options: SimilarityOptions = {}): SimilarPair[] {
  const warnAt = options.warnAt ?? WARN_AT;
  const minPassage = options.minPassage ?? 20;
  const prepared: Prepared[] = docs
    .slice()
    .sort((x, y) => (x.id < y.id ? -1 : 1))
    .map((doc) => {
      const sentences = proseSentences(doc.text, doc.organ);
      const perSentence = sentences.map((x) => shingles(x.key));
      return { doc, sentences, perSentence, set: new Set(perSentence.flat()) };
    });
  // document frequency of each shingle; a shingle in many reports is template, not copying
  const df = new Map<number, number>();
  for (const p of prepared) for (const h of p.set) df.set(h, (df.get(h) ?? 0) + 1);
  const common = Math.max(4, Math.ceil(prepared.length * 0.02));
  const weight = (h: number): number => {
    const n = df.get(h) ?? 1;
    return n > common ? 0 : Math.log(1 + prepared.length / n);
  };
  // inverted index of the rare shingles → candidate pairs with their shared weight
  const postings = new Map<number, number[]>();
  // pairs come only from shingles a handful of reports share: a shingle in n reports makes n²/2
  // pairs, and copying between a few organs shows in shingles only they have
  const pairing = Math.min(common, PAIRING_DF);
  prepared.forEach((p, i) => {
    for (const h of p.set) {
      const n = df.get(h) ?? 0;
      if (n > 1 && n <= pairing) (postings.get(h) ?? postings.set(h, []).get(h)!).push(i);
    }
  });
  const shared = new Map<number, number>();
  const sharedCount = new Map<number, number>();
  for (const [h, list] of postings) {
    const w = weight(h);
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) {
      const key = list[x] * prepared.length + list[y];
      shared.set(key, (shared.get(key) ?? 0) + w);
      sharedCount.set(key, (sharedCount.get(key) ?? 0) + 1);
    }
  }
  const total = prepared.map((p) => [...p.set].reduce((s, h) => s + weight(h), 0));
  const pairs: SimilarPair[] = [];
  for (const [key, w] of shared) {
    // a few shared phrases make a high score for a report with little prose of its own: not copying
    if ((sharedCount.get(key) ?? 0) < MIN_SHARED_SHINGLES) continue;
    const i = Math.floor(key / prepared.length);
    const j = key % prepared.length;
    const A = prepared[i];
    const B = prepared[j];
    // the share of both reports' rare prose: a passage taken into a long report stays low, a whole copy is high on both sides
    const score = w / Math.max(1e-9, Math.sqrt(total[i] * total[j]));
    const passages = sharedPassages(A, B, weight, minPassage);
    const copiedPassage = passages.reduce((n, p) => n + p.length, 0) >= MIN_PASSAGE_CHARS;
    if (score < warnAt && !copiedPassage) continue;
    pairs.push({ a: A.doc.id, b: B.doc.id, score: Math.round(Math.min(1, score) * 1000) / 1000, severity: score >= warnAt ? 'warning' : 'info', passages: passages.map(({ a, b }) => ({ a, b })) });
  }
  return pairs.sort((x, y) => y.score - x.score || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
}

/**
 * Sentences of A most of whose rare shingles are in one sentence of B, each beside that sentence
 * (with the compared length, to weigh how much was shared).
 */
function sharedPassages(A: Prepared, B: Prepared, weight: (h: number) => number, minPassage: number): Array<{ a: string; b: string; length: number }> {
  const out: Array<{ a: string; b: string; length: number }> = [];
  const bSets = B.perSentence.map((bs) => new Set(bs));
  A.perSentence.forEach((sh, s) => {
    if (A.sentences[s].key.length < minPassage) return;
    const rare = sh.filter((h) => weight(h) > 0);
    if (rare.length < 8) return;
    if (rare.filter((h) => B.set.has(h)).length / rare.length < 0.6) return;
    let best = -1;
    let bestCount = 0;
    bSets.forEach((set, t) => {
      const c = rare.filter((h) => set.has(h)).length;
      if (c > bestCount) {
        bestCount = c;
        best = t;
      }
    });
    // the sentence itself, not pieces of it scattered over B
    if (best >= 0 && bestCount / rare.length >= 0.6) out.push({ a: A.sentences[s].shown, b: B.sentences[best].shown, length: A.sentences[s].key.length * (bestCount / rare.length) });
  });
  return out;
}
