/** SEC-02: a report of a 人民政府 covers 工作考核、社会评议和责任追究结果情况. */
import type { Rule } from '../rule.js';
import { compact, nfkc } from '../../parse/normalize.js';
import { compactSections } from '../cells.js';

/** An organ that is itself a people's government (市人民政府), not its office or a 街道. */
const GOVERNMENT = /人民政府$/;

export const governmentAssessment: Rule = {
  meta: {
    id: 'section.government-assessment',
    severity: 'warning',
    title: '各级人民政府的报告说明工作考核、社会评议和责任追究结果情况',
    basis: '《政府信息公开条例》第五十条第（四）项后段；国办公开办函〔2021〕30号',
    scope: 'one',
  },
  check(context) {
    const { report } = context;
    const agency = report.meta.agency ? compact(nfkc(report.meta.agency)) : '';
    if (!GOVERNMENT.test(agency)) return [];
    const all = compactSections(context).join('');
    if (/考核|评议|责任追究/.test(all)) return [];
    return [
      {
        rule: this.meta.id,
        severity: this.meta.severity,
        message: `${agency}是人民政府，报告中未见“工作考核、社会评议和责任追究结果情况”（未出现“考核”“评议”“责任追究”）`,
      },
    ];
  },
};
