/**
 * Web pages → Document. Reports are published inside whole government pages (navigation, site
 * maps, footers): every block is kept, the parser finds the report. Data tables become Table
 * blocks with their rowspan/colspan (cells as in the source, not expanded); tables used for page
 * layout (a cell holding another table, one column only, or long prose) are read as the flow of
 * their cells. Text in cells keeps its line breaks (`<br>`, `<p>`) as '\n'.
 *
 * Decoding: byte order mark, then valid UTF-8, then the charset the page declares, else GB18030
 * (which covers GBK and GB2312).
 */
import { Buffer, isUtf8 } from 'node:buffer';
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import { InputError } from '../errors.js';
import type { Block, Document, TableCell } from './document.js';
import { readText } from './text.js';

type Node = T.ChildNode;
type Element = T.Element;

const SKIP = new Set(['head', 'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'select', 'option', 'textarea', 'input', 'button', 'canvas', 'video', 'audio', 'map', 'xml']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'li', 'main',
  'menu', 'nav', 'ol', 'p', 'section', 'summary', 'ul', 'caption', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'table', 'legend',
]);
const MAX_CELL_TEXT = 400;

// ------------------------------------------------------------------ decoding

const CHARSET_ALIASES: Record<string, string> = {
  gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', gb18030: 'gb18030', cp936: 'gb18030', 'windows-936': 'gb18030',
  'utf8': 'utf-8', 'utf-8': 'utf-8', big5: 'big5', 'big5-hkscs': 'big5',
};

function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1').toLowerCase();
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/.exec(head);
  return m ? m[1] : null;
}

export function decodeHtml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  // GBK text is almost never valid UTF-8, while pages declaring gb2312 but saved as UTF-8 are common
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const declared = declaredCharset(bytes);
  const label = declared ? (CHARSET_ALIASES[declared] ?? declared) : 'gb18030';
  try {
    return new TextDecoder(label === 'utf-8' ? 'gb18030' : label).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

// ------------------------------------------------------------------ helpers

function attr(el: Element, name: string): string | undefined {
  for (const a of el.attrs) if (a.name === name) return a.value;
  return undefined;
}

function hidden(el: Element): boolean {
  if (el.attrs.length === 0) return false;
  if (attr(el, 'hidden') !== undefined) return true;
  const style = attr(el, 'style');
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/**
 * Page furniture around the content: site navigation, menus, breadcrumbs ("当前位置"), share and
 * print links, footers with the site's own phone number. Recognised by element (nav, footer,
 * aside, form; header outside the article) or by a class/id word; left out of the Document.
 */
const CHROME_TAGS = new Set(['nav', 'footer', 'aside', 'form']);
const CHROME_WORDS = new Set([
  'nav', 'navbar', 'navigation', 'menu', 'menus', 'submenu', 'breadcrumb', 'breadcrumbs', 'crumb', 'crumbs', 'position', 'location',
  'footer', 'foot', 'copyright', 'share', 'print', 'sidebar', 'toolbar', 'topbar', 'search', 'banner', 'logo', 'bdshare', 'friendlink',
]);

function isChrome(el: Element, inArticle: boolean): boolean {
  if (CHROME_TAGS.has(el.tagName)) return true;
  if (el.tagName === 'header' && !inArticle) return true;
  for (const a of el.attrs) {
    if (a.name !== 'class' && a.name !== 'id') continue;
    for (const word of a.value.toLowerCase().split(/[\s_-]+|(?<=[a-z])(?=\d)/)) if (CHROME_WORDS.has(word)) return true;
  }
  return false;
}

function isElement(n: Node): n is Element {
  return (n as Element).tagName !== undefined;
}

function span(el: Element, name: string): number {
  const v = attr(el, name);
  if (v === undefined) return 1;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1;
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/**
 * HTML white space collapsed as a browser shows it: runs become one space, and a line break
 * between two East Asian characters disappears (CSS Text: segment break transformation).
 */
function collapse(s: string): string {
  return s.replace(/[ \t\n\r\f]+/g, (ws, at: number, all: string) => {
    if (ws.includes('\n') && at > 0 && CJK.test(all[at - 1]) && CJK.test(all[at + ws.length] ?? '')) return '';
    return ' ';
  });
}

function tidyLine(s: string): string {
  return s.replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g, '').replace(/\u00a0/g, ' ');
}

// ------------------------------------------------------------------ cells

/** A cell's text: inline text collapsed, `<br>` and block boundaries as '\n', lines trimmed. */
function cellText(el: Element): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeName === '#text') {
      parts.push(collapse((n as T.TextNode).value));
      return;
    }
    if (!isElement(n)) return;
    const tag = n.tagName;
    if (SKIP.has(tag) || hidden(n)) return;
    if (tag === 'br') {
      parts.push('\n');
      return;
    }
    const block = BLOCK.has(tag);
    if (block) parts.push('\n');
    for (const c of n.childNodes) walk(c);
    if (block) parts.push('\n');
  };
  for (const c of el.childNodes) walk(c);
  return parts
    .join('')
    .split('\n')
    .map(tidyLine)
    .filter((l) => l !== '')
    .join('\n');
}

interface RawRow {
  cells: Element[];
}

function tableRows(table: Element): RawRow[] {
  const rows: RawRow[] = [];
  const addRow = (tr: Element) => {
    if (hidden(tr)) return;
    const cells = tr.childNodes.filter((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'));
    rows.push({ cells });
  };
  for (const c of table.childNodes) {
    if (!isElement(c)) continue;
    if (c.tagName === 'tr') addRow(c);
    else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') {
      for (const r of c.childNodes) if (isElement(r) && r.tagName === 'tr') addRow(r);
    }
  }
  return rows;
}

function containsTable(el: Element): boolean {
  for (const c of el.childNodes) {
    if (!isElement(c)) continue;
    if (c.tagName === 'table' || containsTable(c)) return true;
  }
  return false;
}

// ------------------------------------------------------------------ the flow

class Reader {
  blocks: Block[] = [];
  private buf: string[] = [];
  private bufPath = '';

  flush(): void {
    if (this.buf.length === 0) return;
    const text = this.buf.join('');
    this.buf = [];
    // a block of nothing but links is a menu or a list of links, not content
    const linksOnly = !this.plainText;
    this.plainText = false;
    if (linksOnly) return;
    for (const line of text.split('\n')) {
      const t = tidyLine(line).replace(/ {2,}/g, ' ');
      if (t) this.blocks.push({ kind: 'paragraph', text: t, source: { path: this.bufPath } });
    }
  }

  private text(s: string, path: string): void {
    if (this.buf.length === 0) this.bufPath = path;
    this.buf.push(s);
    if (this.link === 0 && /[^\s\u00a0]/.test(s)) this.plainText = true;
  }

  /** Depth inside <a> and <article>/<main>; whether the paragraph being built has text outside links. */
  private link = 0;
  private article = 0;
  private plainText = false;

  walk(n: Node, path: string): void {
    if (n.nodeName === '#text') {
      const v = (n as T.TextNode).value;
      if (this.buf.length === 0 && !/[^\s]/.test(v)) return;
      this.text(collapse(v), path);
      return;
    }
    if (!isElement(n)) return;
    const tag = n.tagName;
    if (SKIP.has(tag) || hidden(n) || isChrome(n, this.article > 0)) return;
    if (tag === 'a') {
      this.link++;
      for (const c of n.childNodes) this.walk(c, path);
      this.link--;
      return;
    }
    if (tag === 'article' || tag === 'main') {
      this.article++;
      this.walkChildren(n, path, true);
      this.article--;
      return;
    }
    if (tag === 'br') {
      this.text('\n', path);
      return;
    }
    if (tag === 'pre') {
      this.flush();
      // text typed with its layout (tabs, aligned columns): the text reader knows those shapes
      const text = preText(n);
      if (text.trim()) {
        const doc = readText(new TextEncoder().encode(text), path);
        for (const b of doc.blocks) this.blocks.push(b.kind === 'paragraph' ? { ...b, source: { path } } : { ...b, source: { path } });
      }
      return;
    }
    if (tag === 'table') {
      this.flush();
      this.table(n, path);
      return;
    }
    this.walkChildren(n, path, BLOCK.has(tag));
  }

  private walkChildren(n: Element, path: string, block: boolean): void {
    if (block) this.flush();
    let i = 0;
    for (const c of n.childNodes) {
      if (isElement(c)) i++;
      this.walk(c, isElement(c) ? `${path}>${c.tagName}:nth-child(${i})` : path);
    }
    if (block) this.flush();
  }

  private table(table: Element, path: string): void {
    const rows = tableRows(table);
    const cells = rows.flatMap((r) => r.cells);
    const layout =
      cells.length === 0 ||
      cells.some((c) => containsTable(c)) ||
      rows.every((r) => r.cells.length <= 1) ||
      cells.some((c) => cellText(c).length > MAX_CELL_TEXT);
    // a <caption> names the table ("政府信息公开申请情况统计表"): not prose of the report, left out
    if (layout) {
      // a table used to lay out the page: its cells are parts of the flow
      let i = 0;
      for (const cell of cells) {
        i++;
        this.walk(cell, `${path} td:nth-of-type(${i})`);
        this.flush();
      }
      return;
    }
    const out: TableCell[][] = [];
    rows.forEach((r, ri) => {
      out.push(
        r.cells.map((c, ci) => ({
          text: cellText(c),
          rowSpan: span(c, 'rowspan'),
          colSpan: span(c, 'colspan'),
          source: { path: `${path} tr:nth-of-type(${ri + 1}) > :nth-child(${ci + 1})` },
        })),
      );
    });
    this.blocks.push({ kind: 'table', rows: out, source: { path } });
  }
}

function preText(el: Element): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeName === '#text') parts.push((n as T.TextNode).value);
    else if (isElement(n)) {
      if (n.tagName === 'br') parts.push('\n');
      else if (!SKIP.has(n.tagName)) for (const c of n.childNodes) walk(c);
    }
  };
  for (const c of el.childNodes) walk(c);
  return parts.join('');
}

/**
 * Deepest nesting of elements read. Pages of government sites nest a few dozen levels; the walks
 * below recurse once per level, so a page nested a hundred thousand levels is refused first.
 */
const MAX_DEPTH = 1000;

/** Whether any node lies more than `limit` levels down (walked with a stack of its own, not recursion). */
function deeperThan(root: T.Document, limit: number): boolean {
  const stack: [Node, number][] = [[root as unknown as Node, 0]];
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    if (depth > limit) return true;
    if ('childNodes' in n) for (const c of n.childNodes) stack.push([c, depth + 1]);
  }
  return false;
}

export function readHtml(bytes: Uint8Array, file: string): Document {
  const html = decodeHtml(bytes);
  let root: T.Document;
  try {
    root = parse(html);
  } catch {
    throw new InputError(file, '网页无法解析 / HTML could not be parsed');
  }
  if (deeperThan(root, MAX_DEPTH)) throw new InputError(file, `网页的元素嵌套超过 ${MAX_DEPTH} 层，拒绝读取 / HTML nested too deep`);
  const reader = new Reader();
  const htmlEl = root.childNodes.find((c): c is Element => isElement(c) && c.tagName === 'html');
  const body = htmlEl?.childNodes.find((c): c is Element => isElement(c) && c.tagName === 'body');
  if (body) reader.walk(body, 'body');
  reader.flush();
  if (!reader.blocks.length) throw new InputError(file, '网页中没有文字内容 / the page has no text');
  return { form: 'html', blocks: reader.blocks };
}
