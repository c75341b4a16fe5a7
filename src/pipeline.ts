/** The read → parse steps as one call, for the command line, the store and the server. */
import { readFile, stat } from 'node:fs/promises';
import { InputError, MAX_INPUT_BYTES } from './errors.js';
import type { Report } from './model/report.js';
import type { Document, SourcePos } from './read/document.js';
import { readDocument } from './read/index.js';
import { parseDocumentDetailed } from './parse/index.js';
import { isReportFile } from './author/report-file-kind.js';

export interface Loaded {
  report: Report;
  document: Document;
  sources: Map<string, SourcePos>;
}

export async function readInputFile(file: string): Promise<Uint8Array> {
  let size: number;
  try {
    const s = await stat(file);
    if (s.isDirectory()) throw new InputError(file, '这是一个文件夹，不是文件 / is a directory');
    size = s.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file, '无法打开文件：文件不存在或没有读取权限 / cannot open file');
  }
  if (size > MAX_INPUT_BYTES) throw new InputError(file, `文件过大（${size} 字节，上限 ${MAX_INPUT_BYTES} 字节）/ file too large`);
  return new Uint8Array(await readFile(file));
}

export async function loadReportFromBytes(bytes: Uint8Array, name: string): Promise<Loaded> {
  if (isReportFile(bytes, name)) {
    // a report file (JSON, or YAML from `nianbao new`): nothing to read or parse
    const { readReportFile } = await import('./author/report-file.js');
    return { report: readReportFile(bytes, name), document: { form: 'report', blocks: [] }, sources: new Map() };
  }
  const document = await readDocument(bytes, name);
  const { report, sources } = parseDocumentDetailed(document, name);
  return { report, document, sources };
}

export async function loadReport(file: string): Promise<Loaded> {
  return loadReportFromBytes(await readInputFile(file), file);
}
