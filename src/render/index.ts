/** Every output form in one place: the command line, the server and the tests choose by name. */
import type { Report } from '../model/report.js';
import { renderDocx } from './docx.js';
import { renderHtml } from './html.js';
import { renderMarkdown, renderText } from './text.js';

export const FORMATS = ['docx', 'html', 'md', 'txt', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

export const FORMAT_NAMES: Record<Format, string> = {
  docx: 'Word 文档',
  html: '网页（单个文件，可打印）',
  md: 'Markdown',
  txt: '纯文本',
  pdf: 'PDF（经 Chromium 打印）',
};

const EXTENSIONS: Record<string, Format> = { docx: 'docx', html: 'html', htm: 'html', md: 'md', markdown: 'md', txt: 'txt', text: 'txt', pdf: 'pdf' };

/** The form a file name asks for, from its extension. */
export function formatOfPath(path: string): Format | null {
  const m = /\.([A-Za-z]+)$/.exec(path);
  return m ? (EXTENSIONS[m[1].toLowerCase()] ?? null) : null;
}

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

export interface RenderOptions {
  /** The same organ's previous report: the year-on-year chart in HTML. */
  previous?: Report;
}

export async function render(report: Report, format: Format, options: RenderOptions = {}): Promise<Uint8Array> {
  const text = (s: string) => new TextEncoder().encode(s);
  switch (format) {
    case 'docx':
      return renderDocx(report);
    case 'html':
      return text(renderHtml(report, { previous: options.previous }));
    case 'md':
      return text(renderMarkdown(report));
    case 'txt':
      return text(renderText(report));
    case 'pdf': {
      const { renderPdf } = await import('./pdf.js');
      return renderPdf(report);
    }
  }
}

export { renderDocx, renderHtml, renderMarkdown, renderText };
