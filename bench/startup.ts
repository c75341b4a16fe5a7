/**
 * Start-up of the installed command (bin/nianbao.js, the compiled dist/) next to `node -e 0` on the
 * same machine: `--version`, `--help`, and `parse` / `check` of one text report. Reproduce with
 * `npm run bench -- startup` (more rounds: `STARTUP_ROUNDS=50 npm run bench -- startup`).
 *
 * Each command is started as a fresh process; the commands take turns, one run each per round, so a
 * slow spell of a shared machine falls on all of them alike. The median over the rounds is
 * compared with the median of `node -e 0`; the goal is at most 3× for every command.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const ROUNDS = Number(process.env.STARTUP_ROUNDS) || 20;
const GOAL = 3;

/** Newest modification time of the files under a folder (0 if it does not exist). */
function newest(dir: string): number {
  let t = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

/** The installed command runs dist/: compile it first when the sources are newer. */
function ensureBuilt(): void {
  if (newest(join(root, 'dist')) >= newest(join(root, 'src'))) return;
  console.log('dist/ is older than src/: npm run build');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function timeOnce(args: string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

export async function run(): Promise<void> {
  ensureBuilt();
  const seedDir = join(root, 'test', 'fixtures', 'seeds');
  const seed = join('test', 'fixtures', 'seeds', readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort()[0]);
  const bin = join('bin', 'nianbao.js');
  const cases: { label: string; args: string[] }[] = [
    { label: 'node -e 0', args: ['-e', '0'] },
    { label: 'nianbao --version', args: [bin, '--version'] },
    { label: 'nianbao --help', args: [bin, '--help'] },
    { label: 'nianbao parse --help', args: [bin, 'parse', '--help'] },
    { label: `nianbao parse ${seed}`, args: [bin, 'parse', seed] },
    { label: `nianbao check ${seed}`, args: [bin, 'check', seed] },
  ];
  const times = cases.map(() => [] as number[]);
  for (const c of cases) timeOnce(c.args); // warm the file cache
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, c] of cases.entries()) times[i].push(timeOnce(c.args));
  }
  const base = median(times[0]);
  console.log(`${ROUNDS} rounds, each command a fresh process; median (best) in ms, and the median's ratio to node -e 0:`);
  const width = Math.max(...cases.map((c) => c.label.length));
  for (const [i, c] of cases.entries()) {
    const m = median(times[i]);
    const ratio = m / base;
    const mark = i === 0 ? '' : ratio <= GOAL ? `  ≤ ${GOAL}×` : `  > ${GOAL}× (goal missed)`;
    console.log(`  ${c.label.padEnd(width)}  ${m.toFixed(0).padStart(5)} (${Math.min(...times[i]).toFixed(0).padStart(4)})  ${ratio.toFixed(2)}×${mark}`);
  }
  console.log('Reproduce: npm run bench -- startup');
}
