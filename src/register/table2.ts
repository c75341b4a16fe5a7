/**
 * Table II (主动公开政府信息情况) derived from the register, so that it is right by construction:
 * - 本年制发件数: documents made (成文/印发) in the year;
 * - 本年废止件数: documents that left the in-force set in the year — repealed, expired, or replaced
 *   by a revised text (see documents.ts for why a 修订 counts here);
 * - 现行有效件数: documents in force on 31 December of the year.
 * Every ending falls on or after the making (validated), so 现行有效(Y) = 现行有效(Y−1) + 制发(Y) −
 * 废止(Y) for every Y: the continuity.in-force rule holds between any two derived years.
 * The 行政许可/处罚/强制 decisions and the 行政事业性收费 amount come from the yearly counts.
 *
 * Years before 2021 use the 2019 layout: 本年新制作数量 (made in the year), 本年新公开数量 (published
 * in the year; the making date when no publication date is known), 对外公开总数量 (published by
 * 31 December and in force then).
 */
import { LAYOUTS, type LayoutId } from '../model/layouts.js';
import type { Report } from '../model/report.js';
import { DOCUMENT_KINDS, inForceOn, type RegisterDocument } from './documents.js';

export interface YearCounts {
  organ: string;
  year: number;
  licensing: number | null;
  penalty: number | null;
  coercion: number | null;
  /** 行政事业性收费, 万元. */
  feesAmount: number | null;
  source: 'entered' | 'imported';
  updatedBy?: string | null;
  updatedAt?: string | null;
}

/** One cell of table II and what it was counted from. */
export interface Table2Source {
  row: string;
  field: string;
  value: number | null;
  /** Documents behind a document count (each with the date that put it there). */
  documents?: { id: string; docNo: string; title: string; date: string; why: string }[];
  /** A figure taken from the yearly counts. */
  counts?: { source: YearCounts['source']; updatedBy: string | null; updatedAt: string | null };
}

export interface Table2 {
  year: number;
  layout: LayoutId;
  active: Report['active'];
  sources: Table2Source[];
}

export function layoutForYear(year: number): LayoutId {
  return year >= 2021 ? '2021' : '2019';
}

const yearOf = (d: string | null) => (d ? Number(d.slice(0, 4)) : NaN);

function ref(d: RegisterDocument, date: string, why: string) {
  return { id: d.id, docNo: d.docNo, title: d.title, date, why };
}

export function deriveTable2(documents: readonly RegisterDocument[], counts: YearCounts | null, year: number, layoutId?: LayoutId): Table2 {
  const layout = LAYOUTS[layoutId ?? layoutForYear(year)];
  const end = `${year}-12-31`;
  const active: Report['active'] = {};
  for (const row of layout.active) {
    active[row.key] = {};
    for (const f of row.fields) active[row.key][f.key] = null;
  }
  const sources: Table2Source[] = [];
  const put = (row: string, field: string, docs: ReturnType<typeof ref>[]) => {
    active[row][field] = docs.length;
    sources.push({ row, field, value: docs.length, documents: docs });
  };
  for (const kind of DOCUMENT_KINDS) {
    const mine = documents.filter((d) => d.kind === kind.key);
    const made = mine.filter((d) => yearOf(d.madeOn) === year).map((d) => ref(d, d.madeOn, '制发'));
    if (layout.id === '2021') {
      const ended = mine
        .filter((d) => d.endKind && yearOf(d.endedOn) === year)
        .map((d) => ref(d, d.endedOn!, d.endKind === 'revised' ? '被修订文本替代' : d.endKind === 'expired' ? '失效' : '废止'));
      const inForce = mine.filter((d) => inForceOn(d, end)).map((d) => ref(d, d.madeOn, `制发，${year}年12月31日现行有效`));
      put(kind.row, 'issued', made);
      put(kind.row, 'repealed', ended);
      put(kind.row, 'inForce', inForce);
    } else {
      const published = mine.filter((d) => yearOf(d.publishedOn ?? d.madeOn) === year).map((d) => ref(d, d.publishedOn ?? d.madeOn, '公开'));
      const total = mine
        .filter((d) => (d.publishedOn ?? d.madeOn) <= end && inForceOn(d, end))
        .map((d) => ref(d, d.publishedOn ?? d.madeOn, '12月31日已公开且现行有效'));
      put(kind.row, 'made', made);
      put(kind.row, 'published', published);
      put(kind.row, 'total', total);
    }
  }
  if (counts) {
    const meta = { source: counts.source, updatedBy: counts.updatedBy ?? null, updatedAt: counts.updatedAt ?? null };
    const take = (row: string, field: string, value: number | null) => {
      if (!(row in active) || !(field in active[row])) return;
      active[row][field] = value;
      sources.push({ row, field, value, counts: meta });
    };
    take('licensing', 'decisions', counts.licensing);
    take('penalty', 'decisions', counts.penalty);
    take('coercion', 'decisions', counts.coercion);
    if (layout.id === '2021') take('fees', 'amount', counts.feesAmount);
  }
  return { year, layout: layout.id, active, sources };
}
