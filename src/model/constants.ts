/**
 * The schema names written into report and findings JSON, and the severities of findings, as plain
 * values: reading, parsing and checking a file import these without loading the runtime schemas.
 */
export const REPORT_SCHEMA_ID = 'nianbao/report@1';
export const FINDINGS_SCHEMA_ID = 'nianbao/findings@1';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
export const SEVERITY_ZH: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
