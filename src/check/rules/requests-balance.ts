/** T3-01: the identity printed in table III's heading — 一 + 二 = 三（七）总计 + 四, in every column. */
import type { Finding } from '../../model/findings.js';
import type { Rule } from '../rule.js';
import { REQUEST_COLUMNS, anomalyCells, anyUnread, columnName, sumCells } from '../cells.js';

export const balance: Rule = {
  meta: {
    id: 'requests.balance',
    severity: 'error',
    title: '表三勾稽关系：第一项加第二项之和等于第三项加第四项之和',
    basis: '国办公开办函〔2021〕30号附件表三表头：“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”',
    scope: 'one',
  },
  check({ report }) {
    const findings: Finding[] = [];
    const r = report.requests;
    const flagged = anomalyCells(report);
    for (let col = 0; col < REQUEST_COLUMNS.length; col++) {
      // a cell that could not be read is reported by cell.invalid or cell.unreadable, not as a broken balance
      if (anyUnread(flagged, 'requests', ['newReceived', 'carriedOver', 'total', 'carriedForward'].map((row): [string, number] => [row, col]))) continue;
      const inflow = sumCells([r.newReceived?.[col], r.carriedOver?.[col]]);
      const outflow = sumCells([r.total?.[col], r.carriedForward?.[col]]);
      if (inflow === null || outflow === null || inflow === outflow) continue;
      findings.push({
        rule: this.meta.id,
        severity: this.meta.severity,
        message:
          `第一项加第二项之和（${inflow}）不等于第三项加第四项之和（${outflow}）：${columnName(col)}` +
          `（本年新收 ${show(r.newReceived?.[col])} + 上年结转 ${show(r.carriedOver?.[col])}；` +
          `办理结果总计 ${show(r.total?.[col])} + 结转下年度 ${show(r.carriedForward?.[col])}）`,
        where: { table: 'requests', row: 'total', col },
        expected: inflow,
        actual: outflow,
      });
    }
    return findings;
  },
};

function show(v: number | null | undefined): string {
  return typeof v === 'number' ? String(v) : '空';
}
