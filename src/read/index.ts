/** Bytes → Document, the reader chosen from the bytes themselves. */
import { InputError } from '../errors.js';
import type { Document } from './document.js';
import { readText } from './text.js';

export async function readDocument(bytes: Uint8Array, file: string): Promise<Document> {
  if (bytes.length >= 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) {
    throw new InputError(file, 'PDF 文件暂不支持 / PDF not supported yet');
  }
  return readText(bytes, file);
}
