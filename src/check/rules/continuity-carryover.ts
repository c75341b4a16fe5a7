/** XY-01: this year's 上年结转 equals last year's 结转下年度继续办理, in every column. */
import type { Finding } from '../../model/findings.js';
import type { Rule } from '../rule.js';
import { REQUEST_COLUMNS, columnName } from '../cells.js';

export const carryover: Rule = {
  meta: {
    id: 'continuity.carryover',
    severity: 'error',
    title: '本年“上年结转”等于上一年度报告的“结转下年度继续办理”（逐列）',
    basis: '表三第二项与上一年度表三第四项为同一批申请；国办公开办函〔2021〕30号附件表三',
    scope: 'pair',
  },
  check({ report, previous }) {
    if (!previous) return [];
    const findings: Finding[] = [];
    const before = previous.requests.carriedForward;
    const now = report.requests.carriedOver;
    if (!before || !now) return findings;
    const prevYear = previous.meta.year ?? (report.meta.year ? report.meta.year - 1 : null);
    const related = previous.meta.title ?? `${previous.meta.agency ?? ''}${prevYear ?? ''}年度报告`;
    for (let col = 0; col < REQUEST_COLUMNS.length; col++) {
      const a = before[col];
      const b = now[col];
      if (typeof a !== 'number' || typeof b !== 'number' || a === b) continue;
      findings.push({
        rule: this.meta.id,
        severity: this.meta.severity,
        message: `“二、上年结转政府信息公开申请数量”“${columnName(col)}”为${b}，而${prevYear ?? '上一'}年度报告“四、结转下年度继续办理”为${a}`,
        where: { table: 'requests', row: 'carriedOver', col },
        expected: a,
        actual: b,
        related,
      });
    }
    return findings;
  },
};
