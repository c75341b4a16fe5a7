/**
 * A polite, bounded HTTP client for report pages and attachments, on node:http/node:https (the
 * `lookup` hook lets every connection be checked against internal networks, which the global
 * fetch does not expose): a deadline per request, a size limit (also after decompression),
 * redirects followed a bounded number of times and each hop checked again, robots.txt obeyed,
 * a least interval between two requests to one site, and retries with exponential back-off on
 * 5xx, 429, timeouts and dropped connections — never on other 4xx.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { ALLOW_ALL, DISALLOW_ALL, MAX_ROBOTS_BYTES, parseRobots, type Robots } from './robots.js';
import { BlockedAddressError, guardedLookup, isInternalAddress } from './address-guard.js';

export const USER_AGENT = 'nianbao/0.1 (+https://github.com/nianbao; government information disclosure annual reports)';

export interface HttpOptions {
  /** Whole request, headers and body, in milliseconds. */
  timeoutMs: number;
  /** Largest body, in bytes, after decompression. */
  maxBytes: number;
  maxRedirects: number;
  /** Further attempts after the first, on 5xx/429/timeouts/dropped connections. */
  retries: number;
  /** First back-off, doubled on each retry. */
  backoffMs: number;
  /** Least time between the starts of two requests to one host. */
  intervalMs: number;
  /** Allow addresses in private, loopback and link-local networks (tests, intranets). */
  allowInternal: boolean;
  /** Hosts (name or name:port) allowed even when internal: an intranet site an administrator named. */
  allowHosts?: string[];
  /** Obey robots.txt. */
  robots: boolean;
  userAgent: string;
  /** Called before each wait for a retry (for logs). */
  onRetry?: (url: string, attempt: number, reason: string) => void;
}

export const DEFAULT_HTTP: HttpOptions = {
  timeoutMs: 30_000,
  maxBytes: 50 * 1024 * 1024,
  maxRedirects: 5,
  retries: 3,
  backoffMs: 1000,
  intervalMs: 1000,
  allowInternal: false,
  robots: true,
  userAgent: USER_AGENT,
};

/** Why an address could not be fetched, with a message for people and a code for machines. */
export type FetchFailure =
  | 'scheme'
  | 'bad-address'
  | 'internal-address'
  | 'robots'
  | 'http-status'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'network';

export class FetchError extends Error {
  constructor(
    readonly reason: FetchFailure,
    message: string,
    readonly status?: number,
    /** A network failure that will not go away by asking again (no such host, a bad certificate). */
    readonly lasting = false,
  ) {
    super(message);
    this.name = 'FetchError';
  }
  get retryable(): boolean {
    if (this.reason === 'timeout') return true;
    if (this.reason === 'network') return !this.lasting;
    return this.reason === 'http-status' && (this.status! >= 500 || this.status === 429);
  }
}

export interface HttpResponse {
  /** The address asked for. */
  url: string;
  /** The address answered, after redirects. */
  finalUrl: string;
  status: number;
  contentType: string;
  /** The charset the Content-Type header names, lower case. */
  charset?: string;
  /** The file name from Content-Disposition, if any. */
  fileName?: string;
  bytes: Uint8Array;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Parses an address and checks what can be checked before any connection. */
export function checkAddress(raw: string, allowInternal: boolean, allowHosts: readonly string[] = []): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new FetchError('bad-address', '不是有效的网址 / not a valid web address');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('scheme', `只能获取 http 或 https 网址，不接受 ${url.protocol.replace(':', '')} / only http(s)`);
  if (url.username || url.password) throw new FetchError('bad-address', '网址中不能含用户名或密码 / credentials in the address');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowInternal && !allowHosts.includes(url.host) && !allowHosts.includes(url.hostname)) {
    if (isIP(host) && isInternalAddress(host)) throw new FetchError('internal-address', `不允许获取内部网络地址（${host}）/ internal address refused`);
    if (/^(?:localhost|.*\.localhost|.*\.local|.*\.internal)$/i.test(host)) throw new FetchError('internal-address', `不允许获取内部网络地址（${host}）/ internal address refused`);
  }
  url.hash = '';
  return url;
}

function contentDispositionName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      const bytes = Uint8Array.from(star[2].trim().replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), (c) => c.charCodeAt(0));
      return new TextDecoder(/gb/i.test(star[1]) ? 'gb18030' : 'utf-8').decode(bytes);
    } catch {
      /* fall through to the plain form */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  if (!plain) return undefined;
  const v = plain[1].trim();
  // servers send raw UTF-8 or GBK bytes, which Node hands over as latin1
  const bytes = Uint8Array.from(v, (c) => c.charCodeAt(0) & 0xff);
  try {
    const utf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return /%[0-9a-f]{2}/i.test(utf8) ? decodeURIComponent(utf8) : utf8;
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Per-host turns: requests to one host start at least `interval` apart, in the order asked. */
class HostTurns {
  private next = new Map<string, Promise<void>>();
  async take(host: string, intervalMs: number): Promise<void> {
    const previous = this.next.get(host) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.next.set(host, previous.then(() => mine));
    await previous;
    // the next request may start once the interval has passed
    setTimeout(release, intervalMs).unref?.();
  }
}

export class HttpClient {
  readonly options: HttpOptions;
  private turns = new HostTurns();
  private robotsByOrigin = new Map<string, Promise<Robots>>();
  /** Requests made on the network (robots.txt included), for tests and the summary. */
  requests = 0;

  constructor(options: Partial<HttpOptions> = {}) {
    this.options = { ...DEFAULT_HTTP, ...options };
  }

  /** GET an address, following redirects and retrying transient failures. */
  async get(raw: string, options: { maxBytes?: number } = {}): Promise<HttpResponse> {
    let url = checkAddress(raw, this.options.allowInternal, this.options.allowHosts);
    const seen = new Set<string>();
    for (let hop = 0; ; hop++) {
      if (this.options.robots && !(await this.robotsFor(url)).allows(url.pathname + url.search)) {
        throw new FetchError('robots', `网站的 robots.txt 不允许获取 ${url.pathname} / disallowed by robots.txt`);
      }
      const res = await this.withRetries(url, options.maxBytes ?? this.options.maxBytes);
      if (res.location === undefined) return { ...res.response, url: raw, finalUrl: url.href };
      if (hop >= this.options.maxRedirects) throw new FetchError('too-many-redirects', `重定向超过 ${this.options.maxRedirects} 次 / too many redirects`);
      seen.add(url.href);
      let next: URL;
      try {
        next = new URL(res.location, url);
      } catch {
        throw new FetchError('bad-address', `重定向到无效的网址“${res.location.slice(0, 100)}” / bad redirect`);
      }
      url = checkAddress(next.href, this.options.allowInternal, this.options.allowHosts);
      if (seen.has(url.href)) throw new FetchError('too-many-redirects', '重定向形成循环 / redirect loop');
    }
  }

  private async robotsFor(url: URL): Promise<Robots> {
    const origin = url.origin;
    let got = this.robotsByOrigin.get(origin);
    if (!got) {
      got = (async () => {
        try {
          const res = await this.withRetries(new URL('/robots.txt', origin), MAX_ROBOTS_BYTES, true);
          if (res.location !== undefined) return ALLOW_ALL;
          return parseRobots(new TextDecoder('utf-8').decode(res.response.bytes), this.options.userAgent);
        } catch (error) {
          if (error instanceof FetchError) {
            // RFC 9309: no file (4xx) allows everything; a server that cannot answer disallows everything
            if (error.reason === 'http-status' && error.status! >= 400 && error.status! < 500) return ALLOW_ALL;
            if (error.reason === 'too-large') return ALLOW_ALL;
            return DISALLOW_ALL;
          }
          throw error;
        }
      })();
      this.robotsByOrigin.set(origin, got);
    }
    return got;
  }

  private async withRetries(url: URL, maxBytes: number, quiet = false): Promise<{ response: Omit<HttpResponse, 'url' | 'finalUrl'>; location?: string }> {
    for (let attempt = 0; ; attempt++) {
      const robots = this.options.robots && !quiet ? await this.robotsFor(url) : undefined;
      const delay = Math.max(this.options.intervalMs, Math.min((robots?.crawlDelay ?? 0) * 1000, 60_000));
      await this.turns.take(url.host, delay);
      try {
        return await this.once(url, maxBytes);
      } catch (error) {
        if (!(error instanceof FetchError) || !error.retryable || attempt >= this.options.retries) throw error;
        const wait = this.options.backoffMs * 2 ** attempt;
        this.options.onRetry?.(url.href, attempt + 1, error.message);
        await sleep(wait);
      }
    }
  }

  private once(url: URL, maxBytes: number): Promise<{ response: Omit<HttpResponse, 'url' | 'finalUrl'>; location?: string }> {
    this.requests++;
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (error: FetchError) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        req.destroy();
        reject(error);
      };
      const deadline = setTimeout(() => fail(new FetchError('timeout', `${Math.round(this.options.timeoutMs / 1000)} 秒内没有得到完整的回答 / timed out`)), this.options.timeoutMs);
      const req = lib.request(
        url,
        {
          method: 'GET',
          lookup: guardedLookup(this.options.allowInternal || !!this.options.allowHosts?.some((h) => h === url.host || h === url.hostname)) as unknown as typeof import('node:dns').lookup,
          headers: {
            'user-agent': this.options.userAgent,
            accept: 'text/html,application/xhtml+xml,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document,*/*;q=0.8',
            'accept-encoding': 'gzip, deflate, br',
            'accept-language': 'zh-CN,zh;q=0.9',
          },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const location = res.headers.location;
          if (status >= 300 && status < 400 && location && status !== 304) {
            res.resume();
            settled = true;
            clearTimeout(deadline);
            req.destroy();
            return resolve({ response: { status, contentType: '', bytes: new Uint8Array() }, location });
          }
          if (status < 200 || status >= 300) {
            res.resume();
            return fail(new FetchError('http-status', `服务器回答 ${status}${status === 404 ? '（页面不存在）' : status === 403 ? '（拒绝访问）' : status >= 500 ? '（服务器错误）' : ''} / HTTP ${status}`, status));
          }
          const declared = Number(res.headers['content-length'] ?? NaN);
          const tooLarge = () => new FetchError('too-large', `内容超过 ${maxBytes} 字节的上限 / response too large`);
          if (Number.isFinite(declared) && declared > maxBytes) {
            res.resume();
            return fail(tooLarge());
          }
          const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase().trim();
          let body: Readable = res;
          if (encoding === 'gzip' || encoding === 'x-gzip') body = res.pipe(createGunzip());
          else if (encoding === 'deflate') body = res.pipe(createInflate());
          else if (encoding === 'br') body = res.pipe(createBrotliDecompress());
          const chunks: Buffer[] = [];
          let size = 0;
          body.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) return fail(tooLarge());
            chunks.push(chunk);
          });
          body.on('error', () => fail(new FetchError('network', '内容解压失败或连接中断 / body could not be read')));
          res.on('aborted', () => fail(new FetchError('network', '连接中断 / connection dropped')));
          body.on('end', () => {
            if (settled) return;
            settled = true;
            clearTimeout(deadline);
            const contentType = String(res.headers['content-type'] ?? '').toLowerCase();
            const charset = /charset\s*=\s*"?([\w-]+)/.exec(contentType)?.[1];
            resolve({
              response: { status, contentType: contentType.split(';')[0].trim(), charset, fileName: contentDispositionName(res.headers['content-disposition']), bytes: new Uint8Array(Buffer.concat(chunks)) },
            });
          });
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error instanceof BlockedAddressError || (error as { code?: string }).code === 'EBLOCKEDADDRESS') {
          return fail(new FetchError('internal-address', `不允许获取内部网络地址（${(error as BlockedAddressError).host} → ${(error as BlockedAddressError).address}）/ internal address refused`));
        }
        const code = error.code ?? '';
        const what =
          code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? `找不到网站 ${url.hostname}（域名无法解析）`
          : code === 'ECONNREFUSED' ? `${url.host} 拒绝连接`
          : code === 'ECONNRESET' ? '连接被对方重置'
          : /CERT|SSL|TLS/i.test(code) ? `网站的 HTTPS 证书无效（${code}）`
          : `网络错误（${code || error.message}）`;
        const lasting = code === 'ENOTFOUND' || /CERT|SSL|TLS|ERR_INVALID/i.test(code);
        fail(new FetchError('network', `${what} / ${code || 'network error'}`, undefined, lasting));
      });
      req.end();
    });
  }
}
