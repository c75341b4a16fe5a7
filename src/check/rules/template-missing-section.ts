/** FMT-01: the six numbered sections of 条例 第五十条 and the 30号 notice are all there. */
import { SECTIONS } from '../../model/layouts.js';
import type { Finding } from '../../model/findings.js';
import type { Rule } from '../rule.js';

export const missingSection: Rule = {
  meta: {
    id: 'template.missing-section',
    severity: 'warning',
    title: '报告包含规定的六个部分',
    basis: '《政府信息公开条例》第五十条；国办公开办函〔2021〕30号规定的六部分格式',
    scope: 'one',
  },
  check({ report }) {
    const present = new Set(report.sections.map((s) => s.no));
    const findings: Finding[] = [];
    for (const s of SECTIONS) {
      if (present.has(s.no)) continue;
      findings.push({
        rule: this.meta.id,
        severity: this.meta.severity,
        message: `缺少第${'一二三四五六'[s.no - 1]}部分“${s.heading}”`,
        expected: s.heading,
      });
    }
    return findings;
  },
};
