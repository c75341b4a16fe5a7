/**
 * The checker: every rule, in the order findings are listed, and `checkReport` that applies them.
 * A rule is one module under rules/ (id, severity, Chinese title, basis, check function) with its
 * doc page in docs/rules/<id>.md; adding a rule means adding its module here.
 */
import type { Finding } from '../model/findings.js';
import type { Report } from '../model/report.js';
import type { Rule } from './rule.js';
import { rowTotal } from './rules/requests-row-total.js';
import { outcomeTotal } from './rules/requests-outcome-total.js';
import { balance } from './rules/requests-balance.js';
import { reviewTotal } from './rules/review-total.js';
import { invalid } from './rules/cell-invalid.js';
import { unreadable } from './rules/cell-unreadable.js';
import { blank } from './rules/cell-blank.js';
import { outdated } from './rules/template-outdated.js';
import { missingSection } from './rules/template-missing-section.js';
import { missingRow } from './rules/template-missing-row.js';
import { periodMismatch } from './rules/meta-period-mismatch.js';
import { publishedLate } from './rules/meta-published-late.js';
import { narrativeMismatch } from './rules/narrative-mismatch.js';
import { publishedTotal } from './rules/active-published-total.js';
import { problemsSection } from './rules/section-problems.js';
import { feeStatement } from './rules/section-fee-statement.js';
import { governmentAssessment } from './rules/section-government-assessment.js';
import { carryover } from './rules/continuity-carryover.js';
import { inForce } from './rules/active-in-force.js';
import { copied } from './rules/continuity-copied.js';
import { rollupMismatch } from './rules/rollup-mismatch.js';
import type { UnitsSum } from './rule.js';

export type { Rule, RuleMeta, RuleContext, UnitsSum } from './rule.js';

export const RULES: readonly Rule[] = [
  rowTotal,
  outcomeTotal,
  balance,
  reviewTotal,
  invalid,
  unreadable,
  outdated,
  missingSection,
  missingRow,
  periodMismatch,
  publishedLate,
  narrativeMismatch,
  publishedTotal,
  problemsSection,
  feeStatement,
  governmentAssessment,
  carryover,
  inForce,
  copied,
  rollupMismatch,
  blank,
];

const BY_ID = new Map(RULES.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export interface CheckOptions {
  /** The same organ's report for the year before: enables the pair rules (continuity.*). */
  previous?: Report;
  /** A government's report: the tables of the units it covers, summed (enables rollup.mismatch). */
  units?: UnitsSum;
  /** Only these rule ids (default: all). */
  only?: readonly string[];
}

/** All findings for one report, in rule order and then in table order: the same input, the same list. */
export function checkReport(report: Report, options: CheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const context = { report, previous: options.previous, units: options.units };
  for (const rule of RULES) {
    if (options.only && !options.only.includes(rule.meta.id)) continue;
    if (rule.meta.scope === 'pair' && !options.previous) continue;
    if (rule.meta.scope === 'rollup' && !options.units) continue;
    findings.push(...rule.check(context));
  }
  return findings;
}
