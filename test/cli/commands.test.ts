/**
 * The table of commands: every command listed, each loaded only when asked for, its own help with
 * its options and examples; what a command loads; a closed output pipe.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { COMMANDS, commandAskedFor } from '../../src/cli/index.js';

const root = join(import.meta.dirname, '..', '..');
const entry = join(root, 'src', 'cli', 'index.ts');
const seedDir = join(root, 'test', 'fixtures', 'seeds');
const seed = join(seedDir, readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort()[0]);

test('every command file under src/cli is in the table, and each registers the command of its name with the summary as description, and examples in its help', async () => {
  const files = readdirSync(join(root, 'src', 'cli')).filter((f) => f.endsWith('.ts'));
  const commandFiles = files.filter((f) => /export function register\(/.test(readFileSync(join(root, 'src', 'cli', f), 'utf8')));
  assert.deepEqual(COMMANDS.map((c) => `${c.name}.ts`).sort(), commandFiles.sort());
  for (const c of COMMANDS) {
    const program = new Command('nianbao');
    (await c.load()).register(program);
    assert.deepEqual(program.commands.map((x) => x.name()), [c.name], `${c.name}.ts registers only ${c.name}`);
    const cmd = program.commands[0];
    assert.equal(cmd.description(), c.summary, `summary of ${c.name} in the table`);
    let help = '';
    cmd.configureOutput({ writeOut: (s) => (help += s) });
    cmd.outputHelp();
    assert.match(help, /示例/, `${c.name} --help has examples`);
  }
});

test('the command asked for is found past options and through `help`', () => {
  assert.equal(commandAskedFor(['--no-color', 'check', 'a.txt'])?.name, 'check');
  assert.equal(commandAskedFor(['help', 'parse'])?.name, 'parse');
  assert.equal(commandAskedFor(['--version']), undefined);
  assert.equal(commandAskedFor(['nosuch']), undefined);
});

/** Runs the command line with every loaded module's URL written to a file; returns the output and the URLs. */
function traced(...args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-trace-'));
  const file = join(dir, 'modules.txt');
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', join(root, 'test', 'support', 'module-trace.mjs'), entry, ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, MODULE_TRACE_FILE: file },
    });
    const modules = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, modules };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const packageOf = (url: string) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
const sourceOf = (url: string) => /\/src\/(.+)\.ts$/.exec(url)?.[1];

test('--help lists every command from the table without loading any of them', () => {
  const r = traced('--help');
  assert.equal(r.code, 0, r.stderr);
  for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`^  ${c.name} `, 'm'), `${c.name} listed`);
  assert.match(r.stdout, /示例/);
  const sources = r.modules.map(sourceOf).filter(Boolean);
  assert.deepEqual(sources.sort(), ['cli/index', 'errors'], 'only the table and the error type loaded');
  assert.deepEqual([...new Set(r.modules.map(packageOf).filter(Boolean))].filter((p) => p !== 'tsx' && p !== 'get-tsconfig'), ['commander']);
});

test('parse and check of a text report load no library beyond commander: no schema, YAML, Word, PDF, web, charts, database or progress bar', () => {
  for (const command of ['parse', 'check']) {
    const r = traced(command, seed);
    assert.equal(r.code, 0, r.stderr);
    const packages = new Set(r.modules.map(packageOf).filter(Boolean));
    packages.delete('tsx');
    packages.delete('get-tsconfig');
    assert.deepEqual([...packages], ['commander'], `${command} loads: ${[...packages].join(', ')}`);
    const sources = r.modules.map(sourceOf).filter(Boolean) as string[];
    assert.ok(sources.includes(`cli/${command}`));
    assert.ok(!sources.some((s) => s.startsWith('server/') || s.startsWith('store/') || s.startsWith('render/') || (s.startsWith('batch/') && s !== 'batch/files')), sources.join(' '));
    assert.ok(!sources.some((s) => /^read\/(pdf|docx|html|mht|doc)$/.test(s)), 'readers of other forms stay unloaded');
  }
});

test('a closed output pipe ends a command quietly: no message, no stack trace', async () => {
  for (const args of [['parse', seed], ['check', seed, '--json'], ['--help']]) {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    // the reader goes away before the command has written anything
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.equal(stderr, '', `${args.join(' ')}: nothing on standard error`);
    assert.equal(code, 0, `${args.join(' ')} exit code`);
  }
});
