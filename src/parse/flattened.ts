/**
 * A report flattened into one line or a few, as crawlers (`textContent`) and copying from some
 * sites give it: "…（七）总计23 0 00 0 023四、结转下年度继续办理…". Headings, prose and table rows
 * run together; the cells of a row are separated by one space, by nothing, or by a mix.
 *
 * Such a paragraph is cut back into the paragraphs it was: the numbered section headings wherever
 * they stand, and inside the tables each label and each run of figures on its own. The figures of
 * a run keep the spaces they had; where there were none, the table parser leaves the cut to the
 * table's arithmetic (see run-together.ts) or marks the cells unreadable.
 */
import { BALANCE_NOTE, LAYOUTS, REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_ROWS, SECTIONS } from '../model/layouts.js';
import type { Block, Document, Paragraph } from '../read/document.js';
import { nfkc } from './normalize.js';

/** A paragraph this long that holds table labels is a flattened report (a real paragraph of prose holds none). */
const MIN_FLAT = 120;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Alternatives longest first, so that "其他法律行政法规禁止公开" wins over "其他". */
const alternation = (words: Iterable<string>) => [...new Set(words)].filter(Boolean).sort((a, b) => b.length - a.length).map(escape).join('|');
/** Labels as textContent gives them: the official text, quotes either way, brackets either width. */
const loose = (label: string) => nfkc(label).replace(/[“”"]/g, '');

/** Section headings: numeral, 、, and one of the titles the section is known by. */
const HEADING = new RegExp(`([一二三四五六])[、.．]\\s*(?:${alternation(SECTIONS.flatMap((s) => [s.heading.slice(2), ...s.keywords]).map(nfkc))})`, 'g');

const NUMBERING = String.raw`(?:\d{1,2}[.．、]|\([一二三四五六七八九十]\)|[一二三四五六七八九十][、.．])?`;

/** Every label a table prints: rows, groups, column headings, article lines, the balance note. */
const LABELS = (() => {
  const words = new Set<string>();
  for (const layout of Object.values(LAYOUTS)) {
    for (const row of layout.requests) {
      // "危及“三安全一稳定”" as printed, with straight quotes, and without
      words.add(nfkc(row.label));
      words.add(nfkc(row.label).replace(/[“”]/g, '"'));
      words.add(loose(row.label));
      for (const v of row.variants ?? []) words.add(loose(v));
      if (row.group) words.add(loose(row.group).replace(/^\([一二三四五六七]\)|^[一二三四五六七]、/, ''));
    }
    for (const row of layout.active) {
      for (const l of row.labels) words.add(loose(l));
      words.add(loose(row.article));
      for (const f of row.fields) {
        words.add(loose(f.label));
        for (const v of f.variants ?? []) words.add(loose(v));
      }
    }
  }
  for (const c of REQUEST_COLUMNS) words.add(c.label);
  for (const c of REVIEW_COLUMNS) words.add(c.label);
  for (const r of REVIEW_ROWS) words.add(r.label);
  for (const w of ['申请人情况', '法人或其他组织', '信息内容', '行政诉讼', '本年度办理结果']) words.add(w);
  return words;
})();
const LABEL = new RegExp(`${NUMBERING}(?:${alternation(LABELS)})`, 'y');
/** The balance note printed in table III's corner, in any wording: a bracket holding 勾稽关系. */
const NOTE = /\((?:本列)?[^()]{0,10}勾稽关系[^()]{0,60}\)/y;
/** A table II change ("增加2项"), an amount or count, or a blank mark. */
const FIGURE = String.raw`(?:(?:增加|减少|新增|增|减)\d+(?:\.\d+)?[项件个%]?|\d+(?:\.\d+)?%?(?![\d年月日件个条项元万])|[/—－-])`;
const FIGURES = new RegExp(`\\s*${FIGURE}(?:\\s*${FIGURE})*`, 'y');
/** Where the tables begin: table II's article line or heading, table III's note or first row, table IV's heading. */
const TABLE_START = new RegExp(
  [
    `第二十条第\\([一二三四五六七八九十]+\\)项\\s*信息内容`,
    escape(loose(BALANCE_NOTE)),
    '\\((?:本列)?[^()]{0,10}勾稽关系',
    '申请人情况\\s*(?:自然人|法人)',
    `${NUMBERING}本年新收政府信息公开申请(?:数量)?\\s*\\d`,
    '行政复议\\s*行政诉讼\\s*结果维持',
  ].join('|'),
  'g',
);
const FIGURE_TOKEN = new RegExp(FIGURE, 'g');
const WHITESPACE = /\s/;
const YEAR_AFTER = /(\d+?)(?:19|20)\d{2}年/y;

/** Words a flattened report holds and prose seldom does: table labels and section titles. */
const HINT = /本年新收|勾稽|第二十条|申请人情况|结果维持|总体情况|基本情况|主动公开政府信息情况|其他需要报告/;

/** Whether a paragraph is a flattened report (or a large part of one). */
function isFlattened(text: string): boolean {
  if (text.length < MIN_FLAT) return false;
  HEADING.lastIndex = 0;
  let headings = 0;
  while (HEADING.exec(text) && headings < 2) headings++;
  TABLE_START.lastIndex = 0;
  return headings >= 2 || TABLE_START.test(text);
}

/** The document with its flattened paragraphs cut back into paragraphs; the same document when there are none. */
export function unflatten(doc: Document): Document {
  if (!doc.blocks.some((b) => b.kind === 'paragraph' && b.text.length >= MIN_FLAT)) return doc;
  let changed = false;
  const blocks: Block[] = [];
  for (const block of doc.blocks) {
    if (block.kind !== 'paragraph' || block.text.length < MIN_FLAT) {
      blocks.push(block);
      continue;
    }
    // most long paragraphs are prose: a look for words only tables and headings hold comes before normalising
    if (!HINT.test(block.text)) {
      blocks.push(block);
      continue;
    }
    const text = nfkc(block.text);
    if (!isFlattened(text)) {
      blocks.push(block);
      continue;
    }
    changed = true;
    for (const piece of cut(text)) blocks.push({ kind: 'paragraph', text: piece, source: block.source } satisfies Paragraph);
  }
  return changed ? { ...doc, blocks } : doc;
}

/** The pieces of a flattened text: prose, headings, and inside tables labels and runs of figures. */
function cut(text: string): string[] {
  const out: string[] = [];
  const prose = (s: string) => {
    const t = s.trim();
    if (!t) return;
    // the title runs into the first sentence: "…工作年度报告本报告中所列数据…"
    const title = /^(.{4,80}?(?:工作)?年度报告)(?=\S)/.exec(t);
    if (out.length === 0 && title) out.push(title[1], t.slice(title[1].length).trim());
    else out.push(t);
  };
  let at = 0;
  while (at < text.length) {
    // the next heading or table, whichever comes first
    HEADING.lastIndex = at;
    TABLE_START.lastIndex = at;
    const heading = HEADING.exec(text);
    const table = TABLE_START.exec(text);
    const next = [heading, table].filter((m): m is RegExpExecArray => m !== null).sort((a, b) => a.index - b.index)[0];
    if (!next) break;
    prose(text.slice(at, next.index));
    if (next === heading) {
      out.push(heading[0]);
      at = heading.index + heading[0].length;
      continue;
    }
    const end = readTable(text, next.index, out);
    // a table's start that no table follows ("(…勾稽关系" never closed): prose, and the search goes on past it
    if (end > next.index) at = end;
    else {
      prose(next[0]);
      at = next.index + next[0].length;
    }
  }
  prose(text.slice(at));
  return out;
}

/** What a sticky expression matches at `pos`, or null. */
function stickyMatch(re: RegExp, text: string, pos: number): string | null {
  re.lastIndex = pos;
  return re.exec(text)?.[0] ?? null;
}

/**
 * From `at`, labels and runs of figures, each pushed on its own, for as long as the text goes on
 * being a table; returns where the table ends (prose or a section heading follows).
 */
function readTable(text: string, at: number, out: string[]): number {
  let pos = at;
  for (;;) {
    while (pos < text.length && WHITESPACE.test(text[pos])) pos++;
    if (pos >= text.length) return pos;
    HEADING.lastIndex = pos;
    const heading = HEADING.exec(text);
    if (heading && heading.index === pos) return pos;
    const label = stickyMatch(NOTE, text, pos) ?? stickyMatch(LABEL, text, pos);
    if (label) {
      out.push(label);
      pos += label.length;
      continue;
    }
    // the last figures run into the year that opens the next sentence: "…0213000002021年，因…"
    YEAR_AFTER.lastIndex = pos;
    const beforeYear = YEAR_AFTER.exec(text);
    if (beforeYear) {
      out.push(beforeYear[1]);
      return pos + beforeYear[1].length;
    }
    FIGURES.lastIndex = pos;
    const figures = FIGURES.exec(text);
    if (!figures) return pos;
    let run = figures[0];
    // "…0 0 02.其他法律行政法规禁止公开": the last digit is the numbering of the label that follows
    const after = pos + run.length;
    if (/\d$/.test(run) && /^[.．、]\D/.test(text.slice(after, after + 2))) run = run.slice(0, -1);
    if (run.trim() === '') return pos;
    // a change or a blank mark is a cell of its own even without a space: "4增加3项1" is 4 | 增加3项 | 1
    out.push(run.match(FIGURE_TOKEN)!.join(' '));
    pos += run.length;
  }
}
