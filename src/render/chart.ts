/**
 * Pictures of table III for the HTML report: echarts rendered on the server to SVG (no DOM, no
 * browser), embedded inline. One chart of the outcomes by category and applicant; with the
 * previous year's report, one chart of the year-on-year change.
 */
import * as echarts from 'echarts';
import { LAYOUTS, REQUEST_APPLICANT_COLS, REQUEST_COLUMNS, REQUEST_TOTAL_COL, type LayoutId } from '../model/layouts.js';
import type { Report } from '../model/report.js';
import { requestRowPath } from './grid.js';

export interface OutcomeCategory {
  /** "（一）予以公开", "（三）不予公开" …: an outcome row, or the group of outcome sub-rows. */
  label: string;
  /** Row keys summed into it. */
  keys: string[];
}

/** The outcome categories of a layout, in order, from the layout data. */
export function outcomeCategories(layout: LayoutId): OutcomeCategory[] {
  const out: OutcomeCategory[] = [];
  for (const row of LAYOUTS[layout].requests) {
    if (!row.outcome) continue;
    const path = requestRowPath(layout, row);
    const label = path.length === 3 ? path[1] : path[path.length - 1];
    const last = out[out.length - 1];
    if (last && last.label === label) last.keys.push(row.key);
    else out.push({ label, keys: [row.key] });
  }
  return out;
}

/** Short label for a chart axis: "（三）不予公开" → "不予公开"; "部分公开（区分处理的…）" → "部分公开". */
export function shortLabel(label: string): string {
  return label.replace(/^[（(][一二三四五六七八九十]+[）)]/, '').replace(/[（(].*$/, '');
}

function sumCol(report: Report, keys: string[], col: number): number {
  let s = 0;
  for (const k of keys) {
    const v = report.requests[k]?.[col];
    if (typeof v === 'number') s += v;
  }
  return s;
}

/** A category's total: the 总计 column where given, else the sum of the applicant columns. */
function categoryTotal(report: Report, keys: string[]): number {
  let s = 0;
  for (const k of keys) {
    const row = report.requests[k];
    if (!row) continue;
    const t = row[REQUEST_TOTAL_COL];
    if (typeof t === 'number') s += t;
    else for (const c of REQUEST_APPLICANT_COLS) s += typeof row[c] === 'number' ? (row[c] as number) : 0;
  }
  return s;
}

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "黑体", sans-serif';
const PALETTE = ['#1f4e79', '#c0504d', '#9bbb59', '#8064a2', '#4bacc6', '#f79646'];

function toSvg(option: echarts.EChartsCoreOption, width: number, height: number, label: string): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, color: PALETTE, ...option });
    const svg = chart.renderToSVGString();
    return svg.replace(/^<svg /, `<svg role="img" aria-label="${escapeAttr(label)}" focusable="false" `);
  } finally {
    chart.dispose();
  }
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Outcomes by category, stacked by applicant type. */
export function outcomesChart(report: Report): string {
  const cats = outcomeCategories(report.meta.template).filter((c) => c.keys.some((k) => report.requests[k]));
  const labels = cats.map((c) => shortLabel(c.label));
  const series = REQUEST_APPLICANT_COLS.map((col) => ({
    name: REQUEST_COLUMNS[col].label,
    type: 'bar',
    stack: 'applicants',
    barMaxWidth: 22,
    data: cats.map((c) => sumCol(report, c.keys, col)),
  }));
  const height = 90 + cats.length * 38;
  return toSvg(
    {
      title: { text: '本年度办理结果（按申请人类型）', left: 'center', textStyle: { fontSize: 15, fontFamily: FONT } },
      legend: { top: 28, textStyle: { fontFamily: FONT } },
      grid: { left: 110, right: 40, top: 64, bottom: 28 },
      xAxis: { type: 'value', minInterval: 1, name: '件' },
      yAxis: { type: 'category', inverse: true, data: labels, axisLabel: { fontFamily: FONT } },
      series,
    },
    720,
    height,
    `本年度办理结果：${cats.map((c, i) => `${labels[i]}${categoryTotal(report, c.keys)}件`).join('，')}`,
  );
}

export interface YearChange {
  label: string;
  previous: number;
  current: number;
}

/**
 * Year-on-year figures: 新收申请, each outcome category, 结转下年度. Categories are matched by
 * their short label, so a 2019-layout previous year compares with a 2021-layout current year.
 */
export function yearChanges(report: Report, previous: Report): YearChange[] {
  const rows: YearChange[] = [];
  const layout = LAYOUTS[report.meta.template];
  const lineOf = (r: Report, key: string) => {
    const def = LAYOUTS[r.meta.template].requests.find((x) => x.key === key);
    return def ? categoryTotal(r, [key]) : 0;
  };
  const labelOf = (key: string) => shortLabel(layout.requests.find((r) => r.key === key)?.label ?? key);
  rows.push({ label: labelOf('newReceived'), previous: lineOf(previous, 'newReceived'), current: lineOf(report, 'newReceived') });
  const prevCats = new Map(outcomeCategories(previous.meta.template).map((c) => [shortLabel(c.label), c.keys]));
  for (const cat of outcomeCategories(report.meta.template)) {
    const label = shortLabel(cat.label);
    const prevKeys = prevCats.get(label) ?? [];
    rows.push({ label, previous: categoryTotal(previous, prevKeys), current: categoryTotal(report, cat.keys) });
  }
  rows.push({ label: labelOf('carriedForward'), previous: lineOf(previous, 'carriedForward'), current: lineOf(report, 'carriedForward') });
  return rows;
}

export function changeChart(report: Report, previous: Report): string {
  const changes = yearChanges(report, previous);
  const py = previous.meta.year !== null ? `${previous.meta.year}年` : '上年';
  const cy = report.meta.year !== null ? `${report.meta.year}年` : '本年';
  const height = 90 + changes.length * 44;
  return toSvg(
    {
      title: { text: `政府信息公开申请办理情况同比（${py}—${cy}）`, left: 'center', textStyle: { fontSize: 15, fontFamily: FONT } },
      legend: { top: 28, textStyle: { fontFamily: FONT } },
      grid: { left: 130, right: 60, top: 64, bottom: 28 },
      xAxis: { type: 'value', minInterval: 1, name: '件' },
      yAxis: { type: 'category', inverse: true, data: changes.map((c) => c.label), axisLabel: { fontFamily: FONT } },
      series: [
        { name: py, type: 'bar', barMaxWidth: 16, data: changes.map((c) => c.previous), label: { show: true, position: 'right' } },
        { name: cy, type: 'bar', barMaxWidth: 16, data: changes.map((c) => c.current), label: { show: true, position: 'right' } },
      ],
    },
    720,
    height,
    `同比：${changes.map((c) => `${c.label}${c.previous}件→${c.current}件`).join('，')}`,
  );
}
