/**
 * The three statistical tables of a report as grids of cells with their merges, built from the
 * layout data (src/model/layouts.ts) and nothing else: every renderer (Word, HTML, Markdown, text)
 * draws the same grid, so the merged header and row-label cells are the same in every form and
 * match the official template of 国办公开办函〔2021〕30号 (and the 2019 one for reports that use it).
 *
 * A grid lists, row by row, only the cells that start there (a cell covered by a span from above
 * or from the left is not repeated), like the Document model the readers produce.
 */
import {
  BALANCE_NOTE,
  LAYOUTS,
  REQUEST_COLUMNS,
  REVIEW_COLUMNS,
  REVIEW_ROWS,
  type ActiveRowDef,
  type LayoutId,
  type RequestRowDef,
} from '../model/layouts.js';
import type { ActiveCell, CountCell, Report } from '../model/report.js';

/** How a cell reads: a column heading, a row heading, a value, or the note in the corner. */
export type GridCellKind = 'col-header' | 'row-header' | 'block-header' | 'value' | 'note';

export interface GridCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  kind: GridCellKind;
  /** For headings: what they head (HTML `scope`). */
  scope?: 'col' | 'colgroup' | 'row' | 'rowgroup';
  /** Column index in the grid where the cell starts. */
  col: number;
}

export interface Grid {
  /** Which table: active (II), requests (III), review (IV). */
  id: 'active' | 'requests' | 'review';
  /** Short caption naming the table. */
  caption: string;
  /** Number of grid columns. */
  columns: number;
  /** Relative column widths (sum arbitrary), for Word and print. */
  widths: number[];
  /** How many leading rows are column headings. */
  headerRows: number;
  rows: GridCell[][];
}

const cellOf = (text: string, col: number, kind: GridCellKind, rowSpan = 1, colSpan = 1, scope?: GridCell['scope']): GridCell => ({
  text,
  rowSpan,
  colSpan,
  kind,
  col,
  ...(scope ? { scope } : {}),
});

/** A count cell as printed: digits, or nothing for a blank cell. */
export function countText(value: CountCell | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** A table II cell as printed: the number, the raw string as it was, or nothing. */
export function activeText(value: ActiveCell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberText(value);
  return value;
}

function numberText(n: number): string {
  if (Number.isInteger(n)) return String(n);
  // avoid exponent notation and float noise (0.1 + 0.2)
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
}

// ------------------------------------------------------------------------------------------ II

/** Consecutive rows of the same 第二十条 item with the same columns form one block. */
export function activeBlocks(report: Report): { article: string; fields: ActiveRowDef['fields']; rows: ActiveRowDef[] }[] {
  const layout = LAYOUTS[report.meta.template];
  const blocks: { article: string; fields: ActiveRowDef['fields']; rows: ActiveRowDef[] }[] = [];
  for (const row of layout.active) {
    if (!report.active[row.key]) continue;
    const last = blocks[blocks.length - 1];
    const sameFields = last && last.fields.map((f) => f.key).join() === row.fields.map((f) => f.key).join();
    if (last && last.article === row.article && sameFields) last.rows.push(row);
    else blocks.push({ article: row.article, fields: row.fields, rows: [row] });
  }
  return blocks;
}

export function activeGrid(report: Report): Grid {
  const layout = LAYOUTS[report.meta.template];
  const width = 1 + Math.max(...layout.active.map((r) => r.fields.length));
  const rows: GridCell[][] = [];
  for (const block of activeBlocks(report)) {
    rows.push([cellOf(block.article, 0, 'block-header', 1, width, 'colgroup')]);
    const header: GridCell[] = [cellOf('信息内容', 0, 'col-header', 1, 1, 'col')];
    block.fields.forEach((f, i) => {
      const last = i === block.fields.length - 1;
      header.push(cellOf(f.label, 1 + i, 'col-header', 1, last ? width - 1 - i : 1, 'col'));
    });
    rows.push(header);
    for (const row of block.rows) {
      const values = report.active[row.key] ?? {};
      const line: GridCell[] = [cellOf(row.labels[0], 0, 'row-header', 1, 1, 'row')];
      block.fields.forEach((f, i) => {
        const last = i === block.fields.length - 1;
        line.push(cellOf(activeText(values[f.key]), 1 + i, 'value', 1, last ? width - 1 - i : 1));
      });
      rows.push(line);
    }
  }
  return {
    id: 'active',
    caption: '主动公开政府信息情况统计表',
    columns: width,
    widths: [3, ...Array.from({ length: width - 1 }, () => 2)],
    headerRows: 0,
    rows,
  };
}

// ----------------------------------------------------------------------------------------- III

/** The labels from the outermost merged cell to the row's own label, e.g. ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]. */
export function requestRowPath(layoutId: LayoutId, row: RequestRowDef): string[] {
  const own = `${row.numbering}${row.label}`;
  if (!row.group) return [own];
  if (isSubGroup(row.group)) return [topGroup(layoutId), row.group, own];
  return [row.group, own];
}

/** A group printed inside 三、本年度办理结果 ("（三）不予公开") rather than as the outermost cell. */
function isSubGroup(group: string): boolean {
  return /^[（(]/.test(group);
}

/** The outermost group (三、本年度办理结果): the group of the rows whose group is not itself numbered like a sub-group. */
function topGroup(layoutId: LayoutId): string {
  const row = LAYOUTS[layoutId].requests.find((r) => r.group && !isSubGroup(r.group));
  return row?.group ?? '';
}

export const REQUEST_LABEL_COLUMNS = 3;

export function requestsGrid(report: Report): Grid {
  const layoutId = report.meta.template;
  const L = REQUEST_LABEL_COLUMNS;
  const nCols = REQUEST_COLUMNS.length;
  const rows: GridCell[][] = [];

  // Column headings: 申请人情况 over everything; ungrouped columns span the two lower rows; grouped ones share a heading.
  rows.push([cellOf(BALANCE_NOTE, 0, 'note', 3, L), cellOf('申请人情况', L, 'col-header', 1, nCols, 'colgroup')]);
  const second: GridCell[] = [];
  const third: GridCell[] = [];
  for (let c = 0; c < nCols; c++) {
    const col = REQUEST_COLUMNS[c];
    if (!col.group) {
      second.push(cellOf(col.label, L + c, 'col-header', 2, 1, 'col'));
      continue;
    }
    if (c === 0 || REQUEST_COLUMNS[c - 1].group !== col.group) {
      let span = 1;
      while (c + span < nCols && REQUEST_COLUMNS[c + span].group === col.group) span++;
      second.push(cellOf(col.group, L + c, 'col-header', 1, span, 'colgroup'));
    }
    third.push(cellOf(col.label, L + c, 'col-header', 1, 1, 'col'));
  }
  rows.push(second, third);

  const present = LAYOUTS[layoutId].requests.filter((r) => report.requests[r.key]);
  const paths = present.map((r) => requestRowPath(layoutId, r));
  const spanFrom = (i: number, level: number): number => {
    let n = 1;
    while (i + n < paths.length && paths[i + n].length > level + 1 && paths[i + n][level] === paths[i][level]) n++;
    return n;
  };
  present.forEach((row, i) => {
    const path = paths[i];
    const line: GridCell[] = [];
    for (let level = 0; level < path.length; level++) {
      const isOwn = level === path.length - 1;
      if (isOwn) {
        line.push(cellOf(path[level], level, 'row-header', 1, L - level, 'row'));
      } else if (i === 0 || paths[i - 1].length <= level + 1 || paths[i - 1][level] !== path[level]) {
        line.push(cellOf(path[level], level, 'row-header', spanFrom(i, level), 1, 'rowgroup'));
      }
    }
    const values = report.requests[row.key];
    for (let c = 0; c < nCols; c++) line.push(cellOf(countText(values[c]), L + c, 'value'));
    rows.push(line);
  });

  return {
    id: 'requests',
    caption: '政府信息公开申请情况统计表',
    columns: L + nCols,
    widths: [1.3, 1.5, 4.2, ...REQUEST_COLUMNS.map(() => 1.1)],
    headerRows: 3,
    rows,
  };
}

// ------------------------------------------------------------------------------------------ IV

export function reviewGrid(report: Report): Grid {
  const nVals = REVIEW_COLUMNS.length;
  const rows: GridCell[][] = [[], [], []];
  const groups: { label: string; rows: (typeof REVIEW_ROWS)[number][] }[] = [];
  for (const row of REVIEW_ROWS) {
    const label = row.group ?? row.label;
    const last = groups[groups.length - 1];
    if (row.group && last && last.label === row.group) last.rows.push(row);
    else groups.push({ label, rows: [row] });
  }
  let col = 0;
  const valueRow: GridCell[] = [];
  for (const group of groups) {
    const grouped = group.rows.length > 1 || group.rows[0].group !== null;
    rows[0].push(cellOf(group.label, col, 'col-header', 1, nVals * group.rows.length, 'colgroup'));
    for (const row of group.rows) {
      if (grouped) {
        rows[1].push(cellOf(row.label, col, 'col-header', 1, nVals, 'colgroup'));
        REVIEW_COLUMNS.forEach((c, i) => rows[2].push(cellOf(c.label, col + i, 'col-header', 1, 1, 'col')));
      } else {
        REVIEW_COLUMNS.forEach((c, i) => rows[1].push(cellOf(c.label, col + i, 'col-header', 2, 1, 'col')));
      }
      const values = report.review[row.key];
      for (let i = 0; i < nVals; i++) valueRow.push(cellOf(countText(values ? values[i] : null), col + i, 'value'));
      col += nVals;
    }
  }
  rows.push(valueRow);
  return {
    id: 'review',
    caption: '行政复议、行政诉讼情况统计表',
    columns: col,
    widths: Array.from({ length: col }, () => 1),
    headerRows: 3,
    rows,
  };
}

/** The grid for the section that holds a table: 2 → II, 3 → III, 4 → IV. */
export function gridForSection(report: Report, no: number): Grid | null {
  if (no === 2) return Object.keys(report.active).length ? activeGrid(report) : null;
  if (no === 3) return Object.keys(report.requests).length ? requestsGrid(report) : null;
  if (no === 4) return Object.keys(report.review).length ? reviewGrid(report) : null;
  return null;
}

/**
 * The grid expanded to a full matrix: every position holds the text of the cell covering it
 * (or '' for positions covered by a span when `repeat` is false), for forms without merges.
 */
export function expandGrid(grid: Grid, repeat: boolean): string[][] {
  const height = grid.rows.length;
  const out: (string | undefined)[][] = Array.from({ length: height }, () => Array<string | undefined>(grid.columns).fill(undefined));
  grid.rows.forEach((row, r) => {
    for (const cell of row) {
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          if (r + dr >= height || cell.col + dc >= grid.columns) continue;
          out[r + dr][cell.col + dc] = dr === 0 && dc === 0 ? cell.text : repeat ? cell.text : '';
        }
      }
    }
  });
  return out.map((row) => row.map((t) => t ?? ''));
}
