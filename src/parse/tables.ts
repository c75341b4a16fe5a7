/**
 * Tables II, III and IV found by their row labels in the cell stream and read into the report's
 * shape. The labels and their order come from the layouts (src/model/layouts.ts).
 */
import {
  LAYOUTS,
  LAYOUT_MARKERS,
  REQUEST_TOTAL_COL,
  REVIEW_COLUMNS,
  REVIEW_ROWS,
  type ActiveRowDef,
  type LayoutId,
} from '../model/layouts.js';
import type { ActiveCell, Anomaly, CountCell } from '../model/report.js';
import type { SourcePos } from '../read/document.js';
import { labelKey, nfkc } from './normalize.js';
import { isBlank, isRunTogether, isValueLike, readActive, readCount } from './numbers.js';
import type { StreamCell, StreamRow } from './stream.js';

export interface Pending {
  table: 'requests' | 'review';
  row: string;
  /** The raw cells found where `need` values were expected. */
  raw: string[];
  need: number;
}

export interface TableParse {
  requests: Record<string, CountCell[]>;
  review: Record<string, CountCell[]>;
  active: Record<string, Record<string, ActiveCell>>;
  layout: LayoutId;
  anomalies: Anomaly[];
  pending: Pending[];
  /** Blocks whose content the table parsers used (so section text can leave them out). */
  usedBlocks: Set<number>;
  /** Where each cell came from, keyed "table/row/col"; null when not asked for. */
  sources: Map<string, SourcePos> | null;
  /** Index of the first row after table III, for the table IV search. */
  requestsEnd: number;
}

// ------------------------------------------------------------------ table III row matching

interface RowPattern {
  key: string;
  order: number;
  keys: string[];
  /** Short labels ("其他", "总计") that also occur as column headings: matched only once inside the table. */
  short: boolean;
}

/** Both layouts' rows in one order: the 2019 single （六） row stands before the 2021 sub-rows. */
const REQUEST_PATTERNS: RowPattern[] = (() => {
  const rows2021 = LAYOUTS['2021'].requests;
  const other2019 = LAYOUTS['2019'].requests.find((r) => r.key === 'other')!;
  const ordered = [...rows2021];
  ordered.splice(ordered.findIndex((r) => r.key === 'other.noCorrection'), 0, other2019);
  return ordered.map((row, order) => {
    const keys = [row.label, ...(row.variants ?? [])].map(labelKey);
    return { key: row.key, order, keys, short: keys[0].length <= 2 };
  });
})();
const PATTERN_BY_KEY = new Map(REQUEST_PATTERNS.map((p) => [p.key, p]));
const EXACT = new Map<string, RowPattern[]>();
for (const p of REQUEST_PATTERNS) {
  for (const k of p.keys) {
    const list = EXACT.get(k) ?? [];
    list.push(p);
    EXACT.set(k, list);
  }
}
const GRANTED_ORDER = PATTERN_BY_KEY.get('granted')!.order;
const MAX_LABEL = 70;

/** Beginnings of labels, for a label broken over two cells ("部分公开(区分处理的,只计这一情形," + "不计其他情形)"). */
const PREFIXES = new Map<string, RowPattern[]>();
for (const p of REQUEST_PATTERNS) {
  if (p.short) continue;
  for (const k of p.keys) {
    for (let len = Math.min(6, k.length); len < k.length; len++) {
      const prefix = k.slice(0, len);
      const list = PREFIXES.get(prefix) ?? [];
      if (!list.includes(p)) list.push(p);
      PREFIXES.set(prefix, list);
    }
  }
}

function firstAfter(list: RowPattern[] | undefined, after: number): RowPattern | null {
  if (!list) return null;
  for (const p of list) if (p.order > after && (!p.short || after >= GRANTED_ORDER)) return p;
  return null;
}

function matchRequestRow(key: string, after: number): RowPattern | null {
  if (!key || key.length > MAX_LABEL) return null;
  const exact = EXACT.get(key);
  if (exact) return firstAfter(exact, after);
  if (key.length < 4) return null;
  const broken = firstAfter(PREFIXES.get(key), after);
  if (broken) return broken;
  // a label with an explanation appended in brackets
  const paren = key.indexOf('(');
  if (paren >= 4) {
    const bracketed = firstAfter(EXACT.get(key.slice(0, paren)), after);
    if (bracketed) return bracketed;
  }
  return gluedToGroup(key, after);
}

/** The group headings of table III's rows ("本年度办理结果", "不予公开" …), normalised. */
const GROUP_KEYS = [...new Set(Object.values(LAYOUTS).flatMap((l) => l.requests.map((r) => (r.group ? labelKey(r.group) : ''))))].filter((k) => k.length >= 2);
const MAX_GLUED = Math.max(...GROUP_KEYS.map((k) => k.length));

/**
 * A row label with a piece of its group heading glued in front: a PDF whose table has no rules
 * puts the first line of the rotated or wrapped group cell ("三、本年度", "（三）不予公") on the
 * line of the first row beside it, and the two are read as one label ("三、本年度（一）予以公开").
 * The piece must be part of a group heading and the rest must be a whole row label.
 */
function gluedToGroup(key: string, after: number): RowPattern | null {
  for (let i = 1; i <= Math.min(MAX_GLUED, key.length - 2); i++) {
    const head = key.slice(0, i);
    if (!GROUP_KEYS.some((g) => g.includes(head))) break;
    const rest = labelKey(key.slice(i));
    if (rest.length < 2 || rest === key) continue;
    // the row label may itself be cut by the line ("没有现成信息需要另行制" + "作")
    const p = firstAfter(EXACT.get(rest), after) ?? (rest.length >= 6 ? firstAfter(PREFIXES.get(rest), after) : null);
    if (p) return p;
  }
  return null;
}

// ------------------------------------------------------------------ value collection

interface Collected {
  cells: StreamCell[];
  /** Row index and cell index after the last cell used. */
  nextRow: number;
  nextCell: number;
  pending?: string[];
}

/**
 * The cells holding a row's values: those after the label in its own row, or, when the label
 * stands alone (one cell per line, or a label paragraph), the value cells that follow.
 */
function collect(
  rows: StreamRow[],
  r: number,
  c: number,
  need: number,
  isLabel: (cell: StreamCell) => boolean,
  accept: (cell: StreamCell) => boolean,
  preferOffset: number | undefined,
  validate?: (cells: StreamCell[]) => boolean,
  preferStart?: number,
): Collected {
  const row = rows[r].cells;
  const rest: StreamCell[] = [];
  let j = c + 1;
  // the rest of a label broken over two cells ("2.申请人逾期未按收" | "费通知要求缴纳费用、…"), then the figures
  while (j < row.length && row.length - j - 1 >= need && isLabelRest(row[j]) && !isLabel(row[j])) j++;
  for (; j < row.length; j++) {
    if (isLabel(row[j])) break;
    rest.push(row[j]);
  }
  const nonBlank = rest.filter((x) => !isBlank(x.text));
  if (rest.length > 0 && nonBlank.length > 0) {
    if (rest.length < need && nonBlank.some((x) => isRunTogether(x.text) && x.text.length > 1)) {
      return { cells: rest, nextRow: r, nextCell: j, pending: rest.map((x) => x.text) };
    }
    if (rest.length >= need) {
      const preferred = preferStart === undefined ? undefined : preferStart - (c + 1);
      const window = chooseWindow(rest, need, preferOffset, validate, preferred);
      window.start = c + 1 + (window.offset ?? 0);
      return { cells: window, nextRow: r, nextCell: j };
    }
    if (!rows[r].paragraph) return { cells: rest, nextRow: r, nextCell: j };
  }
  // Another label follows in the same row, or blank cells stand for the values: no figures here.
  if (j < row.length || (rest.length > 0 && !rows[r].paragraph)) return { cells: rest, nextRow: r, nextCell: j };
  // The label stands alone (one cell per line, a label paragraph): its values follow.
  const out: StreamCell[] = [...nonBlank];
  for (let rr = r + 1; rr < rows.length && rr <= r + need + 40; rr++) {
    const cells = rows[rr].cells;
    for (let cc = 0; cc < cells.length; cc++) {
      const cell = cells[cc];
      if (isLabel(cell)) return finish(out, need, rr, cc);
      if (accept(cell)) {
        if (cell.text.trim() === '') continue;
        out.push(cell);
        if (out.length >= need) return finish(out, need, rr, cc + 1);
      } else if (out.length > 0) return finish(out, need, rr, cc);
    }
  }
  return finish(out, need, rows.length, 0);
}

/** Words without a digit or a blank mark: the continuation of a label, never a cell's figure. */
function isLabelRest(cell: StreamCell): boolean {
  const t = cell.text;
  return /[\u4e00-\u9fff]{2}/.test(t) && !/[\d/—\-]/.test(nfkc(t));
}

/**
 * Figures gathered from the lines after a label. Fewer than the row has cells: some ran together,
 * or blank cells left nothing behind, and which cell each figure belongs to is not known — the
 * row goes to the table's arithmetic (run-together.ts), never filled from the left.
 */
function finish(cells: StreamCell[], need: number, nextRow: number, nextCell: number): Collected {
  if (cells.length > 0 && cells.length < need) return { cells, nextRow, nextCell, pending: cells.map((x) => x.text) };
  return { cells, nextRow, nextCell };
}

/**
 * From more cells than values, the window of `need` cells outside which every cell is blank
 * (the rest is padding left by merged label columns). Several windows: the one whose figures
 * add up, else the offset the other rows of the table used, else the leftmost.
 */
function chooseWindow(
  cells: StreamCell[],
  need: number,
  preferOffset: number | undefined,
  validate?: (cells: StreamCell[]) => boolean,
  /** The offset at which the table's other rows, written in the same columns, hold their figures. */
  sameColumns?: number,
): Window {
  if (cells.length === need) return withOffset(cells, 0, true);
  const blank = cells.map((x) => isBlank(x.text));
  // padding left by merged cells is always empty; a "/" or "—" is a blank the report wrote
  const empty = cells.map((x) => x.text.trim() === '');
  const candidates: number[] = [];
  for (let s = 0; s + need <= cells.length; s++) {
    let ok = true;
    for (let i = 0; i < cells.length && ok; i++) if ((i < s || i >= s + need) && !empty[i]) ok = false;
    if (ok) candidates.push(s);
  }
  if (candidates.length === 0) {
    // as many figures as columns, with empty cells between them (a column of a table without
    // rules split in two in this row): the figures in their order, one per column
    const filled = cells.filter((_, i) => !empty[i]);
    if (filled.length === need) return withOffset(filled, cells.indexOf(filled[0]), false);
    // more figures than columns: take the leftmost run that holds the most figures
    let best = 0;
    let bestCount = -1;
    for (let s = 0; s + need <= cells.length; s++) {
      let n = 0;
      for (let i = s; i < s + need; i++) if (!blank[i]) n++;
      if (n > bestCount) {
        best = s;
        bestCount = n;
      }
    }
    return withOffset(cells.slice(best, best + need), best, false);
  }
  if (candidates.length === 1) return withOffset(cells.slice(candidates[0], candidates[0] + need), candidates[0], true);
  if (validate) {
    const good = candidates.filter((s) => validate(cells.slice(s, s + need)));
    if (good.length === 1) return withOffset(cells.slice(good[0], good[0] + need), good[0], true);
  }
  // the table is a regular grid: its figures stand in the same columns as in the rows that were certain
  if (sameColumns !== undefined && candidates.includes(sameColumns)) return withOffset(cells.slice(sameColumns, sameColumns + need), sameColumns, false);
  const s = preferOffset !== undefined && candidates.includes(preferOffset) ? preferOffset : candidates[0];
  return withOffset(cells.slice(s, s + need), s, false);
}

/** The cells chosen for a row's figures: where they start among the cells offered, in the row, and whether no other choice was possible. */
type Window = StreamCell[] & { offset?: number; start?: number; sure?: boolean };

function withOffset(cells: StreamCell[], offset: number, sure: boolean): Window {
  const out = cells as Window;
  out.offset = offset;
  out.sure = sure;
  return out;
}

function mostCommon(xs: number[]): number | undefined {
  const counts = new Map<number, number>();
  let best: number | undefined;
  let bestN = 0;
  for (const x of xs) {
    const n = (counts.get(x) ?? 0) + 1;
    counts.set(x, n);
    if (n > bestN) {
      best = x;
      bestN = n;
    }
  }
  return best;
}

function rowTotalHolds(cells: StreamCell[]): boolean {
  const vals = cells.map((c) => readCount(c.text));
  const total = vals[REQUEST_TOTAL_COL];
  if (total.kind !== 'count') return false;
  let sum = 0;
  for (let i = 0; i < REQUEST_TOTAL_COL; i++) {
    const v = vals[i];
    if (v.kind === 'count') sum += v.value;
    else if (v.kind === 'invalid') return false;
  }
  return sum === total.value;
}

// ------------------------------------------------------------------ the three tables

function countCells(
  cells: StreamCell[],
  need: number,
  table: 'requests' | 'review',
  row: string,
  colOffset: number,
  out: TableParse,
): CountCell[] {
  const values: CountCell[] = [];
  for (let i = 0; i < need; i++) {
    const cell = cells[i];
    if (!cell) {
      values.push(null);
      continue;
    }
    if (out.sources && cell.source) out.sources.set(`${table}/${row}/${colOffset + i}`, cell.source);
    if (cell.unreadable) {
      values.push(null);
      out.anomalies.push({ where: { table, row, col: colOffset + i }, kind: 'unreadable', raw: cell.text });
      continue;
    }
    const v = readCount(cell.text);
    if (v.kind === 'count') values.push(v.value);
    else {
      values.push(null);
      if (v.kind === 'invalid') out.anomalies.push({ where: { table, row, col: colOffset + i }, kind: 'invalid', raw: v.raw });
    }
  }
  return values;
}

/** Table III's rows, gathered in the order found (orderRequests puts them in the layout's order). */
function parseRequests(rows: StreamRow[], out: TableParse, found: Map<string, CountCell[]>): RequestsParse {
  /** Stream rows whose cells went to a row of the table (its label or its figures). */
  const consumed = new Set<number>();
  const emptyCells = new Map<string, number[]>();
  let otherLabelInRow = false;
  let firstBlock = Number.POSITIVE_INFINITY;
  let lastBlock = -1;
  let after = -1;
  const offsets: number[] = [];
  /** Per table, the columns where rows whose figures could stand nowhere else have them. */
  const certainStarts = new Map<number, number[]>();
  let otherSubRows = false;
  let otherSingle = false;
  let lastRow = -1;
  const isLabelAfter = (order: number) => (cell: StreamCell) => matchRequestRow(cell.key, order) !== null;
  let r = 0;
  let c = 0;
  while (r < rows.length) {
    const cells = rows[r].cells;
    if (c >= cells.length) {
      r++;
      c = 0;
      continue;
    }
    const p = matchRequestRow(cells[c].key, after) ?? firstLineMatch(cells[c].text, after);
    if (!p) {
      c++;
      continue;
    }
    const block = rows[r].block;
    const got = collect(rows, r, c, 7, isLabelAfter(p.order), (x) => isValueLike(x.text), mostCommon(offsets), rowTotalHolds, mostCommon(certainStarts.get(block) ?? []));
    after = p.order;
    if (p.key === 'other' && got.cells.length === 0 && !got.pending) {
      // "（六）其他处理" heading the 2021 sub-rows, not the 2019 row
      c++;
      continue;
    }
    for (let k = r; k <= Math.min(got.nextRow, rows.length - 1); k++) out.usedBlocks.add(rows[k].block);
    consumed.add(r);
    for (let k = r + 1; k <= Math.min(got.nextCell > 0 ? got.nextRow : got.nextRow - 1, rows.length - 1); k++) consumed.add(k);
    firstBlock = Math.min(firstBlock, block);
    lastBlock = Math.max(lastBlock, rows[Math.min(got.nextRow, rows.length - 1)].block);
    lastRow = Math.min(got.nextRow, rows.length - 1);
    if (claimsOtherRow(rows[r].cells, c, got.nextRow === r ? got.nextCell : rows[r].cells.length, p)) {
      // another row's label stands between this label and the figures: whose figures they are is not known
      otherLabelInRow = true;
      found.set(p.key, [null, null, null, null, null, null, null]);
      for (let col = 0; col < 7; col++) out.anomalies.push({ where: { table: 'requests', row: p.key, col }, kind: 'unreadable', raw: cells.slice(c).map((x) => x.text).join(' ') });
    } else if (got.pending) {
      out.pending.push({ table: 'requests', row: p.key, raw: got.pending, need: 7 });
      found.set(p.key, [null, null, null, null, null, null, null]);
    } else {
      const window = got.cells as Window;
      if (window.offset !== undefined) offsets.push(window.offset);
      if (window.sure && window.start !== undefined && !rows[r].paragraph) {
        const starts = certainStarts.get(block) ?? [];
        starts.push(window.start);
        certainStarts.set(block, starts);
      }
      found.set(p.key, countCells(got.cells, 7, 'requests', p.key, 0, out));
      const empty: number[] = [];
      for (let i = 0; i < 7; i++) if (!got.cells[i] || (got.cells[i].text.trim() === '' && !got.cells[i].unreadable)) empty.push(i);
      if (empty.length) emptyCells.set(p.key, empty);
    }
    if (p.key === 'other') otherSingle = true;
    if (p.key.startsWith('other.')) otherSubRows = true;
    if (p.key === 'carriedForward') break;
    if (got.nextRow === r && got.nextCell <= c) c++;
    else {
      r = got.nextRow;
      c = got.nextCell;
    }
  }
  out.requestsEnd = lastRow + 1;
  // figures in the table's blocks that went to no row: rows of figures whose label was not recognised
  let strayFigures = otherLabelInRow;
  for (let k = 0; k < rows.length && !strayFigures; k++) {
    if (consumed.has(k) || rows[k].block < firstBlock || rows[k].block > lastBlock) continue;
    const cells = rows[k].cells;
    const figures = cells.filter((x) => x.text.trim() !== '' && !isBlank(x.text) && isValueLike(x.text)).length;
    if (figures >= 2 || cells.some((x) => x.unreadable)) strayFigures = true;
  }
  return { otherSubRows, otherSingle, strayFigures, emptyCells };
}

interface RequestsParse {
  otherSubRows: boolean;
  otherSingle: boolean;
  /** The table held rows of figures (or unreadable cells) that no row label claimed. */
  strayFigures: boolean;
  /** Per row found, the columns where the table had no text at all (not even a "/"). */
  emptyCells: Map<string, number[]>;
}

/**
 * Whether a cell between a row's label and the end of what was taken for its figures holds, on
 * one of its lines, the label of another row ("（六）其他1.申请人无正当理由逾期" | "5.要求行政机关确认或重" | 0 …):
 * labels of a table without rules merged across rows, and the figures may be the other row's.
 */
function claimsOtherRow(cells: StreamCell[], from: number, to: number, p: RowPattern): boolean {
  for (let k = from + 1; k < Math.min(to, cells.length); k++) {
    const text = cells[k].text;
    if (cells[k].unreadable || isValueLike(text)) continue;
    for (const line of text.split('\n')) {
      const other = matchRequestRow(labelKey(line), -1);
      if (other && other !== p) return true;
    }
  }
  return false;
}

/** A label cell whose later lines hold another label's pieces ("（四）无法2.没有现成信息需要另" + "提供"): its first line. */
function firstLineMatch(text: string, after: number): RowPattern | null {
  const nl = text.indexOf('\n');
  if (nl < 0) return null;
  const key = labelKey(text.slice(0, nl));
  return key.length >= 4 ? matchRequestRow(key, after) : null;
}

/**
 * The safety net for tables read from PDFs: when the table held figures that no row label
 * claimed (a label garbled or merged with its neighbours beyond recognition), the layout's rows
 * that were not found, or were found without a figure, are the ones those figures may belong
 * to. Their cells are recorded as unreadable rather than left silently blank, so that the table's
 * arithmetic is not checked over them. A table that simply leaves a row out, with no figures
 * unaccounted for, keeps the row missing (the template rule reports it).
 */
function markUnfoundRows(out: TableParse, emptyCells: Map<string, number[]>): void {
  const marked = new Set(out.anomalies.filter((a) => a.where.table === 'requests').map((a) => `${a.where.row}/${a.where.col}`));
  for (const row of LAYOUTS[out.layout].requests) {
    const cells = out.requests[row.key];
    if (cells && cells.some((v) => v !== null)) {
      // a row found with empty cells: wrapped digits of these cells may be among the stray figures
      for (const col of emptyCells.get(row.key) ?? []) {
        if (cells[col] !== null || marked.has(`${row.key}/${col}`)) continue;
        out.anomalies.push({ where: { table: 'requests', row: row.key, col }, kind: 'unreadable', raw: '' });
      }
      continue;
    }
    if (cells && out.anomalies.some((a) => a.where.table === 'requests' && a.where.row === row.key)) continue;
    if (out.pending.some((p) => p.table === 'requests' && p.row === row.key)) continue;
    out.requests[row.key] = [null, null, null, null, null, null, null];
    for (let col = 0; col < 7; col++) out.anomalies.push({ where: { table: 'requests', row: row.key, col }, kind: 'unreadable', raw: '' });
  }
  out.requests = orderRequests(new Map(Object.entries(out.requests)), out.layout);
}

const REVIEW_HEAD = labelKey('行政复议');
const REVIEW_WORDS = new RegExp([...REVIEW_COLUMNS.map((c) => c.label), ...REVIEW_ROWS.map((r) => r.label), '行政诉讼'].map(labelKey).sort((a, b) => b.length - a.length).join('|'), 'g');
/** A line of table IV's headings run together ("结果维持结果纠正其他结果尚未审结总计结果维持…"), not prose. */
function isReviewHeading(key: string): boolean {
  return key.replace(REVIEW_WORDS, '') === '';
}
const REVIEW_NEED = REVIEW_ROWS.length * 5;

function parseReview(rows: StreamRow[], out: TableParse): void {
  let start = -1;
  for (let r = out.requestsEnd; r < rows.length && start < 0; r++) {
    if (rows[r].cells.some((x) => x.key === REVIEW_HEAD)) start = r;
  }
  if (start < 0) {
    for (let r = 0; r < rows.length && start < 0; r++) if (rows[r].cells.some((x) => x.key === REVIEW_HEAD)) start = r;
  }
  if (start < 0) return;
  const values: StreamCell[] = [];
  const used: number[] = [start];
  let pendingRaw: string[] | null = null;
  let fromText = false;
  for (let r = start + 1; r < rows.length && values.length < REVIEW_NEED; r++) {
    const cells = rows[r].cells;
    const allValues = cells.every((x) => isValueLike(x.text));
    if (allValues) {
      const blankRow = cells.every((x) => isBlank(x.text));
      if (blankRow && values.length === 0 && cells.length < REVIEW_NEED) continue;
      if (cells.length === 1 && isRunTogether(cells[0].text) && cells[0].text.length > 3 && values.length === 0) {
        pendingRaw = [cells[0].text];
        used.push(rows[r].block);
        break;
      }
      values.push(...cells);
      if (rows[r].paragraph) fromText = true;
      used.push(rows[r].block);
      continue;
    }
    if (values.length > 0) break;
    // header rows; prose means the table has ended without figures
    if (rows[r].paragraph && cells.length === 1 && cells[0].text.length > 30 && !isReviewHeading(cells[0].key)) break;
    used.push(rows[r].block);
  }
  for (const b of used) out.usedBlocks.add(b);
  // figures from lines of text, fewer than the table has cells: which cell each belongs to is for the arithmetic to say
  if (!pendingRaw && values.length > 0 && values.length < REVIEW_NEED && fromText && values.some((x) => !isBlank(x.text))) pendingRaw = values.map((x) => x.text);
  if (pendingRaw) {
    out.pending.push({ table: 'review', row: '*', raw: pendingRaw, need: REVIEW_NEED });
    for (const row of REVIEW_ROWS) out.review[row.key] = [null, null, null, null, null];
    return;
  }
  if (values.length === 0) return;
  const window = values.length > REVIEW_NEED ? chooseWindow(values, REVIEW_NEED, undefined) : values;
  REVIEW_ROWS.forEach((row, i) => {
    const part = window.slice(i * 5, i * 5 + 5);
    if (part.length === 0) return;
    out.review[row.key] = countCells(part, 5, 'review', row.key, 0, out);
  });
}

const ACTIVE_LABELS = new Map<string, string>();
for (const layout of Object.values(LAYOUTS)) {
  for (const row of layout.active) for (const l of row.labels) ACTIVE_LABELS.set(labelKey(l), row.key);
}
const ACTIVE_VALUE = /^(?:[+-]?\d[\d,]*(?:\.\d+)?(?:%|万元|元|万|项|件|个)?|(?:增加|减少|新增|增|减)\d+(?:\.\d+)?[项件个%]?|\/|—|－|-|无)?$/;

function parseActive(rows: StreamRow[], out: TableParse, layout: LayoutId, limit: number): void {
  const defs = new Map<string, ActiveRowDef>(LAYOUTS[layout].active.map((d) => [d.key, d]));
  const isActiveLabel = (cell: StreamCell) => ACTIVE_LABELS.has(cell.key) || /^第二十条/.test(cell.key) || cell.key === '信息内容';
  const accept = (cell: StreamCell) => ACTIVE_VALUE.test(cell.key.replace(/\s/g, ''));
  for (let r = 0; r < limit; r++) {
    const cells = rows[r].cells;
    for (let c = 0; c < cells.length; c++) {
      const key = ACTIVE_LABELS.get(cells[c].key);
      if (!key || out.active[key]) continue;
      const def = defs.get(key);
      if (!def) continue;
      const need = def.fields.length;
      const got = collect(rows, r, c, need, isActiveLabel, accept, 0);
      const values: Record<string, ActiveCell> = {};
      // figures run together or blanks lost in text: which field each belongs to is not known
      const unplaced = got.pending !== undefined && rows[r].paragraph;
      def.fields.forEach((f, i) => {
        const cell = got.cells[i];
        if (unplaced) {
          values[f.key] = null;
          out.anomalies.push({ where: { table: 'active', row: key, field: f.key }, kind: 'unreadable', raw: got.pending!.join(' ') });
          return;
        }
        if (cell?.unreadable) {
          values[f.key] = null;
          out.anomalies.push({ where: { table: 'active', row: key, field: f.key }, kind: 'unreadable', raw: cell.text });
          return;
        }
        values[f.key] = cell ? readActive(cell.text) : null;
        if (out.sources && cell?.source) out.sources.set(`active/${key}/${f.key}`, cell.source);
      });
      out.active[key] = values;
      out.usedBlocks.add(rows[r].block);
      for (let k = r + 1; k <= Math.min(got.nextCell > 0 ? got.nextRow : got.nextRow - 1, rows.length - 1); k++) out.usedBlocks.add(rows[k].block);
      c = got.nextRow === r ? got.nextCell - 1 : cells.length;
    }
  }
}

const MARKERS_2021 = new RegExp(LAYOUT_MARKERS['2021'].join('|'));
const MARKERS_2019 = new RegExp(LAYOUT_MARKERS['2019'].join('|'));

function detectLayout(rows: StreamRow[], limit: number, otherSubRows: boolean, otherSingle: boolean): LayoutId {
  let score2021 = otherSubRows ? 3 : 0;
  let score2019 = otherSingle ? 3 : 0;
  for (let r = 0; r < limit; r++) {
    for (const cell of rows[r].cells) {
      const key = cell.key;
      if (key.length < 4 || key.length > 20) continue;
      if (MARKERS_2021.test(key)) score2021++;
      if (MARKERS_2019.test(key)) score2019++;
      if (key === '规范性文件') score2019++;
      if (key === '行政规范性文件') score2021++;
    }
  }
  return score2019 > score2021 ? '2019' : '2021';
}

/** The labels of table III's first rows, which mark where table II ends. */
const FIRST_REQUEST_ROWS = [labelKey('本年新收政府信息公开申请数量'), labelKey('上年结转政府信息公开申请数量')];

export function parseTables(rows: StreamRow[], options: { sources?: boolean; pdf?: boolean } = {}): TableParse {
  const out: TableParse = {
    requests: {},
    review: {},
    active: {},
    layout: '2021',
    anomalies: [],
    pending: [],
    usedBlocks: new Set(),
    sources: options.sources ? new Map() : null,
    requestsEnd: 0,
  };
  const foundRequests = new Map<string, CountCell[]>();
  const { otherSubRows, otherSingle, strayFigures, emptyCells } = parseRequests(rows, out, foundRequests);
  // Table II stands before table III; when there is no table III, search the whole document.
  let firstRequestRow = rows.length;
  for (let r = 0; r < rows.length; r++) {
    if (rows[r].cells.some((x) => x.key === FIRST_REQUEST_ROWS[0] || x.key === FIRST_REQUEST_ROWS[1])) {
      firstRequestRow = r;
      break;
    }
  }
  out.layout = detectLayout(rows, firstRequestRow, otherSubRows, otherSingle);
  parseActive(rows, out, out.layout, firstRequestRow);
  parseReview(rows, out);
  out.requests = orderRequests(foundRequests, out.layout);
  if (options.pdf && strayFigures && foundRequests.size > 0) markUnfoundRows(out, emptyCells);
  return out;
}

/** Rows in the layout's order; a 2019 row found in a 2021 report (or the reverse) is kept after them. */
function orderRequests(found: Map<string, CountCell[]>, layout: LayoutId): Record<string, CountCell[]> {
  const ordered: Record<string, CountCell[]> = {};
  for (const row of LAYOUTS[layout].requests) {
    const cells = found.get(row.key);
    if (cells) ordered[row.key] = cells;
  }
  for (const [k, v] of found) if (!(k in ordered)) ordered[k] = v;
  return ordered;
}
