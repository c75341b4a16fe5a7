/**
 * PDF through headless Chromium, printed from the same HTML as the HTML output (with the Noto CJK
 * fonts first, which the project's setup installs, so pages look the same on every machine).
 * Chromium is the system package (scripts/setup-system.sh installs it); no browser is downloaded.
 */
import { existsSync } from 'node:fs';
import type { Report } from '../model/report.js';
import { renderHtml, type HtmlOptions } from './html.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

/** Raised when no browser is installed: the caller turns it into a one-line message. */
export class PdfUnavailableError extends Error {}

export function chromiumPath(): string | null {
  const own = process.env.NIANBAO_CHROMIUM;
  if (own) return existsSync(own) ? own : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Several reports in one browser session (a folder of reports costs one browser start). */
export async function withPdfPrinter<T>(fn: (print: (report: Report, options?: HtmlOptions) => Promise<Uint8Array>) => Promise<T>): Promise<T> {
  const executablePath = chromiumPath();
  if (!executablePath) {
    throw new PdfUnavailableError('生成 PDF 需要 Chromium（运行 scripts/setup-system.sh 安装，或以环境变量 NIANBAO_CHROMIUM 指定）/ Chromium is needed for PDF output');
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: ARGS });
  try {
    const page = await browser.newPage();
    return await fn(async (report, options = {}) => {
      // Charts are a screen aid; the printed report is the report itself.
      await page.setContent(renderHtml(report, { ...options, charts: options.charts ?? false, pdfFonts: true }), { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        // page numbers as government documents print them: — 1 —
        footerTemplate: '<div style="width:100%;text-align:center;font-size:10pt;font-family:serif">— <span class="pageNumber"></span> —</div>',
      });
      return new Uint8Array(pdf);
    });
  } finally {
    await browser.close();
  }
}

export async function renderPdf(report: Report, options: HtmlOptions = {}): Promise<Uint8Array> {
  return withPdfPrinter((print) => print(report, options));
}
