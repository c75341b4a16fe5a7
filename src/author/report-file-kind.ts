/**
 * Whether a file is a report file (the report JSON, or YAML from `nianbao new`) rather than a
 * document to read and parse: told apart before the YAML parser and the schema are loaded.
 */
import { REPORT_SCHEMA_ID } from '../model/constants.js';

const REPORT_EXTENSIONS = /\.(json|ya?ml)$/i;

export function isReportFile(bytes: Uint8Array, name: string): boolean {
  if (REPORT_EXTENSIONS.test(name)) return true;
  // JSON without the extension: it says what it is near the top
  const head = new TextDecoder().decode(bytes.subarray(0, 200));
  return /^\s*\{/.test(head) && head.includes(REPORT_SCHEMA_ID);
}
