/** FMT-04: the statistics period is the calendar year of the report. */
import type { Rule } from '../rule.js';

export const periodMismatch: Rule = {
  meta: {
    id: 'meta.period-mismatch',
    severity: 'warning',
    title: '统计期限为报告年度的1月1日至12月31日',
    basis: '《政府信息公开条例》第四十九条、第五十条（上一年度的工作情况）；国办公开办函〔2021〕30号',
    scope: 'one',
  },
  check({ report }) {
    const { period, year } = report.meta;
    if (!period || year === null) return [];
    const expected = { start: `${year}-01-01`, end: `${year}-12-31` };
    if (period.start === expected.start && period.end === expected.end) return [];
    return [
      {
        rule: this.meta.id,
        severity: this.meta.severity,
        message: `报告所称统计期限为${zh(period.start)}至${zh(period.end)}，与${year}年度（${year}年1月1日至12月31日）不符`,
        expected: `${expected.start}/${expected.end}`,
        actual: `${period.start}/${period.end}`,
      },
    ];
  },
};

function zh(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
