/**
 * The ledger in the database (tables of migration 0100): cases, append-only event logs, the audit
 * log, calendar years added later, decision mappings. Every read of a case or of personal data and
 * every change goes into `ledger_audit`. Access is checked here, for the command line and the web
 * application alike (see access.ts).
 *
 * Derived columns (status, due date, closing date, decision, calendar version) are a cache of what
 * the event log and the calendar give; when the calendar changes (a year's notice is added or
 * corrected), every open case whose cache was made with another calendar version is recomputed.
 */
import { CalendarGapError, defaultCalendar, validateCalendarYear, type CalendarYear, type WorkCalendar } from './calendar.js';
import {
  AccessError, canReadCases, canReadCounts, canRevealPersonal, canWriteCases, maskApplicant, organKey,
  type LedgerActor,
} from './access.js';
import {
  CaseError, caseState, defaultSettings, pieceOrdinal, prepareEvent, validateIntake,
  type CaseEvent, type CaseIntake, type CaseRecord, type CaseState, type CaseStatus, type EventKind,
  type LedgerSettings, type NewEvent,
} from './cases.js';
import { isIsoDate, type IsoDate } from './dates.js';
import { mergeDecisionMap, type DecisionMap } from './decisions.js';
import { ledgerReportPart, deriveTable3, type LedgerReportPart, type Table3 } from './table3.js';

export interface LedgerDb {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<unknown>;
  transaction?<R>(fn: (tx: LedgerDb) => Promise<R>): Promise<R>;
}

async function rows<T>(db: LedgerDb, sql: string, params: unknown[] = []): Promise<T[]> {
  const r = (await db.query<T>(sql, params)) as T[] | { rows: T[] };
  return Array.isArray(r) ? r : r.rows;
}

function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

interface CaseRow {
  id: number;
  organ: string;
  organ_key: string;
  case_no: string;
  channel: string;
  submitted_on: string | null;
  signed_on: string | null;
  confirmed_on: string | null;
  received_on: string;
  applicant_type: string;
  applicant_name: string;
  applicant_id_number: string | null;
  applicant_address: string | null;
  applicant_phone: string | null;
  applicant_email: string | null;
  content: string;
  form: string | null;
  status: string;
  due_on: string | null;
  closed_on: string | null;
  decision: string | null;
  calendar_version: string | null;
  created_by: string;
}

interface EventRow {
  case_id: number;
  seq: number;
  kind: string;
  event_date: string;
  data: unknown;
  actor: string;
  recorded_at: unknown;
}

function toRecord(r: CaseRow, events: EventRow[]): CaseRecord {
  return {
    id: String(r.id),
    organ: r.organ,
    caseNo: r.case_no,
    channel: r.channel as CaseRecord['channel'],
    submittedOn: r.submitted_on,
    signedOn: r.signed_on,
    confirmedOn: r.confirmed_on,
    receivedOn: r.received_on,
    applicant: {
      type: r.applicant_type as CaseRecord['applicant']['type'],
      name: r.applicant_name,
      idNumber: r.applicant_id_number,
      address: r.applicant_address,
      phone: r.applicant_phone,
      email: r.applicant_email,
    },
    content: r.content,
    form: r.form,
    events: events
      .filter((e) => e.case_id === r.id)
      .sort((a, b) => a.seq - b.seq)
      .map((e) => ({
        seq: e.seq,
        kind: e.kind as EventKind,
        date: e.event_date,
        data: json<Record<string, unknown>>(e.data) ?? {},
        actor: e.actor,
        recordedAt: e.recorded_at instanceof Date ? e.recorded_at.toISOString() : String(e.recorded_at ?? ''),
      })),
  };
}

export interface CaseSummary {
  id: string;
  caseNo: string;
  organ: string;
  receivedOn: IsoDate;
  channel: string;
  applicantType: string;
  applicantName: string;
  content: string;
  status: CaseStatus;
  dueOn: IsoDate | null;
  closedOn: IsoDate | null;
  decision: string | null;
}

export interface CaseView {
  record: CaseRecord;
  state: CaseState;
  masked: boolean;
}

export interface ListFilter {
  organ?: string;
  status?: CaseStatus | 'unclosed';
  /** Received in this year. */
  year?: number;
  /** Substring of case number or content (never searched in personal data unless revealed). */
  q?: string;
  reveal?: boolean;
  limit?: number;
  offset?: number;
}

export interface DueItem extends CaseSummary {
  /** Working days from today to the due date (negative when overdue). */
  workdaysLeft: number | null;
  waitingUntil?: IsoDate | null;
  waitingKind?: 'correction' | 'fee' | null;
  note?: string;
}

export interface DueReport {
  today: IsoDate;
  within: number;
  overdue: DueItem[];
  dueSoon: DueItem[];
  waitingApplicant: DueItem[];
  paused: DueItem[];
  /** Open cases whose deadline needs a calendar year not yet entered. */
  calendarMissing: DueItem[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  organ: string | null;
  caseId: number | null;
  detail: Record<string, unknown>;
}

export class Ledger {
  private cal: WorkCalendar | null = null;
  private calSignature = '';
  readonly settings: LedgerSettings;

  constructor(
    readonly db: LedgerDb,
    options: { settings?: Partial<LedgerSettings> } = {},
  ) {
    this.settings = { ...defaultSettings(), ...options.settings };
  }

  // ------------------------------------------------------------ calendar and settings

  /**
   * The built-in calendar with the years stored in `ledger_calendar_years` on top. Rebuilt when the
   * stored years change (also when another process added one).
   */
  async calendar(): Promise<WorkCalendar> {
    const stored = await rows<{ year: number; data: unknown }>(this.db, 'SELECT year, data FROM ledger_calendar_years ORDER BY year');
    const signature = JSON.stringify(stored.map((r) => [r.year, r.data]));
    if (this.cal && this.calSignature === signature) return this.cal;
    const years: CalendarYear[] = [];
    for (const r of stored) {
      const v = validateCalendarYear(json(r.data));
      if (v.ok) years.push(v.year);
    }
    this.cal = defaultCalendar(years);
    this.calSignature = signature;
    return this.cal;
  }

  /** Adds or replaces a year's holiday data (next year's notice, or a correction); recomputes open deadlines. */
  async addCalendarYear(actor: LedgerActor, year: CalendarYear): Promise<{ version: string; recomputed: number }> {
    if (actor.role !== 'operator' && actor.role !== 'admin') throw new AccessError('只有管理员可以更新工作日历');
    const v = validateCalendarYear(year);
    if (!v.ok) throw new CaseError(`日历数据有误：${v.errors.join('；')}`);
    await this.db.query(
      `INSERT INTO ledger_calendar_years (year, data, added_by) VALUES ($1, $2, $3)
       ON CONFLICT (year) DO UPDATE SET data = EXCLUDED.data, added_by = EXCLUDED.added_by, added_at = now()`,
      [v.year.year, JSON.stringify(v.year), actor.name],
    );
    this.cal = null;
    const cal = await this.calendar();
    const recomputed = await this.recomputeOpen();
    await this.audit(actor, 'calendar.add', null, null, { year: v.year.year, version: cal.version, recomputed });
    return { version: cal.version, recomputed };
  }

  async decisionMap(organ: string): Promise<DecisionMap> {
    const r = await rows<{ decision: string; row_key: string }>(
      this.db, 'SELECT decision, row_key FROM ledger_decision_map WHERE organ_key = $1', [organKey(organ)],
    );
    return mergeDecisionMap(Object.fromEntries(r.map((x) => [x.decision, x.row_key])));
  }

  async setDecisionRow(actor: LedgerActor, organ: string, decision: string, row: string): Promise<DecisionMap> {
    if (!canWriteCases(actor, organ)) throw new AccessError();
    mergeDecisionMap({ [decision]: row }); // validates
    await this.db.query(
      `INSERT INTO ledger_decision_map (organ_key, decision, row_key) VALUES ($1, $2, $3)
       ON CONFLICT (organ_key, decision) DO UPDATE SET row_key = EXCLUDED.row_key`,
      [organKey(organ), decision, row],
    );
    await this.audit(actor, 'mapping.set', organ, null, { decision, row });
    return this.decisionMap(organ);
  }

  // ------------------------------------------------------------ audit

  private async audit(actor: LedgerActor, action: string, organ: string | null, caseId: number | null, detail: Record<string, unknown> = {}): Promise<void> {
    await this.db.query('INSERT INTO ledger_audit (actor, role, action, organ, case_id, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
      actor.name, actor.role, action, organ, caseId, JSON.stringify(detail),
    ]);
  }

  async auditLog(actor: LedgerActor, filter: { organ?: string; caseId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    if (filter.organ && !canWriteCases(actor, filter.organ) && actor.role !== 'admin') throw new AccessError();
    if (!filter.organ && actor.role !== 'operator' && actor.role !== 'admin') throw new AccessError('请指定机关');
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.organ) {
      params.push(filter.organ);
      where.push(`organ = $${params.length}`);
    }
    if (filter.caseId) {
      params.push(Number(filter.caseId));
      where.push(`case_id = $${params.length}`);
    }
    params.push(Math.min(filter.limit ?? 200, 5000));
    const r = await rows<{ id: number; at: unknown; actor: string; role: string; action: string; organ: string | null; case_id: number | null; detail: unknown }>(
      this.db,
      `SELECT id, at, actor, role, action, organ, case_id, detail FROM ledger_audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return r.map((x) => ({
      id: Number(x.id), at: x.at instanceof Date ? x.at.toISOString() : String(x.at), actor: x.actor, role: x.role, action: x.action,
      organ: x.organ, caseId: x.case_id, detail: json(x.detail) ?? {},
    }));
  }

  // ------------------------------------------------------------ cases

  private async loadCase(id: string): Promise<CaseRecord | null> {
    const n = Number(id);
    if (!Number.isInteger(n) || n < 1) return null;
    const c = await rows<CaseRow>(this.db, 'SELECT * FROM ledger_cases WHERE id = $1', [n]);
    if (!c.length) return null;
    const ev = await rows<EventRow>(this.db, 'SELECT * FROM ledger_events WHERE case_id = $1 ORDER BY seq', [n]);
    return toRecord(c[0], ev);
  }

  /** Every case of an organ (no access check, no audit: internal). */
  private async organCases(organ: string): Promise<CaseRecord[]> {
    const c = await rows<CaseRow>(this.db, 'SELECT * FROM ledger_cases WHERE organ_key = $1 ORDER BY received_on, id', [organKey(organ)]);
    if (!c.length) return [];
    const ev = await rows<EventRow>(
      this.db,
      'SELECT e.* FROM ledger_events e JOIN ledger_cases c ON c.id = e.case_id WHERE c.organ_key = $1 ORDER BY e.case_id, e.seq',
      [organKey(organ)],
    );
    const byCase = new Map<number, EventRow[]>();
    for (const e of ev) {
      const list = byCase.get(e.case_id) ?? [];
      list.push(e);
      byCase.set(e.case_id, list);
    }
    return c.map((r) => toRecord(r, byCase.get(r.id) ?? []));
  }

  private async storeDerived(db: LedgerDb, c: CaseRecord, cal: WorkCalendar): Promise<CaseState> {
    const s = caseState(c, cal, this.settings);
    await db.query(
      'UPDATE ledger_cases SET status = $2, due_on = $3, closed_on = $4, decision = $5, calendar_version = $6 WHERE id = $1',
      [Number(c.id), s.status, s.deadline?.due ?? null, s.closedOn, s.decision, cal.version],
    );
    return s;
  }

  private async tx<R>(fn: (db: LedgerDb) => Promise<R>): Promise<R> {
    if (this.db.transaction) return this.db.transaction(fn);
    return fn(this.db);
  }

  async createCase(actor: LedgerActor, intake: CaseIntake): Promise<CaseView> {
    if (!canWriteCases(actor, intake.organ ?? '')) throw new AccessError();
    const valid = validateIntake(intake);
    const cal = await this.calendar();
    return this.tx(async (db) => {
      let caseNo = valid.caseNo?.trim();
      if (!caseNo) {
        const year = valid.receivedOn.slice(0, 4);
        const r = await rows<{ case_no: string }>(
          db, 'SELECT case_no FROM ledger_cases WHERE organ_key = $1 AND case_no LIKE $2', [organKey(valid.organ), `${year}-%`],
        );
        const max = r.reduce((m, x) => Math.max(m, /^\d{4}-(\d{1,9})$/.test(x.case_no) ? Number(x.case_no.slice(5)) : 0), 0);
        caseNo = `${year}-${String(max + 1).padStart(4, '0')}`;
      }
      const dup = await rows(db, 'SELECT id FROM ledger_cases WHERE organ_key = $1 AND case_no = $2', [organKey(valid.organ), caseNo]);
      if (dup.length) throw new CaseError(`编号 ${caseNo} 已存在`);
      const a = valid.applicant;
      const ins = await rows<{ id: number }>(
        db,
        `INSERT INTO ledger_cases (organ, organ_key, case_no, channel, submitted_on, signed_on, confirmed_on, received_on,
           applicant_type, applicant_name, applicant_id_number, applicant_address, applicant_phone, applicant_email, content, form, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) RETURNING id`,
        [
          valid.organ.trim(), organKey(valid.organ), caseNo, valid.channel, valid.submittedOn ?? null, valid.signedOn ?? null,
          valid.confirmedOn ?? null, valid.receivedOn, a.type, a.name.trim(), a.idNumber ?? null, a.address ?? null, a.phone ?? null,
          a.email ?? null, valid.content.trim(), valid.form ?? null, actor.name,
        ],
      );
      const record: CaseRecord = { ...valid, organ: valid.organ.trim(), id: String(ins[0].id), caseNo, events: [] };
      const state = await this.storeDerived(db, record, cal);
      await this.auditWith(db, actor, 'case.create', record.organ, ins[0].id, { caseNo });
      return { record, state, masked: false };
    });
  }

  private async auditWith(db: LedgerDb, actor: LedgerActor, action: string, organ: string | null, caseId: number | null, detail: Record<string, unknown>) {
    await db.query('INSERT INTO ledger_audit (actor, role, action, organ, case_id, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
      actor.name, actor.role, action, organ, caseId, JSON.stringify(detail),
    ]);
  }

  async addEvent(actor: LedgerActor, caseId: string, ev: NewEvent): Promise<CaseView & { warnings: string[] }> {
    const cal = await this.calendar();
    const c = await this.loadCase(caseId);
    if (!c || !canWriteCases(actor, c.organ)) throw new AccessError('案件不存在或无权修改');
    let pieceOrd: number | undefined;
    if (ev.kind === 'feeNotice' && (ev.data?.mode === 'piece') && ev.data?.ordinal === undefined) {
      pieceOrd = pieceOrdinal(c, await this.organCases(c.organ));
    }
    const { event, warnings } = prepareEvent(c, { ...ev, actor: actor.name }, cal, this.settings, { pieceOrdinal: pieceOrd });
    return this.tx(async (db) => {
      const seq = (c.events.at(-1)?.seq ?? 0) + 1;
      await db.query('INSERT INTO ledger_events (case_id, seq, kind, event_date, data, actor) VALUES ($1, $2, $3, $4, $5, $6)', [
        Number(c.id), seq, event.kind, event.date, JSON.stringify(event.data), actor.name,
      ]);
      const record: CaseRecord = { ...c, events: [...c.events, { ...event, seq }] };
      const state = await this.storeDerived(db, record, cal);
      await this.auditWith(db, actor, 'case.event', c.organ, Number(c.id), { kind: event.kind, date: event.date, seq });
      return { record, state, masked: false, warnings };
    });
  }

  /** One case with its timeline; personal data shown only when asked for and allowed. Audited. */
  async getCase(actor: LedgerActor, caseId: string, options: { reveal?: boolean } = {}): Promise<CaseView> {
    const c = await this.loadCase(caseId);
    if (!c || !canReadCases(actor, c.organ)) {
      await this.audit(actor, 'case.view.denied', c?.organ ?? null, c ? Number(c.id) : null, {});
      throw new AccessError('案件不存在或无权查看');
    }
    const reveal = !!options.reveal && canRevealPersonal(actor, c.organ);
    if (options.reveal && !reveal) {
      await this.audit(actor, 'case.reveal.denied', c.organ, Number(c.id), {});
      throw new AccessError('无权查看申请人个人信息');
    }
    const cal = await this.calendar();
    const state = caseState(c, cal, this.settings);
    await this.audit(actor, reveal ? 'case.view.personal' : 'case.view', c.organ, Number(c.id), {});
    return { record: reveal ? c : { ...c, applicant: maskApplicant(c.applicant) }, state, masked: !reveal };
  }

  /** Organs the actor may list: the one asked for (checked), or the clerk's own. */
  private organsFor(actor: LedgerActor, organ?: string): string | null {
    if (organ) {
      if (!canReadCases(actor, organ)) throw new AccessError();
      return organ;
    }
    if (actor.role === 'clerk') {
      if (!actor.organ) throw new AccessError();
      return actor.organ;
    }
    if (actor.role === 'operator' || actor.role === 'admin') return null;
    throw new AccessError();
  }

  /** Recomputes the derived columns of open cases made with another calendar version. */
  async recomputeOpen(force = false): Promise<number> {
    const cal = await this.calendar();
    const stale = await rows<{ id: number }>(
      this.db,
      `SELECT id FROM ledger_cases WHERE status <> 'closed' ${force ? '' : 'AND (calendar_version IS DISTINCT FROM $1)'} ORDER BY id`,
      force ? [] : [cal.version],
    );
    for (const s of stale) {
      const c = await this.loadCase(String(s.id));
      if (c) await this.storeDerived(this.db, c, cal);
    }
    return stale.length;
  }

  async listCases(actor: LedgerActor, filter: ListFilter = {}): Promise<{ total: number; items: CaseSummary[]; masked: boolean }> {
    const organ = this.organsFor(actor, filter.organ);
    const reveal = !!filter.reveal;
    if (reveal && (!organ || !canRevealPersonal(actor, organ))) {
      await this.audit(actor, 'case.list.reveal.denied', organ, null, {});
      throw new AccessError('无权查看申请人个人信息（须指定本机关并具有相应权限）');
    }
    await this.recomputeOpen();
    const params: unknown[] = [];
    const where: string[] = [];
    if (organ) {
      params.push(organKey(organ));
      where.push(`organ_key = $${params.length}`);
    }
    if (filter.status === 'unclosed') where.push("status <> 'closed'");
    else if (filter.status) {
      params.push(filter.status);
      where.push(`status = $${params.length}`);
    }
    if (filter.year) {
      params.push(`${filter.year}-%`);
      where.push(`received_on LIKE $${params.length}`);
    }
    if (filter.q) {
      params.push(`%${filter.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`);
      const p = `$${params.length}`;
      where.push(reveal ? `(case_no LIKE ${p} OR content LIKE ${p} OR applicant_name LIKE ${p})` : `(case_no LIKE ${p} OR content LIKE ${p})`);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number((await rows<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM ledger_cases ${w}`, params))[0]?.n ?? 0);
    const limit = Math.max(1, Math.min(filter.limit ?? 100, 10_000));
    const offset = Math.max(0, filter.offset ?? 0);
    const r = await rows<CaseRow>(
      this.db,
      `SELECT * FROM ledger_cases ${w} ORDER BY received_on DESC, id DESC LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    await this.audit(actor, reveal ? 'case.list.personal' : 'case.list', organ, null, { filter: { ...filter, reveal }, count: r.length });
    return { total, items: r.map((x) => summary(x, reveal)), masked: !reveal };
  }

  /** What is due: overdue, due within `within` working days, waiting on the applicant, paused. */
  async due(actor: LedgerActor, options: { organ?: string; today: IsoDate; within?: number }): Promise<DueReport> {
    if (!isIsoDate(options.today)) throw new CaseError('today 应为 YYYY-MM-DD');
    const organ = this.organsFor(actor, options.organ);
    await this.recomputeOpen();
    const cal = await this.calendar();
    const within = options.within ?? 5;
    const params: unknown[] = [];
    let w = "WHERE status <> 'closed'";
    if (organ) {
      params.push(organKey(organ));
      w += ` AND organ_key = $1`;
    }
    const open = await rows<CaseRow>(this.db, `SELECT * FROM ledger_cases ${w} ORDER BY due_on NULLS LAST, id`, params);
    const report: DueReport = { today: options.today, within, overdue: [], dueSoon: [], waitingApplicant: [], paused: [], calendarMissing: [] };
    for (const row of open) {
      const item: DueItem = { ...summary(row, false), workdaysLeft: null };
      if (row.status === 'waitingApplicant') {
        const c = await this.loadCase(String(row.id));
        const s = c ? caseState(c, cal, this.settings) : null;
        item.waitingKind = s?.waitingFor?.kind ?? null;
        item.waitingUntil = s?.waitingFor?.until ?? null;
        if (item.waitingUntil && item.waitingUntil < options.today) {
          item.note = item.waitingKind === 'fee' ? '缴费期限已过，可登记“逾期未缴费”' : '补正期限已过，可作出“逾期不补正”处理';
        }
        report.waitingApplicant.push(item);
        continue;
      }
      if (!row.due_on) {
        const c = await this.loadCase(String(row.id));
        const s = c ? caseState(c, cal, this.settings) : null;
        if (s?.deadlineError) {
          item.note = s.deadlineError;
          report.calendarMissing.push(item);
        } else {
          item.note = s?.deadline?.openPause?.reason;
          report.paused.push(item);
        }
        continue;
      }
      try {
        item.workdaysLeft = row.due_on >= options.today ? cal.workdaysBetween(options.today, row.due_on) : -cal.workdaysBetween(row.due_on, options.today);
      } catch (e) {
        if (!(e instanceof CalendarGapError)) throw e;
      }
      if (row.due_on < options.today) report.overdue.push(item);
      else if (item.workdaysLeft !== null && item.workdaysLeft <= within) report.dueSoon.push(item);
    }
    await this.audit(actor, 'case.due', organ, null, { today: options.today, within });
    return report;
  }

  /** All cases of an organ for derivations (table III, fees): counts only, no personal data leaves. */
  async table3(actor: LedgerActor, organ: string, year: number): Promise<LedgerReportPart & { table: Table3 }> {
    if (!canReadCounts(actor, organ)) throw new AccessError();
    const cases = await this.organCases(organ);
    const decisionMap = await this.decisionMap(organ);
    const part = ledgerReportPart(cases, year, { decisionMap });
    const table = deriveTable3(cases, year, { decisionMap });
    await this.audit(actor, 'table3', organ, null, { year });
    return { ...part, table };
  }

  /** Full records for export; masked unless revealed by someone allowed to. Audited. */
  async exportCases(actor: LedgerActor, organ: string, options: { reveal?: boolean } = {}): Promise<{ cases: CaseRecord[]; states: CaseState[]; masked: boolean }> {
    if (!canReadCases(actor, organ)) throw new AccessError();
    const reveal = !!options.reveal;
    if (reveal && !canRevealPersonal(actor, organ)) {
      await this.audit(actor, 'case.export.reveal.denied', organ, null, {});
      throw new AccessError('无权导出申请人个人信息');
    }
    const cal = await this.calendar();
    const cases = await this.organCases(organ);
    const states = cases.map((c) => caseState(c, cal, this.settings));
    await this.audit(actor, reveal ? 'case.export.personal' : 'case.export', organ, null, { count: cases.length });
    return { cases: reveal ? cases : cases.map((c) => ({ ...c, applicant: maskApplicant(c.applicant) })), states, masked: !reveal };
  }

  /** Cases of an organ with deadlines, for the iCal feed (no personal data in it). */
  async deadlines(actor: LedgerActor, organ?: string): Promise<CaseSummary[]> {
    const o = this.organsFor(actor, organ);
    await this.recomputeOpen();
    const params: unknown[] = [];
    let w = "WHERE status <> 'closed'";
    if (o) {
      params.push(organKey(o));
      w += ' AND organ_key = $1';
    }
    const r = await rows<CaseRow>(this.db, `SELECT * FROM ledger_cases ${w} ORDER BY due_on NULLS LAST, id`, params);
    await this.audit(actor, 'case.ical', o, null, { count: r.length });
    return r.map((x) => summary(x, false));
  }
}

function summary(r: CaseRow, reveal: boolean): CaseSummary {
  const masked = reveal ? r.applicant_name : maskApplicant({ type: 'natural', name: r.applicant_name }).name;
  return {
    id: String(r.id),
    caseNo: r.case_no,
    organ: r.organ,
    receivedOn: r.received_on,
    channel: r.channel,
    applicantType: r.applicant_type,
    applicantName: masked,
    content: r.content.length > 80 ? `${r.content.slice(0, 80)}…` : r.content,
    status: r.status as CaseStatus,
    dueOn: r.due_on,
    closedOn: r.closed_on,
    decision: r.decision,
  };
}

export type { CaseEvent };

/** Writes the rows of an import plan (see import.ts): each row's case and events, row by row. */
export async function importPlanned(
  ledger: Ledger,
  actor: LedgerActor,
  rows: { line: number; record: CaseRecord }[],
): Promise<{ imported: number; failed: { line: number; reason: string }[] }> {
  let imported = 0;
  const failed: { line: number; reason: string }[] = [];
  for (const row of rows) {
    try {
      const { id: _id, events, receivedOn: _r, ...intake } = row.record;
      const v = await ledger.createCase(actor, { ...intake, caseNo: row.record.caseNo || undefined });
      for (const e of events) await ledger.addEvent(actor, v.record.id, { kind: e.kind, date: e.date, data: e.data });
      imported++;
    } catch (e) {
      if (e instanceof AccessError) throw e;
      failed.push({ line: row.line, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return { imported, failed };
}

/** Finds a case by its id (digits) or by its number within an organ; null when absent or not visible. */
export async function resolveCaseRef(ledger: Ledger, actor: LedgerActor, ref: string, organ?: string): Promise<string | null> {
  const r = (await ledger.db.query(
    /^\d+$/.test(ref) ? 'SELECT id, organ FROM ledger_cases WHERE id = $1' : 'SELECT id, organ FROM ledger_cases WHERE case_no = $1 AND ($2::text IS NULL OR organ_key = $2)',
    /^\d+$/.test(ref) ? [Number(ref)] : [ref, organ ? organKey(organ) : actor.organ ? organKey(actor.organ) : null],
  )) as { id: number; organ: string }[] | { rows: { id: number; organ: string }[] };
  const list = Array.isArray(r) ? r : r.rows;
  const visible = list.filter((x) => canReadCases(actor, x.organ));
  if (visible.length !== 1) return null;
  return String(visible[0].id);
}
