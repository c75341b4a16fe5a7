/** N-01…N-05: a figure the prose states about requests or reviews contradicts table III or IV. */
import type { Finding } from '../../model/findings.js';
import type { Rule } from '../rule.js';
import { statements } from '../narrative.js';

export const narrativeMismatch: Rule = {
  meta: {
    id: 'narrative.mismatch',
    severity: 'warning',
    title: '正文所述申请、办理、复议诉讼数字与表三、表四一致',
    basis: '《政府信息公开条例》第五十条：年度报告如实反映收到和处理政府信息公开申请、行政复议和行政诉讼的情况',
    scope: 'one',
  },
  check(context) {
    const findings: Finding[] = [];
    for (const s of statements(context)) {
      if (s.table === null || s.stated === s.table || s.alsoAccepted.includes(s.stated)) continue;
      findings.push({
        rule: this.meta.id,
        severity: this.meta.severity,
        message: `正文“${s.phrase}”与${s.tableName}（${s.table}）不一致`,
        where: s.where,
        expected: s.table,
        actual: s.stated,
      });
    }
    return findings;
  },
};
