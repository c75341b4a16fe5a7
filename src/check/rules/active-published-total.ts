/** T2-04 (2019 layout): 对外公开总数量 can never be below 本年新公开数量. */
import type { Finding } from '../../model/findings.js';
import { activeRow } from '../../model/layouts.js';
import type { Rule } from '../rule.js';

export const publishedTotal: Rule = {
  meta: {
    id: 'active.published-total',
    severity: 'warning',
    title: '（2019版）对外公开总数量不小于本年新公开数量',
    basis: '国办公开办函〔2019〕60号附件表二第二十条第（一）项：对外公开总数量包含本年新公开的文件',
    scope: 'one',
  },
  check({ report }) {
    if (report.meta.template !== '2019') return [];
    const findings: Finding[] = [];
    for (const key of ['regulations', 'normativeDocuments']) {
      const cells = report.active[key];
      const published = cells?.published;
      const total = cells?.total;
      if (typeof published !== 'number' || typeof total !== 'number' || total >= published) continue;
      findings.push({
        rule: this.meta.id,
        severity: this.meta.severity,
        message: `表二“${activeRow('2019', key)?.labels[0] ?? key}”对外公开总数量（${total}）小于本年新公开数量（${published}）`,
        where: { table: 'active', row: key, field: 'total' },
        expected: published,
        actual: total,
      });
    }
    return findings;
  },
};
