/**
 * The publication calendar: for a region and a year, which units published their report on time,
 * which late, which not at all (yet). The due date follows from the organ's kind (organ-kind.ts);
 * the date a report was published is, in this order, the date a reviewer entered (as seen on the
 * portal), the date the portal page showed when the report was fetched from it (src/fetch), the
 * date the report carries (meta.published), or the day it was imported.
 * The units of a region are the organs the report store knows there (src/store: organs and their
 * regions), so the list follows the store's own idea of which organs belong where.
 */
import { todayInChina, daysBetween } from '../ledger/dates.js';
import type { Store } from '../store/index.js';
import { organKey } from '../store/organs.js';
import type { Sheet } from '../store/tables.js';
import { dueDate, inferOrganKind, organKindLabel, type OrganKind } from './organ-kind.js';
import type { Register } from './store.js';

export type PublicationStatus = 'onTime' | 'late' | 'missing' | 'pending' | 'noDeadline';
export const PUBLICATION_STATUS_LABELS: Record<PublicationStatus, string> = {
  onTime: '按时公布', late: '逾期公布', missing: '未公布', pending: '尚未公布（未到期限）', noDeadline: '已公布（无法定期限）',
};
export const DATE_SOURCE_LABELS = { entered: '登记的公布日期', portal: '网页发布日期', report: '报告落款日期', imported: '导入日期' } as const;
export type DateSource = keyof typeof DATE_SOURCE_LABELS;

export interface UnitRecord {
  organ: string;
  region: string | null;
  kind: OrganKind;
  kindSource: 'inferred' | 'set';
  reportId: string | null;
  /** Date entered by a reviewer. */
  entered: string | null;
  /** Date the portal page showed when the report was fetched from it. */
  portal?: string | null;
  /** meta.published of the stored report. */
  carried: string | null;
  /** Day the report was imported (China time). */
  imported: string | null;
}

export interface CalendarItem {
  organ: string;
  region: string | null;
  kind: OrganKind;
  kindSource: 'inferred' | 'set';
  due: string | null;
  status: PublicationStatus;
  published: string | null;
  dateSource: DateSource | null;
  /** Days after the due date (late), or days past it without a report (missing). */
  daysLate: number | null;
  reportId: string | null;
}

export interface CalendarOverview {
  region: string | null;
  year: number;
  today: string;
  items: CalendarItem[];
  totals: Record<PublicationStatus, number>;
}

export function publicationStatus(units: UnitRecord[], year: number, today: string): CalendarOverview['items'] {
  return units
    .map((u): CalendarItem => {
      const due = dueDate(u.kind, year);
      const [published, dateSource] = u.entered
        ? [u.entered, 'entered' as const]
        : u.portal
          ? [u.portal, 'portal' as const]
          : u.carried
            ? [u.carried, 'report' as const]
            : u.imported
              ? [u.imported, 'imported' as const]
              : [null, null];
      let status: PublicationStatus;
      let daysLate: number | null = null;
      if (published) {
        if (!due) status = 'noDeadline';
        else if (published <= due) status = 'onTime';
        else {
          status = 'late';
          daysLate = daysBetween(due, published);
        }
      } else if (due && today > due) {
        status = 'missing';
        daysLate = daysBetween(due, today);
      } else status = 'pending';
      return { organ: u.organ, region: u.region, kind: u.kind, kindSource: u.kindSource, due, status, published, dateSource, daysLate, reportId: u.reportId };
    })
    .sort((a, b) => order(a.status) - order(b.status) || a.organ.localeCompare(b.organ, 'zh-CN'));
}

const ORDER: PublicationStatus[] = ['missing', 'late', 'pending', 'onTime', 'noDeadline'];
const order = (s: PublicationStatus) => ORDER.indexOf(s);

/** Whether an organ's region path lies in the region asked for (a name anywhere in the path, or a path prefix). */
export function inRegionPath(path: string | null, region: string | undefined): boolean {
  if (!region) return true;
  if (!path) return false;
  return path === region || path.startsWith(`${region}/`) || path.split('/').includes(region);
}

/** The calendar of a region and year from the report store and the register. */
export async function publicationCalendar(store: Store, register: Register, options: { region?: string; year: number; today?: string }): Promise<CalendarOverview> {
  const today = options.today ?? todayInChina();
  const organs = (await store.organs()).filter((o) => inRegionPath(o.region, options.region));
  const reports = await store.list({ region: options.region, year: options.year });
  const byKey = new Map(reports.map((r) => [r.organKey, r]));
  const ids = reports.map((r) => r.id);
  const dated = ids.length
    ? await store.db.query<{ id: string; published: string | null; portal: string | null; imported_at: unknown }>(
        `SELECT r.id, r.report->'meta'->>'published' AS published, r.imported_at,
           (SELECT min(fa.published_on) FROM fetch_addresses fa WHERE fa.report_id = r.id) AS portal
         FROM store_reports r WHERE r.id = ANY($1::text[])`, [ids],
      )
    : [];
  const dates = new Map(dated.map((d) => [d.id, d]));
  const kinds = await register.organKinds();
  const entered = await register.publications(options.year);
  const units: UnitRecord[] = organs.map((o) => {
    const report = byKey.get(o.key);
    const d = report ? dates.get(report.id) : undefined;
    const set = kinds.get(o.key);
    const importedAt = d?.imported_at ? new Date(d.imported_at as string) : null;
    return {
      organ: o.name,
      region: o.region,
      kind: set ?? inferOrganKind(o.name),
      kindSource: set ? 'set' : 'inferred',
      reportId: report?.id ?? null,
      entered: entered.get(o.key) ?? entered.get(organKey(o.name)) ?? null,
      portal: d?.portal && /^\d{4}-\d{2}-\d{2}$/.test(d.portal) ? d.portal : null,
      carried: d?.published ?? null,
      imported: importedAt ? todayInChina(importedAt) : null,
    };
  });
  const items = publicationStatus(units, options.year, today);
  const totals = Object.fromEntries(ORDER.map((s) => [s, items.filter((i) => i.status === s).length])) as Record<PublicationStatus, number>;
  return { region: options.region ?? null, year: options.year, today, items, totals };
}

export function calendarSheet(overview: CalendarOverview, only?: PublicationStatus[]): Sheet {
  const items = only ? overview.items.filter((i) => only.includes(i.status)) : overview.items;
  return {
    name: only ? '未公布提醒' : '公布日历',
    header: ['机关', '地区', '机关类型', '公布期限', '状态', '公布日期', '日期来源', '逾期天数'],
    rows: items.map((i) => [
      i.organ, i.region, `${organKindLabel(i.kind)}${i.kindSource === 'set' ? '' : '（按名称推断）'}`, i.due, PUBLICATION_STATUS_LABELS[i.status], i.published,
      i.dateSource ? DATE_SOURCE_LABELS[i.dateSource] : null, i.daysLate,
    ]),
    records: items.map((i) => ({
      organ: i.organ, region: i.region, kind: i.kind, kindSource: i.kindSource, due: i.due, status: i.status,
      published: i.published, dateSource: i.dateSource, daysLate: i.daysLate,
    })),
  };
}

/** Units that have not published: past the due date first, then those still within it. */
export const NOT_REPORTED: PublicationStatus[] = ['missing', 'pending'];
