/**
 * Word (.docx) → Document: paragraphs and tables of word/document.xml, read with a small tag
 * scanner (a DOM over a 200 KB document.xml costs more than everything else together).
 *
 * Tables: w:gridSpan → colSpan, w:vMerge restart/continue → rowSpan on the first cell (covered
 * cells are not repeated, as in HTML), w:gridBefore respected. A table split by a page break is
 * two tables, as in the file. Text boxes, drawings, deleted and moved-away text, field codes and
 * hidden runs are left out. Word's automatic numbering (numbering.xml, directly or through the
 * paragraph style) is rendered and put before the text, so "一、总体情况" reads as it prints.
 *
 * The zip is read with caps on what comes out of it (see zip.ts): a file whose XML would expand
 * to gigabytes is refused after MAX_DOCUMENT_XML bytes, in bounded memory.
 */
import { InputError } from '../errors.js';
import type { Block, Document, TableCell } from './document.js';
import { Buffer } from 'node:buffer';
import { listZip, readZipEntry, ZipError, type ZipEntry } from './zip.js';

/** Caps on uncompressed sizes: document.xml, numbering.xml/styles.xml each, and all parts read. */
export const MAX_DOCUMENT_XML = 30 * 1024 * 1024;
export const MAX_PART_XML = 10 * 1024 * 1024;
export const MAX_TOTAL_XML = 100 * 1024 * 1024;

const MAIN_NS = /xmlns:?([\w.-]*)="(?:http:\/\/schemas\.openxmlformats\.org\/wordprocessingml\/2006\/main|http:\/\/purl\.oclc\.org\/ooxml\/wordprocessingml\/main)"/;

// ------------------------------------------------------------------ XML scanning

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_m, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name) return NAMED[name];
    const code = dec ? Number(dec) : Number.parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function attrValue(attrs: string, name: string): string | undefined {
  const i = attrs.indexOf(`${name}=`);
  if (i < 0) return undefined;
  const q = attrs[i + name.length + 1];
  const end = attrs.indexOf(q, i + name.length + 2);
  if (end < 0) return undefined;
  return unescapeXml(attrs.slice(i + name.length + 2, end));
}

interface Tag {
  name: string;
  attrs: string;
  close: boolean;
  selfClose: boolean;
}

/**
 * The XML parts are read as byte strings, one character per byte (latin1), and only the text and
 * attribute values the scanner hands on are decoded from UTF-8. Tags are ASCII; building a
 * string of the whole part from UTF-8 costs about a millisecond per Word file (V8 decodes text
 * with Chinese in it slowly), most of the time it takes to read one.
 */
function byteString(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
}
const NON_ASCII = /[\x80-\xff]/;
/** A slice of a byte string as the UTF-8 text it encodes (broken sequences become U+FFFD). */
function utf8Of(bytes: string): string {
  return NON_ASCII.test(bytes) ? Buffer.from(bytes, 'latin1').toString('utf8') : bytes;
}

/**
 * Walks the tags and text of an XML byte string, calling `onTag` and `onText` with decoded text.
 * Names are normalised to the `w:` prefix for the main namespace. Comments, processing
 * instructions and CDATA skipped.
 */
function scan(xml: string, onTag: (tag: Tag) => void, onText: (text: string) => void): void {
  const nsMatch = MAIN_NS.exec(xml.slice(0, 4096));
  const prefix = nsMatch ? nsMatch[1] : 'w';
  const rename =
    prefix === 'w'
      ? null
      : prefix === ''
        ? (n: string) => (n.includes(':') ? n : `w:${n}`)
        : (n: string) => (n.startsWith(`${prefix}:`) ? `w:${n.slice(prefix.length + 1)}` : n);
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      if (i < n) onText(utf8Of(xml.slice(i)));
      break;
    }
    if (lt > i) onText(utf8Of(xml.slice(i, lt)));
    const c = xml.charCodeAt(lt + 1);
    if (c === 0x21 /* ! */ || c === 0x3f /* ? */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        i = end < 0 ? n : end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        onText(utf8Of(xml.slice(lt + 9, end < 0 ? n : end)).replace(/&/g, '&amp;'));
        i = end < 0 ? n : end + 3;
      } else {
        const end = xml.indexOf('>', lt);
        i = end < 0 ? n : end + 1;
      }
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) break;
    const close = c === 0x2f;
    const selfClose = xml.charCodeAt(gt - 1) === 0x2f;
    const start = close ? lt + 2 : lt + 1;
    let e = start;
    while (e < gt) {
      const ch = xml.charCodeAt(e);
      if (ch === 0x20 || ch === 0x2f || ch === 0x0a || ch === 0x0d || ch === 0x09) break;
      e++;
    }
    let name = xml.slice(start, e);
    if (rename) name = rename(name);
    onTag({ name, attrs: e < gt ? utf8Of(xml.slice(e, selfClose ? gt - 1 : gt)) : '', close, selfClose });
    i = gt + 1;
  }
}

/** Elements whose content is never text of the document. */
const SKIPPED = new Set([
  'w:txbxContent', 'mc:AlternateContent', 'w:pict', 'w:drawing', 'w:object', 'w:sdtPr', 'w:moveFrom', 'w:sectPr',
  'w:footnotePr', 'w:endnotePr', 'w:fldData', 'w:ffData', 'm:oMath', 'm:oMathPara', 'w:customXmlPr', 'v:shape', 'v:textbox',
]);

function isOn(attrs: string): boolean {
  const v = attrValue(attrs, 'w:val');
  return v === undefined || !(v === '0' || v === 'false' || v === 'off');
}

// ------------------------------------------------------------------ numbering

interface Level {
  start: number;
  format: string;
  text: string;
  suffix: string;
  legal: boolean;
  restart?: number;
}

interface Numbering {
  abstracts: Map<string, Map<number, Level>>;
  nums: Map<string, { abstract: string; overrides: Map<number, { start?: number; level?: Level }> }>;
}

function parseLevels(xml: string): Numbering {
  const abstracts = new Map<string, Map<number, Level>>();
  const nums: Numbering['nums'] = new Map();
  let abstract: Map<number, Level> | null = null;
  let level: Level | null = null;
  let levelNo = 0;
  let num: { abstract: string; overrides: Map<number, { start?: number; level?: Level }> } | null = null;
  let override: { start?: number; level?: Level } | null = null;
  let skip = 0;
  scan(
    xml,
    (t) => {
      if (skip) {
        if (t.name === 'w:pPr' || t.name === 'w:rPr') {
          if (t.close) skip--;
          else if (!t.selfClose) skip++;
        }
        return;
      }
      if (t.close) {
        if (t.name === 'w:abstractNum') abstract = null;
        else if (t.name === 'w:lvl') level = null;
        else if (t.name === 'w:num') num = null;
        else if (t.name === 'w:lvlOverride') override = null;
        return;
      }
      switch (t.name) {
        case 'w:pPr':
        case 'w:rPr':
          if (!t.selfClose) skip = 1;
          return;
        case 'w:abstractNum':
          abstract = new Map();
          abstracts.set(attrValue(t.attrs, 'w:abstractNumId') ?? '', abstract);
          return;
        case 'w:lvl': {
          levelNo = Number(attrValue(t.attrs, 'w:ilvl') ?? 0);
          level = { start: 1, format: 'decimal', text: '', suffix: 'tab', legal: false };
          if (override) override.level = level;
          else abstract?.set(levelNo, level);
          return;
        }
        case 'w:start':
          if (level) level.start = Number(attrValue(t.attrs, 'w:val') ?? 1);
          return;
        case 'w:numFmt':
          if (level) level.format = attrValue(t.attrs, 'w:val') ?? 'decimal';
          return;
        case 'w:lvlText':
          if (level) level.text = attrValue(t.attrs, 'w:val') ?? '';
          return;
        case 'w:suff':
          if (level) level.suffix = attrValue(t.attrs, 'w:val') ?? 'tab';
          return;
        case 'w:isLgl':
          if (level) level.legal = isOn(t.attrs);
          return;
        case 'w:lvlRestart':
          if (level) level.restart = Number(attrValue(t.attrs, 'w:val') ?? 0);
          return;
        case 'w:num':
          num = { abstract: '', overrides: new Map() };
          nums.set(attrValue(t.attrs, 'w:numId') ?? '', num);
          return;
        case 'w:abstractNumId':
          if (num) num.abstract = attrValue(t.attrs, 'w:val') ?? '';
          return;
        case 'w:lvlOverride':
          if (num) {
            override = {};
            num.overrides.set(Number(attrValue(t.attrs, 'w:ilvl') ?? 0), override);
          }
          return;
        case 'w:startOverride':
          if (override) override.start = Number(attrValue(t.attrs, 'w:val') ?? 1);
          return;
      }
    },
    () => {},
  );
  return { abstracts, nums };
}

const CN_DIGITS = '零一二三四五六七八九';
const CN_LEGAL = '零壹贰叁肆伍陆柒捌玖';

function chineseNumber(n: number, digits = CN_DIGITS, units = ['', '十', '百', '千']): string {
  if (n <= 0) return digits[0];
  if (n >= 10000) return String(n);
  const s = String(n);
  let out = '';
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const unit = units[s.length - 1 - i];
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += digits[0];
    zero = false;
    out += digits[d] + unit;
  }
  // 一十五 → 十五
  if (digits === CN_DIGITS && out.startsWith('一十')) out = out.slice(1);
  return out;
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) (out += s), (n -= v);
  return out;
}

function letters(n: number): string {
  if (n <= 0) return '';
  const ch = String.fromCharCode(65 + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'decimal':
      return String(n);
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographDigital':
      return chineseNumber(n);
    case 'chineseLegalSimplified':
    case 'koreanLegal':
      return chineseNumber(n, CN_LEGAL, ['', '拾', '佰', '仟']);
    case 'ideographTraditional':
      return '甲乙丙丁戊己庚辛壬癸'[(n - 1) % 10] ?? String(n);
    case 'ideographZodiac':
      return '子丑寅卯辰巳午未申酉戌亥'[(n - 1) % 12] ?? String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2474 + n - 1) : `(${n})`;
    case 'decimalEnclosedFullstop':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2488 + n - 1) : `${n}.`;
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'upperLetter':
      return letters(n);
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** Counters of Word's lists as the document is read in order. */
class ListCounter {
  private counters = new Map<string, (number | undefined)[]>();
  private seenNums = new Set<string>();
  constructor(private numbering: Numbering) {}

  label(numId: string, ilvl: number): string {
    const num = this.numbering.nums.get(numId);
    if (!num) return '';
    const abstract = this.numbering.abstracts.get(num.abstract);
    if (!abstract) return '';
    const levelOf = (l: number): Level | undefined => num.overrides.get(l)?.level ?? abstract.get(l);
    const startOf = (l: number): number => num.overrides.get(l)?.start ?? levelOf(l)?.start ?? 1;
    const level = levelOf(ilvl);
    if (!level || level.format === 'bullet') return '';
    let counters = this.counters.get(num.abstract);
    if (!counters) this.counters.set(num.abstract, (counters = []));
    if (!this.seenNums.has(numId)) {
      this.seenNums.add(numId);
      for (const [l, o] of num.overrides) if (o.start !== undefined) counters[l] = undefined;
    }
    counters[ilvl] = counters[ilvl] === undefined ? startOf(ilvl) : counters[ilvl]! + 1;
    for (let l = ilvl + 1; l < 9; l++) {
      const deeper = levelOf(l);
      if (deeper?.restart === 0) continue;
      counters[l] = undefined;
    }
    const text = level.text.replace(/%([1-9])/g, (_m, d: string) => {
      const l = Number(d) - 1;
      const value = counters![l] ?? startOf(l);
      const lvl = levelOf(l);
      return formatNumber(value, level.legal ? 'decimal' : (lvl?.format ?? 'decimal'));
    });
    return text + (level.suffix === 'space' ? ' ' : level.suffix === 'nothing' ? '' : text ? ' ' : '');
  }
}

/** Numbering given to paragraph styles (styles.xml), following w:basedOn. */
function parseStyleNumbering(xml: string): Map<string, { numId?: string; ilvl?: number }> {
  const raw = new Map<string, { numId?: string; ilvl?: number; basedOn?: string }>();
  let current: { numId?: string; ilvl?: number; basedOn?: string } | null = null;
  let inPPr = false;
  scan(
    xml,
    (t) => {
      if (t.name === 'w:style') {
        if (t.close) current = null;
        else if (!t.selfClose) {
          current = {};
          raw.set(attrValue(t.attrs, 'w:styleId') ?? '', current);
        }
        return;
      }
      if (!current) return;
      if (t.name === 'w:pPr') inPPr = !t.close && !t.selfClose;
      else if (t.name === 'w:basedOn' && !t.close) current.basedOn = attrValue(t.attrs, 'w:val');
      else if (inPPr && t.name === 'w:numId' && !t.close) current.numId = attrValue(t.attrs, 'w:val');
      else if (inPPr && t.name === 'w:ilvl' && !t.close) current.ilvl = Number(attrValue(t.attrs, 'w:val') ?? 0);
    },
    () => {},
  );
  const out = new Map<string, { numId?: string; ilvl?: number }>();
  for (const id of raw.keys()) {
    let numId: string | undefined;
    let ilvl: number | undefined;
    let s = raw.get(id);
    for (let hops = 0; s && hops < 20; hops++) {
      numId ??= s.numId;
      ilvl ??= s.ilvl;
      s = s.basedOn ? raw.get(s.basedOn) : undefined;
    }
    if (numId !== undefined) out.set(id, { numId, ilvl });
  }
  return out;
}

// ------------------------------------------------------------------ the document

interface CellBuild {
  lines: string[];
  colSpan: number;
  vMerge: 'none' | 'restart' | 'continue';
  hMergeContinue: boolean;
  col: number;
  index: number;
}

interface TableBuild {
  rows: TableCell[][];
  row: TableCell[] | null;
  col: number;
  cell: CellBuild | null;
  /** Grid column → the cell whose vertical merge is open there. */
  open: Map<number, TableCell>;
  index: number;
  rowIndex: number;
}

function parseDocumentXml(xml: string, numbering: Numbering | null, styleNumbering: Map<string, { numId?: string; ilvl?: number }>): Block[] {
  const blocks: Block[] = [];
  const counter = numbering ? new ListCounter(numbering) : null;
  const tables: TableBuild[] = [];
  let tableCount = 0;
  let paraCount = 0;
  let skipName: string | null = null;
  let skipDepth = 0;
  // paragraph state
  let inPara = false;
  let parts: string[] = [];
  let numId: string | undefined;
  let ilvl: number | undefined;
  let pStyle: string | undefined;
  let inPPr = false;
  let inRun = false;
  let inRPr = false;
  let runHidden = false;
  let inT = false;

  const endParagraph = () => {
    let text = parts.join('');
    const styleNum = pStyle !== undefined ? styleNumbering.get(pStyle) : undefined;
    const id = numId ?? styleNum?.numId;
    if (counter && id && id !== '0') {
      const label = counter.label(id, ilvl ?? styleNum?.ilvl ?? 0);
      if (label && text.trim()) text = label + text;
    }
    paraCount++;
    const table = tables[tables.length - 1];
    if (table?.cell) {
      table.cell.lines.push(text);
      return;
    }
    for (const line of text.split('\n')) {
      const t = line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
      if (t) blocks.push({ kind: 'paragraph', text: t, source: { path: `p${paraCount}` } });
    }
  };

  const endCell = (table: TableBuild) => {
    const c = table.cell!;
    table.cell = null;
    const text = c.lines
      .join('\n')
      .split('\n')
      .map((l) => l.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, ''))
      .filter(Boolean)
      .join('\n');
    const row = table.row!;
    if (c.hMergeContinue && row.length) {
      row[row.length - 1].colSpan += c.colSpan;
      return;
    }
    if (c.vMerge === 'continue') {
      const origin = table.open.get(c.col);
      if (origin) {
        origin.rowSpan++;
        for (let k = c.col; k < c.col + c.colSpan; k++) table.open.set(k, origin);
        return;
      }
    }
    const cell: TableCell = {
      text,
      rowSpan: 1,
      colSpan: c.colSpan,
      source: { path: `tbl${table.index}/r${table.rowIndex}/c${c.index}` },
    };
    row.push(cell);
    for (let k = c.col; k < c.col + c.colSpan; k++) {
      if (c.vMerge === 'restart') table.open.set(k, cell);
      else table.open.delete(k);
    }
  };

  scan(
    xml,
    (t) => {
      const name = t.name;
      if (skipName !== null) {
        if (name === skipName) {
          if (t.close) {
            if (--skipDepth === 0) skipName = null;
          } else if (!t.selfClose) skipDepth++;
        }
        return;
      }
      if (!t.close && !t.selfClose && (SKIPPED.has(name) || name.endsWith('Change'))) {
        skipName = name;
        skipDepth = 1;
        return;
      }
      const table = tables[tables.length - 1];
      switch (name) {
        case 'w:p':
          if (t.close) {
            endParagraph();
            inPara = false;
          } else {
            inPara = true;
            parts = [];
            numId = ilvl = pStyle = undefined;
            if (t.selfClose) {
              endParagraph();
              inPara = false;
            }
          }
          return;
        case 'w:pPr':
          inPPr = !t.close && !t.selfClose;
          return;
        case 'w:pStyle':
          if (inPPr) pStyle = attrValue(t.attrs, 'w:val');
          return;
        case 'w:numId':
          if (inPPr) numId = attrValue(t.attrs, 'w:val');
          return;
        case 'w:ilvl':
          if (inPPr) ilvl = Number(attrValue(t.attrs, 'w:val') ?? 0);
          return;
        case 'w:r':
          inRun = !t.close && !t.selfClose;
          runHidden = false;
          return;
        case 'w:rPr':
          inRPr = !t.close && !t.selfClose;
          return;
        case 'w:vanish':
          if (inRun && inRPr) runHidden = isOn(t.attrs);
          return;
        case 'w:t':
          inT = !t.close && !t.selfClose && inPara;
          return;
        case 'w:tab':
          if (inRun && !inPPr && !runHidden) parts.push('\t');
          return;
        case 'w:br':
        case 'w:cr':
          if (inRun && !runHidden) parts.push('\n');
          return;
        case 'w:noBreakHyphen':
          if (inRun) parts.push('-');
          return;
        case 'w:tbl':
          if (t.close) {
            const done = tables.pop();
            // a stray </w:tbl> closes nothing
            if (!done) return;
            const parent = tables[tables.length - 1];
            if (parent?.cell) {
              // a table inside a cell: its text joins the cell's
              for (const row of done.rows) for (const c of row) if (c.text) parent.cell.lines.push(c.text);
            } else if (done.rows.length) {
              blocks.push({ kind: 'table', rows: done.rows, source: { path: `tbl${done.index}` } });
            }
          } else if (!t.selfClose) {
            tables.push({ rows: [], row: null, col: 0, cell: null, open: new Map(), index: ++tableCount, rowIndex: 0 });
          }
          return;
        case 'w:tr':
          if (!table) return;
          if (t.close) {
            if (table.row) table.rows.push(table.row);
            table.row = null;
          } else {
            table.row = [];
            table.col = 0;
            table.rowIndex++;
          }
          return;
        case 'w:gridBefore':
          if (table && table.row && !table.cell) table.col += Math.max(0, Math.min(1000, Number(attrValue(t.attrs, 'w:val') ?? 0) || 0));
          return;
        case 'w:tc':
          if (!table || !table.row) return;
          if (t.close) {
            if (table.cell) {
              const span = table.cell.colSpan;
              endCell(table);
              table.col += span;
            }
          } else {
            table.cell = { lines: [], colSpan: 1, vMerge: 'none', hMergeContinue: false, col: table.col, index: table.row.length + 1 };
          }
          return;
        case 'w:gridSpan':
          if (table?.cell) table.cell.colSpan = Math.max(1, Math.min(1000, Number(attrValue(t.attrs, 'w:val') ?? 1) || 1));
          return;
        case 'w:vMerge':
          if (table?.cell && !inPara) table.cell.vMerge = attrValue(t.attrs, 'w:val') === 'restart' ? 'restart' : 'continue';
          return;
        case 'w:hMerge':
          if (table?.cell && !inPara && attrValue(t.attrs, 'w:val') !== 'restart') table.cell.hMergeContinue = true;
          return;
      }
    },
    (text) => {
      if (inT && !runHidden) parts.push(unescapeXml(text));
    },
  );
  return blocks;
}

// ------------------------------------------------------------------ the reader

function zipMessage(error: ZipError): string {
  switch (error.reason) {
    case 'truncated':
      return 'Word 文件不完整（ZIP 结构被截断或损坏，可能下载中断）/ truncated or damaged .docx';
    case 'too-large':
      return 'Word 文件解压后过大，超过读取上限（可能是恶意构造的压缩炸弹）/ .docx expands beyond the limit';
    case 'unsupported':
      return 'Word 文件使用了不支持的压缩方式或加密 / unsupported compression or encryption in .docx';
    default:
      return 'Word 文件已损坏，无法解压 / damaged .docx';
  }
}

export function readDocx(bytes: Uint8Array, file: string, entries?: ZipEntry[]): Document {
  try {
    const list = entries ?? listZip(bytes);
    const byName = new Map(list.map((e) => [e.name, e]));
    const main = byName.get('word/document.xml') ?? list.find((e) => /^word\/document\d*\.xml$/.test(e.name));
    if (!main) throw new InputError(file, '不是 Word 文档：压缩包里没有 word/document.xml / not a .docx');
    let total = 0;
    const read = (entry: ZipEntry, cap: number): string => {
      const data = readZipEntry(bytes, entry, Math.min(cap, MAX_TOTAL_XML - total));
      total += data.length;
      const xml = byteString(data);
      // Word never writes a document type declaration; one that declares entities is an attack
      // (entities expanding to gigabytes, or naming files of this machine): refused, never expanded
      if (xml.includes('<!DOCTYPE')) throw new InputError(file, `Word 文件的 ${entry.name} 含有文档类型声明（DOCTYPE/实体），Word 不会写出这样的文件，拒绝读取 / DOCTYPE in a .docx part refused`);
      return xml;
    };
    const xml = read(main, MAX_DOCUMENT_XML);
    const numberingEntry = byName.get('word/numbering.xml');
    const stylesEntry = byName.get('word/styles.xml');
    const needNumbering = xml.includes('numId') || xml.includes('pStyle');
    const numbering = numberingEntry && needNumbering ? parseLevels(read(numberingEntry, MAX_PART_XML)) : null;
    const styleNumbering = numbering && stylesEntry && xml.includes('pStyle') ? parseStyleNumbering(read(stylesEntry, MAX_PART_XML)) : new Map();
    const blocks = parseDocumentXml(xml, numbering, styleNumbering);
    if (!blocks.length) throw new InputError(file, 'Word 文件中没有文字内容 / the document has no text');
    return { form: 'docx', blocks };
  } catch (error) {
    if (error instanceof ZipError) throw new InputError(file, zipMessage(error));
    throw error;
  }
}
