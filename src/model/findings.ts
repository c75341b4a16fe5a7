/** What the checker says about a report (`nianbao/findings@1`). */
import { z } from 'zod';
import { cellRef } from './report.js';

export const FINDINGS_SCHEMA_ID = 'nianbao/findings@1';

export const severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof severity>;

export const findingSchema = z.object({
  rule: z.string(),
  severity,
  message: z.string(),
  where: cellRef.optional(),
  expected: z.union([z.number(), z.string()]).optional(),
  actual: z.union([z.number(), z.string(), z.null()]).optional(),
  /** Other report involved (continuity, similarity): its file or id. */
  related: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
export const SEVERITY_ZH: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
