/** XY-02: every figure of tables III and IV the same as last year's — the tables were copied. */
import type { Rule } from '../rule.js';
import { hasFigures } from '../cells.js';

export const copied: Rule = {
  meta: {
    id: 'continuity.copied',
    severity: 'warning',
    title: '表三、表四的数字与上一年度完全相同（疑似照搬上年数据）',
    basis: '年度报告应如实反映本年度情况（《政府信息公开条例》第五十条）；评估中发现多年沿用同一组数据的情形',
    scope: 'pair',
  },
  check({ report, previous }) {
    // Tables of zeros repeat honestly in small offices: only figures that say something count.
    if (!previous || !hasFigures(report)) return [];
    const same = (a: Record<string, Array<number | null>>, b: Record<string, Array<number | null>>): boolean => {
      const keys = Object.keys(a);
      if (keys.length !== Object.keys(b).length) return false;
      return keys.every((k) => b[k] && a[k].every((v, i) => v === b[k][i]));
    };
    if (!same(report.requests, previous.requests) || !same(report.review, previous.review)) return [];
    return [
      {
        rule: this.meta.id,
        severity: this.meta.severity,
        message: `表三、表四的全部数字与${previous.meta.year ?? '上一'}年度报告完全相同，请核实是否照搬了上年数据`,
        related: previous.meta.title ?? undefined,
      },
    ];
  },
};
