/**
 * Rows whose cell boundaries were lost in the source ("640020470" for 64 | 0 | 0 | 2 | 0 | 4 | 70).
 * A row is restored only where the table's own arithmetic allows exactly one split; otherwise its
 * cells stay null and are recorded as unreadable (the cell.unreadable rule reports them).
 */
import { REVIEW_ROWS } from '../model/layouts.js';
import type { Anomaly, CountCell } from '../model/report.js';
import type { Pending } from './tables.js';

export interface RunTogetherInput {
  requests: Record<string, CountCell[]>;
  review: Record<string, CountCell[]>;
  pending: Pending[];
}

export function resolveRunTogether(input: RunTogetherInput): Anomaly[] {
  const anomalies: Anomaly[] = [];
  for (const p of input.pending) {
    const raw = p.raw.join(' ');
    if (p.table === 'requests') {
      for (let col = 0; col < p.need; col++) anomalies.push({ where: { table: 'requests', row: p.row, col }, kind: 'unreadable', raw });
    } else {
      for (const row of REVIEW_ROWS) for (let col = 0; col < 5; col++) anomalies.push({ where: { table: 'review', row: row.key, col }, kind: 'unreadable', raw });
    }
  }
  return anomalies;
}
