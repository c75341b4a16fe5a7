/** Rows of the store as tables for people: the terminal, CSV, XLSX and JSON lines. */
import writeXlsxFile from 'write-excel-file/node';
import { toCsv } from '../ledger/csv.js';
import { requestRowName } from '../model/layouts.js';
import type { RollupGroup } from './rollup.js';

export type Cell = string | number | null;
export interface Sheet {
  name: string;
  /** Column headings for people (terminal, CSV, XLSX): Chinese. */
  header: string[];
  rows: Cell[][];
  /** One object per row for machines (JSON lines), with stable English keys (docs/store.md). */
  records: unknown[];
}

export const EXPORT_FORMATS = ['table', 'csv', 'xlsx', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export function rollupSheet(groups: RollupGroup[]): Sheet {
  const denied = Object.keys(groups[0]?.measures.deniedByReason ?? {});
  const header = [
    '地区', '年度', '报告数', '未报送', '数字不全', '本年新收', '上年结转', '予以公开', '部分公开', '不予公开', '无法提供', '不予处理', '其他处理', '办理结果总计', '结转下年度',
    '公开率(%)', '无法提供占比(%)', '行政复议', '行政诉讼', '复议诉讼纠错率(%)',
    ...denied.map((k) => `不予公开·${requestRowName('2021', k).replace(/^（三）不予公开\d\./, '')}`),
  ];
  const t = (g: RollupGroup, row: string) => g.requests[row]?.[6] ?? 0;
  const sumPrefix = (g: RollupGroup, prefix: string) => Object.entries(g.requests).filter(([k]) => k.startsWith(prefix)).reduce((s, [, v]) => s + v[6], 0);
  const rows = groups.map((g) => [
    g.region ?? '（未归属地区）', g.year ?? '（全部年度）', g.reports, g.missing.join('、') || null, g.incomplete.join('、') || null,
    t(g, 'newReceived'), t(g, 'carriedOver'), t(g, 'granted'), t(g, 'partiallyGranted'),
    sumPrefix(g, 'denied.'), sumPrefix(g, 'unavailable.'), sumPrefix(g, 'notProcessed.'), sumPrefix(g, 'other'), t(g, 'total'), t(g, 'carriedForward'),
    pct(g.measures.disclosureRate), pct(g.measures.unavailableShare),
    g.review.reconsideration?.[4] ?? 0, (g.review.litigationDirect?.[4] ?? 0) + (g.review.litigationAfterReconsideration?.[4] ?? 0),
    pct(g.measures.correctionRate),
    ...denied.map((k) => g.measures.deniedByReason[k]),
  ]);
  const records = groups.map((g) => ({
    region: g.region,
    year: g.year,
    reports: g.reports,
    missing: g.missing,
    incomplete: g.incomplete,
    complete: g.incomplete.length === 0,
    active: g.active,
    requests: g.requests,
    review: g.review,
    measures: g.measures,
  }));
  return { name: '汇总', header, rows, records };
}

/** Text table with columns aligned for CJK (a Chinese character is two columns wide). */
export function textTable(sheet: Sheet): string {
  const width = (s: string) => [...s].reduce((w, c) => w + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
  const all = [sheet.header, ...sheet.rows.map((r) => r.map((c) => (c === null ? '—' : String(c))))];
  const widths = sheet.header.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  return `${all.map((r) => r.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ').trimEnd()).join('\n')}\n`;
}

export async function encodeSheet(sheet: Sheet, format: ExportFormat): Promise<Uint8Array> {
  const text = (s: string) => new TextEncoder().encode(s);
  switch (format) {
    case 'table':
      return text(textTable(sheet));
    case 'csv':
      return text(toCsv([sheet.header, ...sheet.rows])); // toCsv writes the byte-order mark
    case 'jsonl':
      return text(sheet.records.map((r) => JSON.stringify(r)).join('\n') + (sheet.records.length ? '\n' : ''));
    case 'xlsx': {
      const data = [sheet.header, ...sheet.rows].map((r, i) =>
        r.map((v) => (v === null ? null : typeof v === 'number' ? { value: v, type: Number } : { value: v, type: String, ...(i === 0 ? { fontWeight: 'bold' as const } : {}) })),
      );
      return new Uint8Array(await writeXlsxFile(data, { sheet: sheet.name }).toBuffer());
    }
  }
}
