/** FMT-02: reports for 2021 and later use the tables of 国办公开办函〔2021〕30号. */
import type { Rule } from '../rule.js';
import { reportYear } from '../cells.js';

/** The first report year the 2021 tables apply to. */
export const FIRST_YEAR_OF_2021_LAYOUT = 2021;

export const outdated: Rule = {
  meta: {
    id: 'template.outdated',
    severity: 'warning',
    title: '2021 年度及以后的报告使用 2021 版表格',
    basis: '国办公开办函〔2021〕30号（2021年9月26日）以新的表格替代国办公开办函〔2019〕60号的表格',
    scope: 'one',
  },
  check({ report }) {
    const year = reportYear(report);
    if (report.meta.template !== '2019' || year === null || year < FIRST_YEAR_OF_2021_LAYOUT) return [];
    return [
      {
        rule: this.meta.id,
        severity: this.meta.severity,
        message: `${year}年度报告仍使用2019版表格（国办公开办函〔2019〕60号，如“本年新制作数量”“本年新公开数量”），应改用国办公开办函〔2021〕30号的表格（“本年制发件数”“本年废止件数”“现行有效件数”）`,
        expected: '2021',
        actual: '2019',
      },
    ];
  },
};
