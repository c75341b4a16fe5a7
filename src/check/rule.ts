/**
 * A checker rule, kept as ESLint keeps its rules: one module per rule under rules/, with its
 * meta (id, severity, Chinese title, the article or notice it rests on) and a check function.
 * Each rule has a doc page under docs/rules/<id>.md and its tests under test/check/.
 */
import type { Report } from '../model/report.js';
import type { Finding, Severity } from '../model/findings.js';

export interface RuleMeta {
  /** Stable id, e.g. "requests.balance" (a contract: never renamed). */
  id: string;
  severity: Severity;
  /** One line in Chinese: what the rule checks. */
  title: string;
  /** The article of the 条例 or the notice the rule rests on. */
  basis: string;
  /**
   * one: needs one report; pair: needs the same organ's previous year (context.previous); rollup:
   * needs the sum of the units a government's report covers (context.units).
   */
  scope: 'one' | 'pair' | 'rollup';
}

export interface RuleContext {
  report: Report;
  /** The same organ's report for the previous year, when given (pair rules). */
  previous?: Report;
  /** The tables of the units under a government summed (rollup rules; see src/register/government-rollup.ts). */
  units?: UnitsSum;
}

export interface UnitsSum {
  /** How many units' reports were summed. */
  count: number;
  active: Report['active'];
  requests: Record<string, number[]>;
  review: Record<string, number[]>;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): Finding[];
}
