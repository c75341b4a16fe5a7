/** Shared by the ledger pages and the ledger JSON API: the ledger over the app's database, the acting user. */
import type { Ctx } from '../context.js';
import { Ledger, type LedgerDb } from '../../ledger/store.js';
import type { LedgerActor } from '../../ledger/access.js';
import {
  APPLICANT_TYPES, CHANNELS, applicantTypeByName, channelByName, type CaseIntake, type NewEvent, type EventKind, EVENT_KINDS,
} from '../../ledger/cases.js';
import { decisionByName } from '../../ledger/import.js';

const ledgers = new WeakMap<object, Ledger>();

export function ledgerOf(c: Ctx): Ledger {
  const db = c.get('s').db;
  let l = ledgers.get(db);
  if (!l) {
    l = new Ledger(db as unknown as LedgerDb);
    ledgers.set(db, l);
  }
  return l;
}

export function actorOf(c: Ctx): LedgerActor {
  const u = c.get('user');
  if (!u) return { name: 'anonymous', role: 'anonymous' };
  return { name: `web:${u.username}`, role: u.role, organ: u.organ ?? null, region: u.region ?? null };
}

/** The organ a page is about: a clerk's own; for others, the one asked for. */
export function organFor(c: Ctx, asked: string | undefined): string | undefined {
  const u = c.get('user');
  if (u?.role === 'clerk') return u.organ ?? undefined;
  const o = asked?.trim();
  return o && o.length <= 100 ? o : undefined;
}

type Fields = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** An intake from form fields or JSON (same names), validated later by the ledger. */
export function intakeFrom(f: Fields, organ: string): CaseIntake | string {
  const channel = channelByName(str(f.channel));
  if (!channel) return `请选择申请渠道（${CHANNELS.map((c) => c.label).join('、')}）`;
  const type = applicantTypeByName(str(f.applicantType ?? f.type));
  if (!type) return `请选择申请人类型（${APPLICANT_TYPES.map((t) => t.label).join('、')}）`;
  const field = CHANNELS.find((c) => c.key === channel)!.field;
  const received = str(f.received ?? f[field]);
  const intake: CaseIntake = {
    organ, channel, caseNo: str(f.caseNo) || undefined,
    [field]: received || null,
    applicant: {
      type, name: str(f.name ?? (f.applicant as Fields | undefined)?.name),
      idNumber: str(f.idNumber) || null, phone: str(f.phone) || null, address: str(f.address) || null, email: str(f.email) || null,
    },
    content: str(f.content), form: str(f.form) || null,
  };
  if (field !== 'submittedOn' && str(f.submittedOn)) intake.submittedOn = str(f.submittedOn);
  if (f.applicant && typeof f.applicant === 'object') {
    const a = f.applicant as Fields;
    intake.applicant = {
      type, name: str(a.name), idNumber: str(a.idNumber) || null, phone: str(a.phone) || null, address: str(a.address) || null, email: str(a.email) || null,
    };
  }
  return intake;
}

/** An event from form fields or JSON: kind, date and the kind's own fields. */
export function eventFrom(f: Fields): NewEvent | string {
  const kind = str(f.kind) as EventKind;
  if (!(kind in EVENT_KINDS)) return '请选择事件类型';
  const data: Fields = typeof f.data === 'object' && f.data ? { ...(f.data as Fields) } : {};
  const num = (k: string) => {
    const v = str(f[k]);
    if (v !== '') data[k] = Number(v);
  };
  const text = (k: string, to = k) => {
    const v = str(f[k]);
    if (v !== '') data[to] = v;
  };
  num('days'); num('pages'); num('ordinal'); num('amount');
  text('approver'); text('deadline'); text('items'); text('party'); text('consulted', 'organ'); text('until'); text('reason');
  text('mode');
  if (kind === 'note') {
    const t = str(f.text) || str(f.note);
    if (t) data.text = t;
  } else text('note');
  if (kind === 'organConsult' && data.party !== undefined && data.organ === undefined) {
    data.organ = data.party;
    delete data.party;
  }
  if (str(f.decision)) {
    const d = decisionByName(str(f.decision));
    if (!d) return `办理结果“${str(f.decision)}”无法识别`;
    data.decision = d;
  }
  return { kind, date: str(f.date), data };
}
