/**
 * Fetching reports where they are published: each address fetched; on an article page the report
 * is the article body or the attachment holding it (PDF, DOC, DOCX, also inside a ZIP); on a
 * column page every report link, on every following page, for the years asked. Each report read,
 * parsed and checked; its organ placed; with an importer, stored with where and when it was
 * fetched and the publication date the page states. One failure never stops the rest.
 */
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { InputError } from '../errors.js';
import { checkReport } from '../check/index.js';
import type { Finding } from '../model/findings.js';
import type { Report } from '../model/report.js';
import { loadReportFromBytes } from '../pipeline.js';
import { sniff } from '../read/sniff.js';
import { decodeHtml } from '../read/html.js';
import { listZip, readZipEntry } from '../read/zip.js';
import { MAX_INPUT_BYTES } from '../errors.js';
import { FetchError, type HttpClient, type HttpResponse } from './http.js';
import { analysePage, attachmentName, looksLikeReportTitle, yearOfTitle, type PageInfo, type PageLink } from './page.js';
import { ORGAN_THRESHOLD, placeOrgan, type OrganDirectory, type OrganPlacement } from './organ.js';
import type { Ledger, LedgerEntry, OutcomeKind, ReportSource } from './ledger.js';

export interface FetchOptions {
  /** Report years wanted (column links and reports of other years are skipped). */
  years?: number[];
  /** 'auto': a page with no report of its own but report links is a column; 'always': every given address is one. */
  column: 'auto' | 'always';
  /** Most pages of one column followed. */
  maxPages: number;
  /** Addresses worked on at once (requests to one site still wait their turn). */
  concurrency: number;
  /** Organ confidence below which a person confirms before storing. */
  threshold: number;
  /** Store reports whose organ is below the threshold, under the best guess. */
  acceptOrgan: boolean;
  /** File every report under this organ (a person said so). */
  organ?: string;
  /** Most addresses worked on in one run, column links included; the rest are left for the next. */
  limit?: number;
}

/** An importer refusing one report (the user may not file reports of that organ): that address fails, the rest go on. */
export class ImportRefused extends Error {}

export const DEFAULT_FETCH: FetchOptions = { column: 'auto', maxPages: 50, concurrency: 4, threshold: ORGAN_THRESHOLD, acceptOrgan: false };

/** Where reports go when they are stored. */
export interface Importer {
  directory(): Promise<OrganDirectory>;
  importReport(bytes: Uint8Array, name: string, organ: OrganPlacement, source: ReportSource): Promise<{ id: string; created: boolean; organ: string; findings: Finding[] }>;
}

export interface FoundReport {
  /** The bytes the report was read from (the article body as its own page, a file, a ZIP entry). */
  bytes: Uint8Array;
  name: string;
  sha256: string;
  report: Report;
  /** 'page' the article body; 'attachment' a linked file; 'file' the address itself is the file. */
  form: 'page' | 'attachment' | 'file';
  source: ReportSource;
}

export interface AddressOutcome {
  address: string;
  kind: OutcomeKind | 'done-before';
  /** Chinese, for people (failures, skips, unconfirmed organs, duplicates). */
  reason?: string;
  /** A code for machines: a FetchFailure, or not-found, not-report, year, organ. */
  failure?: string;
  /** The column page the address was listed on. */
  from?: string;
  found?: FoundReport;
  findings?: Finding[];
  placement?: OrganPlacement;
  reportId?: string;
  created?: boolean;
  /** Column pages: report links collected and pages read. */
  links?: number;
  pages?: number;
  /** The address whose report had the same bytes. */
  duplicateOf?: string;
}

export interface FetchEvents {
  /** More addresses to do (column links found). */
  queued?(n: number): void;
  done?(outcome: AddressOutcome): void | Promise<void>;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Addresses from a list: one a line (or separated by spaces), `#` comments, duplicates dropped. */
export function parseAddressList(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const t = line.replace(/(?:^|\s)#.*$/, '').trim();
    if (!t) continue;
    for (const a of t.split(/[\s,，]+/)) {
      if (!a || seen.has(a)) continue;
      seen.add(a);
      out.push(a);
    }
  }
  return out;
}

/** An address as the ledger keys it: without its #fragment. */
export function addressKey(address: string): string {
  try {
    const u = new URL(address.trim());
    u.hash = '';
    return u.href;
  } catch {
    return address.trim();
  }
}

const CJK_CHARSETS: Record<string, string> = { gb2312: 'gb18030', gbk: 'gb18030', gb18030: 'gb18030', 'x-gbk': 'gb18030', big5: 'big5', 'utf-8': 'utf-8', utf8: 'utf-8' };

/** A page's text: BOM, valid UTF-8, the charset the page declares (decodeHtml), the header's charset when the page declares none. */
export function decodePage(bytes: Uint8Array, headerCharset?: string): string {
  const label = headerCharset ? CJK_CHARSETS[headerCharset] : undefined;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  const declares = /<meta[^>]+charset\s*=|<\?xml[^>]+encoding\s*=/i.test(head);
  if (label && label !== 'utf-8' && !declares && !isUtf8(bytes) && !(bytes[0] === 0xef || bytes[0] === 0xff || bytes[0] === 0xfe)) return new TextDecoder(label).decode(bytes);
  return decodeHtml(bytes);
}

interface Attempt {
  found?: { bytes: Uint8Array; name: string; report: Report };
  error?: string;
}

const REPORT_FILE = /\.(?:pdf|docx?|wps|rtf|odt|html?|mht|txt)$/i;

/** How likely a link is the annual report rather than an explanation, an image or a form. */
function attachmentScore(link: PageLink, name: string, pageTitle: string): number {
  const t = `${link.text} ${name}`;
  let s = 0;
  if (/年度报告|年报/.test(t)) s += 4;
  if (/政府信息公开|政务公开|信息公开/.test(t)) s += 2;
  if (/(?:19|20)\d{2}/.test(t)) s += 1;
  if (/解读|图解|说明|政策|通知|申请表|目录|指南|附表/.test(t)) s -= 3;
  if (/\.(?:docx|pdf)$/i.test(name)) s += 1;
  else if (/\.(?:doc|wps)$/i.test(name)) s += 0.5;
  else if (/\.zip$/i.test(name)) s += 0.2;
  else if (/\.(?:xlsx?|rar|7z|ofd)$/i.test(name)) s -= 5;
  const year = yearOfTitle(pageTitle);
  if (year && t.includes(String(year))) s += 1;
  return s;
}

export class Fetcher {
  private readonly options: FetchOptions;
  private attachments = new Map<string, Promise<{ res?: HttpResponse; error?: FetchError }>>();
  private shaSeen = new Map<string, string>();
  private directory?: Promise<OrganDirectory>;
  /** Addresses beyond the limit, not worked on. */
  readonly leftOver: string[] = [];

  constructor(
    private readonly http: HttpClient,
    private readonly ledger: Ledger,
    options: Partial<FetchOptions> = {},
    private readonly importer?: Importer,
  ) {
    this.options = { ...DEFAULT_FETCH, ...options };
  }

  /** Fetch every address (and what column pages list), `events.done` called for each as it ends. */
  async run(addresses: string[], events: FetchEvents = {}): Promise<AddressOutcome[]> {
    type Job = { address: string; from?: string; column: boolean };
    const queue: Job[] = [];
    const seen = new Set<string>();
    const push = (address: string, from: string | undefined, column: boolean) => {
      const key = addressKey(address);
      if (seen.has(key)) return false;
      if (this.options.limit !== undefined && seen.size >= this.options.limit) {
        this.leftOver.push(key);
        return false;
      }
      seen.add(key);
      queue.push({ address: key, from, column });
      return true;
    };
    for (const a of addresses) push(a, undefined, true);
    const outcomes: AddressOutcome[] = [];
    let active = 0;
    await new Promise<void>((resolve, reject) => {
      const pump = () => {
        if (!queue.length && active === 0) return resolve();
        while (active < this.options.concurrency && queue.length) {
          const job = queue.shift()!;
          active++;
          this.one(job.address, job.from, job.column)
            .then(async ({ outcome, listed }) => {
              outcomes.push(outcome);
              let added = 0;
              for (const l of listed) if (push(l, outcome.address, false)) added++;
              if (added) events.queued?.(added);
              await events.done?.(outcome);
            })
            .catch(reject)
            .finally(() => {
              active--;
              pump();
            });
        }
      };
      pump();
    });
    return outcomes;
  }

  private async one(address: string, from: string | undefined, mayBeColumn: boolean): Promise<{ outcome: AddressOutcome; listed: string[] }> {
    const before = await this.ledger.get(address);
    const doneKinds: string[] = this.importer ? ['imported', 'duplicate'] : ['imported', 'found', 'duplicate'];
    if (before && doneKinds.includes(before.outcome)) {
      return { outcome: { address, from, kind: 'done-before', reportId: before.reportId, reason: `已在 ${before.fetchedAt.slice(0, 10)} 获取过` }, listed: [] };
    }
    let result: { outcome: AddressOutcome; listed: string[] };
    try {
      result = await this.fetchAddress(address, from, mayBeColumn);
    } catch (error) {
      if (error instanceof FetchError) result = { outcome: { address, from, kind: 'failed', failure: error.reason, reason: error.message }, listed: [] };
      else if (error instanceof InputError) result = { outcome: { address, from, kind: 'failed', failure: 'not-report', reason: error.message }, listed: [] };
      else if (error instanceof ImportRefused) result = { outcome: { address, from, kind: 'failed', failure: 'forbidden', reason: error.message }, listed: [] };
      else throw error;
    }
    await this.ledger.put(this.entryOf(result.outcome));
    return result;
  }

  private entryOf(o: AddressOutcome): LedgerEntry {
    const e: LedgerEntry = { address: o.address, outcome: o.kind === 'done-before' ? 'imported' : o.kind, fetchedAt: o.found?.source.fetchedAt ?? new Date().toISOString() };
    if (o.found) {
      e.sourceUrl = o.found.source.url;
      e.sha256 = o.found.sha256;
      if (o.found.source.published) e.published = o.found.source.published;
    }
    if (o.reportId) e.reportId = o.reportId;
    if (o.reason) e.reason = o.reason;
    if (o.failure) e.failure = o.failure;
    if (o.placement?.organ) {
      e.organ = o.placement.organ;
      e.confidence = o.placement.confidence;
    }
    return e;
  }

  private async fetchAddress(address: string, from: string | undefined, mayBeColumn: boolean): Promise<{ outcome: AddressOutcome; listed: string[] }> {
    let res = await this.http.get(address);
    const fetchedAt = new Date().toISOString();
    let form = sniff(res.bytes);
    if (form.form !== 'html') {
      const name = res.fileName ?? attachmentName(res.finalUrl) ?? decodeURIComponent(new URL(res.finalUrl).pathname.split('/').pop() || 'report');
      const got = await this.tryFile(res.bytes, name);
      if (!got.found) return { outcome: { address, from, kind: 'failed', failure: 'not-report', reason: got.error }, listed: [] };
      return { outcome: await this.settle(address, from, got.found, 'file', { url: res.finalUrl, page: res.finalUrl, fetchedAt }, undefined), listed: [] };
    }
    let info = analysePage(decodePage(res.bytes, res.charset), res.finalUrl);
    // a page that only sends on (<meta http-equiv="refresh">): follow it, twice at most
    for (let hops = 0; info.refresh && info.bodyChars < 200 && hops < 2; hops++) {
      res = await this.http.get(info.refresh);
      form = sniff(res.bytes);
      if (form.form !== 'html') break;
      info = analysePage(decodePage(res.bytes, res.charset), res.finalUrl);
    }
    const forcedColumn = mayBeColumn && this.options.column === 'always';
    const reportLinks = info.links.filter((l) => looksLikeReportTitle(l.text) && l.url !== res.finalUrl);
    const attempts: string[] = [];
    if (!forcedColumn) {
      const found = await this.findOnArticle(info, res.finalUrl, attempts);
      if (found) {
        return { outcome: await this.settle(address, from, found.found, found.form, { url: found.url, page: res.finalUrl, fetchedAt, published: info.published }, info), listed: [] };
      }
    }
    if (mayBeColumn && (forcedColumn || reportLinks.length > 0 || info.pages.length > 0)) return this.column(address, res.finalUrl, info, res.bytes);
    const why = attempts.length ? `：${attempts.join('；')}` : '';
    return {
      outcome: { address, from, kind: 'failed', failure: 'not-found', reason: `页面中没有找到年度报告（正文不是年度报告，也没有可读取的报告附件）${why}` },
      listed: [],
    };
  }

  /** The report on an article page: the body when it is the report, else the best attachment that is one. */
  private async findOnArticle(info: PageInfo, pageUrl: string, attempts: string[]): Promise<{ found: { bytes: Uint8Array; name: string; report: Report }; form: 'page' | 'attachment'; url: string } | undefined> {
    if (info.body && info.bodyChars >= 200) {
      const bytes = new TextEncoder().encode(info.body);
      const got = await this.tryFile(bytes, `${(info.title || 'page').slice(0, 80)}.html`);
      if (got.found && hasTables(got.found.report)) return { found: got.found, form: 'page', url: pageUrl };
      if (got.error) attempts.push(`正文：${got.error}`);
    }
    const ranked = info.attachments
      .map((l) => ({ link: l, name: attachmentName(l.url, l.text) ?? l.text }))
      .map((a) => ({ ...a, score: attachmentScore(a.link, a.name, info.title) }))
      .filter((a) => a.score > -3)
      .sort((a, b) => b.score - a.score);
    for (const a of ranked.slice(0, 6)) {
      const fetched = await this.attachment(a.link.url);
      if (fetched.error) {
        attempts.push(`附件“${a.link.text || a.name}”：${fetched.error.message}`);
        continue;
      }
      const res = fetched.res!;
      const got = await this.tryFile(res.bytes, res.fileName ?? a.name);
      if (got.found) return { found: got.found, form: 'attachment', url: res.finalUrl };
      attempts.push(`附件“${a.link.text || a.name}”：${got.error}`);
    }
    return undefined;
  }

  /** One download per attachment address in a run, however many pages link it. */
  private attachment(url: string): Promise<{ res?: HttpResponse; error?: FetchError }> {
    let got = this.attachments.get(url);
    if (!got) {
      got = this.http.get(url).then(
        (res) => ({ res }),
        (error) => {
          if (error instanceof FetchError) return { error };
          throw error;
        },
      );
      this.attachments.set(url, got);
    }
    return got;
  }

  /** A file read as a report; a ZIP opened and its entries tried, the likeliest first. */
  private async tryFile(bytes: Uint8Array, name: string): Promise<Attempt> {
    const form = sniff(bytes);
    if (form.form === 'refused' && /ZIP 压缩包/.test(form.what)) {
      let entries;
      try {
        entries = listZip(bytes);
      } catch {
        return { error: 'ZIP 文件已损坏 / damaged zip' };
      }
      const files = entries
        .filter((e) => !e.name.endsWith('/') && !/(?:^|\/)(?:__MACOSX|\.)/.test(e.name))
        .map((e) => ({ e, score: (REPORT_FILE.test(e.name) ? 2 : 0) + (/年度报告|年报/.test(e.name) ? 4 : 0) - (/解读|图解/.test(e.name) ? 3 : 0) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 10);
      const errors: string[] = [];
      for (const { e } of files) {
        let inner: Uint8Array;
        try {
          inner = readZipEntry(bytes, e, MAX_INPUT_BYTES);
        } catch {
          errors.push(`${e.name}：无法解压`);
          continue;
        }
        const got = await this.tryFile(inner, `${name}/${e.name}`);
        if (got.found) return got;
        errors.push(`${e.name}：${got.error}`);
      }
      return { error: `ZIP 压缩包中没有年度报告${errors.length ? `（${errors.slice(0, 3).join('；')}）` : ''}` };
    }
    try {
      const loaded = await loadReportFromBytes(bytes, name);
      return { found: { bytes, name, report: loaded.report } };
    } catch (error) {
      if (error instanceof InputError) return { error: error.message };
      throw error;
    }
  }

  /** A found report: the same bytes seen before, a year not asked for, its organ placed, stored. */
  private async settle(address: string, from: string | undefined, got: { bytes: Uint8Array; name: string; report: Report }, form: FoundReport['form'], source: ReportSource, info: PageInfo | undefined): Promise<AddressOutcome> {
    const found: FoundReport = { ...got, form, sha256: sha256(got.bytes), source };
    const report = got.report;
    const years = this.options.years;
    if (years?.length && (report.meta.year === null || !years.includes(report.meta.year))) {
      return { address, from, kind: 'skipped', failure: 'year', reason: `报告年度为 ${report.meta.year ?? '不明'}，不在所要的 ${years.join('、')} 年度中`, found };
    }
    const earlier = this.shaSeen.get(found.sha256) ?? (await this.ledger.bySha(found.sha256))?.address;
    if (earlier && earlier !== address) {
      return { address, from, kind: 'duplicate', duplicateOf: earlier, reason: `与 ${earlier} 的报告内容完全相同`, found };
    }
    this.shaSeen.set(found.sha256, address);
    this.directory ??= this.importer ? this.importer.directory() : Promise.resolve({ organs: [], regions: [] });
    const directory = await this.directory;
    let placement = placeOrgan({ agency: report.meta.agency, title: info?.title, siteName: info?.siteName, host: new URL(source.page).host }, directory);
    if (this.options.organ) placement = { ...placement, organ: this.options.organ, confidence: 1, basis: '由使用者指定', known: directory.organs.some((o) => o.name === this.options.organ), candidates: placement.candidates };
    const findings = checkReport(report);
    if (!this.importer) return { address, from, kind: 'found', found, findings, placement };
    if (!placement.organ || (placement.confidence < this.options.threshold && !this.options.acceptOrgan)) {
      this.shaSeen.delete(found.sha256);
      const options = placement.candidates.filter((c) => c.organ).map((c) => `${c.organ}${c.region ? `（${c.region}）` : ''} ${c.confidence}`).join('；');
      return {
        address,
        from,
        kind: 'unconfirmed',
        failure: 'organ',
        reason: `机关不能确定（把握 ${placement.confidence}，低于 ${this.options.threshold}）：${placement.basis}${options ? `；候选：${options}` : ''}`,
        found,
        findings,
        placement,
      };
    }
    const stored = await this.importer.importReport(found.bytes, found.name, placement, source);
    // a new organ learnt here is known to the next report of the run
    if (!directory.organs.some((o) => o.name === stored.organ)) this.directory = this.importer.directory();
    return {
      address,
      from,
      kind: stored.created ? 'imported' : 'duplicate',
      reason: stored.created ? undefined : '报告库中已有内容完全相同的报告',
      found,
      findings: stored.findings,
      placement,
      reportId: stored.id,
      created: stored.created,
    };
  }

  /** A column page and its following pages: every report link, for the years asked. */
  private async column(address: string, finalUrl: string, first: PageInfo, firstBytes: Uint8Array): Promise<{ outcome: AddressOutcome; listed: string[] }> {
    const host = new URL(finalUrl).host;
    const visited = new Set<string>([addressKey(finalUrl), addressKey(address)]);
    // a column answers at /col/ and /col/index.html alike: the same page is read once
    const contents = new Set<string>([sha256(firstBytes)]);
    const toVisit = first.pages.filter((p) => new URL(p).host === host);
    const links = new Map<string, string>();
    const failures: string[] = [];
    const collect = (info: PageInfo) => {
      for (const l of info.links) if (looksLikeReportTitle(l.text) && !links.has(addressKey(l.url))) links.set(addressKey(l.url), l.text);
      for (const a of info.attachments) if (looksLikeReportTitle(a.text) && !links.has(addressKey(a.url))) links.set(addressKey(a.url), a.text);
    };
    collect(first);
    let pages = 1;
    while (toVisit.length && pages < this.options.maxPages) {
      const next = addressKey(toVisit.shift()!);
      if (visited.has(next)) continue;
      visited.add(next);
      try {
        const res = await this.http.get(next);
        if (sniff(res.bytes).form !== 'html') continue;
        visited.add(addressKey(res.finalUrl));
        const digest = sha256(res.bytes);
        if (contents.has(digest)) continue;
        contents.add(digest);
        const info = analysePage(decodePage(res.bytes, res.charset), res.finalUrl);
        pages++;
        collect(info);
        for (const p of info.pages) if (new URL(p).host === host && !visited.has(addressKey(p))) toVisit.push(p);
      } catch (error) {
        if (!(error instanceof FetchError)) throw error;
        failures.push(`${next}：${error.message}`);
      }
    }
    const years = this.options.years;
    const listed = [...links].filter(([, text]) => {
      if (!years?.length) return true;
      const y = yearOfTitle(text);
      // a title without a year is fetched, and its report's year decides
      return y === undefined || years.includes(y);
    });
    for (const v of visited) for (const [i, [u]] of listed.entries()) if (u === v) listed.splice(i, 1);
    return {
      outcome: {
        address,
        kind: 'column',
        links: listed.length,
        pages,
        reason: `栏目页：${pages} 页，${links.size} 个年报链接${years?.length ? `，其中 ${listed.length} 个属于 ${years.join('、')} 年度` : ''}${failures.length ? `；${failures.length} 页无法获取（${failures.slice(0, 3).join('；')}）` : ''}`,
      },
      listed: listed.map(([u]) => u),
    };
  }
}

/** Whether parsing found the statistics tables (an article body of prose alone is not the report). */
function hasTables(report: Report): boolean {
  const requests = report.requests as Record<string, unknown[]>;
  return Object.values(requests).some((row) => Array.isArray(row) && row.some((v) => typeof v === 'number'));
}
