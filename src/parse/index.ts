/**
 * Document → report JSON. Sections by their headings, tables by their row labels (the layouts in
 * src/model/layouts.ts), meta from the title and the opening lines.
 */
import { InputError } from '../errors.js';
import { LAYOUTS, REQUEST_COLUMNS, REVIEW_COLUMNS, SECTIONS } from '../model/layouts.js';
import { REPORT_SCHEMA_ID } from '../model/constants.js';
import type { Report } from '../model/report.js';
import type { Document, SourcePos } from '../read/document.js';
import { parseContact, parsePeriod, parseTitle } from './meta.js';
import { parsePortalDate, parseSignOffDate } from './published.js';
import { remembered } from './memo.js';
import { compact, labelKey, nfkc } from './normalize.js';
import { resolveRunTogether } from './run-together.js';
import { findHeadings } from './sections.js';
import { unflatten } from './flattened.js';
import { cellKey, toStream } from './stream.js';
import { parseTables } from './tables.js';

export interface ParseResult {
  report: Report;
  /** Where each table cell came from, keyed "table/row/col" (table II: "active/row/field"). */
  sources: Map<string, SourcePos>;
}

/** Table headings and labels that are not prose, kept out of the text of sections 二–四. */
const TABLE_WORDS = new Set(
  [
    '信息内容', '申请人情况', '自然人', '法人或其他组织', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计',
    '行政复议', '行政诉讼', '结果维持', '结果纠正', '其他结果', '尚未审结', '未经复议直接起诉', '复议后起诉', '本年度办理结果',
    '不予公开', '无法提供', '不予处理', '其他处理',
  ].map(labelKey),
);
const PERIOD_CUE = /统计|期限|起止/;
const CONTACT_CUE = /电话|地址|邮编|邮政编码|@/;
const TABLE_LINE = /^(?:第二十条第|[\d\s./—\-%]+$|本年|上一年|处理决定|采购|对外公开|现行有效)/;

/** A line of a table typed as text: a heading cell, or several separated by spaces (the same lines recur, so answers are remembered). */
const isTableLine = remembered((text: string): boolean => {
  const parts = nfkc(text).split(/[\s]+/).filter(Boolean);
  return parts.every((p) => labelKey(p) === '' || TABLE_WORDS.has(labelKey(p)) || p.startsWith('(本列数据') || (p.length <= 40 && TABLE_LINE.test(compact(p))));
}, 5000);

/** Every label and heading of the tables, normalised, in one string to search for pieces of them. */
const TABLE_TEXT = [
  ...TABLE_WORDS,
  ...Object.values(LAYOUTS).flatMap((l) => [...l.requests.flatMap((r) => [r.label, r.group ?? '']), ...l.active.flatMap((r) => r.labels)]),
  ...REQUEST_COLUMNS.map((c) => c.label),
  ...REVIEW_COLUMNS.map((c) => c.label),
]
  .map(labelKey)
  .join('|');
const MAX_FRAGMENT = 6;

/**
 * Paragraphs that are pieces of a table label cut off from their table: a row-heading cell that
 * spans a page break continues above the table on the next page ("办理结", "果" of
 * 三、本年度办理结果). A run of short lines, next to a table, that together spell part of a label.
 */
function labelFragments(doc: Document, from: number, to: number, used: Set<number>): Set<number> {
  const out = new Set<number>();
  for (let b = from; b < to; b++) {
    let e = b;
    let joined = '';
    while (e < to) {
      const block = doc.blocks[e];
      if (block.kind !== 'paragraph' || block.text.length > 3 * MAX_FRAGMENT || used.has(e)) break;
      const key = cellKey(block.text);
      if (!key || key.length > MAX_FRAGMENT || /[。，,；;：:]/.test(key)) break;
      joined += key;
      e++;
    }
    if (e === b) continue;
    const nextToTable = doc.blocks[b - 1]?.kind === 'table' || doc.blocks[e]?.kind === 'table';
    if (nextToTable && joined.length >= 3 && TABLE_TEXT.includes(joined)) for (let k = b; k < e; k++) out.add(k);
    b = e;
  }
  return out;
}

export function parseDocument(doc: Document, file: string): Report {
  return parseWith(doc, file, false).report;
}

/** The report and where each of its cells came from in the document (for pointing at the original). */
export function parseDocumentDetailed(doc: Document, file: string): ParseResult {
  return parseWith(doc, file, true);
}

function parseWith(original: Document, file: string, sources: boolean): ParseResult {
  const doc = unflatten(original);
  const headings = findHeadings(doc);
  const rows = toStream(doc);
  const tables = parseTables(rows, { sources, pdf: doc.form === 'pdf' });
  const tableRows = Object.keys(tables.requests).length;
  const titleInfo = parseTitle(doc, headings.length ? headings[0].block : doc.blocks.length);

  const isReport =
    tableRows >= 5 ||
    Object.keys(tables.review).length > 0 ||
    headings.length >= 3 ||
    (titleInfo.title !== null && /政府信息公开/.test(titleInfo.title) && headings.length >= 1);
  if (!isReport) {
    throw new InputError(file, '不是政府信息公开工作年度报告：没有找到报告的章节标题和统计表 / not a government information disclosure annual report');
  }

  // Period and contact lines: only the paragraphs that could hold them are normalised.
  const cued = (re: RegExp) => {
    const out: string[] = [];
    for (const block of doc.blocks) if (block.kind === 'paragraph' && block.text.length >= 4 && re.test(block.text)) out.push(block.text);
    return out.join('\n');
  };
  const openingEnd = headings.length ? headings[0].block : doc.blocks.length;
  const opening: string[] = [];
  for (let b = 0; b < openingEnd; b++) {
    const block = doc.blocks[b];
    if (block.kind === 'paragraph') opening.push(block.text);
  }
  const period = parsePeriod(opening.join('\n')) ?? parsePeriod(cued(PERIOD_CUE));
  const contact = parseContact(cued(CONTACT_CUE));

  const sections: Report['sections'] = headings.map((h, i) => {
    const end = i + 1 < headings.length ? headings[i + 1].block : doc.blocks.length;
    const tableSection = h.no >= 2 && h.no <= 4;
    const parts: string[] = [];
    const fragments = tableSection ? labelFragments(doc, h.block + 1, end, tables.usedBlocks) : new Set<number>();
    for (let b = h.block + 1; b < end; b++) {
      const block = doc.blocks[b];
      if (block.kind !== 'paragraph') continue;
      const text = block.text.trim();
      if (!text) continue;
      if (tableSection) {
        if (tables.usedBlocks.has(b) || fragments.has(b)) continue;
        if (isTableLine(text)) continue;
        // a table's caption printed above it ("政府信息公开申请情况统计表") belongs to the table
        if (TABLE_CAPTION.test(text) && doc.blocks.slice(b + 1, b + 3).some((x) => x.kind === 'table')) continue;
      }
      parts.push(text);
    }
    return { no: h.no, heading: h.heading, text: parts.join('\n') };
  });

  let year = titleInfo.year;
  if (year === null && period) year = Number(period.start.slice(0, 4));
  if (year === null) {
    const m = /((?:19|20)\d{2})\s*年度?政府信息公开/.exec(cued(/政府信息公开/));
    if (m) year = Number(m[1]);
  }

  const anomalies = [...tables.anomalies];
  if (tables.pending.length) {
    const unreadableRows = anomalies.filter((a) => a.kind === 'unreadable' && a.where.table === 'requests').map((a) => a.where.row);
    anomalies.push(...resolveRunTogether({ requests: tables.requests, review: tables.review, pending: tables.pending, unreadableRows }));
  }

  const report: Report = {
    schema: REPORT_SCHEMA_ID,
    meta: {
      title: titleInfo.title,
      agency: titleInfo.agency,
      year,
      template: tables.layout,
      period,
      contact,
    },
    sections,
    active: tables.active,
    requests: tables.requests,
    review: tables.review,
  };
  if (anomalies.length) report.anomalies = anomalies;
  const published = parseSignOffDate(lastParagraphs(doc, 4), year) ?? parsePortalDate(opening.slice(0, 12), year);
  if (published) report.meta.published = published;
  return { report, sources: tables.sources ?? new Map() };
}

export { SECTIONS };

/** The text of the last `n` non-empty paragraphs of the document (where the sign-off date stands). */
function lastParagraphs(doc: Document, n: number): string[] {
  const out: string[] = [];
  for (let b = doc.blocks.length - 1; b >= 0 && out.length < n; b--) {
    const block = doc.blocks[b];
    if (block.kind === 'paragraph' && block.text.trim()) out.unshift(block.text);
  }
  return out;
}

const TABLE_CAPTION = /^[^，,。；;：:]{2,30}(?:统计表|情况表)$/;
