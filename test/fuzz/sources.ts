/**
 * The starting points of fuzzing, in every form a report arrives in: the real reports of
 * test/fixtures/seeds and generated reports, written as text (every shape; UTF-8, UTF-16 with and
 * without a byte order mark, GB18030), web pages (government-site style and the project's own),
 * web archives, Word files (hand-written OOXML and the project's Word writer), PDFs (made by
 * LibreOffice and Chromium, stored in corpus/, and small ones written here byte by byte), and
 * report files (JSON, YAML).
 *
 * Text-like forms keep their text before encoding, so that mutations can work on characters and
 * the result is encoded again the way the form is.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { generateReport } from '../../src/model/generate.js';
import type { Report } from '../../src/model/report.js';
import { renderDocx } from '../../src/render/docx.js';
import { renderHtml } from '../../src/render/html.js';
import { renderMarkdown, renderText } from '../../src/render/text.js';
import { writeReportYaml } from '../../src/author/yaml-writer.js';
import { buildDocx, encodeGbk, govHtml, mht } from '../read/support.js';
import { SHAPES, writeTextShape } from '../support/text-shapes.js';

export const FORMS = ['utf8', 'utf16le', 'utf16be', 'gb18030', 'html', 'mht', 'docx', 'pdf', 'json', 'yaml'] as const;
export type Form = (typeof FORMS)[number];

/** The file name each form is read under (only report files are told by their name). */
export const FILE_NAME: Record<Form, string> = {
  utf8: 'fuzz.txt',
  utf16le: 'fuzz.txt',
  utf16be: 'fuzz.txt',
  gb18030: 'fuzz.txt',
  html: 'fuzz.html',
  mht: 'fuzz.mht',
  docx: 'fuzz.docx',
  pdf: 'fuzz.pdf',
  json: 'fuzz.json',
  yaml: 'fuzz.yaml',
};

export interface Source {
  form: Form;
  /** Where it came from, for reports of failures. */
  label: string;
  /** The text that is encoded into the bytes (text forms, HTML, MHT page, report files), or for DOCX the XML of word/document.xml. */
  text?: string;
  /** For DOCX: the other parts of the package, kept as they are. */
  parts?: Record<string, Uint8Array>;
  /** For PDF: the bytes; for DOCX: the package as written. */
  bytes?: Uint8Array;
}

const root = join(import.meta.dirname, '..', '..');

function seedTexts(): { label: string; text: string }[] {
  const dir = join(root, 'test', 'fixtures', 'seeds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ label: `seed ${f}`, text: readFileSync(join(dir, f), 'utf8') }));
}

/** Characters GBK cannot hold become '?': the GB18030 form is written as a GBK page would be. */
export function encodeGbkLossy(text: string): Uint8Array {
  try {
    return encodeGbk(text);
  } catch {
    let safe = '';
    for (const ch of text) {
      try {
        encodeGbk(ch);
        safe += ch;
      } catch {
        safe += '?';
      }
    }
    return encodeGbk(safe);
  }
}

export function encodeText(form: Form, text: string, variant: number): Uint8Array {
  switch (form) {
    case 'utf16le': {
      const body = Buffer.from(text, 'utf16le');
      return new Uint8Array(variant % 2 ? body : Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    }
    case 'utf16be': {
      const body = Buffer.from(text, 'utf16le');
      body.swap16();
      return new Uint8Array(variant % 2 ? body : Buffer.concat([Buffer.from([0xfe, 0xff]), body]));
    }
    case 'gb18030':
      return encodeGbkLossy(text);
    case 'mht':
      return mht(variant % 2 ? encodeGbkLossy(text) : strToU8(text), variant % 2 ? 'gb2312' : 'utf-8');
    default:
      return strToU8(variant % 3 === 2 ? `\ufeff${text}` : text);
  }
}

/** The package again with another word/document.xml, stored (packing is the costly part of a case). */
export function docxBytes(source: Source, documentXml: string): Uint8Array {
  return zipSync({ ...source.parts, 'word/document.xml': strToU8(documentXml) }, { level: 0 });
}

function docxSource(label: string, bytes: Uint8Array): Source {
  const parts = unzipSync(bytes);
  const text = strFromU8(parts['word/document.xml']);
  delete parts['word/document.xml'];
  return { form: 'docx', label, text, parts, bytes };
}

/** A small PDF written by hand: Helvetica text at positions and ruled cells — a table pdfjs reads fast. */
export function handWrittenPdf(report: Report, variant: number): Uint8Array {
  const lines: string[] = ['BT /F1 10 Tf'];
  const rules: string[] = ['0.5 w'];
  const rows = report.requests;
  let y = 800;
  const keys = Object.keys(rows).slice(0, 12 + (variant % 8));
  for (const key of keys) {
    const cells = rows[key] ?? [];
    lines.push(`1 0 0 1 40 ${y} Tm (${key.replace(/[()\\]/g, '')}) Tj`);
    cells.forEach((v, i) => lines.push(`1 0 0 1 ${200 + i * 45} ${y} Tm (${v ?? ''}) Tj`));
    rules.push(`36 ${y - 4} m 560 ${y - 4} l S`);
    y -= 18;
  }
  for (let i = 0; i <= 8; i++) rules.push(`${196 + i * 45} ${y + 14} m ${196 + i * 45} 814 l S`);
  lines.push('ET');
  const content = `${rules.join('\n')}\n${lines.join('\n')}`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

export interface SourceOptions {
  /** Generated reports per form (besides the five seeds). */
  generated?: number;
  /** Include the large PDFs of corpus/ (slow to read: the long run only). */
  largePdfs?: boolean;
}

/** Every starting point, by form. */
export async function buildSources(options: SourceOptions = {}): Promise<Record<Form, Source[]>> {
  const generated = options.generated ?? 10;
  const reports = Array.from({ length: generated }, (_, i) => generateReport({ seed: 7000 + i, layout: i % 2 ? '2019' : '2021' }));
  const seeds = seedTexts();
  const texts: { label: string; text: string }[] = [...seeds];
  reports.forEach((r, i) => texts.push({ label: `generated ${i} as ${SHAPES[i % SHAPES.length]} text`, text: writeTextShape(r, SHAPES[i % SHAPES.length], i).text }));
  texts.push({ label: 'generated 0 as the text renderer writes it', text: renderText(reports[0]) });
  texts.push({ label: 'generated 1 as Markdown', text: renderMarkdown(reports[1 % generated]) });

  const out = Object.fromEntries(FORMS.map((f) => [f, [] as Source[]])) as Record<Form, Source[]>;
  for (const form of ['utf8', 'utf16le', 'utf16be', 'gb18030'] as const) {
    for (const t of texts) out[form].push({ form, label: t.label, text: t.text });
  }
  reports.forEach((r, i) => {
    const page = i % 3 === 0 ? renderHtml(r) : govHtml(r, { site: i % 2 === 0, wordStyle: i % 3 === 2 });
    out.html.push({ form: 'html', label: `generated ${i} as a web page`, text: page });
    out.mht.push({ form: 'mht', label: `generated ${i} as a web archive`, text: govHtml(r, { wordStyle: true }) });
    out.json.push({ form: 'json', label: `generated ${i} as report JSON`, text: JSON.stringify(r, null, i % 2 ? 2 : 0) });
    out.yaml.push({ form: 'yaml', label: `generated ${i} as report YAML`, text: writeReportYaml(r) });
    out.pdf.push({ form: 'pdf', label: `generated ${i} as a small hand-written PDF`, bytes: handWrittenPdf(r, i) });
  });
  for (const [i, r] of reports.slice(0, 4).entries()) {
    out.docx.push(docxSource(`generated ${i} as hand-written OOXML`, buildDocx(r, { autoNumbering: i % 2 === 1, splitTableIIIAfter: i === 2 ? 6 : undefined, textBox: i === 3 })));
    out.docx.push(docxSource(`generated ${i} by the Word writer`, await renderDocx(r)));
  }
  const corpus = join(import.meta.dirname, 'corpus');
  for (const f of readdirSync(corpus).filter((f) => f.endsWith('.pdf')).sort()) {
    const bytes = new Uint8Array(readFileSync(join(corpus, f)));
    if (options.largePdfs || bytes.length < 200_000) out.pdf.push({ form: 'pdf', label: `corpus ${f}`, bytes });
  }
  return out;
}

/** The bytes of a source, unmutated. */
export function sourceBytes(source: Source, variant = 0): Uint8Array {
  if (source.form === 'pdf') return source.bytes!;
  if (source.form === 'docx') return source.bytes!;
  return encodeText(source.form, source.text!, variant);
}
