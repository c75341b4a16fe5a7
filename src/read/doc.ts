/**
 * Word 97–2003 (.doc), WPS, RTF and OpenDocument text: converted to .docx by LibreOffice
 * (`soffice --headless --convert-to docx`) in a private temporary folder with its own profile
 * (so conversions may run side by side), then read as .docx. Without LibreOffice the user is
 * asked for a .docx.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError, MAX_INPUT_BYTES } from '../errors.js';
import type { Document } from './document.js';
import { readDocx } from './docx.js';

const KIND_NAME = { doc: 'Word 97–2003 文档（.doc）', wps: 'WPS 文字文档（.wps）', rtf: 'RTF 文档', odt: 'OpenDocument 文档（.odt）' } as const;
const EXT = { doc: 'doc', wps: 'wps', rtf: 'rtf', odt: 'odt' } as const;
const TIMEOUT_MS = 120_000;

let sofficePath: Promise<string | null> | null = null;

/** Where soffice is, or null. Looked up once. */
export function findSoffice(): Promise<string | null> {
  sofficePath ??= (async () => {
    // NIANBAO_SOFFICE names the program, or "none" to never convert
    if (process.env.NIANBAO_SOFFICE === 'none') return null;
    const candidates = [process.env.NIANBAO_SOFFICE, 'soffice', 'libreoffice', '/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice', '/Applications/LibreOffice.app/Contents/MacOS/soffice'];
    for (const c of candidates) {
      if (!c) continue;
      const ok = await new Promise<boolean>((resolve) => {
        execFile(c, ['--version'], { timeout: 30_000 }, (error) => resolve(!error));
      });
      if (ok) return c;
    }
    return null;
  })();
  return sofficePath;
}

/** Runs LibreOffice to convert `input` (a file) to `format` in `outDir`. */
export async function convertWithSoffice(input: string, format: string, outDir: string): Promise<void> {
  const soffice = await findSoffice();
  if (!soffice) throw new Error('soffice not found');
  const profile = pathToFileURL(join(outDir, 'profile')).href;
  await new Promise<void>((resolve, reject) => {
    execFile(
      soffice,
      [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', format, '--outdir', outDir, input],
      { timeout: TIMEOUT_MS, maxBuffer: 1024 * 1024 },
      (error) => (error ? reject(error) : resolve()),
    );
  });
}

export async function readDoc(bytes: Uint8Array, file: string, kind: keyof typeof KIND_NAME): Promise<Document> {
  const what = KIND_NAME[kind];
  if (!(await findSoffice())) {
    throw new InputError(file, `这是${what}，需要安装 LibreOffice 才能读取；请安装 LibreOffice，或在 Word/WPS 中另存为 .docx 后再读取 / needs LibreOffice, or save as .docx`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-doc-'));
  try {
    const input = join(dir, `input.${EXT[kind]}`);
    await writeFile(input, bytes);
    try {
      await convertWithSoffice(input, 'docx', dir);
    } catch {
      throw new InputError(file, `${what}无法用 LibreOffice 转换（文件可能已损坏或加密）/ conversion failed`);
    }
    const out = (await readdir(dir)).find((f) => f.endsWith('.docx'));
    if (!out) throw new InputError(file, `${what}无法用 LibreOffice 转换（文件可能已损坏或加密）/ conversion failed`);
    const docx = new Uint8Array(await readFile(join(dir, out)));
    if (docx.length > MAX_INPUT_BYTES * 4) throw new InputError(file, '转换后的文件过大 / converted file too large');
    const doc = readDocx(docx, file);
    return { form: 'doc', blocks: doc.blocks };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
