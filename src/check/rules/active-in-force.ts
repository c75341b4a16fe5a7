/** T2-03: 现行有效 this year = 现行有效 last year + 本年制发 − 本年废止 (规章, 行政规范性文件; 2021 layout both years). */
import type { Finding } from '../../model/findings.js';
import { activeRow } from '../../model/layouts.js';
import type { Rule } from '../rule.js';

const ROWS = ['regulations', 'normativeDocuments'];

export const inForce: Rule = {
  meta: {
    id: 'continuity.in-force',
    severity: 'warning',
    title: '现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数',
    basis: '国办公开办函〔2021〕30号附件表二第二十条第（一）项；修订计入“制发”时可能不符，故为警告',
    scope: 'pair',
  },
  check({ report, previous }) {
    if (!previous || report.meta.template !== '2021' || previous.meta.template !== '2021') return [];
    const findings: Finding[] = [];
    for (const key of ROWS) {
      const now = report.active[key];
      const before = previous.active[key];
      if (!now || !before) continue;
      const [was, issued, repealed, is] = [before.inForce, now.issued, now.repealed, now.inForce];
      if (![was, issued, repealed, is].every((v) => typeof v === 'number')) continue;
      const expected = (was as number) + (issued as number) - (repealed as number);
      if (expected === is) continue;
      const label = activeRow('2021', key)?.labels[0] ?? key;
      findings.push({
        rule: this.meta.id,
        severity: this.meta.severity,
        message: `表二“${label}”现行有效件数为${is}，而上年现行有效${was}件 + 本年制发${issued}件 − 本年废止${repealed}件 = ${expected}件`,
        where: { table: 'active', row: key, field: 'inForce' },
        expected,
        actual: is as number,
        related: previous.meta.title ?? undefined,
      });
    }
    return findings;
  },
};
