/**
 * Who may see and change what. A clerk: their own organ only. A reviewer: every organ of their
 * region (and the regions below it). An administrator: everything.
 */
import { compact, nfkc } from '../parse/normalize.js';
import type { User } from './auth.js';
import type { ReportRepo, ReportRow } from './reports.js';

export function organKey(name: string): string {
  return compact(nfkc(name));
}

export function sameOrgan(repo: ReportRepo | undefined, a: string, b: string): boolean {
  if (repo) return repo.sameOrgan(a, b);
  return organKey(a) === organKey(b);
}

export function canSeeReport(user: User, row: Pick<ReportRow, 'organ' | 'regions'>, repo?: ReportRepo): boolean {
  if (user.role === 'admin') return true;
  if (user.role === 'clerk') return !!user.organ && sameOrgan(repo, user.organ, row.organ);
  return !!user.region && (row.regions.includes(user.region) || row.organ.startsWith(user.region));
}

export function canEditOrgan(user: User, organ: string, repo?: ReportRepo): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'clerk' && !!user.organ && sameOrgan(repo, user.organ, organ);
}

export function canReview(user: User, row: Pick<ReportRow, 'organ' | 'regions'>, repo?: ReportRepo): boolean {
  return (user.role === 'admin' || user.role === 'reviewer') && canSeeReport(user, row, repo);
}

/** The region of a reviewer who has none: a name no region has (queries with it find nothing). */
export const NO_REGION = '（无地区）';

/** The region a user may review: their own for a reviewer, the one asked for by an admin. */
export function reviewRegion(user: User, asked: string | undefined): string | undefined {
  // a reviewer without a region (none, or blanked by an admin) sees no region, never every region
  if (user.role === 'reviewer') return user.region?.trim() || NO_REGION;
  return asked || undefined;
}
