/**
 * Fuzz cases as fast-check values: a form, a starting point of that form, then mutations — on the
 * text before it is encoded (lines deleted, repeated, swapped; numbers replaced; pieces of the
 * report's own vocabulary and of markup inserted; cut short), then on the encoded bytes (bits
 * flipped, bytes set, runs inserted, deleted or repeated, cut short), and now and then the bytes of
 * another starting point spliced in. The same value always gives the same bytes, so a failing case
 * can be written down, shrunk and replayed.
 */
import fc from 'fast-check';
import { LAYOUTS, REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_ROWS, SECTIONS } from '../../src/model/layouts.js';
import { docxBytes, encodeText, FORMS, type Form, type Source } from './sources.js';

export type TextMutation =
  | { op: 'delete'; at: number; len: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'duplicate'; at: number; len: number; times: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'number'; at: number; value: string }
  | { op: 'truncate'; at: number };

export type ByteMutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; len: number }
  | { op: 'repeat'; at: number; len: number; times: number }
  | { op: 'truncate'; at: number }
  | { op: 'splice'; at: number; other: number; from: number; len: number };

export interface FuzzCase {
  form: Form;
  source: number;
  variant: number;
  text: TextMutation[];
  bytes: ByteMutation[];
}

/** Words of the reports themselves: labels, headings, column names, numbers as reports write them. */
const REPORT_WORDS = [
  ...SECTIONS.map((s) => s.heading),
  ...LAYOUTS['2021'].requests.map((r) => `${r.numbering}${r.label}`),
  ...LAYOUTS['2019'].requests.map((r) => `${r.numbering}${r.label}`),
  ...LAYOUTS['2021'].active.flatMap((r) => r.labels),
  ...REQUEST_COLUMNS.map((c) => c.label),
  ...REVIEW_COLUMNS.map((c) => c.label),
  ...REVIEW_ROWS.map((r) => r.label),
  '总计', '合计', '本年新收', '上年结转', '结转下年度继续办理', '统计期限自2023年1月1日起至2023年12月31日止',
  '2023年', '二〇二三年', '共收到政府信息公开申请39件', '０', '１２３', '〇', '—', '/', '-', '无', '0%', '增加2项',
];
const MARKUP = [
  '<table>', '</table>', '<tr>', '</tr>', '<td>', '</td>', '<td rowspan="1000000">', '<td colspan="1000000">', '<td colspan="0">', '<td rowspan="-1">',
  '<p>', '</p>', '<br>', '&nbsp;', '&#0;', '&#x110000;', '&#xD800;', '&amp;', '<!--', '-->', '<![CDATA[', ']]>', '<script>', '</script>', '<style>', '<meta charset="gbk">',
  '<meta http-equiv="Content-Type" content="text/html; charset=utf-16">', '<html>', '<body>', '</body>', '<div>', '<th>', '<caption>',
  '<w:tbl>', '</w:tbl>', '<w:tr>', '</w:tr>', '<w:tc>', '</w:tc>', '<w:p>', '</w:p>', '<w:t>', '</w:t>', '<w:gridSpan w:val="1000000"/>', '<w:gridSpan w:val="0"/>',
  '<w:vMerge w:val="restart"/>', '<w:vMerge/>', '<w:gridBefore w:val="99999"/>', '<w:numPr><w:ilvl w:val="9"/><w:numId w:val="999"/></w:numPr>', '<w:tab/>', '<w:br/>',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>', '&a;', '<?xml version="1.0"?>', '<w:txbxContent>', '<w:del>', '<w:instrText>',
  'obj', 'endobj', 'stream', 'endstream', '<<', '>>', '[', ']', '/Count 100000', '/Kids [3 0 R 3 0 R]', '1 0 R', '/Length 999999999', '/Filter /FlateDecode', 'xref', 'trailer', 'startxref', '%%EOF', '/Type /Page',
  'MIME-Version: 1.0', 'Content-Transfer-Encoding: base64', 'Content-Transfer-Encoding: quoted-printable', 'charset="utf-16"', '=\r\n', '=E4=B8', '------=_NextPart',
  '{', '}', '"schema": "nianbao/report@1"', '"requests": null', '[[[[[[[[', '&anchor', '*anchor', '<<: *a', '!!binary', '---', '- ', ': ', '"', "'", '\\u0000',
];
const CHARACTERS = ['\n', '\r\n', '\r', '\t', '|', ' ', '\u3000', '\ufeff', '\ufffd', '\u0000', '\u200b', '\ud800', '\udc00', '𠀀', '一', '、', '（', '）', '.', '．'];

const position = fc.double({ min: 0, max: 1, noNaN: true });
const insertion = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...REPORT_WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 3, arbitrary: fc.constantFrom(...CHARACTERS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);
const numberValue = fc.oneof(
  fc.integer().map(String),
  fc.nat(1000).map(String),
  fc.constantFrom('', '-1', '1e999', '9999999999999999999999', '0.5', '１２', '〇', '十', 'NaN', '—', '/', '1,234', '1 234', '０'),
);

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: position, len: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ op: fc.constant('insert' as const), at: position, text: insertion }),
  fc.record({ op: fc.constant('duplicate' as const), at: position, len: fc.integer({ min: 1, max: 400 }), times: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant('swapLines' as const), a: position, b: position }),
  { weight: 2, arbitrary: fc.record({ op: fc.constant('number' as const), at: position, value: numberValue }) },
  fc.record({ op: fc.constant('truncate' as const), at: position }),
);

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }) },
  fc.record({ op: fc.constant('set' as const), at: position, value: fc.constantFrom(0, 0xff, 0x7f, 0x80, 0x0a, 0x3c, 0x3e, 0x25, 0x50, 0x4b) }),
  fc.record({ op: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ op: fc.constant('delete' as const), at: position, len: fc.integer({ min: 1, max: 256 }) }),
  fc.record({ op: fc.constant('repeat' as const), at: position, len: fc.integer({ min: 1, max: 512 }), times: fc.integer({ min: 2, max: 50 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: position }),
  fc.record({ op: fc.constant('splice' as const), at: position, other: fc.nat(), from: position, len: fc.integer({ min: 1, max: 4096 }) }),
);

/** Relative frequency of each form in a run: the fast readers get more inputs than PDF. */
export type FormWeights = Partial<Record<Form, number>>;

export function fuzzCase(weights: FormWeights = {}): fc.Arbitrary<FuzzCase> {
  const forms = FORMS.filter((f) => (weights[f] ?? 1) > 0);
  return fc
    .oneof(...forms.map((f) => ({ weight: weights[f] ?? 1, arbitrary: fc.constant(f) })))
    .chain((form) =>
      fc.record({
        form: fc.constant(form),
        source: fc.nat(),
        variant: fc.nat(5),
        // PDFs are binary throughout: their mutations are on bytes (the text is their latin1 view)
        text: fc.array(textMutation, { maxLength: 6 }),
        bytes: fc.oneof({ weight: 3, arbitrary: fc.constant([] as ByteMutation[]) }, { weight: 2, arbitrary: fc.array(byteMutation, { minLength: 1, maxLength: 4 }) }),
      }),
    );
}

const at = (p: number, length: number) => Math.min(length, Math.floor(p * (length + 1)));

export function mutateText(text: string, mutations: TextMutation[]): string {
  let s = text;
  for (const m of mutations) {
    switch (m.op) {
      case 'delete': {
        const i = at(m.at, s.length);
        s = s.slice(0, i) + s.slice(i + m.len);
        break;
      }
      case 'insert': {
        const i = at(m.at, s.length);
        s = s.slice(0, i) + m.text + s.slice(i);
        break;
      }
      case 'duplicate': {
        const i = at(m.at, s.length);
        const piece = s.slice(i, i + m.len);
        s = s.slice(0, i) + piece.repeat(m.times) + s.slice(i);
        break;
      }
      case 'swapLines': {
        const lines = s.split('\n');
        const a = at(m.a, lines.length - 1);
        const b = at(m.b, lines.length - 1);
        [lines[a], lines[b]] = [lines[b], lines[a]];
        s = lines.join('\n');
        break;
      }
      case 'number': {
        // the next run of digits from the position is replaced
        const i = at(m.at, s.length);
        const found = /[0-9０-９]+/.exec(s.slice(i));
        if (found) s = s.slice(0, i + found.index) + m.value + s.slice(i + found.index + found[0].length);
        break;
      }
      case 'truncate':
        s = s.slice(0, at(m.at, s.length));
        break;
    }
  }
  return s;
}

export function mutateBytes(bytes: Uint8Array, mutations: ByteMutation[], others: Uint8Array[]): Uint8Array {
  let b = bytes;
  for (const m of mutations) {
    const i = at(m.at, b.length);
    switch (m.op) {
      case 'flip':
        if (i < b.length) (b = b.slice()), (b[i] ^= 1 << m.bit);
        break;
      case 'set':
        if (i < b.length) (b = b.slice()), (b[i] = m.value);
        break;
      case 'insert':
        b = concat(b.subarray(0, i), m.bytes, b.subarray(i));
        break;
      case 'delete':
        b = concat(b.subarray(0, i), b.subarray(i + m.len));
        break;
      case 'repeat': {
        const piece = b.subarray(i, i + m.len);
        b = concat(b.subarray(0, i), ...Array.from({ length: m.times }, () => piece), b.subarray(i));
        break;
      }
      case 'truncate':
        b = b.subarray(0, i);
        break;
      case 'splice': {
        if (!others.length) break;
        const other = others[m.other % others.length];
        const from = at(m.from, other.length);
        b = concat(b.subarray(0, i), other.subarray(from, from + m.len), b.subarray(i));
        break;
      }
    }
  }
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The bytes of a case. `others` are the unmutated bytes of all sources, for splicing. */
export function caseBytes(c: FuzzCase, sources: Source[], others: Uint8Array[]): Uint8Array {
  const source = sources[c.source % sources.length];
  let bytes: Uint8Array;
  if (source.form === 'pdf') {
    const latin1 = Buffer.from(source.bytes!).toString('latin1');
    bytes = c.text.length ? new Uint8Array(Buffer.from(mutateText(latin1, c.text), 'latin1')) : source.bytes!;
  } else if (source.form === 'docx') {
    // unmutated XML: the package as its writer made it (deflated); mutated: packed again, stored
    bytes = c.text.length ? docxBytes(source, mutateText(source.text!, c.text)) : source.bytes!;
  } else {
    bytes = encodeText(source.form, mutateText(source.text!, c.text), c.variant);
  }
  return mutateBytes(bytes, c.bytes, others);
}
