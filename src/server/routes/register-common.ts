/** Shared by the register, calendar and 汇总 pages and their JSON API: the register and the report store over the app's database. */
import type { Ctx } from '../context.js';
import type { DbLike } from '../sql.js';
import { Register, type RegisterDb } from '../../register/store.js';
import { Store } from '../../store/index.js';
import type { Db } from '../../store/db.js';
import { actorOf, ledgerOf } from './ledger-common.js';
import { draftFromRecords, applyTable2ToReport } from '../../register/draft.js';
import { applyLedgerToReport } from '../../ledger/table3.js';
import { createDraft, findDraft, saveDraft, type Draft } from '../drafts.js';
import { previousReportFor } from './drafts.js';

export { actorOf };

export function registerOf(c: Ctx): Register {
  return new Register(c.get('s').db as RegisterDb);
}

/** The report store's queries over the app's database handle (rows as arrays, whatever the driver returns). */
export function storeOf(c: Ctx): Store {
  const db: DbLike = c.get('s').db;
  const view: Db = {
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[]) {
      const r = (await db.query<T>(sql, params)) as T[] | { rows: T[] };
      return Array.isArray(r) ? r : r.rows;
    },
    async exec(sql: string) {
      await db.query(sql);
    },
    transaction: (fn) => fn(view),
    async close() {},
  };
  return new Store(view);
}

/**
 * Table II from the register and table III from the ledger into the organ's draft of the year:
 * a new draft starts from them (and last year's report for the contact line); an existing one gets
 * its tables replaced and keeps its text. Returns undefined when someone saved the draft in between.
 */
export async function draftFromRegister(c: Ctx, organ: string, year: number, userId: number): Promise<Draft | undefined> {
  const actor = actorOf(c);
  const table2 = await registerOf(c).table2(actor, organ, year);
  const ledger = await ledgerOf(c).table3(actor, organ, year);
  const db = c.get('s').db;
  const existing = await findDraft(db, organ, year);
  if (!existing) {
    const previous = await previousReportFor(c, organ, year);
    return createDraft(db, organ, year, draftFromRecords(organ, year, { table2, ledger, previous: previous?.report }).report, userId);
  }
  const report = applyLedgerToReport(applyTable2ToReport(existing.report, table2), ledger);
  return saveDraft(db, existing.id, report, existing.version, userId);
}
