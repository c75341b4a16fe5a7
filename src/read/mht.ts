/**
 * Web archives (.mht / .mhtml, as Word's "single file web page" and browsers save them): the
 * HTML part is taken out of the MIME message, its transfer encoding (quoted-printable, base64)
 * undone and its charset applied, then read as a web page.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import { InputError } from '../errors.js';
import type { Document } from './document.js';
import { readHtml } from './html.js';

interface Part {
  headers: Map<string, string>;
  body: Buffer;
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  // folded header lines continue with white space
  for (const line of text.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return headers;
}

function splitHead(buf: Buffer): { head: string; body: Buffer } | null {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf;
  if (end < 0) return null;
  const skip = end === crlf ? 4 : 2;
  return { head: buf.subarray(0, end).toString('latin1'), body: buf.subarray(end + skip) };
}

function decodeQuotedPrintable(body: Buffer): Buffer {
  const s = body.toString('latin1').replace(/=\r?\n/g, '');
  const out = Buffer.alloc(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out[n++] = Number.parseInt(s.slice(i + 1, i + 3), 16);
      i += 2;
    } else out[n++] = c;
  }
  return out.subarray(0, n);
}

export function readMht(bytes: Uint8Array, file: string): Document {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const top = splitHead(buf);
  const boundary = top && /boundary="?([^";\r\n]+)"?/i.exec(top.head.replace(/\r?\n[ \t]+/g, ' '))?.[1];
  if (!top || !boundary) throw new InputError(file, '网页存档（.mht）结构损坏，无法读取 / damaged .mht');
  const parts: Part[] = [];
  const marker = Buffer.from(`--${boundary}`, 'latin1');
  let at = top.body.indexOf(marker);
  while (at >= 0) {
    const start = at + marker.length;
    if (top.body.subarray(start, start + 2).toString('latin1') === '--') break;
    const next = top.body.indexOf(marker, start);
    const chunk = top.body.subarray(start, next < 0 ? top.body.length : next);
    const split = splitHead(chunk.subarray(chunk[0] === 0x0d ? 2 : 1));
    if (split) parts.push({ headers: parseHeaders(split.head), body: split.body });
    at = next;
  }
  const html = parts.find((p) => /text\/html/i.test(p.headers.get('content-type') ?? ''));
  if (!html) throw new InputError(file, '网页存档（.mht）中没有网页内容 / no HTML part in .mht');
  const encoding = (html.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  let body = html.body;
  if (encoding === 'quoted-printable') body = decodeQuotedPrintable(body);
  else if (encoding === 'base64') body = Buffer.from(body.toString('latin1').replace(/\s+/g, ''), 'base64');
  const charset = /charset="?([\w-]+)"?/i.exec(html.headers.get('content-type') ?? '')?.[1]?.toLowerCase();
  let page: Uint8Array = body;
  if (charset && !/^utf-?8$/.test(charset) && !isUtf8(body)) {
    // the part's charset, applied here: the page itself may not say it
    try {
      page = Buffer.from(new TextDecoder(charset).decode(body), 'utf8');
    } catch {
      page = body;
    }
  }
  return readHtml(page, file);
}
