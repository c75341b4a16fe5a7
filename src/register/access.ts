/**
 * Who may read and change the register. Its content is public information (主动公开), with no
 * personal data, so the rules are those of the ledger's counts (src/ledger/access.ts): an organ's
 * clerk reads and changes the organ's register; an admin and the local command line (operator) all
 * registers; a reviewer reads the registers of the organs in the region and sets organ kinds and
 * publication dates there; nobody else sees anything.
 */
import { AccessError, type LedgerActor } from '../ledger/access.js';
import { inferRegions, organKey } from '../store/organs.js';

export type RegisterActor = LedgerActor;
export { AccessError };

function sameOrgan(a: string, b: string): boolean {
  return organKey(a) === organKey(b);
}

/** The organ lies in the reviewer's region: a region its name shows, or its name begins with the region. */
export function inRegion(organ: string, region: string | null | undefined): boolean {
  if (!region) return false;
  return organ.startsWith(region) || inferRegions(organ).some((r) => r.name === region);
}

export function canReadRegister(actor: RegisterActor, organ: string): boolean {
  if (actor.role === 'operator' || actor.role === 'admin') return true;
  if (actor.role === 'clerk') return !!actor.organ && sameOrgan(actor.organ, organ);
  if (actor.role === 'reviewer') return inRegion(organ, actor.region);
  return false;
}

export function canWriteRegister(actor: RegisterActor, organ: string): boolean {
  if (actor.role === 'operator' || actor.role === 'admin') return true;
  return actor.role === 'clerk' && !!actor.organ && sameOrgan(actor.organ, organ);
}

/** Organ kinds and publication dates: what the reviewer of a region keeps for the calendar. */
export function canSetCalendar(actor: RegisterActor, organ: string): boolean {
  if (actor.role === 'operator' || actor.role === 'admin') return true;
  return actor.role === 'reviewer' && inRegion(organ, actor.region);
}

export function requireRead(actor: RegisterActor, organ: string): void {
  if (!canReadRegister(actor, organ)) throw new AccessError('无权查看该机关的主动公开台账');
}

export function requireWrite(actor: RegisterActor, organ: string): void {
  if (!canWriteRegister(actor, organ)) throw new AccessError('无权修改该机关的主动公开台账');
}
