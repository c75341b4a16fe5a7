/** SEC-05: from 2021 on, 第六部分 says whether 信息处理费 was charged (cases and amount, or 未收取). */
import type { Rule } from '../rule.js';
import { compactSections, reportYear } from '../cells.js';

export const feeStatement: Rule = {
  meta: {
    id: 'section.fee-statement',
    severity: 'warning',
    title: '（2021年度起）第六部分说明信息处理费的收取情况',
    basis: '国办公开办函〔2021〕30号：第六部分报告依据《政府信息公开信息处理费管理办法》收取信息处理费的情况',
    scope: 'one',
  },
  check(context) {
    const { report } = context;
    const year = reportYear(report);
    if (year === null || year < 2021) return [];
    const all = compactSections(context).join('');
    if (/信息处理费|处理费|收取费用|收费/.test(all)) return [];
    const six = report.sections.find((s) => s.no === 6);
    return [
      {
        rule: this.meta.id,
        severity: this.meta.severity,
        message: `${six ? `第六部分“${six.heading}”` : '报告'}未说明信息处理费的收取情况（收费件数、金额，或“未收取信息处理费”）`,
      },
    ];
  },
};
