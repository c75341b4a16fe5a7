/** Digits of neighbouring cells ran together in the source and no split makes the table add up. */
import type { Finding } from '../../model/findings.js';
import type { Rule } from '../rule.js';
import { describeCell } from '../cells.js';

export const unreadable: Rule = {
  meta: {
    id: 'cell.unreadable',
    severity: 'warning',
    title: '单元格边界丢失、数字连在一起且无法唯一拆分',
    basis: '发布的报告应可供机器读取（表格而非图片或连排文字）；数值无法确定时不作猜测',
    scope: 'one',
  },
  check({ report }) {
    const findings: Finding[] = [];
    for (const a of report.anomalies ?? []) {
      if (a.kind !== 'unreadable') continue;
      findings.push({
        rule: this.meta.id,
        severity: this.meta.severity,
        message: `${describeCell(report, a.where)}无法读取：原文数字连在一起（“${a.raw}”），拆分方式不唯一，请核对原件`,
        where: a.where,
        actual: a.raw,
      });
    }
    return findings;
  },
};
