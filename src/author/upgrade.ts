/**
 * `nianbao upgrade`: a report in the 2019 layout (国办公开办函〔2019〕60号) turned into the 2021 layout
 * (〔2021〕30号). Tables III and IV carry over row for row; （六）其他处理 becomes 3.其他 (the 2019
 * table did not tell the two new reasons apart). Table II's columns changed meaning: what cannot be
 * carried over is left blank and listed for the clerk.
 */
import { LAYOUTS } from '../model/layouts.js';
import type { Report } from '../model/report.js';

export interface Upgraded {
  report: Report;
  /** Carried over with a remark. */
  notes: string[];
  /** Left blank: the clerk fills these in. */
  toFill: string[];
}

export function upgradeReport(input: Report): Upgraded {
  if (input.meta.template === '2021') return { report: structuredClone(input), notes: ['报告已是 2021 版表格，无需转换'], toFill: [] };
  const report = structuredClone(input);
  const notes: string[] = [];
  const toFill: string[] = [];
  report.meta.template = '2021';

  // table III: same keys, except the single （六）其他处理 row
  const requests: Report['requests'] = {};
  for (const row of LAYOUTS['2021'].requests) {
    if (input.requests[row.key]) requests[row.key] = [...input.requests[row.key]];
  }
  if (input.requests.other) {
    requests['other.other'] = [...input.requests.other];
    requests['other.noCorrection'] = input.requests.other.map(() => 0);
    requests['other.unpaidFee'] = input.requests.other.map(() => 0);
    notes.push('表三“（六）其他处理”整行计入 2021 版“（六）其他处理 3.其他”；其中如有申请人逾期不补正或逾期未缴纳费用而不再处理的，请移到 1. 或 2. 行');
  }
  report.requests = requests;
  notes.push('表三其余各行、表四全部数字按原样转入');

  // table II
  const old = input.active;
  const active: Report['active'] = {};
  for (const row of LAYOUTS['2021'].active) {
    const cells: Record<string, number | string | null> = {};
    for (const f of row.fields) {
      const same = f.key === 'decisions' && old[row.key] && 'decisions' in old[row.key] ? old[row.key].decisions : undefined;
      if (same !== undefined) cells[f.key] = same;
      else {
        cells[f.key] = null;
        toFill.push(`表二“${row.labels[0]}”的“${f.label}”（2019 版没有对应的栏目）`);
      }
    }
    active[row.key] = cells;
  }
  if (old.licensing || old.penalty || old.coercion) notes.push('表二“行政许可”“行政处罚”“行政强制”的处理决定数量按原样转入');
  for (const gone of ['otherServices', 'procurement']) {
    const row = LAYOUTS['2019'].active.find((r) => r.key === gone);
    if (old[gone] && row) notes.push(`表二“${row.labels[0]}”在 2021 版中已取消，原数字不再列入表格（${Object.entries(old[gone]).map(([k, v]) => `${row.fields.find((f) => f.key === k)?.label ?? k}：${v ?? '空'}`).join('，')}）`);
  }
  report.active = active;
  delete report.anomalies;
  return { report, notes, toFill };
}
