/**
 * Just enough ZIP for Word files: the central directory, and one entry inflated (by Node's zlib)
 * with a cap on its uncompressed size, so a file whose XML would expand to gigabytes is refused
 * once the cap is reached, in bounded memory, whatever sizes the directory declares.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  compressedSize: number;
  /** As declared in the central directory (not trusted). */
  uncompressedSize: number;
  localOffset: number;
  /** Where the entry's data starts (after its local header). */
  dataOffset: number;
}

export class ZipError extends Error {
  constructor(
    message: string,
    readonly reason: 'truncated' | 'too-large' | 'unsupported' | 'corrupt',
  ) {
    super(message);
  }
}

/** More entries than any Word file has: a directory of millions is refused before it is walked. */
export const MAX_ENTRIES = 20_000;

export function listZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes, from the end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 65535; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('no end of central directory', 'truncated');
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    // ZIP64: the locator stands right before the EOCD
    const loc = eocd - 20;
    if (loc < 0 || view.getUint32(loc, true) !== 0x07064b50) throw new ZipError('bad zip64 locator', 'corrupt');
    const z64 = Number(view.getBigUint64(loc + 8, true));
    if (z64 + 56 > bytes.length || view.getUint32(z64, true) !== 0x06064b50) throw new ZipError('bad zip64 record', 'truncated');
    count = Number(view.getBigUint64(z64 + 32, true));
    cdSize = Number(view.getBigUint64(z64 + 40, true));
    cdOffset = Number(view.getBigUint64(z64 + 48, true));
  }
  if (count > MAX_ENTRIES) throw new ZipError('too many entries', 'too-large');
  if (cdOffset + cdSize > bytes.length) throw new ZipError('central directory beyond the end', 'truncated');
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw new ZipError('bad central directory entry', 'corrupt');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen + extraLen > bytes.length) throw new ZipError('central directory cut', 'truncated');
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // ZIP64 extra field: the sizes and offset that were 0xffffffff, in that order
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = view.getUint16(e, true);
      const size = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff && q + 8 <= e + 4 + size) (uncompressedSize = Number(view.getBigUint64(q, true))), (q += 8);
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + size) (compressedSize = Number(view.getBigUint64(q, true))), (q += 8);
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + size) localOffset = Number(view.getBigUint64(q, true));
      }
      e += 4 + size;
    }
    if (localOffset + 30 > bytes.length) throw new ZipError('local header beyond the end', 'truncated');
    if (view.getUint32(localOffset, true) !== 0x04034b50) throw new ZipError('bad local header', 'corrupt');
    const dataOffset = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localOffset, dataOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * An entry's bytes, refusing (ZipError 'too-large') as soon as more than `cap` bytes come out,
 * whatever the directory declares. Node's zlib stops at the cap, so memory stays near it.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, cap: number): Uint8Array {
  if (entry.flags & 1) throw new ZipError('encrypted entry', 'unsupported');
  if (entry.uncompressedSize > cap) throw new ZipError(`declared ${entry.uncompressedSize} bytes`, 'too-large');
  const end = entry.dataOffset + entry.compressedSize;
  if (end > bytes.length) throw new ZipError('entry data beyond the end', 'truncated');
  const data = bytes.subarray(entry.dataOffset, end);
  if (entry.method === 0) {
    if (data.length > cap) throw new ZipError('stored entry too large', 'too-large');
    return data;
  }
  if (entry.method !== 8) throw new ZipError(`compression method ${entry.method}`, 'unsupported');
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(cap, 1) });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new ZipError(`more than ${cap} bytes`, 'too-large');
    if (code === 'Z_BUF_ERROR') throw new ZipError('deflate stream cut short', 'truncated');
    throw new ZipError(`inflate failed: ${(error as Error).message}`, 'corrupt');
  }
}
