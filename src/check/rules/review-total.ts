/** T4-01…03: each 总计 of table IV is 维持 + 纠正 + 其他 + 尚未审结. */
import type { Finding } from '../../model/findings.js';
import type { Rule } from '../rule.js';
import { REVIEW_COLUMNS, REVIEW_ROWS, REVIEW_TOTAL, anomalyCells, anyUnread, reviewCellName, sumCells } from '../cells.js';

export const reviewTotal: Rule = {
  meta: {
    id: 'review.total',
    severity: 'error',
    title: '表四每组“总计”等于结果维持、结果纠正、其他结果、尚未审结之和',
    basis: '国办公开办函〔2021〕30号附件表四：行政复议、未经复议直接起诉、复议后起诉各列“总计”',
    scope: 'one',
  },
  check({ report }) {
    const findings: Finding[] = [];
    const flagged = anomalyCells(report);
    for (const row of REVIEW_ROWS) {
      const cells = report.review[row.key];
      if (!cells) continue;
      // a cell that could not be read is reported by cell.invalid or cell.unreadable, not as a wrong sum
      if (anyUnread(flagged, 'review', REVIEW_COLUMNS.map((_, col): [string, number] => [row.key, col]))) continue;
      const total = cells[REVIEW_TOTAL];
      const sum = sumCells(cells, 0, REVIEW_TOTAL);
      if (typeof total !== 'number' || sum === null || sum === total) continue;
      findings.push({
        rule: this.meta.id,
        severity: this.meta.severity,
        message: `${reviewCellName(row.key, REVIEW_TOTAL)}（${total}）不等于结果维持、结果纠正、其他结果、尚未审结之和（${sum}）`,
        where: { table: 'review', row: row.key, col: REVIEW_TOTAL },
        expected: sum,
        actual: total,
      });
    }
    return findings;
  },
};
