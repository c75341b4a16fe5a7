/** SEC-03: 第五部分 names problems and what was done about them; "无" is not an answer. */
import type { Rule } from '../rule.js';
import { compact, nfkc } from '../../parse/normalize.js';

const EMPTY = /^(无|暂无|没有|无。|暂无。|本年度无|本年度暂无)?[。.]?$/;

export const problemsSection: Rule = {
  meta: {
    id: 'section.problems-empty',
    severity: 'warning',
    title: '第五部分“存在的主要问题及改进情况”有实际内容',
    basis: '《政府信息公开条例》第五十条第（四）项：年度报告应包括存在的主要问题及改进情况',
    scope: 'one',
  },
  check({ report }) {
    const section = report.sections.find((s) => s.no === 5);
    if (!section) return []; // template.missing-section says so
    const text = compact(nfkc(section.text));
    if (!EMPTY.test(text)) return [];
    return [
      {
        rule: this.meta.id,
        severity: this.meta.severity,
        message: text ? `第五部分“${section.heading}”只写了“${text}”，未说明存在的问题及改进措施` : `第五部分“${section.heading}”没有内容`,
        actual: text,
      },
    ];
  },
};
