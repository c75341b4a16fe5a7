/** A row of the layout's tables II, III or IV is not in the report (dropped or renamed beyond recognition). */
import { LAYOUTS, REVIEW_ROWS } from '../../model/layouts.js';
import type { Finding } from '../../model/findings.js';
import type { Rule } from '../rule.js';
import { rowName } from '../cells.js';

export const missingRow: Rule = {
  meta: {
    id: 'template.missing-row',
    severity: 'warning',
    title: '统计表包含所用版式的每一行',
    basis: '国办公开办函〔2021〕30号附件（或〔2019〕60号附件）规定的表格行',
    scope: 'one',
  },
  check({ report }) {
    const findings: Finding[] = [];
    const layout = LAYOUTS[report.meta.template];
    const push = (table: 'active' | 'requests' | 'review', row: string, name: string, tableName: string): void => {
      findings.push({
        rule: this.meta.id,
        severity: this.meta.severity,
        message: `${tableName}缺少“${name}”一行`,
        where: { table, row },
        expected: name,
      });
    };
    // A table that is missing as a whole is one finding, not one per row.
    const activeKeys = Object.keys(report.active);
    if (activeKeys.length === 0) push('active', '*', '主动公开政府信息情况', '报告');
    else for (const row of layout.active) if (!report.active[row.key]) push('active', row.key, row.labels[0], '表二');
    const requestKeys = Object.keys(report.requests);
    if (requestKeys.length === 0) push('requests', '*', '收到和处理政府信息公开申请情况', '报告');
    else for (const row of layout.requests) if (!report.requests[row.key]) push('requests', row.key, rowName(report, row.key), '表三');
    const reviewKeys = Object.keys(report.review);
    if (reviewKeys.length === 0) push('review', '*', '政府信息公开行政复议、行政诉讼情况', '报告');
    else
      for (const row of REVIEW_ROWS) {
        if (!report.review[row.key]) push('review', row.key, row.group ? `${row.group}（${row.label}）` : row.label, '表四');
      }
    return findings;
  },
};
