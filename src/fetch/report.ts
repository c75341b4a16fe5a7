/** What a fetch tells people (one line an address, then a summary) and machines (JSON with stable keys). */
import type { Severity } from '../model/findings.js';
import type { AddressOutcome } from './run.js';

const KIND_ZH: Record<AddressOutcome['kind'], string> = {
  imported: '入库',
  found: '找到',
  duplicate: '重复',
  skipped: '跳过',
  column: '栏目',
  unconfirmed: '待确认',
  failed: '失败',
  'done-before': '已获取',
};

const FORM_ZH = { page: '网页正文', attachment: '附件', file: '文件' };

export function describeOutcome(o: AddressOutcome, severityZh: Record<Severity, string>): string {
  const head = `${KIND_ZH[o.kind]}  ${o.address}`;
  if (o.kind === 'failed' || o.kind === 'skipped' || o.kind === 'column' || o.kind === 'done-before' || o.kind === 'unconfirmed') {
    return `${head}\n      ${o.reason ?? ''}`;
  }
  const f = o.found!;
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const x of o.findings ?? []) counts[x.severity]++;
  const organ = o.placement?.organ || f.report.meta.agency || '机关不明';
  const parts = [
    `${organ} ${f.report.meta.year ?? '?'}年`,
    `${FORM_ZH[f.form]}${f.form === 'attachment' ? ` ${f.name}` : ''}`,
    f.source.published ? `发布 ${f.source.published}` : '未注明发布日期',
    `${severityZh.error} ${counts.error} ${severityZh.warning} ${counts.warning}`,
  ];
  if (o.reportId) parts.unshift(o.reportId);
  if (o.placement && o.kind !== 'duplicate') parts.push(`机关把握 ${o.placement.confidence}`);
  return `${head}\n      ${parts.join('  ')}${o.kind === 'duplicate' && o.reason ? `\n      ${o.reason}` : ''}`;
}

/** An outcome as JSON: stable English keys, no bytes. */
export function outcomeJson(o: AddressOutcome): Record<string, unknown> {
  const out: Record<string, unknown> = { address: o.address, outcome: o.kind };
  if (o.from) out.from = o.from;
  if (o.failure) out.failure = o.failure;
  if (o.reason) out.reason = o.reason;
  if (o.found) {
    out.source = { url: o.found.source.url, page: o.found.source.page, form: o.found.form, name: o.found.name, sha256: o.found.sha256, fetchedAt: o.found.source.fetchedAt, published: o.found.source.published ?? null };
    out.agency = o.found.report.meta.agency;
    out.year = o.found.report.meta.year;
  }
  if (o.placement) out.organ = { name: o.placement.organ || null, region: o.placement.region, confidence: o.placement.confidence, basis: o.placement.basis, known: o.placement.known, candidates: o.placement.candidates.map((c) => ({ name: c.organ, region: c.region, confidence: c.confidence })) };
  if (o.reportId) out.reportId = o.reportId;
  if (o.created !== undefined) out.created = o.created;
  if (o.duplicateOf) out.duplicateOf = o.duplicateOf;
  if (o.links !== undefined) out.links = o.links;
  if (o.pages !== undefined) out.pages = o.pages;
  if (o.findings) out.findings = o.findings;
  if (o.found) out.report = o.found.report;
  return out;
}

export interface FetchCounts {
  addresses: number;
  columns: number;
  found: number;
  imported: number;
  duplicates: number;
  skipped: number;
  doneBefore: number;
  unconfirmed: number;
  failed: number;
}

export function summarize(outcomes: AddressOutcome[]): { counts: FetchCounts; text: string } {
  const n = (k: AddressOutcome['kind']) => outcomes.filter((o) => o.kind === k).length;
  const counts: FetchCounts = {
    addresses: outcomes.length,
    columns: n('column'),
    found: n('found') + n('imported') + n('unconfirmed'),
    imported: n('imported'),
    duplicates: n('duplicate'),
    skipped: n('skipped'),
    doneBefore: n('done-before'),
    unconfirmed: n('unconfirmed'),
    failed: n('failed'),
  };
  const lines = [
    `\n共 ${counts.addresses} 个网址${counts.columns ? `（其中栏目页 ${counts.columns} 个）` : ''}：找到报告 ${counts.found}，入库 ${counts.imported}，重复 ${counts.duplicates}，跳过 ${counts.skipped}，此前已获取 ${counts.doneBefore}，待确认机关 ${counts.unconfirmed}，失败 ${counts.failed}`,
  ];
  const failed = outcomes.filter((o) => o.kind === 'failed' || o.kind === 'unconfirmed');
  if (failed.length) {
    lines.push('未完成的网址：');
    for (const o of failed) lines.push(`  ${KIND_ZH[o.kind]}  ${o.address}\n        ${o.reason}`);
  }
  return { counts, text: `${lines.join('\n')}\n` };
}
