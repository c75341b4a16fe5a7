/** The files of a folder (recursively, in a stable order) and where each one's output goes. */
import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, sep } from 'node:path';

export interface InputFile {
  /** Path as given or found (for messages). */
  path: string;
  /** Path relative to the folder it was found in ('' root for files named directly). */
  rel: string;
}

/** Files never worth reading: hidden files, Word/WPS lock files, OS litter. */
function ignored(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || name === 'Thumbs.db' || name === 'desktop.ini' || name.endsWith('.tmp');
}

async function walk(dir: string, root: string, out: InputFile[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (ignored(e.name)) continue;
    const path = join(dir, e.name);
    // symbolic links to folders are not followed (no loops); links to files are read
    if (e.isDirectory()) await walk(path, root, out);
    else if (e.isFile()) out.push({ path, rel: relative(root, path) });
    else if (e.isSymbolicLink()) {
      const s = await stat(path).catch(() => null);
      if (s?.isFile()) out.push({ path, rel: relative(root, path) });
    }
  }
}

/** Whether any of the arguments is a folder (then the command works through folders). */
export async function anyDirectory(paths: string[]): Promise<boolean> {
  for (const p of paths) {
    const s = await stat(p).catch(() => null);
    if (s?.isDirectory()) return true;
  }
  return false;
}

/** Files named directly, and every file inside the folders named, in a stable order. */
export async function listInputs(paths: string[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const p of paths) {
    const s = await lstat(p).catch(() => null);
    const target = s?.isSymbolicLink() ? await stat(p).catch(() => null) : s;
    if (target?.isDirectory()) await walk(p, p, out);
    else out.push({ path: p, rel: basename(p) });
  }
  return out;
}

/**
 * Output paths under `outDir`, mirroring the input folders: `a/b.docx` → `a/b.json`; when two
 * inputs would give the same name (`b.docx`, `b.pdf`), each keeps its extension (`b.docx.json`).
 */
export function outputPaths(files: InputFile[], outDir: string): string[] {
  const plain = files.map((f) => {
    const ext = extname(f.rel);
    return (ext ? f.rel.slice(0, -ext.length) : f.rel) + '.json';
  });
  const count = new Map<string, number>();
  for (const p of plain) count.set(p, (count.get(p) ?? 0) + 1);
  return files.map((f, i) => {
    const rel = (count.get(plain[i])! > 1 ? `${f.rel}.json` : plain[i]).split(sep).join('/');
    // never outside outDir, whatever the names
    const safe = rel
      .split('/')
      .filter((s) => s && s !== '..' && s !== '.')
      .join(sep);
    return join(outDir, safe || 'report.json');
  });
}

export { dirname };
