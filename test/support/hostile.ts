/**
 * Files made to hurt a reader, written byte by byte so that each is exactly the attack it names:
 * archives nested in archives and archives of tens of thousands of entries, Word files declaring
 * entities (billion laughs, external entities), HTML nested a hundred thousand levels, PDFs whose
 * object graph loops, that claim a hundred thousand pages, or that hold an image of ten
 * billion pixels.
 */
import { deflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';

// ------------------------------------------------------------------ ZIP written by hand

interface RawEntry {
  name: string;
  data: Uint8Array;
  /** Deflate the data (otherwise stored). */
  deflate?: boolean;
}

/** A plain ZIP (no ZIP64) of the given entries; CRCs are left 0 (the readers under test do not check them). */
export function rawZip(entries: RawEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.deflate ? deflateRawSync(e.data) : Buffer.from(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, eocd]));
}

/** Zips inside zips, `depth` levels, `width` copies per level ("42.zip"): tiny, but petabytes if all unpacked. */
export function nestedZip(depth: number, width: number): Uint8Array {
  let innerZip = rawZip([{ name: 'zeros.txt', data: new Uint8Array(1 << 20), deflate: true }]);
  for (let level = 0; level < depth; level++) {
    innerZip = rawZip(Array.from({ length: width }, (_, i) => ({ name: `${level}-${i}.zip`, data: innerZip, deflate: true })));
  }
  return innerZip;
}

/** A Word file whose embedded object is a nested archive: the reader has no reason to open it. */
export function docxWithNestedArchive(documentXml: string): Uint8Array {
  return rawZip([
    { name: '[Content_Types].xml', data: strToU8(CONTENT_TYPES), deflate: true },
    { name: 'word/document.xml', data: strToU8(documentXml), deflate: true },
    { name: 'word/embeddings/package.zip', data: nestedZip(5, 8), deflate: false },
  ]);
}

/** A zip of `count` empty entries, the first named like a Word file's (a "Word file" of many parts). */
export function manyEntryZip(count: number, wordLike: boolean): Uint8Array {
  const entries: RawEntry[] = [];
  if (wordLike) entries.push({ name: '[Content_Types].xml', data: strToU8(CONTENT_TYPES) }, { name: 'word/document.xml', data: strToU8(documentXml('数据')) });
  for (let i = entries.length; i < count; i++) entries.push({ name: `p/${i}`, data: new Uint8Array(0) });
  return rawZip(entries);
}

/** A ZIP64 end record claiming a billion entries, in a file of a few hundred bytes. */
export function zip64ClaimingEntries(): Uint8Array {
  const small = rawZip([{ name: 'word/document.xml', data: strToU8(documentXml('数据')) }]);
  const eocdAt = small.length - 22;
  const body = Buffer.from(small.subarray(0, eocdAt));
  const cdOffset = Buffer.from(small).readUInt32LE(eocdAt + 16);
  const cdSize = Buffer.from(small).readUInt32LE(eocdAt + 12);
  const z64 = Buffer.alloc(56);
  z64.writeUInt32LE(0x06064b50, 0);
  z64.writeBigUInt64LE(44n, 4);
  z64.writeBigUInt64LE(1_000_000_000n, 24);
  z64.writeBigUInt64LE(1_000_000_000n, 32);
  z64.writeBigUInt64LE(BigInt(cdSize), 40);
  z64.writeBigUInt64LE(BigInt(cdOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(body.length), 8);
  locator.writeUInt32LE(1, 16);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(0xffff, 8);
  eocd.writeUInt16LE(0xffff, 10);
  eocd.writeUInt32LE(0xffffffff, 12);
  eocd.writeUInt32LE(0xffffffff, 16);
  return new Uint8Array(Buffer.concat([body, z64, locator, eocd]));
}

// ------------------------------------------------------------------ Word files declaring entities

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function documentXml(body: string, doctype = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${doctype}<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>${body}</w:t></w:r></w:p></w:body></w:document>`;
}

function docxOf(xml: string): Uint8Array {
  return zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES), 'word/document.xml': strToU8(xml) });
}

/** Billion laughs: ten entities each ten times the one before, used in the text. */
export function entityExpansionDocx(): Uint8Array {
  const defs = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) defs.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  return docxOf(documentXml('一、总体情况&lol9;', `<!DOCTYPE w:document [${defs.join('')}]>`));
}

/** An external entity naming a file of the machine that reads it. */
export function externalEntityDocx(path: string): Uint8Array {
  return docxOf(documentXml('一、总体情况&secret;', `<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file://${path}">]>`));
}

// ------------------------------------------------------------------ HTML nested deep

export function deeplyNestedHtml(levels: number): Uint8Array {
  return strToU8(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${'<div>'.repeat(levels)}一、总体情况${'</div>'.repeat(levels)}</body></html>`);
}

// ------------------------------------------------------------------ PDFs

/** A PDF of the given objects (numbered from 1; object 1 the catalog), with a correct xref table. */
export function pdfOf(objects: (string | Uint8Array)[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0].length;
  objects.forEach((o, i) => {
    offsets.push(length);
    const body = typeof o === 'string' ? Buffer.from(o, 'latin1') : Buffer.from(o);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

const TEXT_CONTENT = 'BT /F1 12 Tf 72 720 Td (Annual report) Tj ET';
const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';

/** Pages that are their own parents and kids: the page tree is a loop. */
export function cyclicPdf(): Uint8Array {
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 /Parent 2 0 R >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
    `<< /Length ${TEXT_CONTENT.length} >>\nstream\n${TEXT_CONTENT}\nendstream`,
    FONT,
  ]);
}

/** A page tree that says it has 100,000 pages (and has one). */
export function manyPagesPdf(claimed: number): Uint8Array {
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [3 0 R] /Count ${claimed} >>`,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
    `<< /Length ${TEXT_CONTENT.length} >>\nstream\n${TEXT_CONTENT}\nendstream`,
    FONT,
  ]);
}

/** One page drawing an image declared 100,000 × 100,000 pixels (its data a few bytes, deflated). */
export function hugeImagePdf(): Uint8Array {
  const content = `q 500 0 0 700 47 71 cm /Im1 Do Q ${TEXT_CONTENT}`;
  const pixels = deflateRawSync(Buffer.alloc(1 << 16));
  const zlibWrapped = Buffer.concat([Buffer.from([0x78, 0x9c]), pixels]);
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 6 0 R >> /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    Buffer.concat([
      Buffer.from(`<< /Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length ${zlibWrapped.length} >>\nstream\n`, 'latin1'),
      zlibWrapped,
      Buffer.from('\nendstream', 'latin1'),
    ]),
    FONT,
  ]);
}

/** A PNG whose header claims 100,000 × 100,000 pixels. */
export function hugePng(): Uint8Array {
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(100_000, 16);
  header.writeUInt32BE(100_000, 20);
  header[24] = 8;
  header[25] = 2;
  return new Uint8Array(header);
}
