/**
 * PDF → Document, from the text layer (pdfjs-dist, legacy build for Node 20). Tables exist in a
 * PDF only as text at positions and lines drawn around it, so they are rebuilt:
 *
 * - ruled tables: the drawn rules (stroked lines, thin filled rectangles, from the operator list)
 *   give the grid; a missing rule between two grid cells means a merged cell (rowSpan/colSpan);
 *   text goes to the cell holding its centre, lines inside a cell joined with '\n' (a label
 *   wrapped over several lines stays one cell);
 * - rules missing: lines whose text stands in columns separated by wide gaps become table rows,
 *   one cell per column;
 * - everything else becomes paragraphs: a line continues the previous one unless it is indented,
 *   the previous line stopped short, the size changes or there is a gap; across pages too.
 *   Page numbers in the margins are left out.
 *
 * A table continued on the next page is a second table, with or without its header repeated:
 * the parser finds rows by their labels. No text layer (a scan) and encrypted files are refused
 * with a message saying so; no OCR is attempted.
 */
import { dirname, join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.js';
import type { Block, Document, TableCell } from './document.js';
import { inflateSynchronouslyFor } from './pdf-inflate.js';
import { DirectPort } from './pdf-port.js';
import { apply, fontNames, mul, pageWords, type FontInfo, type Item, type Matrix, type TextOps } from './pdf-glyphs.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfWorker = InstanceType<PdfJs['PDFWorker']>;
let pdfjsPromise: Promise<{ lib: PdfJs; dir: string; worker: PdfWorker }> | null = null;

/**
 * The legacy build installs core-js polyfills over built-ins that Node 20 has (Array.prototype.push,
 * JSON.parse, JSON.stringify …), which slows every later call in the process several times over.
 * Built-ins that existed before the import get their own implementation back; what Node 20 lacks
 * stays polyfilled. The worker module is loaded here too (pdfjs runs it in this thread), so its
 * polyfills are undone as well.
 */
const GUARDED: [string, object | undefined][] = [
  ['Array.prototype', Array.prototype],
  ['Array', Array],
  ['JSON', JSON],
  ['Object', Object],
  ['Promise', Promise],
  ['Map', Map],
  ['Map.prototype', Map.prototype],
  ['Set.prototype', Set.prototype],
  ['WeakMap.prototype', WeakMap.prototype],
  ['Uint8Array', Uint8Array],
  ['Uint8Array.prototype', Uint8Array.prototype],
  ['TypedArray.prototype', Object.getPrototypeOf(Uint8Array.prototype) as object],
  ['String.prototype', String.prototype],
  ['URL', URL],
  ['globalThis', globalThis],
];

function snapshot(): Map<object, Map<PropertyKey, PropertyDescriptor>> {
  const out = new Map<object, Map<PropertyKey, PropertyDescriptor>>();
  for (const [, target] of GUARDED) {
    if (!target) continue;
    const props = new Map<PropertyKey, PropertyDescriptor>();
    for (const key of Reflect.ownKeys(target)) {
      const d = Object.getOwnPropertyDescriptor(target, key);
      if (d) props.set(key, d);
    }
    out.set(target, props);
  }
  return out;
}

function restore(before: Map<object, Map<PropertyKey, PropertyDescriptor>>): void {
  for (const [target, props] of before) {
    for (const [key, d] of props) {
      const now = Object.getOwnPropertyDescriptor(target, key);
      if (now && (now.value !== d.value || now.get !== d.get || now.set !== d.set)) {
        try {
          Object.defineProperty(target, key, d);
        } catch {
          // not configurable: leave it
        }
      }
    }
  }
}

function loadPdfJs(): Promise<{ lib: PdfJs; dir: string; worker: PdfWorker }> {
  pdfjsPromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('pdfjs-dist/package.json'));
    packageDir = dir;
    const before = snapshot();
    const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
    // pdfjs ships source maps of several megabytes, which Node (when source maps are on, as
    // under tsx) reads and parses as soon as pdfjs makes an error at load: a third of a second
    // in every thread that reads a PDF, for stack traces that would point into pdfjs's sources
    const sourceMaps = process.sourceMapsEnabled;
    process.setSourceMapsEnabled(false);
    try {
      const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
      const workerSide = (await import(workerModule)) as { WorkerMessageHandler: { initializeFromPort(port: DirectPort): void } };
      // one worker side for every document, talking to the API over a port that does not
      // copy messages with structuredClone (see pdf-port.ts)
      const port = new DirectPort();
      workerSide.WorkerMessageHandler.initializeFromPort(port);
      // (the typings say null, the code takes any object with postMessage and addEventListener)
      const worker = new lib.PDFWorker({ port: port as unknown as null, verbosity: 0 });
      return { lib, dir, worker };
    } finally {
      restore(before);
      process.setSourceMapsEnabled(sourceMaps);
      // (after the restore, which would put Node's own back)
      inflateSynchronouslyFor(pathToFileURL(join(dir, 'legacy', 'build', 'pdf.worker.mjs')).href);
    }
  })();
  return pdfjsPromise;
}

const MAX_PAGES = 500;

/** Just enough of a DOM document for pdfjs to "install" a font as a CSS rule; nothing is kept. */
const INERT_DOCUMENT = {
  createElement: () => ({ sheet: { cssRules: [], insertRule: () => 0 }, remove: () => {} }),
  documentElement: { getElementsByTagName: () => [{ append: () => {} }] },
};
const PAGES_AT_ONCE = 4;

/**
 * CMaps, standard font data and wasm read from the pdfjs package once per process and kept in
 * memory (pdfjs would read them from disk again for every document).
 */
const binaryCache = new Map<string, Promise<Uint8Array>>();
let packageDir = '';
class CachedBinaryDataFactory {
  constructor(_options: unknown) {}
  fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const folder = kind === 'cMapUrl' ? 'cmaps' : kind === 'standardFontDataUrl' ? 'standard_fonts' : 'wasm';
    const path = join(packageDir, folder, filename);
    let data = binaryCache.get(path);
    if (!data) {
      data = readFile(path).then((b) => new Uint8Array(b));
      binaryCache.set(path, data);
      data.catch(() => binaryCache.delete(path));
    }
    // a copy: pdfjs may hand the buffer on to its worker side
    return data.then((d) => d.slice());
  }
}

// ------------------------------------------------------------------ geometry

const cy = (it: Item) => it.base - it.size * 0.35;
const cx = (it: Item) => (it.x0 + it.x1) / 2;

interface HSeg {
  y: number;
  x0: number;
  x1: number;
}
interface VSeg {
  x: number;
  y0: number;
  y1: number;
}

/**
 * Pieces of one rule joined: pieces at the same position (within a point and a half) whose
 * extents touch. Rules of two tables standing one above the other at nearly the same position
 * stay apart: pieces are joined along the rule only where they meet.
 */
function mergeRules<T>(segs: T[], pos: (s: T) => number, from: (s: T) => number, to: (s: T) => number, extend: (s: T, end: number) => void): T[] {
  segs.sort((a, b) => pos(a) - pos(b));
  const lines: T[][] = [];
  for (const s of segs) {
    const last = lines[lines.length - 1];
    if (last && pos(s) - pos(last[0]) <= 1.5) last.push(s);
    else lines.push([s]);
  }
  const out: T[] = [];
  for (const line of lines) {
    line.sort((a, b) => from(a) - from(b));
    let cur: T | null = null;
    for (const s of line) {
      if (cur && from(s) <= to(cur) + 2) extend(cur, Math.max(to(cur), to(s)));
      else out.push((cur = { ...s }));
    }
  }
  return out;
}

const mergeH = (segs: HSeg[]) => mergeRules(segs, (s) => s.y, (s) => s.x0, (s) => s.x1, (s, end) => (s.x1 = end));
const mergeV = (segs: VSeg[]) => mergeRules(segs, (s) => s.x, (s) => s.y0, (s) => s.y1, (s, end) => (s.y1 = end));

function cluster(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const v of sorted) {
    if (group.length && v - group[group.length - 1] > tol) {
      out.push(group.reduce((a, b) => a + b, 0) / group.length);
      group = [];
    }
    group.push(v);
  }
  if (group.length) out.push(group.reduce((a, b) => a + b, 0) / group.length);
  return out;
}

// ------------------------------------------------------------------ rules from the operator list

function rulesOf(lib: PdfJs, ops: { fnArray: number[]; argsArray: unknown[] }, viewport: Matrix): { h: HSeg[]; v: VSeg[] } {
  const OPS = lib.OPS;
  const h: HSeg[] = [];
  const v: VSeg[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const STROKE = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const FILL = new Set([OPS.fill, OPS.eoFill]);
  const addSeg = (ax: number, ay: number, bx: number, by: number) => {
    const m = mul(viewport, ctm);
    const [x0, y0] = apply(m, ax, ay);
    const [x1, y1] = apply(m, bx, by);
    if (Math.abs(y1 - y0) <= 1 && Math.abs(x1 - x0) > 1) h.push({ y: (y0 + y1) / 2, x0: Math.min(x0, x1), x1: Math.max(x0, x1) });
    else if (Math.abs(x1 - x0) <= 1 && Math.abs(y1 - y0) > 1) v.push({ x: (x0 + x1) / 2, y0: Math.min(y0, y1), y1: Math.max(y0, y1) });
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform) ctm = mul(ctm, ops.argsArray[i] as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      // a form XObject draws in its own space, inside an implicit save/restore
      stack.push(ctm);
      const matrix = (ops.argsArray[i] as [Matrix | null])[0];
      if (matrix) ctm = mul(ctm, Array.from(matrix) as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.constructPath) {
      const args = ops.argsArray[i] as [number, (Float32Array | number[] | null)[], unknown];
      const paint = args[0];
      const stroke = STROKE.has(paint);
      const fill = FILL.has(paint) || paint === OPS.fillStroke || paint === OPS.eoFillStroke;
      if (!stroke && !fill) continue;
      const data = args[1]?.[0];
      if (!data) continue;
      // sub-paths: 0 moveTo, 1 lineTo, 2 curveTo, 3 quadraticCurveTo, 4 closePath
      const pts: [number, number][] = [];
      let curved = false;
      const flush = (closed: boolean) => {
        if (pts.length >= 2 && !curved) {
          if (stroke) {
            for (let k = 1; k < pts.length; k++) addSeg(pts[k - 1][0], pts[k - 1][1], pts[k][0], pts[k][1]);
            if (closed) addSeg(pts[pts.length - 1][0], pts[pts.length - 1][1], pts[0][0], pts[0][1]);
          } else if (pts.length >= 4) {
            // a filled rectangle thin enough to be a rule
            const m = mul(viewport, ctm);
            const tp = pts.map(([x, y]) => apply(m, x, y));
            const xs = tp.map((p) => p[0]);
            const ys = tp.map((p) => p[1]);
            const x0 = Math.min(...xs);
            const x1 = Math.max(...xs);
            const y0 = Math.min(...ys);
            const y1 = Math.max(...ys);
            if (y1 - y0 <= 2.5 && x1 - x0 > 3) h.push({ y: (y0 + y1) / 2, x0, x1 });
            else if (x1 - x0 <= 2.5 && y1 - y0 > 3) v.push({ x: (x0 + x1) / 2, y0, y1 });
          }
        }
        pts.length = 0;
        curved = false;
      };
      let k = 0;
      while (k < data.length) {
        const op = data[k];
        if (op === 0) {
          flush(false);
          pts.push([data[k + 1], data[k + 2]]);
          k += 3;
        } else if (op === 1) {
          pts.push([data[k + 1], data[k + 2]]);
          k += 3;
        } else if (op === 2) {
          curved = true;
          k += 7;
        } else if (op === 3) {
          curved = true;
          k += 5;
        } else if (op === 4) {
          flush(true);
          k += 1;
        } else break;
      }
      flush(false);
    }
  }
  return { h: mergeH(h), v: mergeV(v) };
}

// ------------------------------------------------------------------ tables from rules

interface Region {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

interface PageTable extends Region {
  block: Block & { kind: 'table' };
}

function findRuledTables(h: HSeg[], v: VSeg[], items: Item[], page: number): { tables: PageTable[]; used: Set<Item> } {
  const used = new Set<Item>();
  const tables: PageTable[] = [];
  if (h.length < 2 || v.length < 2) return { tables, used };
  // connected components of crossing rules
  const n = h.length + v.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const tol = 2.5;
  for (let a = 0; a < h.length; a++) {
    for (let b = 0; b < v.length; b++) {
      const hs = h[a];
      const vs = v[b];
      if (vs.x >= hs.x0 - tol && vs.x <= hs.x1 + tol && hs.y >= vs.y0 - tol && hs.y <= vs.y1 + tol) parent[find(a)] = find(h.length + b);
    }
  }
  const groups = new Map<number, { h: HSeg[]; v: VSeg[] }>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = { h: [], v: [] }));
    if (i < h.length) g.h.push(h[i]);
    else g.v.push(v[i - h.length]);
  }
  for (const g of groups.values()) {
    if (g.h.length < 2 || g.v.length < 2) continue;
    const xs = cluster(g.v.map((s) => s.x), 2);
    const ys = cluster(g.h.map((s) => s.y), 2);
    // A table cut by the page may lack its closing (or opening) rule while the column rules go
    // on: the ends of the column rules close the grid.
    const vTop = Math.min(...g.v.map((s) => s.y0));
    const vBottom = Math.max(...g.v.map((s) => s.y1));
    if (ys.length && vBottom - ys[ys.length - 1] > 4) {
      ys.push(vBottom);
      g.h.push({ y: vBottom, x0: xs[0], x1: xs[xs.length - 1] });
    }
    if (ys.length && ys[0] - vTop > 4) {
      ys.unshift(vTop);
      g.h.push({ y: vTop, x0: xs[0], x1: xs[xs.length - 1] });
    }
    if (xs.length < 2 || ys.length < 2) continue;
    const region: Region = { left: xs[0], right: xs[xs.length - 1], top: ys[0], bottom: ys[ys.length - 1] };
    if (region.right - region.left < 20 || region.bottom - region.top < 8) continue;
    const hasV = (x: number, yTop: number, yBot: number) => {
      const mid = (yTop + yBot) / 2;
      return g.v.some((s) => Math.abs(s.x - x) <= tol && s.y0 <= mid + 0.5 && s.y1 >= mid - 0.5);
    };
    const hasH = (y: number, xL: number, xR: number) => {
      const mid = (xL + xR) / 2;
      return g.h.some((s) => Math.abs(s.y - y) <= tol && s.x0 <= mid + 0.5 && s.x1 >= mid - 0.5);
    };
    const nr = ys.length - 1;
    const nc = xs.length - 1;
    const taken: boolean[][] = Array.from({ length: nr }, () => new Array<boolean>(nc).fill(false));
    const cells: { r: number; c: number; rs: number; cs: number; region: Region; items: Item[] }[] = [];
    for (let r = 0; r < nr; r++) {
      for (let c = 0; c < nc; c++) {
        if (taken[r][c]) continue;
        let cs = 1;
        while (c + cs < nc && !taken[r][c + cs] && !hasV(xs[c + cs], ys[r], ys[r + 1])) cs++;
        let rs = 1;
        const below = (rr: number) => {
          for (let k = c; k < c + cs; k++) if (taken[rr][k] || hasH(ys[rr], xs[k], xs[k + 1])) return false;
          return true;
        };
        while (r + rs < nr && below(r + rs)) rs++;
        for (let rr = r; rr < r + rs; rr++) for (let k = c; k < c + cs; k++) taken[rr][k] = true;
        cells.push({ r, c, rs, cs, region: { top: ys[r], bottom: ys[r + rs], left: xs[c], right: xs[c + cs] }, items: [] });
      }
    }
    for (const it of items) {
      const x = cx(it);
      const y = cy(it);
      if (x < region.left || x > region.right || y < region.top || y > region.bottom) continue;
      const cell = cells.find((k) => x >= k.region.left && x <= k.region.right && y >= k.region.top && y <= k.region.bottom);
      if (cell) {
        cell.items.push(it);
        used.add(it);
      }
    }
    // A rule missing in the drawing (a row at the top of a page, a careless border) merges cells
    // that the text shows apart: a one-line cell whose text has a wide gap is split there, at
    // the column boundary inside the gap when there is one.
    for (let i = 0; i < cells.length; i++) {
      const k = cells[i];
      if (k.items.length < 2) continue;
      const lines = toLines(k.items);
      if (lines.length !== 1) continue;
      const its = lines[0].items;
      for (let j = 1; j < its.length; j++) {
        const gapL = its[j - 1].x1;
        const gapR = its[j].x0;
        if (gapR - gapL < Math.max(its[j].size * 2.5, 20)) continue;
        let b = -1;
        for (let q = k.c + 1; q < k.c + k.cs; q++) if (xs[q] > gapL && xs[q] < gapR) b = q;
        const leftCs = b > 0 ? b - k.c : k.cs;
        const rightCs = b > 0 ? k.c + k.cs - b : 1;
        const x = b > 0 ? xs[b] : (gapL + gapR) / 2;
        const rightCell = { ...k, c: b > 0 ? b : k.c + k.cs - 1, cs: rightCs, items: its.slice(j), region: { ...k.region, left: x } };
        k.cs = leftCs;
        k.items = its.slice(0, j);
        k.region = { ...k.region, right: x };
        cells.splice(i + 1, 0, rightCell);
        break;
      }
    }
    // rows of the grid that hold no cell start (all covered from above) do not exist in the source
    const rows: TableCell[][] = [];
    for (let r = 0; r < nr; r++) {
      const row = cells
        .filter((k) => k.r === r)
        .sort((a, b) => a.region.left - b.region.left)
        .map<TableCell>((k) => {
          const cell: TableCell = {
            text: cellText(k.items),
            rowSpan: k.rs,
            colSpan: k.cs,
            source: { page, box: [round(k.region.left), round(k.region.top), round(k.region.right), round(k.region.bottom)] },
          };
          if (k.items.length) {
            const lines = toLines(k.items);
            const last = lines[lines.length - 1];
            // text that wrapped up to the cell's right edge may go on below (on the next page)
            if (last.x1 >= k.region.right - last.size * 1.6) FULL_LAST_LINE.add(cell);
          }
          return cell;
        });
      if (row.length) rows.push(row);
    }
    // a frame around text (a box drawn around a paragraph) is not a table
    if (cells.length < 2) {
      for (const k of cells) for (const it of k.items) used.delete(it);
      continue;
    }
    tables.push({ ...region, block: { kind: 'table', rows, source: { page, box: [round(region.left), round(region.top), round(region.right), round(region.bottom)] } } });
  }
  return { tables, used };
}

const round = (x: number) => Math.round(x * 10) / 10;

/** Cells whose last line of text reaches the cell's right edge (see joinContinuedTables). */
const FULL_LAST_LINE = new WeakSet<TableCell>();

// ------------------------------------------------------------------ lines and text

interface Line {
  items: Item[];
  x0: number;
  x1: number;
  base: number;
  size: number;
  page: number;
}

function toLines(items: Item[]): Line[] {
  const sorted = [...items].sort((a, b) => cy(a) - cy(b) || a.x0 - b.x0);
  const lines: Line[] = [];
  for (const it of sorted) {
    const y = cy(it);
    let line: Line | undefined;
    for (let k = lines.length - 1; k >= 0 && k >= lines.length - 3; k--) {
      const l = lines[k];
      const ly = l.base - l.size * 0.35;
      if (Math.abs(ly - y) <= Math.max(l.size, it.size) * 0.45) {
        line = l;
        break;
      }
    }
    if (line) {
      line.items.push(it);
      line.x0 = Math.min(line.x0, it.x0);
      line.x1 = Math.max(line.x1, it.x1);
      if (it.size > line.size) {
        line.size = it.size;
        line.base = it.base;
      }
    } else lines.push({ items: [it], x0: it.x0, x1: it.x1, base: it.base, size: it.size, page: it.page });
  }
  for (const l of lines) l.items.sort((a, b) => a.x0 - b.x0);
  return lines;
}

const LATIN_END = /[A-Za-z0-9.,;:%)\]]$/;
const LATIN_START = /^[A-Za-z0-9(\[]/;

/**
 * The text of a line: items joined, a space only where a visible gap separates Latin words; parts
 * set apart by a wide gap (a label and its figure in a table without rules) keep one space.
 */
function lineText(items: Item[]): string {
  const parts: Item[][] = [];
  let last: Item | null = null;
  for (const it of items) {
    if (!last || it.x0 - last.x1 > Math.max(it.size * 1.5, 8)) parts.push([it]);
    else parts[parts.length - 1].push(it);
    last = it;
  }
  if (parts.length > 1) return parts.map(partText).filter(Boolean).join(' ');
  return partText(items);
}

function partText(items: Item[]): string {
  let out = '';
  let prev: Item | null = null;
  for (const it of items) {
    if (prev) {
      const gap = it.x0 - prev.x1;
      if (gap > it.size * 0.2 && LATIN_END.test(out) && LATIN_START.test(it.text)) out += ' ';
    }
    out += it.text;
    prev = it;
  }
  return tidySpaces(out);
}

/** Spaces a PDF puts between CJK characters (justified lines, CJK–Latin spacing) are not text. */
function tidySpaces(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/(?<=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’—…·])\s+|\s+(?=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’—…·])/g, '')
    .trim();
}

function cellText(items: Item[]): string {
  if (!items.length) return '';
  return toLines(items)
    .map((l) => lineText(l.items))
    .filter(Boolean)
    .join('\n');
}

const SENTENCE_END = /[。！？；：:;!?]$/;
const NUMBERED = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|第[一二三四五六七八九十]+[部章节条])/;

const PAGE_NUMBER = /^(?:[-—–－~\s]*\d{1,4}[-—–－~\s]*|第\s*\d+\s*页(?:\s*[，,]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|-\s*\d+\s*-|Page\s*\d+(?:\s*of\s*\d+)?)$/i;

// ------------------------------------------------------------------ tables without rules

/**
 * Text groups of a line: split at wide gaps, and between two figures (separate words: their
 * glyphs do not touch), which in a narrow column may stand closer than a wide gap.
 */
function groupsOf(line: Line): Item[][] {
  const groups: Item[][] = [];
  let prev: Item | null = null;
  for (const it of line.items) {
    if (!prev || it.x0 - prev.x1 > Math.max(line.size * 1.5, 8) || (FIGURE_WORD.test(prev.text) && FIGURE_WORD.test(it.text))) groups.push([it]);
    else groups[groups.length - 1].push(it);
    prev = it;
  }
  return groups;
}

/** A figure as a table cell holds it. */
const FIGURE_WORD = /^[\d,，.%％]+$/;

/** Cells of a line split at wide gaps and between figures; a line with three or more is a table row. */
function gapCells(line: Line): Item[][] | null {
  const groups = groupsOf(line);
  return groups.length >= 3 ? groups : null;
}

/** Whether a page's text looks like it has a table: several lines of text set apart in columns, or many short figures. */
function mayHoldTable(items: Item[]): boolean {
  let figures = 0;
  for (const it of items) if (it.text.length <= 12 && /^[\d,，.%％]+$/.test(it.text)) figures++;
  if (figures >= 6) return true;
  let columned = 0;
  for (const line of toLines(items)) if (gapCells(line)) columned++;
  return columned >= 2;
}

// ------------------------------------------------------------------ the reader

interface PageOut {
  /** Table blocks and text lines of the page, top to bottom. */
  parts: ({ kind: 'table'; top: number; block: Block } | { kind: 'line'; top: number; line: Line })[];
  height: number;
}

type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

/** One page: its text items placed, its ruled tables rebuilt, the rest as lines. */
async function readPage(lib: PdfJs, doc: PdfDocument, p: number): Promise<{ page: PageOut; chars: number }> {
  const page = await doc.getPage(p);
  const viewport = page.getViewport({ scale: 1 });
  const vt = viewport.transform as Matrix;
  const ops = await page.getOperatorList({ annotationMode: lib.AnnotationMode.DISABLE });
  const OPS = lib.OPS as unknown as TextOps;
  // the fonts' objects (their matrices) arrive with the list; wait for any still on their way
  const fonts = new Map<string, FontInfo>();
  await Promise.all(
    fontNames(ops, OPS).map(
      (name) =>
        new Promise<void>((resolve) => {
          page.commonObjs.get(name, (font: unknown) => {
            if (font && typeof font === 'object') fonts.set(name, font as FontInfo);
            resolve();
          });
        }),
    ),
  );
  const items = pageWords(ops, OPS, vt, fonts, p);
  let chars = 0;
  for (const it of items) chars += it.text.length;
  let tables: PageTable[] = [];
  let used = new Set<Item>();
  // table rules are only looked for on pages whose text stands in columns
  if (items.length && mayHoldTable(items)) {
    const rules = rulesOf(lib, ops, vt);
    ({ tables, used } = findRuledTables(rules.h, rules.v, items, p));
  }
  const rest = items.filter((it) => !used.has(it));
  const parts: PageOut['parts'] = tables.map((t) => ({ kind: 'table' as const, top: t.top, block: t.block }));
  for (const line of toLines(rest)) parts.push({ kind: 'line', top: line.base - line.size, line });
  parts.sort((a, b) => a.top - b.top);
  page.cleanup();
  return { page: { parts, height: viewport.height }, chars };
}

export async function readPdf(bytes: Uint8Array, file: string): Promise<Document> {
  const { lib, dir, worker } = await loadPdfJs();
  let doc: PdfDocument;
  const task = lib.getDocument({
    worker,
    // pdfjs takes ownership of (and may detach) the buffer it is given
    data: new Uint8Array(bytes),
    cMapUrl: join(dir, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(dir, 'standard_fonts') + '/',
    wasmUrl: join(dir, 'wasm') + '/',
    BinaryDataFactory: CachedBinaryDataFactory,
    isEvalSupported: false,
    // images are never decoded: only the text layer and the table rules are read (a seal or a
    // scanned signature would otherwise be decoded pixel by pixel for nothing)
    maxImageSize: 0,
    // With font faces "enabled", pdfjs does not build an outline path for every glyph (which it
    // does for drawing text without font faces, and which text extraction never uses); the fonts
    // it would then install as CSS go into a document that keeps nothing.
    disableFontFace: false,
    ownerDocument: INERT_DOCUMENT as unknown as HTMLDocument,
    useSystemFonts: false,
    verbosity: 0,
    stopAtErrors: false,
  });
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => {});
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') throw new InputError(file, 'PDF 已加密（需要密码才能打开），无法读取；请提供未加密的文件 / encrypted PDF');
    throw new InputError(file, `PDF 文件已损坏，无法读取 / damaged PDF (${(error as Error).message ?? error})`);
  }
  try {
    if (doc.numPages > MAX_PAGES) throw new InputError(file, `PDF 页数过多（${doc.numPages} 页，上限 ${MAX_PAGES} 页）/ too many pages`);
    // Pages are asked for a few at a time: pdfjs then inflates one page's streams (on the thread
    // pool) while it interprets another's, instead of waiting on each in turn; a few, so that a
    // long document is not held in memory all at once.
    const read: Array<{ page: PageOut; chars: number }> = [];
    for (let first = 1; first <= doc.numPages; first += PAGES_AT_ONCE) {
      const last = Math.min(doc.numPages, first + PAGES_AT_ONCE - 1);
      read.push(...(await Promise.all(Array.from({ length: last - first + 1 }, (_, i) => readPage(lib, doc, first + i)))));
    }
    const pages = read.map((r) => r.page);
    const chars = read.reduce((sum, r) => sum + r.chars, 0);
    if (chars < 10) {
      throw new InputError(file, 'PDF 没有文字层（可能是扫描件），无法读取表格；不做文字识别 / PDF has no text layer (scanned?); no OCR');
    }
    return { form: 'pdf', blocks: assemble(pages) };
  } catch (error) {
    // pdfjs failing on a page (a page tree that loops back on itself, a broken object): a damaged file
    if (error instanceof Error && PDFJS_ERRORS.has(error.name)) throw new InputError(file, `PDF 文件已损坏，无法读取 / damaged PDF (${error.message})`);
    throw error;
  } finally {
    await doc.destroy().catch(() => {});
  }
}

/** Names of the errors pdfjs raises about the file it reads (its own bugs and ours stay crashes). */
const PDFJS_ERRORS = new Set(['UnknownErrorException', 'InvalidPDFException', 'FormatError', 'MissingPDFException', 'UnexpectedResponseException', 'ResponseException']);

/** Pages → blocks: tables as they are, runs of gapped lines as tables, other lines into paragraphs. */
/** Running headers and footers: the same text (numbers aside) in the top or bottom margin of several pages. */
function runningLines(pages: PageOut[]): Set<string> {
  if (pages.length < 2) return new Set();
  const seen = new Map<string, Set<number>>();
  pages.forEach((page, p) => {
    for (const part of page.parts) {
      if (part.kind !== 'line') continue;
      const line = part.line;
      if (!(line.base > page.height * 0.9 || line.base < page.height * 0.08)) continue;
      const key = lineText(line.items).replace(/\d+/g, '#');
      if (!key) continue;
      let set = seen.get(key);
      if (!set) seen.set(key, (set = new Set()));
      set.add(p);
    }
  });
  const out = new Set<string>();
  for (const [key, set] of seen) if (set.size >= Math.max(2, Math.ceil(pages.length / 2))) out.add(key);
  return out;
}

function assemble(pages: PageOut[]): Block[] {
  const blocks: Block[] = [];
  const running = runningLines(pages);
  // the text column: most common left edge and the right edge most lines reach
  const lines = pages.flatMap((p) => p.parts.filter((x) => x.kind === 'line').map((x) => (x as { line: Line }).line));
  const lefts = new Map<number, number>();
  for (const l of lines) lefts.set(Math.round(l.x0), (lefts.get(Math.round(l.x0)) ?? 0) + 1);
  // the leftmost edge many lines share (first lines are indented; short reports have many)
  let best = 0;
  for (const n of lefts.values()) best = Math.max(best, n);
  let left = Infinity;
  for (const [x, n] of lefts) if (n >= Math.max(2, best * 0.15) && x < left) left = x;
  if (!Number.isFinite(left)) left = 0;
  const rights = lines.map((l) => l.x1).sort((a, b) => a - b);
  const right = rights.length ? rights[Math.floor(rights.length * 0.9)] : 0;

  // body text size: the most common; larger lines (titles) run on while centred and close
  const sizes = new Map<number, number>();
  for (const l of lines) sizes.set(Math.round(l.size), (sizes.get(Math.round(l.size)) ?? 0) + l.items.length);
  let body = 0;
  best = 0;
  for (const [sz, n] of sizes) if (n > best) (body = sz), (best = n);

  let para: { text: string; last: Line } | null = null;
  const flushPara = () => {
    if (para) blocks.push({ kind: 'paragraph', text: para.text, source: { page: para.last.page } });
    para = null;
  };
  let gapLines: Line[] = [];
  let held: Line[] = [];
  let runStart = 0;
  let repeatPage = -1;
  let repeatPool: Map<string, number> | null = null;
  /** The header of the open table without rules: its lines before the first figures, and the short paragraphs just above it (heading cells that stood alone on their line). */
  const headerPool = (run: Line[], done: Block[]): Map<string, number> | null => {
    const texts: string[] = [];
    for (let i = runStart - 1; i >= 0 && i >= runStart - 10; i--) {
      const b = done[i];
      // a heading cell wider than the others (the note of table III's first column) may stand
      // alone on its line with a short heading beside it
      if (b.kind !== 'paragraph' || b.text.length > 60) break;
      texts.push(b.text);
    }
    for (const l of run) {
      if (figureWords(l) >= 2) break;
      texts.push(lineText(l.items));
    }
    if (!texts.length) return null;
    const pool = new Map<string, number>();
    for (const t of texts) for (const ch of t.replace(/\s+/g, '')) pool.set(ch, (pool.get(ch) ?? 0) + 1);
    return pool;
  };
  const flushGap = () => {
    if (!gapLines.length) return;
    const lines = gapLines;
    gapLines = [];
    if (lines.length === 1) {
      // one gapped line alone is a line of text with spaces, not a table
      const l = lines[0];
      blocks.push({ kind: 'paragraph', text: gapCells(l)!.map((g) => lineText(g)).join(' '), source: { page: l.page } });
      return;
    }
    blocks.push({ kind: 'table', rows: borderlessRows(lines), source: { page: lines[0].page } });
  };

  joinContinuedTables(pages, running);
  pages.forEach((page) => {
    for (const part of page.parts) {
      if (part.kind === 'table') {
        flushPara();
        flushGap();
        blocks.push(part.block);
        continue;
      }
      const line = part.line;
      const text = lineText(line.items);
      if (!text) continue;
      const inMargin = line.base > page.height * 0.9 || line.base < page.height * 0.08;
      if (inMargin && (PAGE_NUMBER.test(text) || running.has(text.replace(/\d+/g, '#')))) continue;
      // a table without rules going on over the page: its header repeated at the top of the new
      // page (lines before the first figures whose characters are all the header's) is left out
      if (gapLines.length && line.page !== gapLines[gapLines.length - 1].page) {
        if (repeatPage !== line.page) {
          repeatPage = line.page;
          repeatPool = headerPool(gapLines, blocks);
        }
        if (repeatPool && figureWords(line) < 2 && consume(repeatPool, text)) continue;
        repeatPool = null;
      }
      const gapped = gapCells(line);
      if (gapped) {
        flushPara();
        if (!gapLines.length) runStart = blocks.length;
        gapLines.push(...held, line);
        held = [];
        continue;
      }
      // a short line between rows of a table without rules: a wrapped label, held until the
      // next line shows whether the table goes on
      const last = held.length ? held[held.length - 1] : gapLines[gapLines.length - 1];
      // (a label going on at the top of the next page, after the header repeated there, too)
      const near = last && (last.page === line.page ? line.base - last.base <= line.size * 2.5 : line.page === last.page + 1);
      if (gapLines.length && held.length < 6 && near && (line.x1 - line.x0 < (right - left) * 0.45 || besideFigures(line, figuresLeft(gapLines)))) {
        held.push(line);
        continue;
      }
      flushGap();
      const waiting = held;
      held = [];
      for (const h of waiting) addLine(h, lineText(h.items));
      addLine(line, text);
    }
  });
  flushGap();
  for (const h of held) addLine(h, lineText(h.items));
  flushPara();
  return blocks;

  function addLine(line: Line, text: string): void {
      const prev: Line | null = para ? (para as { last: Line }).last : null;
      // A line runs on from the previous one when it is not indented and the previous line
      // reached (nearly: a bracket pushed to the next line leaves a gap) the right edge — unless
      // it is a short numbered line after a finished sentence, which is a heading.
      const headingLike = para !== null && SENTENCE_END.test((para as { text: string }).text) && NUMBERED.test(text) && line.x1 < right - line.size * 2;
      const continues =
        prev !== null &&
        !headingLike &&
        Math.abs(prev.size - line.size) <= 1 &&
        line.x0 <= left + line.size * 0.8 &&
        // a long number or word that did not fit leaves a wider gap
        (prev.x1 >= right - line.size * 4 || (/[A-Za-z0-9\-/]$/.test((para as { text: string } | null)?.text ?? '') && /^[A-Za-z0-9]/.test(text) && prev.x1 >= right - line.size * 8)) &&
        (prev.page !== line.page || line.base - prev.base <= Math.max(prev.size, line.size) * 2.2);
      const title =
        prev !== null &&
        prev.page === line.page &&
        line.size >= body * 1.2 &&
        Math.abs(prev.size - line.size) <= 1 &&
        line.base - prev.base <= line.size * 2.2 &&
        Math.abs((prev.x0 + prev.x1) / 2 - (line.x0 + line.x1) / 2) <= line.size * 2;
      if ((continues || title) && para) {
        const p: { text: string; last: Line } = para;
        p.text += LATIN_END.test(p.text) && /^[A-Za-z]/.test(text) && /[A-Za-z]$/.test(p.text) ? ` ${text}` : text;
        p.last = line;
      } else {
        flushPara();
        para = { text, last: line };
      }
  }
}

const VALUE_TEXT = /^[\d,，.%％\-—－/]+$/;

/** How many words at the end of the line are figures (the figures of a table row stand after its label). */
function trailingFigures(line: Line): number {
  let n = 0;
  for (let i = line.items.length - 1; i >= 0 && VALUE_TEXT.test(line.items[i].text); i--) n++;
  return n;
}

/** Where the figures of a table's rows begin: the leftmost of the figures that end its lines. */
function figuresLeft(lines: Line[]): number {
  let leftmost = Infinity;
  for (const l of lines) {
    const n = trailingFigures(l);
    if (n >= 2) leftmost = Math.min(leftmost, l.items[l.items.length - n].x0);
  }
  return leftmost;
}

/** Whether a line holds nothing but label text left of `figuresStart` and figures right of it (a row with one figure, a label wrapping on). */
function besideFigures(line: Line, figuresStart: number): boolean {
  return line.items.every((w) => w.x1 < figuresStart || (w.x0 >= figuresStart - line.size && VALUE_TEXT.test(w.text)));
}

const figureWords = (line: Line) => line.items.filter((w) => VALUE_TEXT.test(w.text)).length;

/** Whether every character of `text` is in the pool (taken out of it if so). */
function consume(pool: Map<string, number>, text: string): boolean {
  const left = new Map(pool);
  for (const ch of text.replace(/\s+/g, '')) {
    const n = left.get(ch) ?? 0;
    if (n === 0) return false;
    left.set(ch, n - 1);
  }
  for (const [ch, n] of left) pool.set(ch, n);
  return true;
}


/** A label's text on one line of a table without rules: a group of words left of the figures. */
interface LabelPiece {
  text: string;
  x0: number;
  x1: number;
  /** Vertical centre of its line. */
  y: number;
  page: number;
  zone: number;
  /** The text reaches the right edge of its column: the label may go on on the next line. */
  full: boolean;
}

/** A line holding figures over the figure columns: a row's figures, or part of them when they wrap. */
interface FigureLine {
  line: Line;
  y: number;
  figures: Item[];
}

/** A label cell put in a row: its pieces, and the figure line they stand by. */
interface LabelGroup {
  pieces: LabelPiece[];
  anchor: FigureLine;
}

const lineCentre = (l: Line) => l.base - l.size * 0.35;

/**
 * A table without rules, from its lines. Lines holding figures over the figure columns are the
 * rows' figures; the label text left of them (wrapped over several lines, set at the top of its
 * cell or centred in it) is cut into cells and each cell put with the figures it stands by; lines
 * above the first row of figures are heading rows. Columns of figures come from where the figures
 * and the headings over them stand. Wherever the layout leaves more than one reading (digits of a
 * figure wrapped onto the lines of neighbouring rows, a label that could belong to either of two
 * rows), the cells concerned are left empty and marked unreadable.
 */
function borderlessRows(lines: Line[]): TableCell[][] {
  const grouped = lines.map((l) => ({ line: l, groups: groupsOf(l).map((g) => ({ items: g, text: lineText(g), x0: g[0].x0, x1: g[g.length - 1].x1 })) }));
  const valueLines = grouped.filter((g) => trailingFigures(g.line) >= 2);
  const cellOf = (x: { text: string; x0: number; x1: number }, line: Line): TableCell => ({
    text: x.text,
    rowSpan: 1,
    colSpan: 1,
    source: { page: line.page, box: [round(x.x0), round(line.base - line.size), round(x.x1), round(line.base)] },
  });
  if (valueLines.length < 2) return grouped.map((g) => g.groups.map((x) => cellOf(x, g.line)));
  // where the figures stand: the value zone starts at the leftmost figure of any row
  const valueLeft = Math.min(...valueLines.map((g) => g.line.items[g.line.items.length - trailingFigures(g.line)].x0));
  const size = Math.max(...lines.map((l) => l.size));
  // label columns: left edges of the text groups before the figures
  const labelEdges = cluster(
    grouped.flatMap((g) => g.groups.filter((x) => x.x1 <= valueLeft + 1).map((x) => x.x0)),
    size * 1.2,
  );
  const zoneOf = (x0: number) => {
    let best = 0;
    for (let i = 0; i < labelEdges.length; i++) if (x0 >= labelEdges[i] - size * 0.6) best = i;
    return best;
  };
  const isFigure = (w: Item) => w.x0 >= valueLeft - 1 && VALUE_TEXT.test(w.text);

  const firstValue = valueLines.reduce((a, b) => (b.line.page < a.line.page || (b.line.page === a.line.page && b.line.base < a.line.base) ? b : a)).line;
  const aboveFirst = (l: Line) => l.page === firstValue.page && l.base < firstValue.base - size * 0.5;
  const headingRows: { page: number; y: number; cells: TableCell[] }[] = [];
  const figureLines: FigureLine[] = [];
  const pieces: LabelPiece[] = [];
  for (const g of grouped) {
    const figures = g.line.items.filter(isFigure);
    const labelWords = g.line.items.filter((w) => !isFigure(w));
    // text over the figure columns that is not a figure: a heading row (column headings, or a
    // heading between parts of the table), never a label nor figures
    if (labelWords.some((w) => w.x1 > valueLeft + size * 0.5)) {
      headingRows.push({ page: g.line.page, y: lineCentre(g.line), cells: g.groups.map((x) => cellOf(x, g.line)) });
      continue;
    }
    if (figures.length) figureLines.push({ line: g.line, y: lineCentre(g.line), figures });
    else if (aboveFirst(g.line) && !labelWords.length) continue;
    for (const part of groupsOf({ ...g.line, items: labelWords })) {
      const x0 = part[0].x0;
      const x1 = part[part.length - 1].x1;
      pieces.push({ text: lineText(part), x0, x1, y: lineCentre(g.line), page: g.line.page, zone: zoneOf(x0), full: false });
    }
  }
  figureLines.sort((a, b) => a.line.page - b.line.page || a.y - b.y);

  // the line pitch inside a cell: the most common distance between two lines of label text in
  // one column (a label wrapped onto its next line, or two rows without padding)
  const distances = new Map<number, number>();
  for (const z of labelEdges.keys()) {
    const mine = pieces.filter((p) => p.zone === z).sort((a, b) => a.page - b.page || a.y - b.y);
    for (let i = 1; i < mine.length; i++) {
      const d = mine[i].y - mine[i - 1].y;
      if (mine[i].page === mine[i - 1].page && d >= size * 0.9 && d <= size * 2) distances.set(Math.round(d * 4) / 4, (distances.get(Math.round(d * 4) / 4) ?? 0) + 1);
    }
  }
  let pitch = size * 1.25;
  let seen = 0;
  for (const [d, n] of [...distances].sort((a, b) => a[0] - b[0])) if (n > seen) (pitch = d), (seen = n);
  const tol = pitch * 0.3;

  // figure columns: bands around where the figures of all rows stand, or around the column
  // headings when they show more columns (a column blank in every row); a figure belongs to the
  // band its centre falls in, so a blank cell never shifts the figures after it
  const allValues = figureLines.flatMap((f) => f.figures);
  const headings = lines.filter((l) => aboveFirst(l)).flatMap((l) => l.items);
  const bounds = figureColumns(allValues, headings, valueLeft, size);
  const bandOf = (w: Item) => (bounds ? bounds.filter((b) => (w.x0 + w.x1) / 2 > b).length : 0);
  const columns = bounds ? bounds.length + 1 : Math.max(...figureLines.map((f) => f.figures.length));
  // a label reaching the next column filled its line and may go on below: the next label
  // column's text, or the left edge of the first figure column (the figure columns are as wide
  // as one another); within two characters (a character that may not start a line, as "、",
  // takes the one before it to the next line) and the cells' padding
  const figuresStart = bounds && bounds.length >= 2 ? bounds[0] - (bounds[1] - bounds[0]) : valueLeft;
  const columnStarts = [...labelEdges, figuresStart, valueLeft].sort((a, b) => a - b);
  for (const p of pieces) {
    const next = columnStarts.find((e) => e >= p.x1 - 1);
    p.full = next !== undefined && next - p.x1 <= size * 3;
  }
  // the widest figure of each band: the column holds at least that much on one line
  const widest = new Map<number, number>();
  for (const w of allValues) widest.set(bandOf(w), Math.max(widest.get(bandOf(w)) ?? 0, w.x1 - w.x0));
  /**
   * Whether the figure of `upper` in a band may go on on the next line `lower` (its digits
   * wrapped in a narrow column): the lines are one line pitch apart, and with the first digit
   * below added the figure would be wider than any figure the column holds on one line. A
   * figure starting with 0 is 0 and never wraps.
   */
  const mayWrap = (upper: FigureLine, lower: FigureLine, band: number): boolean => {
    if (upper.line.page !== lower.line.page || lower.y - upper.y > pitch * 1.15) return false;
    const u = upper.figures.find((w) => bandOf(w) === band);
    const l = lower.figures.find((w) => bandOf(w) === band);
    if (!u || !l || u.text.startsWith('0')) return false;
    const firstDigit = l.edges.length > 1 ? l.edges[1] - l.edges[0] : l.x1 - l.x0;
    return u.x1 - u.x0 + firstDigit > (widest.get(band) ?? 0) + size * 0.05;
  };
  /** The nearest line after `from` (in `within`, going `step`) holding a figure in the band. */
  const nextInBand = (within: FigureLine[], from: number, step: 1 | -1, band: number): FigureLine | undefined => {
    for (let k = from + step; k >= 0 && k < within.length; k += step) if (within[k].figures.some((w) => bandOf(w) === band)) return within[k];
    return undefined;
  };

  /**
   * Whether pieces from `top` to `bottom` (centres) may be one cell of the row of `anchor`: every
   * other figure line they stand by holds only digits wrapped from or onto the lines nearer it.
   */
  const oneRow = (top: number, bottom: number, anchor: FigureLine, page: number): boolean => {
    const inside = figureLines.filter((f) => f.line.page === page && f.y >= top - tol && f.y <= bottom + tol);
    return inside.every((f, i) =>
      f === anchor ||
      f.figures.every((w) => {
        const band = bandOf(w);
        const partner = nextInBand(inside, i, f.y < anchor.y ? 1 : -1, band);
        return partner !== undefined && (f.y < anchor.y ? mayWrap(f, partner, band) : mayWrap(partner, f, band));
      }),
    );
  };

  // label cells: the pieces of each column in runs of lines one pitch apart, each run cut into
  // cells (a cell goes on only below a line that filled it) that stand by their row's figures,
  // at the top of the cell or centred in it, whichever leaves fewer pieces without a row
  const runs: LabelPiece[][] = [];
  for (const z of labelEdges.keys()) {
    const mine = pieces.filter((p) => p.zone === z).sort((a, b) => a.page - b.page || a.y - b.y);
    for (const p of mine) {
      const run = runs.length ? runs[runs.length - 1] : null;
      const last = run ? run[run.length - 1] : null;
      if (run && last && last.zone === z && last.page === p.page && p.y - last.y <= pitch * 1.3) run.push(p);
      else runs.push([p]);
    }
  }
  type Cut = { groups: LabelGroup[]; skipped: number; ways: number };
  const cutRun = (run: LabelPiece[], centred: boolean): Cut => {
    const page = run[0].page;
    const anchors = figureLines.filter((f) => f.line.page === page);
    const memo = new Map<string, Cut>();
    const best = (i: number, after: number): Cut => {
      if (i === run.length) return { groups: [], skipped: 0, ways: 1 };
      const key = `${i}:${after}`;
      const known = memo.get(key);
      if (known) return known;
      const options: Cut[] = [];
      const skip = best(i + 1, after);
      options.push({ groups: skip.groups, skipped: skip.skipped + 1, ways: skip.ways });
      for (let j = i; j < run.length; j++) {
        const at = centred ? (run[i].y + run[j].y) / 2 : run[i].y;
        const k = anchors.findIndex((f, n) => n > after && Math.abs(f.y - at) <= tol);
        if (k >= 0 && oneRow(run[i].y, run[j].y, anchors[k], page)) {
          const rest = best(j + 1, k);
          options.push({ groups: [{ pieces: run.slice(i, j + 1), anchor: anchors[k] }, ...rest.groups], skipped: rest.skipped, ways: rest.ways });
        }
        if (!run[j].full) break;
      }
      const fewest = Math.min(...options.map((o) => o.skipped));
      const good = options.filter((o) => o.skipped === fewest);
      const out = { ...good[0], ways: Math.min(2, good.reduce((n, o) => n + o.ways, 0)) };
      memo.set(key, out);
      return out;
    };
    return best(0, -1);
  };
  const cutAll = (centred: boolean) => runs.map((r) => cutRun(r, centred));
  const centredCuts = cutAll(true);
  const topCuts = cutAll(false);
  const skippedOf = (cuts: Cut[]) => cuts.reduce((n, c) => n + c.skipped, 0);
  const cuts = skippedOf(topCuts) < skippedOf(centredCuts) ? topCuts : centredCuts;

  const rows = new Map<FigureLine, { groups: LabelGroup[] }>();
  const loose: LabelPiece[][] = [];
  cuts.forEach((cut, r) => {
    const run = runs[r];
    // two readings leave as few pieces without a row: which label goes with which figures is not known
    if (cut.ways > 1) {
      loose.push(run);
      return;
    }
    const placed = new Set(cut.groups.flatMap((g) => g.pieces));
    let rest: LabelPiece[] = [];
    for (const p of run) {
      if (placed.has(p)) {
        if (rest.length) loose.push(rest);
        rest = [];
      } else rest.push(p);
    }
    if (rest.length) loose.push(rest);
    for (const g of cut.groups) {
      const row = rows.get(g.anchor) ?? { groups: [] };
      row.groups.push(g);
      rows.set(g.anchor, row);
    }
  });

  // digits wrapped onto the next line: lines one pitch apart with a figure in the same column
  // that may go on, unless both are rows of their own by their labels
  const wrapped: { page: number; top: number; bottom: number }[] = [];
  figureLines.forEach((upper, i) => {
    for (const w of upper.figures) {
      const band = bandOf(w);
      const lower = nextInBand(figureLines, i, 1, band);
      if (!lower || !mayWrap(upper, lower, band) || (rows.has(upper) && rows.has(lower))) continue;
      wrapped.push({ page: upper.line.page, top: upper.y - tol, bottom: lower.y + tol });
    }
  });
  const regionOf = (f: FigureLine) => wrapped.findIndex((r) => f.line.page === r.page && f.y >= r.top && f.y <= r.bottom);

  const unreadableCells = (page: number): TableCell[] => Array.from({ length: columns }, () => ({ text: '', rowSpan: 1, colSpan: 1, source: { page }, unreadable: true as const }));
  const labelCells = (groups: LabelPiece[][], page: number): TableCell[] =>
    groups
      .sort((a, b) => a[0].zone - b[0].zone)
      .map((ps) => ({ text: ps.map((p) => p.text).join('\n'), rowSpan: 1, colSpan: 1, source: { page, box: [round(Math.min(...ps.map((p) => p.x0))), round(ps[0].y - size), round(Math.max(...ps.map((p) => p.x1))), round(ps[ps.length - 1].y + size * 0.35)] } }));
  const out: { page: number; y: number; cells: TableCell[] }[] = [...headingRows];
  const labelled = new Set(rows.keys());
  const lostFigures = new Set<FigureLine>();
  // a heading between rows of figures (the header repeated on a new page) gets empty figure
  // cells, so that a heading like "总计" is never read as a row taking the next row's figures
  for (const h of headingRows) {
    const below = h.page > firstValue.page || h.y > lineCentre(firstValue);
    if (below && !h.cells.some((c) => FIGURE_WORD.test(c.text))) h.cells.push(...Array.from({ length: columns }, () => ({ text: '', rowSpan: 1, colSpan: 1, source: { page: h.page } })));
  }
  for (const run of loose) {
    const page = run[0].page;
    const top = run[0].y;
    const bottom = run[run.length - 1].y;
    // label pieces above the first figures: the table's heading
    if (page === firstValue.page && bottom < lineCentre(firstValue) - size * 0.5) {
      for (const p of run) out.push({ page, y: p.y, cells: [{ text: p.text, rowSpan: 1, colSpan: 1, source: { page, box: [round(p.x0), round(p.y - size), round(p.x1), round(p.y + size * 0.35)] } }] });
      continue;
    }
    // a label by figures that have no label: the row is there, which figures are its own is not known
    const unlabelled = figureLines.filter((f) => !labelled.has(f) && f.line.page === page && f.y >= top - pitch && f.y <= bottom + pitch);
    if (unlabelled.length) {
      for (const f of unlabelled) lostFigures.add(f);
      out.push({ page, y: top, cells: [...labelCells([run], page), ...unreadableCells(page)] });
      continue;
    }
    // a heading over several rows ("（三）不予公开"): it goes with the row nearest its middle
    // whose own label stands further right, before that label, as the row's first cell
    const middle = (top + bottom) / 2;
    let host: FigureLine | null = null;
    for (const [f, row] of rows) {
      if (f.line.page !== page || !row.groups.every((g) => g.pieces[0].zone > run[0].zone)) continue;
      if (!host || Math.abs(f.y - middle) < Math.abs(host.y - middle)) host = f;
    }
    if (host && Math.abs(host.y - middle) <= (bottom - top) / 2 + pitch * 4) {
      rows.get(host)!.groups.push({ pieces: run, anchor: host });
      continue;
    }
    // alone: a row of its own whose figure cells are empty, so that no row's figures are taken for its
    out.push({ page, y: top, cells: [...labelCells([run], page), ...Array.from({ length: columns }, () => ({ text: '', rowSpan: 1, colSpan: 1, source: { page } }))] });
  }
  const placedRows = new Map<FigureLine, TableCell[] | null>();
  for (const f of figureLines) placedRows.set(f, placeFigures(f.figures, bounds, size, f.line));
  // only where the bands fit most rows (not the union of blocks of different widths, as table II's)
  const placing = [...placedRows.values()].filter(Boolean).length >= figureLines.length * 0.6;
  const regionsWithRows = new Set([...rows.keys()].map(regionOf));
  const regionsEmitted = new Set<number>();
  for (const f of figureLines) {
    const row = rows.get(f);
    const labels = row ? labelCells(row.groups.map((g) => g.pieces), f.line.page) : [];
    if (lostFigures.has(f)) continue;
    const region = regionOf(f);
    if (region >= 0) {
      // figures wrapped over several lines: the rows here are known by their labels, their
      // figures are not; without labels (a table of figures only) one row stands for them
      if (labels.length) out.push({ page: f.line.page, y: f.y, cells: [...labels, ...unreadableCells(f.line.page)] });
      else if (!regionsWithRows.has(region) && !regionsEmitted.has(region)) out.push({ page: f.line.page, y: f.y, cells: unreadableCells(f.line.page) });
      regionsEmitted.add(region);
      continue;
    }
    const cells = [...labels];
    const placed = placedRows.get(f);
    if (placed) cells.push(...placed);
    else if (placing) cells.push(runTogether(f.figures, columns, f.line));
    else for (const v of f.figures) cells.push(cellOf({ text: v.text, x0: v.x0, x1: v.x1 }, f.line));
    out.push({ page: f.line.page, y: f.y, cells });
  }
  out.sort((x, y) => x.page - y.page || x.y - y.y);
  return out.map((r) => r.cells);
}

/**
 * The figure columns of a table without rules, as the x-positions of the edges between them. The figures' centres are clustered; the
 * headings over the figures (words above one another make one column) give the columns instead
 * when they show more of them and every cluster of figures stands under a heading of its own.
 */
function figureColumns(values: Item[], headings: Item[], valueLeft: number, size: number): number[] | null {
  if (!values.length) return null;
  const clusters = cluster(values.map((v) => (v.x0 + v.x1) / 2), size * 0.8);
  // the headings of single columns: not those over several ("法人或其他组织"), which stand over
  // narrower headings set apart from one another
  const over = headings.filter((h) => (h.x0 + h.x1) / 2 >= valueLeft - size);
  const centre = (w: Item) => (w.x0 + w.x1) / 2;
  const leaves = over.filter((w) => {
    const under = over.filter((o) => o !== w && o.x1 - o.x0 < w.x1 - w.x0 && centre(o) > w.x0 && centre(o) < w.x1).map(centre);
    return !under.length || Math.max(...under) - Math.min(...under) <= size * 1.5;
  });
  // headings above one another ("商业企" over "业") are one column
  const stacks: { x0: number; x1: number }[] = [];
  for (const w of leaves.sort((p, q) => p.x0 - q.x0)) {
    const last = stacks[stacks.length - 1];
    if (last && Math.min(last.x1, w.x1) - Math.max(last.x0, w.x0) > Math.min(last.x1 - last.x0, w.x1 - w.x0) * 0.5) last.x1 = Math.max(last.x1, w.x1);
    else stacks.push({ x0: w.x0, x1: w.x1 });
  }
  const figureBounds = clusters.slice(1).map((c, i) => (c + clusters[i]) / 2);
  if (stacks.length > clusters.length) {
    const bounds = stacks.slice(1).map((st, i) => (st.x0 + stacks[i].x1) / 2);
    const bandOf = (x: number) => bounds.filter((b) => x > b).length;
    if (new Set(clusters.map(bandOf)).size === clusters.length) return bounds;
  }
  return figureBounds;
}

/**
 * A row's figures put in the bands around `columns`: a figure whose glyphs reach over a band's
 * edge (digits touching across two columns) makes one cell over those columns, which the parser
 * splits by the table's arithmetic or reports unreadable; two figures in one band: not placed.
 */
function placeFigures(values: Item[], bounds: number[] | null, size: number, line: Line): TableCell[] | null {
  if (!bounds) return null;
  const columns = bounds.length + 1;
  const bandOf = (x: number) => bounds.filter((b) => x > b).length;
  const slots: (Item | null)[] = new Array<Item | null>(columns).fill(null);
  const spans: { first: number; last: number; items: Item[] }[] = [];
  for (const v of [...values].sort((a, b) => a.x0 - b.x0)) {
    const first = bandOf(v.x0 + size * 0.1);
    const last = bandOf(v.x1 - size * 0.1);
    if (first !== last) {
      if (!/^\d+$/.test(v.text)) return null;
      spans.push({ first, last, items: [v] });
      continue;
    }
    if (slots[first] || spans.some((s) => first >= s.first && first <= s.last)) return null;
    slots[first] = v;
  }
  const cells: TableCell[] = [];
  const source = (x0: number, x1: number) => ({ page: line.page, box: [round(x0), round(line.base - line.size), round(x1), round(line.base)] as [number, number, number, number] });
  for (let c = 0; c < columns; c++) {
    const span = spans.find((s) => s.first === c);
    if (span) {
      for (let k = span.first; k <= span.last; k++) if (slots[k]) return null;
      cells.push({ text: span.items.map((i) => i.text).join(''), rowSpan: 1, colSpan: span.last - span.first + 1, source: source(span.items[0].x0, span.items[0].x1) });
      c = span.last;
      continue;
    }
    const v = slots[c];
    cells.push(v ? { text: v.text, rowSpan: 1, colSpan: 1, source: source(v.x0, v.x1) } : { text: '', rowSpan: 1, colSpan: 1, source: { page: line.page } });
  }
  return cells;
}

/** A row whose figures could not be put in their columns: its digits as one cell over all of them (split by the parser's arithmetic, or unreadable). */
function runTogether(values: Item[], columns: number, line: Line): TableCell {
  const digits = [...values].sort((a, b) => a.x0 - b.x0).map((v) => v.text.replace(/\D/g, '')).join('');
  return { text: digits, rowSpan: 1, colSpan: Math.max(1, columns), source: { page: line.page } };
}

const isMarginLine = (part: PageOut['parts'][number], page: PageOut, running: Set<string>) => {
  if (part.kind !== 'line' || !(part.line.base > page.height * 0.9 || part.line.base < page.height * 0.08)) return false;
  const text = lineText(part.line.items);
  return PAGE_NUMBER.test(text) || running.has(text.replace(/\d+/g, '#'));
};

/**
 * A table that ends a page and one that starts the next, over the same columns, are one table
 * broken by the page: the second part's rows are appended to the first, without the header rows
 * the second part repeats.
 */
function joinContinuedTables(pages: PageOut[], running: Set<string>): void {
  for (let p = 0; p + 1 < pages.length; p++) {
    const a = pages[p];
    const b = pages[p + 1];
    const lastIdx = findLastIndex(a.parts, (x) => !isMarginLine(x, a, running));
    const firstIdx = b.parts.findIndex((x) => !isMarginLine(x, b, running));
    if (lastIdx < 0 || firstIdx < 0) continue;
    const last = a.parts[lastIdx];
    const first = b.parts[firstIdx];
    if (last.kind !== 'table' || first.kind !== 'table') continue;
    const ta = last.block as Block & { kind: 'table' };
    const tb = first.block as Block & { kind: 'table' };
    const boxA = ta.source?.box;
    const boxB = tb.source?.box;
    if (!boxA || !boxB || Math.abs(boxA[0] - boxB[0]) > 4 || Math.abs(boxA[2] - boxB[2]) > 4) continue;
    // the header repeated on the new page: the same texts (the spans may differ, as the columns
    // of each part come from the rules drawn on its own page)
    let rest = tb.rows.slice(repeatedHeaderRows(ta.rows, tb.rows));
    // a row broken by the page: its first part ends the first table, the rest of its cells'
    // text opens the second (value cells empty there); the text goes back into the row
    const lastRow = ta.rows[ta.rows.length - 1];
    if (rest.length && lastRow && isRowRest(lastRow, rest[0])) {
      for (const c of rest[0]) {
        if (!c.text) continue;
        const target = overlapping(lastRow, c)!;
        target.text = target.text ? `${target.text}\n${c.text}` : c.text;
      }
      rest = rest.slice(1);
    }
    if (rest.length) continueSpans(ta.rows, rest[0]);
    ta.rows.push(...rest);
    b.parts.splice(firstIdx, 1);
    // a table running over three pages: the joined part may continue again
    if (b.parts.every((x) => isMarginLine(x, b, running))) {
      b.parts.push({ kind: 'table', top: 0, block: ta });
      a.parts.splice(lastIdx, 1);
    }
  }
}

const FIGURE_CELL = /^[\d,，.\s]+$/;
const hasFigure = (row: TableCell[]) => row.some((c) => c.text && FIGURE_CELL.test(c.text));

/**
 * How many rows at the top of a table's continuation repeat its header: rows without figures
 * whose text is all found in the first part's header rows (rows before the first figure). The
 * header on the new page may be cut into other cells than the first (its rules are drawn anew),
 * so the comparison is of the characters, not of the cells.
 */
function repeatedHeaderRows(first: TableCell[][], next: TableCell[][]): number {
  const headerRows = first.findIndex(hasFigure);
  if (headerRows <= 0) return 0;
  const pool = new Map<string, number>();
  for (const row of first.slice(0, headerRows)) for (const c of row) for (const ch of c.text.replace(/\s+/g, '')) pool.set(ch, (pool.get(ch) ?? 0) + 1);
  let skip = 0;
  while (skip < next.length && skip < headerRows && !hasFigure(next[skip])) {
    const text = next[skip].map((c) => c.text).join('');
    if (!text.trim() || !consume(pool, text)) break;
    skip++;
  }
  return skip;
}

/**
 * Cells spanning rows that the page break cut: on the new page the rest of such a cell is a cell
 * of its own at the same place, empty or holding the rest of its wrapped text. It is taken back
 * into the cell above (one more row spanned) instead of standing as a cell of the next row.
 */
function continueSpans(rows: TableCell[][], next: TableCell[]): void {
  // header cells end with the header; only cells of the body go on across the page
  const body = rows.findIndex(hasFigure);
  if (body < 0) return;
  const open: TableCell[] = [];
  rows.forEach((row, r) => {
    if (r >= body) for (const c of row) if (r + c.rowSpan === rows.length) open.push(c);
  });
  for (let i = 0; i < next.length; i++) {
    const c = next[i];
    const above = overlapping(open, c);
    if (!above || (above.rowSpan < 2 && c.rowSpan < 2) || FIGURE_CELL.test(c.text) || !sameColumns(above, c)) continue;
    if (c.text && !(above.text && FULL_LAST_LINE.has(above))) continue;
    if (c.text) above.text = above.text ? `${above.text}\n${c.text}` : c.text;
    above.rowSpan += c.rowSpan;
    next.splice(i--, 1);
  }
}

/** Whether two cells stand over the same columns (left and right edges in line). */
function sameColumns(a: TableCell, b: TableCell): boolean {
  const ba = a.source?.box;
  const bb = b.source?.box;
  return !!ba && !!bb && Math.abs(ba[0] - bb[0]) <= 3 && Math.abs(ba[2] - bb[2]) <= 3;
}

function findLastIndex<T>(xs: T[], pred: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (pred(xs[i])) return i;
  return -1;
}

function xOverlap(a: TableCell, b: TableCell): number {
  const ba = a.source?.box;
  const bb = b.source?.box;
  if (!ba || !bb) return 0;
  return Math.min(ba[2], bb[2]) - Math.max(ba[0], bb[0]);
}

function overlapping(row: TableCell[], cell: TableCell): TableCell | null {
  let best: TableCell | null = null;
  let bestOverlap = 2;
  for (const c of row) {
    const o = xOverlap(c, cell);
    if (o > bestOverlap) (best = c), (bestOverlap = o);
  }
  return best;
}

/** Whether `next` holds the rest of `row`'s text: every text of it lies under a cell of `row` whose text wrapped to its edge. */
function isRowRest(row: TableCell[], next: TableCell[]): boolean {
  const texts = next.filter((c) => c.text);
  if (!texts.length) return false;
  return texts.every((c) => {
    const above = overlapping(row, c);
    // a figure is never the rest of a wrapped text, nor under a cell that already holds one: in
    // narrow columns a centred figure reaches the cell's edge, and two rows of figures across a
    // page break are two rows
    if (FIGURE_CELL.test(c.text) || (above && FIGURE_CELL.test(above.text))) return false;
    return above !== null && above.text !== '' && FULL_LAST_LINE.has(above);
  });
}
