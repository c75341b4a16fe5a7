/**
 * Text normalisation and the UTF-8 fast path give exactly what the obvious ways give:
 * String.normalize('NFKC'), the whitespace regular expression, Node's UTF-8 decoder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compact, nfkc } from '../../src/parse/normalize.js';
import { decodeUtf8, decodeValidUtf8 } from '../../src/read/utf8.js';

const WIDE = /[\uff00-\uffef\u2e80-\u2fdf\u3000\u00a0\ufeff]/;
/** What nfkc is defined as, for text without radicals: NFKC when anything wide is in it, byte-order marks dropped. */
const reference = (s: string): string => (WIDE.test(s) ? s.normalize('NFKC').replace(/\ufeff/g, '') : s);

/** A deterministic generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

// what report text is made of, and the awkward neighbours: combining marks, kana, symbols that expand
const ALPHABET = [
  ...'0123456789 \t\nabcXYZ,.()%/-—', ...'政府信息公开申请予以部分不予处理年度报告行政复议诉讼',
  ...'０１２３４５６７８９（）【】，。；：、％／　', '\u00a0', '\ufeff', '\u200b', '…', '①', '㈠', '½', '™', 'é', 'e\u0301', '\u3099', 'が', 'ｶﾞ', '\u2002', '〇',
];

test('nfkc equals NFKC on every character of the ranges it handles', () => {
  for (const [from, to] of [[0x20, 0x7e], [0xa0, 0x2ff], [0x2000, 0x2e7f], [0x3000, 0x303f], [0x4e00, 0x4f00], [0xff00, 0xffee]]) {
    for (let c = from; c <= to; c++) {
      // paired with a wide character so that normalisation applies at all
      const s = `（${String.fromCharCode(c)}）`;
      assert.equal(nfkc(s), reference(s), `U+${c.toString(16)}`);
    }
  }
});

test('nfkc equals NFKC on random strings of report text and awkward characters', () => {
  const next = random(20211);
  for (let n = 0; n < 5000; n++) {
    const len = 1 + Math.floor(next() * 30);
    let s = '';
    for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
    assert.equal(nfkc(s), reference(s), JSON.stringify(s));
  }
});

test('nfkc maps radicals from PDF text layers to the usual characters', () => {
  assert.equal(nfkc('⼈⺠政府（⼀）'), '人民政府(一)');
  assert.equal(nfkc('申请⼈'), '申请人');
});

test('compact removes exactly what the whitespace expression removes', () => {
  const next = random(7);
  for (let n = 0; n < 3000; n++) {
    let s = '';
    const len = Math.floor(next() * 20);
    for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
    assert.equal(compact(s), s.replace(/[\s\u3000\u00a0\u200b\ufeff]+/g, ''), JSON.stringify(s));
  }
  for (const space of ['\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\u000b', '\u000c']) {
    assert.equal(compact(`a${space}b`), 'ab', `U+${space.charCodeAt(0).toString(16)}`);
  }
});

test('decodeValidUtf8 decodes like Node, astral characters included', () => {
  const samples = ['', 'abc', '政府信息公开', '𠀀𪚥 emoji 😀 end', '混合 mixed ０１２ \t\n', 'é e\u0301 ß'];
  const next = random(3);
  let long = '';
  for (let i = 0; i < 70_000; i++) long += ALPHABET[Math.floor(next() * ALPHABET.length)];
  samples.push(long);
  for (const s of samples) {
    const bytes = new TextEncoder().encode(s);
    assert.equal(decodeValidUtf8(bytes), s);
  }
});

test('decodeUtf8 turns broken sequences into U+FFFD exactly as TextDecoder does', () => {
  const broken = [
    new Uint8Array([0xe6, 0x94, 0xbf, 0xe5, 0xba]), // 政 and half of 府
    new Uint8Array([0x41, 0xff, 0x42, 0xc0, 0x80]),
    new Uint8Array([0xed, 0xa0, 0x80]), // an encoded surrogate
  ];
  for (const bytes of broken) assert.equal(decodeUtf8(bytes), new TextDecoder('utf-8').decode(bytes));
});
