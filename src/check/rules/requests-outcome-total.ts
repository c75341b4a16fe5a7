/** T3-03: （七）总计 is the sum of the outcome rows （一）…（六）, column by column. */
import type { Finding } from '../../model/findings.js';
import type { Rule } from '../rule.js';
import { REQUEST_COLUMNS, anomalyCells, anyUnread, columnName, outcomeRows, rowName, sumCells } from '../cells.js';

export const outcomeTotal: Rule = {
  meta: {
    id: 'requests.outcome-total',
    severity: 'error',
    title: '表三“（七）总计”等于各项办理结果之和',
    basis: '国办公开办函〔2021〕30号附件表三：三、本年度办理结果（一）至（六）各项之和为（七）总计',
    scope: 'one',
  },
  check({ report }) {
    const findings: Finding[] = [];
    const totals = report.requests.total;
    if (!totals) return findings;
    const rows = outcomeRows(report);
    const flagged = anomalyCells(report);
    for (let col = 0; col < REQUEST_COLUMNS.length; col++) {
      const total = totals[col];
      const sum = sumCells(rows.map((r) => report.requests[r.key]?.[col]));
      if (sum === null || sum === total) continue;
      const where = { table: 'requests' as const, row: 'total', col };
      // a cell that could not be read is reported by cell.invalid or cell.unreadable, not as a wrong sum
      if (anyUnread(flagged, 'requests', [['total', col], ...rows.map((r): [string, number] => [r.key, col])])) continue;
      findings.push({
        rule: this.meta.id,
        severity: this.meta.severity,
        message:
          typeof total === 'number'
            ? `“${columnName(col)}”列：办理结果（一）至（六）各项之和（${sum}）不等于“${rowName(report, 'total')}”（${total}）`
            : `“${columnName(col)}”列：办理结果（一）至（六）各项之和为 ${sum}，“${rowName(report, 'total')}”却是空白`,
        where,
        expected: sum,
        actual: total ?? null,
      });
    }
    return findings;
  },
};
