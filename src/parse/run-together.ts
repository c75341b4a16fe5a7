/**
 * Rows whose cell boundaries were lost in the source ("640020470" for 64 | 0 | 0 | 2 | 0 | 4 | 70,
 * as crawlers and naive PDF extraction give them). A row is restored only where the table's own
 * arithmetic leaves exactly one way to cut the digits:
 *
 * - every row of table III: the total column is the sum of the six applicant columns;
 * - every column of table III: 一 + 二 = （七）总计 + 四 (the 勾稽关系 printed in the table), and
 *   （七）总计 = the sum of the outcome rows;
 * - every row of table IV: 总计 = 维持 + 纠正 + 其他 + 尚未审结.
 *
 * A number never starts with 0 unless it is 0. Rows are solved one after the other while one of
 * them becomes unique (a solved row can pin down the next). Whatever stays ambiguous keeps null
 * cells and is recorded as 'unreadable' (the cell.unreadable rule reports them): never guessed.
 */
import { LAYOUTS, REQUEST_TOTAL_COL, REVIEW_ROWS, REVIEW_TOTAL_COL } from '../model/layouts.js';
import type { Anomaly, CountCell } from '../model/report.js';
import type { Pending } from './tables.js';

export interface RunTogetherInput {
  requests: Record<string, CountCell[]>;
  review: Record<string, CountCell[]>;
  pending: Pending[];
  /** Table III rows with cells the reader could not read: their blanks are not zeros for the arithmetic. */
  unreadableRows?: Iterable<string>;
}

/** Candidate splits beyond this many are not enumerated: the row is unreadable. */
const MAX_CANDIDATES = 200_000;
const MAX_DIGITS = 60;
/**
 * Table IV given as one run of its fifteen cells: readings with more lost blank cells than this
 * are not tried (too many ways to place them). Table III rows are tried with any number.
 */
const MAX_LOST_BLANKS = 2;

const OUTCOME_KEYS = new Set<string>();
for (const layout of Object.values(LAYOUTS)) for (const row of layout.requests) if (row.outcome) OUTCOME_KEYS.add(row.key);

/** The raw cells of a pending row as pieces: a run of digits, or a blank that stands for one empty cell. */
type Piece = { digits: string } | { blank: true };

function pieces(raw: string[]): Piece[] | null {
  const out: Piece[] = [];
  for (const cell of raw) {
    const s = cell.normalize('NFKC').replace(/[\s,，]/g, '');
    if (s === '' || /^(?:[/\\\-—–－─]|--|——|无)$/.test(s)) out.push({ blank: true });
    else if (/^\d+$/.test(s)) out.push({ digits: s });
    else return null;
  }
  return out;
}

/** Every way to cut `digits` into `k` numbers (no leading zeros), as arrays. */
function cuts(digits: string, k: number, limit: { n: number }): number[][] {
  const out: number[][] = [];
  const part: number[] = [];
  const rec = (pos: number, left: number) => {
    if (limit.n > MAX_CANDIDATES) return;
    if (left === 0) {
      if (pos === digits.length) {
        out.push([...part]);
        limit.n++;
      }
      return;
    }
    const remaining = digits.length - pos;
    if (remaining < left) return;
    const maxLen = digits[pos] === '0' ? 1 : Math.min(9, remaining - (left - 1));
    for (let len = 1; len <= maxLen; len++) {
      part.push(Number(digits.slice(pos, pos + len)));
      rec(pos + len, left - 1);
      part.pop();
    }
  };
  rec(0, k);
  return out;
}

/**
 * Every way to read the pieces as `need` cells (a blank is one null cell, a digit run one or more
 * numbers). A blank cell leaves nothing behind where cells run together ("5" + "" + "3" → "53"),
 * so fewer numbers than cells are read too, with the missing cells blank wherever they may stand.
 */
function candidates(ps: Piece[], need: number, accept: (values: CountCell[]) => boolean): CountCell[][] | null {
  const out: CountCell[][] = [];
  const limit = { n: 0 };
  const digitPieces = ps.filter((p) => 'digits' in p).length;
  const blanks = ps.length - digitPieces;
  const spread = need - blanks;
  if (spread < digitPieces) return [];
  const values: CountCell[] = [];
  const full: CountCell[] = new Array(need);
  // a row of table III: every way, within the budget; table IV's fifteen cells at once: up to a few
  const maxLost = need <= 7 ? need : MAX_LOST_BLANKS;
  /** Place `lost` blank cells among the values read, every way, each full row offered to accept. */
  const withLostBlanks = (lost: number): void => {
    const place = (v: number, cell: number, left: number): void => {
      if (limit.n > MAX_CANDIDATES) return;
      if (cell === need) {
        limit.n++;
        if (accept(full)) out.push([...full]);
        return;
      }
      if (left > 0) {
        full[cell] = null;
        place(v, cell + 1, left - 1);
      }
      if (v < values.length) {
        full[cell] = values[v];
        place(v + 1, cell + 1, left);
      }
    };
    place(0, 0, lost);
  };
  const rec = (i: number, left: number): void => {
    if (limit.n > MAX_CANDIDATES) return;
    if (i === ps.length) {
      if (left <= maxLost) withLostBlanks(left);
      return;
    }
    const p = ps[i];
    if ('blank' in p) {
      values.push(null);
      rec(i + 1, left);
      values.pop();
      return;
    }
    const laterDigitPieces = ps.slice(i + 1).filter((x) => 'digits' in x).length;
    for (let k = 1; k <= Math.min(left - laterDigitPieces, p.digits.length); k++) {
      for (const cut of cuts(p.digits, k, limit)) {
        values.push(...cut);
        rec(i + 1, left - k);
        values.length -= k;
      }
    }
  };
  rec(0, spread);
  if (limit.n > MAX_CANDIDATES) return null;
  return out;
}

const num = (v: CountCell | undefined) => (typeof v === 'number' ? v : null);

function rowTotalHolds(values: CountCell[], totalCol: number): boolean {
  const total = num(values[totalCol]);
  if (total === null) return false;
  let sum = 0;
  for (let i = 0; i < totalCol; i++) sum += num(values[i]) ?? 0;
  return sum === total;
}

/**
 * For table III row `key`, the value each column must have given the other rows, where the
 * other rows of a relation are all known; null where the relation says nothing.
 */
function expectedRequestValues(requests: Record<string, CountCell[]>, key: string, unknown: Set<string>): (number | null)[] {
  const expected: (number | null)[] = new Array(7).fill(null);
  const known = (k: string) => requests[k] !== undefined && !unknown.has(k);
  const outcomes = Object.keys(requests).filter((k) => OUTCOME_KEYS.has(k));
  for (let c = 0; c < 7; c++) {
    const v = (k: string) => num(requests[k]?.[c]) ?? 0;
    // 一 + 二 = 总计 + 四
    const balance = ['newReceived', 'carriedOver', 'total', 'carriedForward'];
    if (balance.includes(key) && balance.every((k) => k === key || known(k))) {
      const sides: Record<string, number> = { newReceived: 1, carriedOver: 1, total: -1, carriedForward: -1 };
      let s = 0;
      for (const k of balance) if (k !== key) s += sides[k] * v(k);
      expected[c] = -s * sides[key];
    }
    // 总计 = sum of outcome rows
    if (outcomes.length && (key === 'total' || OUTCOME_KEYS.has(key)) && [...outcomes, 'total'].every((k) => k === key || known(k))) {
      const sumOthers = outcomes.filter((k) => k !== key).reduce((s, k) => s + v(k), 0);
      const e = key === 'total' ? sumOthers : v('total') - sumOthers;
      if (expected[c] !== null && expected[c] !== e) expected[c] = Number.NaN;
      else expected[c] = e;
    }
  }
  return expected;
}

export function resolveRunTogether(input: RunTogetherInput): Anomaly[] {
  const anomalies: Anomaly[] = [];
  const open = new Map<Pending, CountCell[][] | null>();
  const unknownRequests = new Set<string>(input.unreadableRows ?? []);

  for (const p of input.pending) {
    const ps = pieces(p.raw);
    const digits = ps?.reduce((n, x) => n + ('digits' in x ? x.digits.length : 0), 0) ?? 0;
    if (!ps || digits > MAX_DIGITS) {
      open.set(p, null);
      if (p.table === 'requests') unknownRequests.add(p.row);
      continue;
    }
    if (p.table === 'requests') {
      unknownRequests.add(p.row);
      open.set(p, candidates(ps, p.need, (v) => rowTotalHolds(v, REQUEST_TOTAL_COL)));
    } else {
      // table IV given as one run of digits: rows of five, each adding up
      const need = p.need;
      open.set(
        p,
        candidates(ps, need, (v) => {
          for (let r = 0; r * 5 < need; r++) if (!rowTotalHolds(v.slice(r * 5, r * 5 + 5), REVIEW_TOTAL_COL)) return false;
          return true;
        }),
      );
    }
  }

  // Solve rows one at a time while that pins a row down.
  let progress = true;
  while (progress) {
    progress = false;
    for (const [p, cands] of open) {
      if (!cands) continue;
      let left = cands;
      if (p.table === 'requests') {
        const expected = expectedRequestValues(input.requests, p.row, new Set([...unknownRequests].filter((k) => k !== p.row)));
        left = cands.filter((v) => expected.every((e, c) => e === null || v[c] === e));
      }
      if (left.length !== 1) {
        open.set(p, left);
        continue;
      }
      const values = left[0];
      if (p.table === 'requests') {
        const row = input.requests[p.row];
        for (let c = 0; c < 7; c++) row[c] = values[c];
        unknownRequests.delete(p.row);
      } else {
        REVIEW_ROWS.forEach((r, i) => {
          const row = input.review[r.key] ?? (input.review[r.key] = [null, null, null, null, null]);
          for (let c = 0; c < 5; c++) row[c] = values[i * 5 + c];
        });
      }
      open.delete(p);
      progress = true;
    }
  }

  for (const p of open.keys()) {
    const raw = p.raw.join(' ');
    if (p.table === 'requests') {
      for (let col = 0; col < p.need; col++) anomalies.push({ where: { table: 'requests', row: p.row, col }, kind: 'unreadable', raw });
    } else {
      for (const row of REVIEW_ROWS) for (let col = 0; col < 5; col++) anomalies.push({ where: { table: 'review', row: row.key, col }, kind: 'unreadable', raw });
    }
  }
  return anomalies;
}
