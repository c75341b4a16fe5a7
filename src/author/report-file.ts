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
  if (value && typeof value === 'object' && !('schema' in value)) (value as Record<string, unknown>).schema = REPORT_SCHEMA_ID;
  const checked = safeValidateReport(value);
  if (!checked.ok) {
    const shown = checked.errors.slice(0, 3).join('；');
    const more = checked.errors.length > 3 ? ` 等 ${checked.errors.length} 处` : '';
    throw new InputError(name, `不是有效的年度报告文件（nianbao/report@1）：${shown}${more}`);
  }
  return checked.report;
}
