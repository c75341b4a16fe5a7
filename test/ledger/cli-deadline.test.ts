import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { register } from '../../src/cli/deadline.js';
import { InputError } from '../../src/errors.js';

async function run(args: string[]): Promise<string> {
  const program = new Command('nianbao').exitOverride();
  register(program);
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    process.stdout.write = write;
  }
  return out;
}

test('nianbao deadline prints the due date and its derivation', async () => {
  const out = await run(['deadline', '2024-09-27']);
  assert.match(out, /^答复期限：2024-10-30（星期三）/);
  assert.match(out, /2024-09-29（星期日）为国庆节调休上班日/);
  assert.match(await run(['deadline', '2024-09-27', '--extend', '20']), /^答复期限：2024-11-27/);
  assert.match(await run(['deadline', '2025-01-24']), /^答复期限：2025-02-27/);
  const j = JSON.parse(await run(['deadline', '2024-09-27', '--pause', '2024-10-08:2024-10-15', '--json']));
  assert.equal(j.due, '2024-11-08');
  assert.equal(j.pausedWorkdays, 7);
  assert.ok(Array.isArray(j.steps));
  const r = JSON.parse(await run(['deadline', '2024-09-27', '--restart', '2024-10-09', '--json']));
  assert.equal(r.start, '2024-10-09');
  assert.equal(r.due, '2024-11-05');
});

test('bad input is a one-line input error, never a silent weekend rule', async () => {
  await assert.rejects(run(['deadline', '2026-12-20']), (e: unknown) => e instanceof InputError && /2027年/.test(e.message));
  await assert.rejects(run(['deadline', '2024-02-30']), InputError);
  await assert.rejects(run(['deadline', '2024-09-27', '--extend', '21']), (e: unknown) => e instanceof InputError && /最长20/.test(e.message));
  await assert.rejects(run(['deadline', '2024-09-27', '--pause', '2024-10-15:2024-10-08']), InputError);
});
