/**
 * The form of a file, from its bytes alone (magic numbers, zip entries, markup): never from its
 * name. Forms the readers understand, and the forms they refuse with a name people know.
 */
import { listZip, MAX_ENTRIES, ZipError, type ZipEntry } from './zip.js';

export type Sniffed =
  | { form: 'pdf' }
  | { form: 'docx'; entries: ZipEntry[] }
  /** Word 97–2003 (OLE2 with a WordDocument stream), RTF, OpenDocument text: through LibreOffice. */
  | { form: 'doc'; kind: 'doc' | 'rtf' | 'odt' | 'wps' }
  | { form: 'html' }
  /** A web archive (.mht): MIME with the page inside. */
  | { form: 'mht' }
  | { form: 'text' }
  /** Something else, with what it is in Chinese for the message. */
  | { form: 'refused'; what: string }
  /** A known form, damaged: the whole message. */
  | { form: 'broken'; message: string };

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  const stop = Math.min(end, bytes.length);
  for (let i = start; i < stop; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** An ASCII name as UTF-16LE (OLE2 directory entries), searched in the file. */
function hasUtf16Name(bytes: Uint8Array, name: string): boolean {
  const needle = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) needle[i * 2] = name.charCodeAt(i);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle) >= 0;
}

const IMAGE_MAGIC: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG 图片'],
  [[0xff, 0xd8, 0xff], 'JPEG 图片'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF 图片'],
  [[0x49, 0x49, 0x2a, 0x00], 'TIFF 图片'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'TIFF 图片'],
];
const OTHER_MAGIC: [number[], string][] = [
  [[0x1f, 0x8b], 'gzip 压缩包'],
  [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], 'RAR 压缩包'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], '7z 压缩包'],
  [[0x42, 0x5a, 0x68], 'bzip2 压缩包'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz 压缩包'],
  [[0x7f, 0x45, 0x4c, 0x46], '可执行程序（ELF）'],
  [[0x00, 0x00, 0x00], '二进制数据'],
];

/** A web archive (.mht): MIME headers announcing a multipart/related message. */
function isMht(bytes: Uint8Array): boolean {
  const head = ascii(bytes, 0, 2048);
  return /^MIME-Version:/im.test(head) && /multipart\/related/i.test(head);
}

const HTML_START = /^(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<title[\s>]|<table[\s>]|<div[\s>]|<p[\s>]|<h[1-6][\s>]|<link[\s>]|<style[\s>]|<script[\s>]|<span[\s>]|<center[\s>]|<font[\s>]|<!--)/;

/** Whether text (its first few kilobytes, as ASCII-compatible bytes) is markup. */
function looksLikeHtml(bytes: Uint8Array): boolean {
  let start = 0;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) start = 3;
  const head = ascii(bytes, start, start + 4096).toLowerCase();
  const trimmed = head.replace(/^[\s\u0000]+/, '');
  let body = trimmed;
  if (body.startsWith('<?xml')) body = body.slice(body.indexOf('?>') + 2).trimStart();
  if (HTML_START.test(body)) {
    // a comment alone is not enough: it must be followed by markup somewhere
    if (body.startsWith('<!--')) return /<(?:html|head|body|table|div|p|meta)[\s>]/.test(head);
    return true;
  }
  // markup after a few lines of junk (a saved page with a leading blank/BOM/garbage line)
  return /<html[\s>]/.test(head) && /<\/?(?:body|head|table|div)[\s>]/.test(head);
}

function sniffUtf16Html(bytes: Uint8Array): boolean {
  const le = startsWith(bytes, [0xff, 0xfe]);
  const be = startsWith(bytes, [0xfe, 0xff]);
  if (!le && !be) return false;
  const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2, Math.min(bytes.length, 8194)));
  return HTML_START.test(text.trimStart().toLowerCase());
}

export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length >= 5) {
    // %PDF may follow a few bytes of junk (the spec allows it within the first kilobyte)
    const head = ascii(bytes, 0, 1024);
    if (head.startsWith('%PDF') || (head.indexOf('%PDF-') >= 0 && head.indexOf('%PDF-') < 1024 && !/<html/i.test(head))) return { form: 'pdf' };
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return sniffZip(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (hasUtf16Name(bytes, 'EncryptedPackage')) return { form: 'refused', what: '加密的 Office 文档（设置了打开密码），请去掉密码后另存为 .docx' };
    if (hasUtf16Name(bytes, 'WordDocument')) return { form: 'doc', kind: 'doc' };
    if (hasUtf16Name(bytes, 'Workbook') || hasUtf16Name(bytes, 'Book')) return { form: 'refused', what: 'Excel 表格（.xls），不是年度报告文档' };
    if (hasUtf16Name(bytes, 'PowerPoint Document')) return { form: 'refused', what: 'PowerPoint 演示文稿（.ppt）' };
    // WPS 文字 (.wps) files are OLE2 too; LibreOffice reads them
    if (hasUtf16Name(bytes, 'WpsContent') || hasUtf16Name(bytes, 'Kingsoft')) return { form: 'doc', kind: 'wps' };
    return { form: 'refused', what: '无法识别的 Office 97–2003 复合文档' };
  }
  if (ascii(bytes, 0, 5) === '{\\rtf') return { form: 'doc', kind: 'rtf' };
  for (const [magic, what] of IMAGE_MAGIC) if (startsWith(bytes, magic)) return { form: 'refused', what: `${what}（不做文字识别，请提供文字版的网页、Word 或 PDF 文件）` };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { form: 'refused', what: 'WebP 图片（不做文字识别，请提供文字版的网页、Word 或 PDF 文件）' };
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 26 && new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(2, true) === bytes.length) {
    return { form: 'refused', what: 'BMP 图片（不做文字识别）' };
  }
  if (ascii(bytes, 0, 2) === 'MZ' && bytes.length > 0x40) return { form: 'refused', what: '可执行程序（EXE）' };
  for (const [magic, what] of OTHER_MAGIC) if (startsWith(bytes, magic)) return { form: 'refused', what };
  if (isMht(bytes)) return { form: 'mht' };
  if (looksLikeHtml(bytes) || sniffUtf16Html(bytes)) return { form: 'html' };
  return { form: 'text' };
}

function sniffZip(bytes: Uint8Array): Sniffed {
  let entries: ZipEntry[];
  try {
    entries = listZip(bytes);
  } catch (error) {
    if (error instanceof ZipError && error.reason === 'too-large') {
      return { form: 'broken', message: `ZIP 压缩包（或 Word 文件）条目过多（超过 ${MAX_ENTRIES} 个），拒绝读取 / too many entries in the zip` };
    }
    // the first entry's name tells a Word file from other zips even when the end is missing
    const nameLen = bytes.length >= 30 ? bytes[26] | (bytes[27] << 8) : 0;
    const first = ascii(bytes, 30, 30 + Math.min(nameLen, 200));
    const word = /^(?:\[Content_Types\]\.xml|word\/|_rels\/|docProps\/)/.test(first);
    return {
      form: 'broken',
      message: word
        ? 'Word 文件（.docx）不完整或已损坏：ZIP 结构被截断（可能下载中断），无法读取 / truncated or damaged .docx'
        : 'ZIP 文件不完整或已损坏（可能下载中断被截断），无法读取 / truncated or damaged zip',
    };
  }
  const names = new Set(entries.map((e) => e.name));
  if (names.has('word/document.xml')) return { form: 'docx', entries };
  // Word files written by some tools name the main part differently: look at the content types
  const main = entries.find((e) => /^word\/document\d*\.xml$/.test(e.name));
  if (main) return { form: 'docx', entries };
  if (names.has('xl/workbook.xml')) return { form: 'refused', what: 'Excel 表格（.xlsx），不是年度报告文档' };
  if (names.has('ppt/presentation.xml')) return { form: 'refused', what: 'PowerPoint 演示文稿（.pptx）' };
  if (names.has('mimetype') && names.has('content.xml')) {
    const mimetype = entries.find((e) => e.name === 'mimetype');
    if (mimetype && mimetype.method === 0) {
      const text = ascii(bytes, mimetype.dataOffset, mimetype.dataOffset + mimetype.compressedSize);
      if (text === 'application/vnd.oasis.opendocument.text') return { form: 'doc', kind: 'odt' };
      return { form: 'refused', what: `OpenDocument 文件（${text}），不是文字文档` };
    }
    return { form: 'doc', kind: 'odt' };
  }
  if (names.has('Contents/Section0.xml') || names.has('Contents/content.hpf')) return { form: 'refused', what: 'HWPX/OFD 类文档，暂不支持，请另存为 .docx 或 PDF' };
  if (names.has('OFD.xml')) return { form: 'refused', what: 'OFD 版式文件，暂不支持，请另存为 PDF' };
  return { form: 'refused', what: `ZIP 压缩包（含 ${entries.length} 个文件），不是 Word 文档；请解压后逐个读取` };
}
