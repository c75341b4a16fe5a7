/** The same report in every encoding reports circulate in reads the same. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readText } from '../../src/read/text.js';
import { parseDocument } from '../../src/parse/index.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'seeds');
const name = readdirSync(dir).find((f) => f.startsWith('004') && f.endsWith('.txt'))!;
const text = readFileSync(join(dir, name), 'utf8');
const expected = parseDocument(readText(new TextEncoder().encode(text), name), name);

function utf16(s: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let o = 0;
  if (bom) {
    view.setUint16(0, 0xfeff, littleEndian);
    o = 2;
  }
  for (let i = 0; i < s.length; i++) view.setUint16(o + i * 2, s.charCodeAt(i), littleEndian);
  return out;
}

/** GB18030 encoder for the test: Node decodes GB18030 but has no encoder, so build a table from the decoder. */
function gb18030(s: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const b = table.get(ch);
      assert.ok(b, `no two-byte GB18030 code for ${ch}`);
      bytes.push(...b);
    }
  }
  return new Uint8Array(bytes);
}

const cases: [string, Uint8Array][] = [
  ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])],
  ['UTF-16LE with BOM', utf16(text, true, true)],
  ['UTF-16BE with BOM', utf16(text, false, true)],
  ['UTF-16LE without BOM', utf16(text, true, false)],
  ['GB18030', gb18030(text)],
];

for (const [label, bytes] of cases) {
  test(`seed 004 in ${label} parses like the UTF-8 original`, () => {
    const report = parseDocument(readText(bytes, name), name);
    assert.deepEqual(report, expected);
    assert.equal(report.meta.agency, '杭州市拱墅区人民政府上塘街道办事处');
  });
}
