/** The two stores the tests run against: PGlite in memory, and a real PostgreSQL server when one can be started. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export interface PgServer {
  url: string;
  stop(): void;
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
  return { url, stop: () => execFileSync('bash', [join(root, 'scripts', 'pg-test-server.sh'), 'stop', dir], { stdio: 'ignore' }) };
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
