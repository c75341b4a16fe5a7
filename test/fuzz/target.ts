/**
 * What the fuzzer runs on each input: the whole path of `nianbao check` — sniff, read, parse (or
 * validate a report file), check — and what it must hold: the input is read, or refused with an
 * InputError whose message is one line naming nothing but the reason; anything else thrown is a
 * crash. Run twice, an input gives the same result byte for byte.
 */
import { InputError } from '../../src/errors.js';
import { loadReportFromBytes } from '../../src/pipeline.js';
import { checkReport } from '../../src/check/index.js';

export type Outcome =
  /** The report and findings as JSON, made only when compared (it costs as much as reading a text report). */
  | { kind: 'read'; result: () => string }
  | { kind: 'refused'; message: string }
  | { kind: 'crash'; error: string; stack?: string };

export async function runOne(bytes: Uint8Array, name: string): Promise<Outcome> {
  try {
    const { report } = await loadReportFromBytes(bytes, name);
    const findings = checkReport(report);
    return { kind: 'read', result: () => JSON.stringify({ report, findings }) };
  } catch (error) {
    if (error instanceof InputError) {
      if (error.file !== name) return { kind: 'crash', error: `refusal names ${JSON.stringify(error.file)}, not the file ${JSON.stringify(name)}` };
      if (!error.message.trim() || /[\r\n]/.test(error.message)) return { kind: 'crash', error: `refusal is not one line: ${JSON.stringify(error.message)}` };
      return { kind: 'refused', message: error.message };
    }
    const e = error instanceof Error ? error : new Error(String(error));
    return { kind: 'crash', error: `${e.name}: ${e.message}`, stack: e.stack };
  }
}

/** Same outcome (the read report and findings, or the refusal) — what determinism compares. */
export function sameOutcome(a: Outcome, b: Outcome): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'read') return a.result() === (b as typeof a).result();
  if (a.kind === 'refused') return a.message === (b as typeof a).message;
  return true;
}
