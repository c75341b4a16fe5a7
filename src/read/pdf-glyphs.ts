/**
 * The text of a PDF page with every glyph at its own place, from the page's operator list (the
 * same list the table rules come from). pdfjs's text content joins the glyphs of a line into
 * strings and only guesses where a glyph stands inside one ("96 2 0 0 0 1 99" as one string with
 * spaces); here each glyph's box comes from the text state the way a renderer computes it, so
 * glyphs are joined into a word only where they touch, and a figure's place on the line is exact.
 */
import { normalizeCjk } from './normalize-cjk.js';

export type Matrix = [number, number, number, number, number, number];
export const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
export const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** A word: glyphs on one baseline that touch, in top-down page coordinates. */
export interface Item {
  text: string;
  x0: number;
  x1: number;
  /** Baseline, top-down page coordinates. */
  base: number;
  size: number;
  page: number;
  /** Left edge of each character of `text` and, last, the right edge of the word. */
  edges: number[];
}

/** The opcodes used here (pdfjs's OPS). */
export interface TextOps {
  save: number;
  restore: number;
  transform: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  beginText: number;
  setCharSpacing: number;
  setWordSpacing: number;
  setHScale: number;
  setLeading: number;
  setFont: number;
  setTextRise: number;
  moveText: number;
  setLeadingMoveText: number;
  setTextMatrix: number;
  nextLine: number;
  showText: number;
}

/** What is needed of a font: its matrix (glyph units to text space) and whether it is written top to bottom. */
export interface FontInfo {
  fontMatrix?: number[];
  vertical?: boolean;
}

interface Shown {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
}

interface TextState {
  ctm: Matrix;
  font: FontInfo | null;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

/** Characters (code points) of a glyph's text: mostly one, without building an array for it. */
function charCount(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      n--;
      i++;
    }
  }
  return n;
}

/** Glyphs closer than this (in em) still touch: rounding in the writer, never a gap a reader sees. */
const TOUCH = 0.02;

/** Font names set anywhere in the list (their objects must be at hand before the glyphs are placed). */
export function fontNames(ops: { fnArray: number[]; argsArray: unknown[] }, OPS: TextOps): string[] {
  const names = new Set<string>();
  for (let i = 0; i < ops.fnArray.length; i++) if (ops.fnArray[i] === OPS.setFont) names.add((ops.argsArray[i] as [string])[0]);
  return [...names];
}

/**
 * Every horizontal glyph of the list placed on the page (viewport: PDF space → top-down page
 * space), joined into words where glyphs touch on one baseline; spaces end words.
 */
export function pageWords(
  ops: { fnArray: number[]; argsArray: unknown[] },
  OPS: TextOps,
  viewport: Matrix,
  fonts: Map<string, FontInfo>,
  page: number,
): Item[] {
  const words: Item[] = [];
  let st: TextState = { ctm: IDENTITY, font: null, size: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0 };
  const stack: TextState[] = [];
  let tm: Matrix = IDENTITY;
  let lineX = 0;
  let lineY = 0;
  let x = 0;
  let y = 0;
  let word: Item | null = null;
  const endWord = () => {
    if (word) words.push(word);
    word = null;
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    switch (fn) {
      case OPS.save:
        stack.push({ ...st });
        break;
      case OPS.restore:
        st = stack.pop() ?? st;
        break;
      case OPS.transform:
        st.ctm = mul(st.ctm, args as Matrix);
        break;
      case OPS.paintFormXObjectBegin: {
        // a form XObject draws in its own space, inside an implicit save/restore
        stack.push({ ...st });
        const matrix = (args as [ArrayLike<number> | null])[0];
        if (matrix) st.ctm = mul(st.ctm, Array.from(matrix) as Matrix);
        break;
      }
      case OPS.paintFormXObjectEnd:
        st = stack.pop() ?? st;
        break;
      case OPS.beginText:
        tm = IDENTITY;
        x = lineX = 0;
        y = lineY = 0;
        break;
      case OPS.setCharSpacing:
        st.charSpacing = args[0] as number;
        break;
      case OPS.setWordSpacing:
        st.wordSpacing = args[0] as number;
        break;
      case OPS.setHScale:
        st.hScale = (args[0] as number) / 100;
        break;
      case OPS.setLeading:
        st.leading = -(args[0] as number);
        break;
      case OPS.setTextRise:
        st.rise = args[0] as number;
        break;
      case OPS.setFont:
        st.font = fonts.get(args[0] as string) ?? null;
        st.size = args[1] as number;
        break;
      case OPS.setTextMatrix:
        tm = Array.from(args[0] as ArrayLike<number>) as Matrix;
        x = lineX = 0;
        y = lineY = 0;
        break;
      case OPS.moveText:
        x = lineX += args[0] as number;
        y = lineY += args[1] as number;
        break;
      case OPS.setLeadingMoveText:
        st.leading = args[1] as number;
        x = lineX += args[0] as number;
        y = lineY += args[1] as number;
        break;
      case OPS.nextLine:
        x = lineX;
        y = lineY += st.leading;
        break;
      case OPS.showText: {
        const glyphs = args[0] as (Shown | number)[];
        const font = st.font;
        if (!font || font.vertical || st.size === 0) {
          endWord();
          break;
        }
        const direction = st.size < 0 ? -1 : 1;
        const size = Math.abs(st.size);
        const hScale = st.hScale * direction;
        const advanceScale = size * (font.fontMatrix?.[0] ?? 0.001);
        // text space → page: viewport · CTM · Tm · translate(x, y + rise) · scale(hScale, 1)
        const m = mul(mul(viewport, st.ctm), mul(tm, [hScale, 0, 0, 1, x, y + st.rise]));
        // rotated text (stamps, side notes) is not laid out in rows
        if (Math.abs(m[1]) > Math.abs(m[0]) * 0.1 || m[0] === 0) {
          endWord();
          let advance = 0;
          for (const g of glyphs) {
            if (typeof g === 'number') advance -= (g * size) / 1000;
            else advance += (g.width ?? 0) * advanceScale + (g.isSpace ? st.wordSpacing : 0) + st.charSpacing;
          }
          x += advance * hScale;
          break;
        }
        const pageSize = size * Math.hypot(m[2], m[3]);
        const touch = pageSize * TOUCH;
        let advance = 0;
        for (const g of glyphs) {
          if (typeof g === 'number') {
            advance -= (g * size) / 1000;
            continue;
          }
          const width = (g.width ?? 0) * advanceScale;
          const spacing = (g.isSpace ? st.wordSpacing : 0) + st.charSpacing;
          // (apply(m, advance, 0) and apply(m, advance + width, 0), without two arrays per glyph)
          const gx0 = m[0] * advance + m[4];
          const base = m[1] * advance + m[5];
          const gx1 = m[0] * (advance + width) + m[4];
          advance += width + spacing * direction;
          const text = normalizeCjk(g.unicode ?? '');
          if (!text || !text.trim()) {
            endWord();
            continue;
          }
          const left = Math.min(gx0, gx1);
          const right = Math.max(gx0, gx1);
          const w: Item | null = word;
          if (
            w &&
            Math.abs(w.base - base) <= pageSize * 0.2 &&
            Math.abs(w.size - pageSize) <= pageSize * 0.25 &&
            left - w.x1 <= touch &&
            left - w.x1 >= -pageSize * 0.3
          ) {
            w.edges.pop();
            const chars = charCount(text);
            for (let k = 0; k < chars; k++) w.edges.push(left + ((right - left) * k) / chars);
            w.edges.push(right);
            w.text += text;
            w.x1 = Math.max(w.x1, right);
          } else {
            endWord();
            const chars = charCount(text);
            const edges: number[] = [];
            for (let k = 0; k < chars; k++) edges.push(left + ((right - left) * k) / chars);
            edges.push(right);
            word = { text, x0: left, x1: right, base, size: pageSize, page, edges };
          }
        }
        x += advance * hScale;
        break;
      }
      default:
        break;
    }
  }
  endWord();
  return words;
}
