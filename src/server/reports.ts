/**
 * What the web application needs from the report store (src/store): import, list, one report with
 * its findings, roll-ups and 内容雷同 pairs. `storeRepo` adapts `openStore`; the server never
 * touches the store's tables itself.
 */
import type { Finding } from '../model/findings.js';
import type { Report } from '../model/report.js';

export interface ReportRow {
  id: string;
  organ: string;
  /** Region names from the top down, e.g. ['宝山区'] or ['杭州市', '拱墅区']. */
  regions: string[];
  year: number | null;
  file: string;
  template: '2021' | '2019';
  counts: { error: number; warning: number; info: number };
}

export interface StoredReport {
  row: ReportRow;
  report: Report;
  findings: Finding[];
}

export interface DuplicatePair {
  a: ReportRow;
  b: ReportRow;
  /** 0–1 */
  score: number;
  severity: 'warning' | 'info';
  passages: { a: string; b: string }[];
}

export interface RollupRow {
  region: string;
  year: number;
  reports: number;
  requests: Record<string, number[]>;
  review: Record<string, number[]>;
  measures: Record<string, number | null>;
}

export interface ReportFilter {
  organ?: string;
  region?: string;
  year?: number;
}

export interface ImportResult {
  id: string;
  organ: string;
  year: number | null;
  report: Report;
  findings: Finding[];
  /** False when the same bytes were imported before. */
  created: boolean;
}

export interface ReportRepo {
  /** `organ`: file the report under this organ instead of the one it names (confirmed by a person). */
  importFile(bytes: Uint8Array, name: string, options?: { organ?: string }): Promise<ImportResult>;
  list(filter: ReportFilter): Promise<ReportRow[]>;
  get(id: string): Promise<StoredReport | undefined>;
  /** The organ's report for a year (the latest import if several). */
  forOrganYear(organ: string, year: number): Promise<StoredReport | undefined>;
  rollup(filter: { region?: string; year?: number }): Promise<RollupRow[]>;
  duplicates(filter: { region?: string; year?: number }): Promise<DuplicatePair[]>;
  /** Every region name known, with its parent. */
  regions(): Promise<{ name: string; parent: string | null; level: string | null }[]>;
  organs(): Promise<{ name: string; regions: string[] }[]>;
  setOrganRegion?(organ: string, region: string): Promise<void>;
  /** Same organ? (store's own normalisation of names). */
  sameOrgan(a: string, b: string): boolean;
  close?(): Promise<void>;
}
