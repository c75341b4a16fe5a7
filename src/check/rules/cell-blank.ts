/** T2-05, T3-05, T4-04: a count cell left blank; a blank is not a 0 — the notice asks for an explicit 0. */
import type { Finding } from '../../model/findings.js';
import type { CellRef } from '../../model/report.js';
import { LAYOUTS, REVIEW_ROWS } from '../../model/layouts.js';
import type { Rule } from '../rule.js';
import { anomalyCells, cellName, refKey, reviewCellName } from '../cells.js';

export const blank: Rule = {
  meta: {
    id: 'cell.blank',
    severity: 'info',
    title: '统计表的数量单元格不留空（没有的填 0）',
    basis: '国办公开办函〔2021〕30号附件表格：每一项均应填报数量，空白无法与“0”区分',
    scope: 'one',
  },
  check({ report }) {
    const findings: Finding[] = [];
    const flagged = anomalyCells(report);
    const push = (where: CellRef, name: string): void => {
      if (flagged.has(refKey(where))) return; // reported as invalid or unreadable instead
      findings.push({ rule: this.meta.id, severity: this.meta.severity, message: `${name}为空白，应填写数字（没有的填 0）`, where, actual: null });
    };
    for (const row of LAYOUTS[report.meta.template].active) {
      const cells = report.active[row.key];
      if (!cells) continue;
      for (const field of row.fields) {
        if (field.kind === 'change') continue; // 本年增/减 is free text and is often left empty for 0
        if (cells[field.key] === null) push({ table: 'active', row: row.key, field: field.key }, `表二“${row.labels[0]}”的“${field.label}”`);
      }
    }
    for (const row of LAYOUTS[report.meta.template].requests) {
      const cells = report.requests[row.key];
      if (!cells) continue;
      cells.forEach((v, col) => {
        if (v === null) push({ table: 'requests', row: row.key, col }, `表三${cellName(report, row.key, col)}`);
      });
    }
    for (const row of REVIEW_ROWS) {
      const cells = report.review[row.key];
      if (!cells) continue;
      cells.forEach((v, col) => {
        if (v === null) push({ table: 'review', row: row.key, col }, `表四${reviewCellName(row.key, col)}`);
      });
    }
    return findings;
  },
};
