/** Loading the reports named on the command line, one bad file never stopping the rest. */
import { InputError } from '../errors.js';
import type { Report } from '../model/report.js';
import { loadReport } from '../pipeline.js';
import { compact, nfkc } from '../parse/normalize.js';

export interface LoadedInput {
  file: string;
  report?: Report;
  error?: string;
}

export async function loadInputs(files: string[]): Promise<LoadedInput[]> {
  const out: LoadedInput[] = [];
  for (const file of files) {
    try {
      out.push({ file, report: (await loadReport(file)).report });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      out.push({ file, error: error.message });
    }
  }
  return out;
}

/** Same organ, as far as the name shows: spaces and full-width forms do not count. */
export function organKey(agency: string | null): string | null {
  return agency ? compact(nfkc(agency)) : null;
}

/** For each report, the same organ's report of the previous year among the inputs, if any. */
export function previousYearOf(inputs: LoadedInput[]): Map<LoadedInput, Report> {
  const byOrganYear = new Map<string, Report>();
  for (const input of inputs) {
    const r = input.report;
    const key = r && organKey(r.meta.agency);
    if (r && key && r.meta.year) byOrganYear.set(`${key}|${r.meta.year}`, r);
  }
  const previous = new Map<LoadedInput, Report>();
  for (const input of inputs) {
    const r = input.report;
    const key = r && organKey(r.meta.agency);
    if (!r || !key || !r.meta.year) continue;
    const prev = byOrganYear.get(`${key}|${r.meta.year - 1}`);
    if (prev) previous.set(input, prev);
  }
  return previous;
}
