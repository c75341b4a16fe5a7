/**
 * CSV as Excel and WPS write and read it: comma-separated, fields quoted with "…" when they hold a
 * comma, quote or line break, a UTF-8 byte-order mark so that Excel reads Chinese. Reading also
 * accepts GB18030 (what Excel on a Chinese Windows saves) and tab-separated text.
 */

export const MAX_CSV_BYTES = 20 * 1024 * 1024;
export const MAX_CSV_ROWS = 100_000;

/** Decodes bytes: UTF-8 (with or without BOM), or GB18030 when the bytes are not valid UTF-8. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Parses CSV text into rows of fields. The separator is a comma, or a tab when the first line has tabs and no commas. */
export function parseCsv(text: string): string[][] {
  return parseCsvLines(text).map((r) => r.fields);
}

/**
 * The rows of CSV text with the line each starts on (1-based, as a spreadsheet numbers its rows when
 * no field spans lines), so that a report of rejected rows names the line people see. Blank rows are
 * left out.
 */
export function parseCsvLines(text: string): { line: number; fields: string[] }[] {
  const firstLine = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const rows: { line: number; fields: string[] }[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === sep) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      field = '';
      rows.push({ line: rowLine, fields: row });
      row = [];
      if (rows.length > MAX_CSV_ROWS) throw new Error(`超过 ${MAX_CSV_ROWS} 行`);
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push({ line: rowLine, fields: row });
  }
  return rows.filter((r) => r.fields.some((f) => f.trim() !== ''));
}

function quote(v: string): string {
  // a leading = + - @ would make a spreadsheet run it as a formula
  const safe = /^[=+\-@]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return `\ufeff${rows.map((r) => r.map((v) => quote(v === null || v === undefined ? '' : String(v))).join(',')).join('\r\n')}\r\n`;
}
