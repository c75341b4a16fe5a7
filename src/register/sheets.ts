/** The register's documents as a sheet (CSV, XLSX, terminal): Chinese headers, one document a row. */
import type { Sheet } from '../store/tables.js';
import { STATUS_LABELS, kindLabel, statusOn, type RegisterDocument } from './documents.js';

export const DOCUMENT_HEADER = ['编号', '类型', '文号', '标题', '制发日期', '公开日期', '状态', '废止/修订/失效日期', '修正日期', '替代文件', '备注'];

/** `on`: the date the status column speaks of. */
export function documentSheet(docs: RegisterDocument[], on: string): Sheet {
  return {
    name: '主动公开台账',
    header: DOCUMENT_HEADER,
    rows: docs.map((d) => [d.id, kindLabel(d.kind), d.docNo, d.title, d.madeOn, d.publishedOn, STATUS_LABELS[statusOn(d, on)], d.endedOn, d.amendedOn, d.replaces, d.note]),
    records: docs.map((d) => ({
      id: d.id, kind: d.kind, docNo: d.docNo, title: d.title, madeOn: d.madeOn, publishedOn: d.publishedOn,
      status: statusOn(d, on), endedOn: d.endedOn, amendedOn: d.amendedOn, replaces: d.replaces, note: d.note,
    })),
  };
}
