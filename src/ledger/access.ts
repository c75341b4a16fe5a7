/**
 * Who may see a case, and how personal data (names, ID numbers, addresses, phone numbers, e-mail)
 * is masked. Only users of the organ see its cases; lists and exports show masked personal data
 * unless the full data is asked for by someone allowed to see it; everything is audited by the
 * store (src/ledger/store.ts).
 *
 * Roles: `clerk` (a user of one organ: sees and changes that organ's cases, may reveal personal
 * data), `admin` (sees every organ's cases and counts, personal data always masked), `reviewer`
 * (no case access: only derived counts, e.g. table III, for organs of their region), `operator`
 * (the local command line, which owns the database file: everything, revealing only on request),
 * `anonymous` (nothing).
 */
import type { Applicant } from './cases.js';

export type LedgerRole = 'clerk' | 'admin' | 'reviewer' | 'operator' | 'anonymous';

export interface LedgerActor {
  /** Shown in the audit log, e.g. "web:zhang" or "cli:root". */
  name: string;
  role: LedgerRole;
  organ?: string | null;
  region?: string | null;
}

export class AccessError extends Error {
  constructor(message = '无权访问该机关的依申请公开台账') {
    super(message);
    this.name = 'AccessError';
  }
}

/** Organ names compared after NFKC and without spaces. */
export function organKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

export function canReadCases(actor: LedgerActor, organ: string): boolean {
  if (actor.role === 'operator' || actor.role === 'admin') return true;
  if (actor.role === 'clerk') return !!actor.organ && organKey(actor.organ) === organKey(organ);
  return false;
}

export function canWriteCases(actor: LedgerActor, organ: string): boolean {
  if (actor.role === 'operator') return true;
  return actor.role === 'clerk' && !!actor.organ && organKey(actor.organ) === organKey(organ);
}

export function canRevealPersonal(actor: LedgerActor, organ: string): boolean {
  return canWriteCases(actor, organ);
}

/** Counts only (table III, fees): the organ's users, admins, and reviewers of the organ's region. */
export function canReadCounts(actor: LedgerActor, organ: string): boolean {
  if (canReadCases(actor, organ)) return true;
  return actor.role === 'reviewer' && !!actor.region && organ.startsWith(actor.region);
}

// ---------------------------------------------------------------- masking

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 6))}`;
}

export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return id ?? null;
  const s = id.trim();
  if (s.length <= 4) return '*'.repeat(s.length);
  if (s.length <= 8) return `${'*'.repeat(s.length - 2)}${s.slice(-2)}`;
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const s = phone.trim();
  if (s.length < 7) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

export function maskAddress(address: string | null | undefined): string | null {
  if (!address) return address ?? null;
  const chars = [...address.trim()];
  const keep = Math.min(6, Math.floor(chars.length / 2));
  return `${chars.slice(0, keep).join('')}****`;
}

export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return email ?? null;
  const at = email.indexOf('@');
  if (at < 1) return '****';
  return `${email[0]}***${email.slice(at)}`;
}

export function maskApplicant(a: Applicant): Applicant {
  return {
    type: a.type,
    name: maskName(a.name),
    idNumber: maskIdNumber(a.idNumber),
    address: maskAddress(a.address),
    phone: maskPhone(a.phone),
    email: maskEmail(a.email),
  };
}
