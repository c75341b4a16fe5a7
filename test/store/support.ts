/** The two stores the tests run against: PGlite in memory, and a real PostgreSQL server when one can be started. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import type { Store } from '../../src/store/index.js';

const root = join(import.meta.dirname, '..', '..');

export interface PgServer {
  url: string;
  stop(): void;
  /** Stops the server keeping its data (the database gone away), and starts it again. */
  halt(): void;
  resume(): void;
}

/** A throwaway PostgreSQL server (scripts/pg-test-server.sh); undefined when PostgreSQL is not installed. */
export function startPostgres(): PgServer | undefined {
  let out: string;
  try {
    out = execFileSync('bash', [join(root, 'scripts', 'pg-test-server.sh'), 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (error) {
    if ((error as { status?: number }).status === 3 && !process.env.CI) return undefined; // not installed here
    throw error;
  }
  const [url, dir] = out.trim().split('\n');
  const script = (command: string) => execFileSync('bash', [join(root, 'scripts', 'pg-test-server.sh'), command, dir], { stdio: 'ignore', timeout: 120_000 });
  return { url, stop: () => script('stop'), halt: () => script('halt'), resume: () => script('resume') };
}

/**
 * Prose no other report has: characters chosen by hashing (seed, position), so two reports share
 * eight characters in a row no more often than real prose does (a stateful generator would let
 * the streams of two seeds overlap).
 */
export function uniqueProse(seed: number, sentences: number): string {
  const mix = (i: number) => {
    let h = (Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca77)) >>> 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x7feb352d);
    h ^= h >>> 15;
    h = Math.imul(h, 0x846ca68b);
    h ^= h >>> 16;
    return h >>> 0;
  };
  let i = 0;
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const n = 24 + (mix(i++) % 16);
    out.push(Array.from({ length: n }, () => String.fromCharCode(0x4e00 + (mix(i++) % 3000))).join(''));
  }
  return `${out.join('。')}。`;
}

/**
 * Every report in the store is whole after a crash: its file, organ and findings are there and the
 * counts stored with the report match its findings; no stored file lacks its report. Returns the
 * number of reports.
 */
export async function assertStoreWhole(store: Store): Promise<number> {
  const reports = await store.db.query<{ id: string; errors: number; warnings: number; infos: number }>('SELECT id, errors, warnings, infos FROM store_reports');
  for (const r of reports) {
    const got = (await store.get(r.id))!;
    assert.ok(got.row.organ && got.row.file, 'organ and file there');
    const count = (sev: string) => got.findings.filter((f) => f.severity === sev).length;
    assert.deepEqual([r.errors, r.warnings, r.infos], [count('error'), count('warning'), count('info')], 'findings whole');
  }
  const orphans = await store.db.query('SELECT sha256 FROM store_files f WHERE NOT EXISTS (SELECT 1 FROM store_reports r WHERE r.file_sha256 = f.sha256)');
  assert.deepEqual(orphans, [], 'no file without its report');
  return reports.length;
}
