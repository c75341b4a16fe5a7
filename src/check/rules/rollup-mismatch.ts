/** H-01: a government's report equals the sum of the units it covers, cell by cell (tables II–IV). */
import type { Finding } from '../../model/findings.js';
import { LAYOUTS, REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_ROWS, activeRow, requestCellName, reviewCellName } from '../../model/layouts.js';
import type { Rule } from '../rule.js';

const close = (a: number, b: number) => Math.abs(a - b) < 1e-6;

export const rollupMismatch: Rule = {
  meta: {
    id: 'rollup.mismatch',
    severity: 'warning',
    title: '人民政府年度报告的统计数与所属部门、乡镇街道、下级人民政府和本级办公室的报告之和一致',
    basis:
      '《政府信息公开条例》第四十九条、第五十条：县级以上地方人民政府的年度报告反映本行政区域的政府信息公开工作情况；表二至表四为所属单位之和。个别单位可能未纳入或另有口径，故为警告',
    scope: 'rollup',
  },
  check({ report, units }) {
    if (!units) return [];
    const findings: Finding[] = [];
    const layout = report.meta.template;
    const related = `所属${units.count}个单位的报告之和`;
    const push = (where: Finding['where'], name: string, actual: number | null, expected: number) =>
      findings.push({
        rule: this.meta.id,
        severity: this.meta.severity,
        message: `${name}为${actual ?? '空白'}，而${related}为${expected}`,
        where,
        expected,
        actual,
        related,
      });
    for (const row of LAYOUTS[layout].requests) {
      const sum = units.requests[row.key] ?? (layout === '2019' && row.key === 'other' ? units.requests['other.other'] : undefined);
      if (!sum) continue;
      const got = report.requests[row.key];
      for (let col = 0; col < REQUEST_COLUMNS.length; col++) {
        const v = got?.[col] ?? null;
        if (v === sum[col] || (v === null && sum[col] === 0)) continue;
        push({ table: 'requests', row: row.key, col }, `表三${requestCellName(layout, row.key, col)}`, v, sum[col]);
      }
    }
    for (const row of REVIEW_ROWS) {
      const sum = units.review[row.key];
      if (!sum) continue;
      for (let col = 0; col < REVIEW_COLUMNS.length; col++) {
        const v = report.review[row.key]?.[col] ?? null;
        if (v === sum[col] || (v === null && sum[col] === 0)) continue;
        push({ table: 'review', row: row.key, col }, `表四${reviewCellName(row.key, col)}`, v, sum[col]);
      }
    }
    for (const row of LAYOUTS[layout].active) {
      for (const field of row.fields) {
        const sum = units.active[row.key]?.[field.key];
        if (typeof sum !== 'number') continue;
        const raw = report.active[row.key]?.[field.key];
        const v = typeof raw === 'number' ? raw : null;
        if (v !== null && close(v, sum)) continue;
        push({ table: 'active', row: row.key, field: field.key }, `表二“${activeRow(layout, row.key)?.labels[0] ?? row.key}”“${field.label}”`, v, sum);
      }
    }
    return findings;
  },
};
