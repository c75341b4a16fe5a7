/** `nianbao new`: a blank report of the official layout, every count 0, totals left for `fill`. */
import { LAYOUTS, REQUEST_COLUMNS, REVIEW_ROWS, SECTIONS, type LayoutId } from '../model/layouts.js';
import { REPORT_SCHEMA_ID, type Report } from '../model/report.js';

export function blankReport(agency: string, year: number, layoutId: LayoutId = '2021'): Report {
  const layout = LAYOUTS[layoutId];
  const total = REQUEST_COLUMNS.length - 1;
  const active: Report['active'] = {};
  for (const row of layout.active) {
    active[row.key] = Object.fromEntries(row.fields.map((f) => [f.key, f.kind === 'change' ? 0 : 0]));
  }
  const requests: Report['requests'] = {};
  for (const row of layout.requests) {
    // the totals are computed by `nianbao fill`, so a clerk types only the applicant columns
    const computed = row.key === 'total' || row.key === 'carriedForward';
    requests[row.key] = REQUEST_COLUMNS.map((_, col) => (computed || col === total ? null : 0));
  }
  const review: Report['review'] = {};
  for (const row of REVIEW_ROWS) review[row.key] = [0, 0, 0, 0, null];
  return {
    schema: REPORT_SCHEMA_ID,
    meta: {
      title: `${agency}${year}年政府信息公开工作年度报告`,
      agency,
      year,
      template: layoutId,
      period: { start: `${year}-01-01`, end: `${year}-12-31` },
      contact: { address: '', postcode: '', phone: '', email: '' },
    },
    sections: SECTIONS.map((s) => ({ no: s.no, heading: s.heading, text: '' })),
    active,
    requests,
    review,
  };
}
