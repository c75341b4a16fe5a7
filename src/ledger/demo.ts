/** Demo cases for `nianbao serve --demo`: two years of random but valid case histories for one organ. */
import { addDays, todayInChina } from './dates.js';
import { defaultCalendar } from './calendar.js';
import { generateCases } from './generate.js';
import { Ledger, type LedgerDb } from './store.js';

export async function loadLedgerDemo(db: LedgerDb, organ: string, log: (line: string) => void, count = 120): Promise<void> {
  const ledger = new Ledger(db);
  const actor = { name: 'demo', role: 'operator' as const };
  const existing = await ledger.listCases(actor, { organ, limit: 1 });
  if (existing.total > 0) return;
  const cal = await ledger.calendar();
  const covered = cal.coveredYears();
  const last = `${covered[covered.length - 1]}-12-31`;
  const today = todayInChina() < last ? todayInChina() : addDays(last, -40);
  const from = addDays(today, -700);
  const cases = generateCases({ seed: 2024, count, organ, from, to: today, horizon: today }, defaultCalendar());
  for (const c of cases.sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : 1))) {
    const { id: _id, events, receivedOn: _r, caseNo: _n, ...intake } = c;
    const v = await ledger.createCase(actor, intake);
    for (const e of events) await ledger.addEvent(actor, v.record.id, { kind: e.kind, date: e.date, data: e.data });
  }
  log(`演示数据：${organ} 的依申请公开台账已载入 ${cases.length} 件案件（${from} 至 ${today}）。`);
}
