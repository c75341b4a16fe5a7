/**
 * The two pieces that let pdfjs read faster in this process: the port between its halves (which
 * must deliver what structuredClone would) and the one-shot inflater its parser gets (which must
 * give the bytes zlib gives, fail where zlib fails, and leave everyone else Node's own stream).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { inflateSynchronouslyFor } from '../../src/read/pdf-inflate.js';
import { DirectPort } from '../../src/read/pdf-port.js';

const delivered = (port: DirectPort) => {
  const got: unknown[] = [];
  port.addEventListener('message', (event) => got.push(event.data));
  return got;
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test('the port delivers what structuredClone makes of a message, and later changes by the sender do not reach it', async () => {
  class Glyph {
    constructor(
      public unicode: string,
      public width: number,
    ) {}
    get doubled(): number {
      return this.width * 2;
    }
  }
  const glyph = new Glyph('1', 500);
  const moved = new Float32Array([1, 0, 0, 1, 5, 6]);
  const kept = new Uint8Array([9, 9]);
  const message = {
    fnArray: [44, 85],
    argsArray: [[[glyph, glyph, -120]], [moved], [kept], null, [undefined]],
    error: new Error('broken'),
    map: new Map([[1, 'a']]),
    sparse: [1, , 3],
  };
  const expected = structuredClone(message);
  const port = new DirectPort();
  const got = delivered(port);
  port.postMessage(message, [moved.buffer]);
  // the worker empties its arrays in place once a chunk is sent
  message.fnArray.length = 0;
  message.argsArray.length = 0;
  kept[0] = 0;
  await settle();
  assert.equal(got.length, 1);
  const received = got[0] as typeof message & { argsArray: [[[Record<string, unknown>, unknown]], [Float32Array], [Uint8Array]] };
  assert.deepStrictEqual(received, expected);
  // a glyph is a plain object of its own properties; one glyph twice stays one object
  assert.equal(Object.getPrototypeOf(received.argsArray[0][0][0]), Object.prototype);
  assert.equal(received.argsArray[0][0][0], received.argsArray[0][0][1]);
  assert.equal(received.argsArray[0][0][0].doubled, undefined);
  // transferred: handed over as it is; not transferred: a copy
  assert.equal(received.argsArray[1][0], moved);
  assert.deepEqual([...received.argsArray[2][0]], [9, 9]);
  assert.ok(!(1 in received.sparse));
});

test('a glyph (an object of a class) shown in several messages is copied once: later messages hold the same copy', async () => {
  class Glyph {
    constructor(public unicode: string) {}
  }
  const shared = new Glyph('年');
  const port = new DirectPort();
  const got = delivered(port) as { argsArray: [Glyph[]] }[];
  port.postMessage({ argsArray: [[shared, new Glyph('报')]] });
  port.postMessage({ argsArray: [[shared]] });
  await settle();
  assert.deepEqual(got.map((m) => m.argsArray[0].map((g) => g.unicode)), [['年', '报'], ['年']]);
  assert.equal(got[0].argsArray[0][0], got[1].argsArray[0][0]);
  assert.notEqual(got[0].argsArray[0][0], shared);
  assert.equal(Object.getPrototypeOf(got[1].argsArray[0][0]), Object.prototype);
});

test('the port delivers in order, to every listener, and stops when a listener is removed or its signal aborts', async () => {
  const port = new DirectPort();
  const a = delivered(port);
  const controller = new AbortController();
  const b: unknown[] = [];
  port.addEventListener('message', (event) => b.push(event.data), { signal: controller.signal });
  port.postMessage(1);
  port.postMessage(2);
  await settle();
  controller.abort();
  port.postMessage(3);
  await settle();
  assert.deepEqual(a, [1, 2, 3]);
  assert.deepEqual(b, [1, 2]);
});

test('a font reaches the API without its glyph programs and marked as not to be installed; its other flags unchanged', async () => {
  const port = new DirectPort();
  const got = delivered(port);
  // pdfjs's FontInfo: two bits per flag from the first byte (black, bold, disableFontFace, …); bold set, disableFontFace false
  const buffer = new Uint8Array([(0b10 << 2) | (0b01 << 4), 7, 7]).buffer;
  port.postMessage({ action: 'commonobj', data: ['f1', 'Font', { buffer, charProcOperatorList: { g1: { fnArray: [1] } }, extra: undefined }] }, [buffer]);
  await settle();
  const [, , font] = (got[0] as { data: [string, string, { buffer: ArrayBuffer; charProcOperatorList?: unknown }] }).data;
  assert.equal(font.charProcOperatorList, undefined);
  const bytes = new Uint8Array(font.buffer);
  assert.equal((bytes[0] >> 4) & 0b11, 0b10, 'disableFontFace: true');
  assert.equal((bytes[0] >> 2) & 0b11, 0b10, 'bold: still true');
  assert.deepEqual([...bytes.slice(1)], [7, 7]);
});

/** A module that uses DecompressionStream the way pdfjs's parser does (asyncGetBytesFromDecompressionStream). */
const PDFJS_LIKE = `
export async function inflate(bytes, format = 'deflate') {
  const ds = new DecompressionStream(format);
  const { readable, writable } = ds;
  const writer = writable.getWriter();
  await writer.ready;
  writer.write(bytes).then(async () => { await writer.ready; await writer.close(); }).catch(() => {});
  const chunks = [];
  for await (const chunk of readable) chunks.push(chunk);
  return { native: readable instanceof ReadableStream, bytes: Buffer.concat(chunks) };
}`;

test('the inflater: the registered module gets the bytes zlib gives, and a failure where zlib fails; every other caller gets Node’s own stream', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-inflate-'));
  try {
    const registered = join(dir, 'parser.mjs');
    const other = join(dir, 'other.mjs');
    writeFileSync(registered, PDFJS_LIKE);
    writeFileSync(other, PDFJS_LIKE);
    inflateSynchronouslyFor(pathToFileURL(registered).href);
    const parser = (await import(pathToFileURL(registered).href)) as { inflate: (b: Uint8Array, f?: string) => Promise<{ native: boolean; bytes: Buffer }> };
    const elsewhere = (await import(pathToFileURL(other).href)) as typeof parser;
    const text = Buffer.from('BT /F1 12 Tf 72 712 Td (1 2 3) Tj ET\n'.repeat(200));
    const compressed = deflateSync(text);

    const fast = await parser.inflate(compressed);
    assert.equal(fast.native, false, 'the parser gets the one-shot inflater');
    assert.deepEqual(fast.bytes, text);
    const slow = await elsewhere.inflate(compressed);
    assert.equal(slow.native, true, 'other modules get Node’s DecompressionStream');
    assert.deepEqual(slow.bytes, text);

    // cut off, or corrupt: both fail (pdfjs then decodes the stream with its own inflater)
    await assert.rejects(parser.inflate(compressed.subarray(0, compressed.length >> 1)));
    await assert.rejects(elsewhere.inflate(compressed.subarray(0, compressed.length >> 1)));
    const corrupt = Uint8Array.from(compressed);
    corrupt[2] ^= 0xff;
    corrupt[3] ^= 0xff;
    await assert.rejects(parser.inflate(corrupt));

    // gzip and raw DEFLATE as well
    assert.deepEqual((await parser.inflate(deflateRawSync(text), 'deflate-raw')).bytes, text);
    const gz = await parser.inflate(gzipSync(text), 'gzip');
    assert.deepEqual(gz.bytes, text);

    // from this file, too: a real stream that pipes, and `instanceof` holds
    const ds = new DecompressionStream('deflate');
    assert.ok(ds instanceof DecompressionStream);
    const piped = await new Response(new Blob([compressed]).stream().pipeThrough(ds)).arrayBuffer();
    assert.deepEqual(Buffer.from(piped), text);
    assert.throws(() => (DecompressionStream as unknown as (f: string) => unknown)('deflate'), TypeError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Every embedded font program of the file (FontFile, FontFile2, FontFile3 streams) replaced by
 * random bytes that do not inflate, the file otherwise byte for byte the same (each stream keeps
 * its length, so the cross-reference table still holds).
 */
function damageFontPrograms(pdf: Buffer): { damaged: Buffer; programs: number } {
  const damaged = Buffer.from(pdf);
  const latin1 = pdf.toString('latin1');
  let programs = 0;
  for (const [, objectNumber] of latin1.matchAll(/\/FontFile[23]? (\d+) 0 R/g)) {
    const start = latin1.search(new RegExp(`(^|[\\r\\n])${objectNumber} 0 obj`));
    const dataStart = latin1.indexOf('stream', start) + 'stream'.length;
    const from = dataStart + (latin1[dataStart] === '\r' ? 2 : 1);
    const to = latin1.indexOf('endstream', from);
    const length = to - from - 1;
    let noise = 1;
    for (let i = from; i < from + length; i++) damaged[i] = (noise = (noise * 1103515245 + 12345) & 0x7fffffff) >> 16;
    programs++;
  }
  return { damaged, programs };
}

test('pdfjs as installed (patches/) reads text without the font programs: damaged programs give the same document', async () => {
  const { readDocument } = await import('../../src/read/index.js');
  // LibreOffice (Noto CJK as simple Type 1 fonts over codes 1–255, WenQuanYi as TrueType) and
  // Chromium (TrueType): every font carries a ToUnicode map, as every mainstream writer's do
  for (const name of ['libreoffice-2021.pdf', 'libreoffice-2019-truetype.pdf', 'chromium-2021.pdf']) {
    const pdf = readFileSync(join(import.meta.dirname, '..', 'fuzz', 'corpus', name));
    const { damaged, programs } = damageFontPrograms(pdf);
    assert.ok(programs >= 1, `${name}: font programs found`);
    const original = await readDocument(new Uint8Array(pdf), name);
    assert.ok(JSON.stringify(original).includes('政府信息公开'), `${name}: the original reads`);
    // a program that does not inflate makes pdfjs fall back to a substitute font, which turns
    // the Type 1 codes without a standard glyph name into spaces: the text would be lost
    assert.deepEqual(
      await readDocument(new Uint8Array(damaged), name),
      original,
      `${name}: the document changed when the font programs were damaged — is the pdfjs patch applied (npm ci runs patch-package)?`,
    );
  }
});
