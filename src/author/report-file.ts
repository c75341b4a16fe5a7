/**
 * Report files: the report JSON itself, or the same in YAML (the form `nianbao new` writes for
 * people to edit). Both are validated against the report schema; a mistake is named by its path.
 */
import { parse as parseYaml } from 'yaml';
import { InputError } from '../errors.js';
import { REPORT_SCHEMA_ID, safeValidateReport, type Report } from '../model/report.js';

export { isReportFile } from './report-file-kind.js';

export function readReportFile(bytes: Uint8Array, name: string): Report {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\ufeff/, '');
  let value: unknown;
  try {
    value = /\.ya?ml$/i.test(name) ? parseYaml(text, { maxAliasCount: 100, logLevel: 'error' }) : JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new InputError(name, `不是有效的 ${/\.ya?ml$/i.test(name) ? 'YAML' : 'JSON'} 文件：${why}`);
  }
  const checked = safeValidateReport(withDefaults(value));
  if (!checked.ok) {
    const shown = checked.errors.slice(0, 3).join('；');
    const more = checked.errors.length > 3 ? ` 等 ${checked.errors.length} 处` : '';
    throw new InputError(name, `不是有效的年度报告文件（nianbao/report@1）：${shown}${more}`);
  }
  return checked.report;
}

/**
 * What report files written by other tools leave out or write as null, read as the report JSON
 * says it: no `schema` (it is a report file), no `sections` (none were found: the checker then
 * reports the missing ones), a contact field null (not stated, as when it is absent).
 */
export function withDefaults(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const report = value as Record<string, unknown>;
  if (!('schema' in report)) report.schema = REPORT_SCHEMA_ID;
  if (!('sections' in report) || report.sections === null) report.sections = [];
  const meta = report.meta;
  if (meta && typeof meta === 'object' && !Array.isArray(meta)) {
    const contact = (meta as Record<string, unknown>).contact;
    if (contact && typeof contact === 'object' && !Array.isArray(contact)) {
      const fields = contact as Record<string, unknown>;
      for (const key of Object.keys(fields)) if (fields[key] === null) delete fields[key];
      if (Object.keys(fields).length === 0) (meta as Record<string, unknown>).contact = null;
    }
  }
  return report;
}
