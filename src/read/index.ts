/**
 * Bytes → Document, the reader chosen from the bytes themselves (magic numbers, zip entries,
 * markup), never from the file name. Readers of the heavier forms are loaded on first use.
 */
import { InputError, MAX_INPUT_BYTES } from '../errors.js';
import type { Document } from './document.js';
import { sniff } from './sniff.js';
import { readText } from './text.js';

export { sniff } from './sniff.js';

export async function readDocument(bytes: Uint8Array, file: string): Promise<Document> {
  if (bytes.length === 0) throw new InputError(file, '文件为空 / empty file');
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new InputError(file, `文件过大（${bytes.length} 字节，上限 ${MAX_INPUT_BYTES} 字节）/ file too large`);
  }
  const form = sniff(bytes);
  switch (form.form) {
    case 'pdf': {
      const { readPdf } = await import('./pdf.js');
      return readPdf(bytes, file);
    }
    case 'docx': {
      const { readDocx } = await import('./docx.js');
      return readDocx(bytes, file, form.entries);
    }
    case 'doc': {
      const { readDoc } = await import('./doc.js');
      return readDoc(bytes, file, form.kind);
    }
    case 'html': {
      const { readHtml } = await import('./html.js');
      return readHtml(bytes, file);
    }
    case 'mht': {
      const { readMht } = await import('./mht.js');
      return readMht(bytes, file);
    }
    case 'broken':
      throw new InputError(file, form.message);
    case 'refused':
      throw new InputError(file, `无法读取：这是${form.what} / unsupported file type`);
    case 'text':
      return readText(bytes, file);
  }
}
