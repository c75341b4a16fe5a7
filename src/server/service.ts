/**
 * The work behind both the pages and the JSON API: reading uploads within limits, checking,
 * rendering for download. Parsing, checking and rendering are the pipeline's; nothing of it is
 * redone here.
 */
import { InputError, isFileProblem } from '../errors.js';
import type { Finding } from '../model/findings.js';
import { safeValidateReport, type Report } from '../model/report.js';
import { withDefaults } from '../author/report-file.js';
import { loadReportFromBytes } from '../pipeline.js';
import { sniff as sniffForm } from '../read/sniff.js';
import type { Ctx, Limits } from './context.js';
import type { ReportRepo } from './reports.js';

export interface Upload {
  name: string;
  bytes: Uint8Array;
}

export class UploadError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** A file name fit to show and to put in a header: no path, no control characters, not too long. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '').trim().slice(0, 120);
  return clean || '未命名文件';
}

/** Files (field `files`, any number up to the limit) and pasted text (field `text`) of a multipart or form request. */
export async function readUploads(c: Ctx): Promise<Upload[]> {
  const limits = c.get('s').limits;
  const length = Number(c.req.header('content-length') ?? '0');
  if (length > limits.uploadBytes) throw new UploadError(413, `上传内容过大（上限 ${Math.round(limits.uploadBytes / 1048576)} MB）`);
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch {
    throw new UploadError(400, '无法读取上传的表单');
  }
  const out: Upload[] = [];
  const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
  const files = [...list(form.files), ...list(form.file)].filter((f): f is File => typeof f === 'object' && f !== null && 'arrayBuffer' in f);
  const nonEmpty = files.filter((f) => f.size > 0 || f.name);
  if (nonEmpty.length > limits.files) throw new UploadError(413, `一次最多上传 ${limits.files} 个文件`);
  for (const f of nonEmpty) {
    if (f.size > limits.fileBytes) throw new UploadError(413, `${cleanName(f.name)}：文件过大（上限 ${Math.round(limits.fileBytes / 1048576)} MB）`);
    out.push({ name: cleanName(f.name), bytes: new Uint8Array(await f.arrayBuffer()) });
  }
  for (const t of list(form.text)) {
    if (typeof t !== 'string' || !t.trim()) continue;
    if (t.length > limits.textChars) throw new UploadError(413, `粘贴的文字过长（上限 ${limits.textChars} 字）`);
    out.push({ name: '粘贴的文字.txt', bytes: new TextEncoder().encode(t) });
  }
  return out;
}

/**
 * What the bytes are, from the bytes (the readers' own sniffing): pictures, archives and programs
 * are refused with a message before any reader works on them.
 */
export function sniff(bytes: Uint8Array): { ok: true; form: string } | { ok: false; reason: string } {
  if (bytes.length === 0) return { ok: false, reason: '文件是空的' };
  const s = sniffForm(bytes);
  if (s.form === 'refused') return { ok: false, reason: `这是${s.what}，不是文字版的年度报告（可上传 Word、PDF、网页或文本）` };
  return { ok: true, form: s.form };
}

type CheckFn = (report: Report, options?: { previous?: Report }) => Finding[];
let checker: Promise<CheckFn> | undefined;

/** The checker (src/check), loaded on first use. */
export async function checkReport(report: Report, options?: { previous?: Report }): Promise<Finding[]> {
  // A variable specifier: the checker is loaded at run time, so the server starts even without it.
  const spec = '../check/index.js';
  checker ??= (import(spec) as Promise<{ checkReport: CheckFn }>).then(
    (m) => m.checkReport,
    (error) => {
      console.error('nianbao: 核查模块无法加载 / checker unavailable:', (error as Error).message);
      return () => [];
    },
  );
  return (await checker)(report, options);
}

export interface Checked {
  file: string;
  report?: Report;
  findings: Finding[];
  error?: string;
}

/** One upload read, parsed and checked; bad input becomes a message, never an exception. */
export async function checkUpload(upload: Upload, repo?: ReportRepo): Promise<Checked> {
  const s = sniff(upload.bytes);
  if (!s.ok) return { file: upload.name, findings: [], error: s.reason };
  try {
    const { report } = await loadReportFromBytes(upload.bytes, upload.name);
    const previous = await previousOf(report, repo);
    return { file: upload.name, report, findings: await checkReport(report, { previous }) };
  } catch (error) {
    if (isFileProblem(error)) return { file: upload.name, findings: [], error: error.message };
    // A reader or parser crash on strange input is still the input's fault for the user.
    console.error(`check ${upload.name}:`, error);
    return { file: upload.name, findings: [], error: '无法读取这个文件：格式无法识别或内容已损坏' };
  }
}

/** The same organ's stored report of the previous year, for the carry-over rule. */
export async function previousOf(report: Report, repo?: ReportRepo): Promise<Report | undefined> {
  if (!repo || !report.meta.agency || !report.meta.year) return undefined;
  try {
    return (await repo.forOrganYear(report.meta.agency, report.meta.year - 1))?.report;
  } catch {
    return undefined;
  }
}

export async function checkWithContext(report: Report, repo?: ReportRepo): Promise<Finding[]> {
  return checkReport(report, { previous: await previousOf(report, repo) });
}

/** A report JSON from a request body, validated; a list of problems when it is not one. */
export function parseReportJson(value: unknown): { ok: true; report: Report } | { ok: false; errors: string[] } {
  const candidate = value && typeof value === 'object' && 'report' in value ? (value as { report: unknown }).report : value;
  return safeValidateReport(withDefaults(candidate));
}

export type ExportFormat = 'json' | 'docx' | 'html';

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
};

/** The renderers (src/render), loaded on first use; a clear error when they are not in the build. */
export class RendererMissing extends Error {}

export async function renderer<T>(name: 'docx' | 'html' | 'text'): Promise<T> {
  const spec = `../render/${name}.js`;
  try {
    return (await import(spec)) as T;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') throw new RendererMissing(`输出模块（${name}）不在本版本中`);
    throw error;
  }
}

export async function exportReport(report: Report, format: ExportFormat, findings?: Finding[]): Promise<Uint8Array | string> {
  if (format === 'json') return `${JSON.stringify(findings ? { ...report, findings } : report, null, 2)}\n`;
  if (format === 'docx') {
    const { renderDocx } = await renderer<{ renderDocx(r: Report): Promise<Uint8Array> }>('docx');
    return renderDocx(report);
  }
  const { renderHtml } = await renderer<{ renderHtml(r: Report): string }>('html');
  return renderHtml(report);
}

export async function renderText(report: Report): Promise<string> {
  return (await renderer<{ renderText(r: Report): string }>('text')).renderText(report);
}

/** A download answer with a Chinese file name that every browser takes. */
export function download(c: Ctx, body: Uint8Array | string, format: ExportFormat, baseName: string) {
  const name = `${baseName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').slice(0, 80) || 'report'}.${format}`;
  c.header('Content-Type', EXPORT_TYPES[format]);
  c.header('Content-Disposition', `attachment; filename="report.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  if (format === 'html') c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
  return c.body(typeof body === 'string' ? body : (body as unknown as ArrayBuffer));
}

export function reportBaseName(report: Report): string {
  return `${report.meta.agency ?? '年度报告'}${report.meta.year ?? ''}年政府信息公开工作年度报告`;
}

export type { Limits };
