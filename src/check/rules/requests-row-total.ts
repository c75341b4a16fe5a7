/** T3-02: in every row of table III the 总计 column is the sum of the six applicant columns. */
import type { Finding } from '../../model/findings.js';
import type { Rule } from '../rule.js';
import { REQUEST_COLUMNS, REQUEST_TOTAL, anomalyCells, anyUnread, requestRows, rowName, sumCells } from '../cells.js';

export const rowTotal: Rule = {
  meta: {
    id: 'requests.row-total',
    severity: 'error',
    title: '表三每一行的“总计”等于六类申请人之和',
    basis: '国办公开办函〔2021〕30号附件表三：总计 = 自然人 + 法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）',
    scope: 'one',
  },
  check({ report }) {
    const findings: Finding[] = [];
    const flagged = anomalyCells(report);
    for (const row of requestRows(report)) {
      const cells = report.requests[row.key];
      if (!cells) continue;
      const total = cells[REQUEST_TOTAL];
      const sum = sumCells(cells, 0, REQUEST_TOTAL);
      if (sum === null || sum === total) continue;
      const where = { table: 'requests' as const, row: row.key, col: REQUEST_TOTAL };
      // a cell that could not be read is reported by cell.invalid or cell.unreadable, not as a wrong sum
      if (anyUnread(flagged, 'requests', REQUEST_COLUMNS.map((_, col) => [row.key, col]))) continue;
      findings.push({
        rule: this.meta.id,
        severity: this.meta.severity,
        message:
          typeof total === 'number'
            ? `“${rowName(report, row.key)}”行：六类申请人之和（${sum}）不等于“总计”（${total}）`
            : `“${rowName(report, row.key)}”行：六类申请人之和为 ${sum}，“总计”却是空白`,
        where,
        expected: sum,
        actual: total ?? null,
      });
    }
    return findings;
  },
};
