/**
 * The report JSON (`nianbao/report@1`): TypeScript types and the runtime schema that validates it.
 * Field names are a contract with users and outside tools: add, never rename.
 */
import { z } from 'zod';
import { REPORT_SCHEMA_ID } from './constants.js';

export { REPORT_SCHEMA_ID };

/** A count cell of table III or IV: an integer, or null when the cell is blank. */
export const countCell = z.number().int().nullable();
/** A table II cell: a number, null when blank, or the raw text when it is not a number ("0%", "增加2项"). */
export const activeCell = z.union([z.number(), z.string(), z.null()]);

export const cellRef = z.object({
  table: z.enum(['active', 'requests', 'review']),
  row: z.string(),
  /** Index into the row's columns (requests: 0–6, review: 0–4). */
  col: z.number().int().optional(),
  /** Table II field key. */
  field: z.string().optional(),
});

export const anomaly = z.object({
  where: cellRef,
  /** invalid: the cell holds text that is not a count; unreadable: cell boundaries were lost in the source. */
  kind: z.enum(['invalid', 'unreadable']),
  raw: z.string(),
});

export const reportSchema = z.object({
  schema: z.literal(REPORT_SCHEMA_ID),
  meta: z.object({
    title: z.string().nullable(),
    agency: z.string().nullable(),
    year: z.number().int().nullable(),
    template: z.enum(['2021', '2019']),
    period: z.object({ start: z.string(), end: z.string() }).nullable(),
    contact: z
      .object({
        address: z.string().optional(),
        postcode: z.string().optional(),
        phone: z.string().optional(),
        email: z.string().optional(),
      })
      .nullable(),
    /** The date the report carries at its end (落款日期), YYYY-MM-DD; absent when it carries none. */
    published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  }),
  sections: z.array(z.object({ no: z.number().int().min(1).max(6), heading: z.string(), text: z.string() })),
  active: z.record(z.string(), z.record(z.string(), activeCell)),
  requests: z.record(z.string(), z.array(countCell).length(7)),
  review: z.record(z.string(), z.array(countCell).length(5)),
  /** Cells whose content could not be taken as a value (see the cell.invalid and cell.unreadable rules). */
  anomalies: z.array(anomaly).optional(),
});

export type Report = z.infer<typeof reportSchema>;
export type ReportMeta = Report['meta'];
export type Section = Report['sections'][number];
export type CountCell = z.infer<typeof countCell>;
export type ActiveCell = z.infer<typeof activeCell>;
export type CellRef = z.infer<typeof cellRef>;
export type Anomaly = z.infer<typeof anomaly>;

/** Validate unknown JSON as a report; throws a ZodError listing every problem. */
export function validateReport(value: unknown): Report {
  return reportSchema.parse(value);
}

export function safeValidateReport(value: unknown): { ok: true; report: Report } | { ok: false; errors: string[] } {
  const r = reportSchema.safeParse(value);
  if (r.success) return { ok: true, report: r.data };
  return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}
