/** What the checker says about a report (`nianbao/findings@1`). */
import { z } from 'zod';
import { SEVERITIES } from './constants.js';
import { cellRef } from './report.js';

export { FINDINGS_SCHEMA_ID, SEVERITY_ORDER, SEVERITY_ZH, type Severity } from './constants.js';

export const severity = z.enum(SEVERITIES);

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
