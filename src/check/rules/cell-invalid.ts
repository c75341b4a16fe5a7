/** T2-01, T3-04, T4-04: every count cell holds a whole number, 0 or more. */
import type { Finding } from '../../model/findings.js';
import type { CellRef } from '../../model/report.js';
import { LAYOUTS } from '../../model/layouts.js';
import type { Rule } from '../rule.js';
import { describeCell, refKey } from '../cells.js';

export const invalid: Rule = {
  meta: {
    id: 'cell.invalid',
    severity: 'error',
    title: '数量单元格填写的是非负整数',
    basis: '国办公开办函〔2021〕30号附件表格：各项为件数、数量，只能是 0 或正整数',
    scope: 'one',
  },
  check({ report }) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const push = (where: CellRef, raw: string): void => {
      const key = refKey(where);
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({
        rule: this.meta.id,
        severity: this.meta.severity,
        message: `${describeCell(report, where)}填写为“${raw}”，不是数量（应为 0 或正整数）`,
        where,
        actual: raw,
      });
    };
    for (const a of report.anomalies ?? []) if (a.kind === 'invalid') push(a.where, a.raw);
    // plain loops: this runs on every report, and the tables are nearly always fine
    for (const table of ['requests', 'review'] as const) {
      const rows = report[table];
      for (const row in rows) {
        const cells = rows[row];
        for (let col = 0; col < cells.length; col++) {
          const v = cells[col];
          if (typeof v === 'number' && v < 0) push({ table, row, col }, String(v));
        }
      }
    }
    for (const row of LAYOUTS[report.meta.template].active) {
      const cells = report.active[row.key];
      if (!cells) continue;
      for (const field of row.fields) {
        const v = cells[field.key];
        if (v === null || v === undefined || field.kind === 'change') continue;
        const where = { table: 'active' as const, row: row.key, field: field.key };
        if (typeof v === 'string') push(where, v);
        else if (v < 0 || (field.kind === 'count' && !Number.isInteger(v))) push(where, String(v));
      }
    }
    return findings;
  },
};
