/** Writes the JSON Schema files generated from the runtime schemas (shipped in schema/). */
import { z } from 'zod';
import { reportSchema } from './report.js';
import { findingSchema, FINDINGS_SCHEMA_ID } from './findings.js';

export function reportJsonSchema(): object {
  return { $id: 'https://nianbao.invalid/schema/report-1.json', title: '政府信息公开工作年度报告 (nianbao/report@1)', ...z.toJSONSchema(reportSchema) };
}

export function findingsJsonSchema(): object {
  const doc = z.object({
    schema: z.literal(FINDINGS_SCHEMA_ID),
    reports: z.array(z.object({ file: z.string(), meta: z.unknown(), findings: z.array(findingSchema) })),
  });
  return { $id: 'https://nianbao.invalid/schema/findings-1.json', title: '核查结果 (nianbao/findings@1)', ...z.toJSONSchema(doc) };
}
