/**
 * Ledger figures on one core: deadline computations per second (pure calendar walk), case-state
 * derivation, table III over a year of cases, and the store (PGlite in memory): registering cases
 * with events, and the due list. Reproduce with `npm run bench -- ledger`.
 */
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { defaultCalendar } from '../src/ledger/calendar.js';
import { caseState } from '../src/ledger/cases.js';
import { computeDeadline } from '../src/ledger/deadline.js';
import { generateCases } from '../src/ledger/generate.js';
import { Ledger, type LedgerDb } from '../src/ledger/store.js';
import { deriveTable3 } from '../src/ledger/table3.js';
import { addDays } from '../src/ledger/dates.js';

function rate(label: string, fn: () => number, seconds = 1.5): void {
  fn();
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds) {
    n += fn();
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  console.log(`${label.padEnd(52)} ${(n / elapsed).toFixed(0).padStart(9)} /s`);
}

export async function run(): Promise<void> {
  const cal = defaultCalendar();
  const dates = Array.from({ length: 2000 }, (_, i) => addDays('2019-01-01', i));
  rate('deadline (20 working days, with derivation)', () => {
    for (const d of dates) computeDeadline({ received: d }, cal);
    return dates.length;
  });
  rate('deadline (+20 extension, a pause)', () => {
    for (const d of dates) computeDeadline({ received: d, extensions: [{ days: 20 }], pauses: [{ from: addDays(d, 5), to: addDays(d, 12), reason: 'x' }] }, cal);
    return dates.length;
  });
  const t0 = Date.now();
  const cases = generateCases({ seed: 1, count: 10_000, from: '2019-06-01', to: '2025-12-20', horizon: '2026-03-31' }, cal);
  console.log(`${'generate 10 000 random case histories'.padEnd(52)} ${String(Date.now() - t0).padStart(9)} ms`);
  // a year cut off at 31 December: many cases still open, so deadlines are computed
  const recent = generateCases({ seed: 2, count: 2000, from: '2024-01-01', to: '2024-12-31', horizon: '2024-12-31' }, cal);
  const open = recent.filter((c) => caseState(c, cal).status !== 'closed').length;
  rate(`case state (replay + deadline; ${open} of 2000 open)`, () => {
    for (const c of recent) caseState(c, cal);
    return recent.length;
  });
  let t = Date.now();
  for (let y = 2019; y <= 2025; y++) deriveTable3(cases, y);
  console.log(`${'table III, 10 000 cases, 7 years'.padEnd(52)} ${String(Date.now() - t).padStart(9)} ms`);

  const pg = new PGlite();
  await pg.exec(await readFile(new URL('../src/store/migrations/0100_ledger.sql', import.meta.url), 'utf8'));
  const ledger = new Ledger(pg as unknown as LedgerDb);
  const actor = { name: 'bench', role: 'operator' as const };
  const sample = recent.slice(1500);
  t = Date.now();
  let events = 0;
  for (const c of sample) {
    const { id: _i, events: evs, receivedOn: _r, caseNo: _n, ...intake } = c;
    const v = await ledger.createCase(actor, { ...intake, organ: '基准测试局' });
    for (const e of evs) {
      await ledger.addEvent(actor, v.record.id, { kind: e.kind, date: e.date, data: e.data });
      events++;
    }
  }
  const ms = Date.now() - t;
  console.log(`${`store: 500 cases + ${events} events (PGlite, in memory)`.padEnd(52)} ${String(ms).padStart(9)} ms  (${((500 + events) / (ms / 1000)).toFixed(0)} writes/s)`);
  t = Date.now();
  await ledger.due(actor, { organ: '基准测试局', today: '2024-06-01' });
  console.log(`${'store: due list over 500 cases'.padEnd(52)} ${String(Date.now() - t).padStart(9)} ms`);
  t = Date.now();
  await ledger.table3(actor, '基准测试局', 2024);
  console.log(`${'store: table III from 500 stored cases'.padEnd(52)} ${String(Date.now() - t).padStart(9)} ms`);
  await pg.close();
  console.log('reproduce: npm run bench -- ledger');
}
