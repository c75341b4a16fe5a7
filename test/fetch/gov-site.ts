/**
 * A government website on 127.0.0.1 for the fetch tests, shaped like the common CMSs: a 政府信息
 * 公开年报 column over three pages (TRS createPageHTML paging and 下一页 links, navigation, a side
 * column, a footer), article pages with the report as the body (UTF-8 and GBK), as a DOCX, PDF or
 * ZIP attachment, a Hanweb <publishtime>, a redirect, a 404, a slow page, a page that fails once
 * with 503, a huge attachment, an attachment that is no report, and a path robots.txt disallows.
 * The reports are the real seed reports (their text, renderings of their JSON, a PDF LibreOffice
 * printed) and generated ones.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { generateReport } from '../../src/model/generate.js';
import type { Report } from '../../src/model/report.js';
import { renderDocx } from '../../src/render/docx.js';
import { renderHtml } from '../../src/render/html.js';

const seedsDir = join(import.meta.dirname, '..', 'fixtures', 'seeds');

export interface Seed {
  name: string;
  text: Uint8Array;
  report: Report;
}

export function seeds(): Seed[] {
  return readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({
      name: f,
      text: new Uint8Array(readFileSync(join(seedsDir, f))),
      report: JSON.parse(readFileSync(join(seedsDir, f.replace(/\.txt$/, '.expected.json')), 'utf8')) as Report,
    }));
}

/** GBK bytes of a string (the reverse of TextDecoder('gbk') over its two-byte codes). */
let gbkTable: Map<string, number> | undefined;
export function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, (a << 8) | b);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const code = gbkTable.get(ch);
      if (code === undefined) out.push(0x3f);
      else out.push(code >> 8, code & 0xff);
    }
  }
  return new Uint8Array(out);
}

/** The <body> of a rendered report, for an article page. */
function bodyOf(html: string): string {
  return /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)![1];
}

interface Article {
  path: string;
  title: string;
  siteName: string;
  /** Shown in the page as text, and in a PubDate meta when `meta`. */
  date: string;
  dateStyle: 'meta' | 'label' | 'hanweb';
  body: string;
  attachments?: Array<{ href: string; text: string }>;
  gbk?: boolean;
}

export interface ExpectedReport {
  /** The article's address path on the site. */
  article: string;
  report: Report;
  published: string;
  form: 'page' | 'attachment';
}

export interface GovSite {
  url: string;
  /** Requests per path. */
  hits: Map<string, number>;
  expected: ExpectedReport[];
  /** A page outside the column whose organ needs confirming, and its report. */
  uncertain: ExpectedReport;
  /** Article paths that must fail, with the failure code expected. */
  failing: Record<string, string>;
  close(): Promise<void>;
}

function shell(a: Article): string {
  const meta = a.dateStyle === 'meta' ? `<meta name="PubDate" content="${a.date} 09:30">` : '';
  const dateLine =
    a.dateStyle === 'hanweb' ? `<span>发布时间：<publishtime>${a.date} 10:00:00</publishtime></span>` : a.dateStyle === 'label' ? `<span>发布日期：${a.date}</span>` : `<span>${a.date}</span>`;
  const attachments = a.attachments?.length
    ? `<div class="fujian"><p>附件：</p>${a.attachments.map((x) => `<p><a href="${x.href}">${x.text}</a></p>`).join('\n')}</div>`
    : '';
  return `<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=${a.gbk ? 'gb2312' : 'utf-8'}">
<meta name="SiteName" content="${a.siteName}">
<meta name="ColumnName" content="政府信息公开年报">
<meta name="ArticleTitle" content="${a.title}">
${meta}
<title>${a.title}_${a.siteName}</title>
<style>.nav li{display:inline}</style>
<script>var _hmt = _hmt || [];</script>
</head>
<body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="${a.siteName}"></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/col/ndbg/index.html">政府信息公开年报</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/col/ndbg/index.html">政府信息公开年报</a></div>
<div class="main">
<div class="article">
<h1 class="art_title">${a.title}</h1>
<div class="art_info">${dateLine}<span>来源：${a.siteName}</span><span>浏览次数：<script>document.write(1234)</script></span><a href="javascript:window.print()">【打印】</a></div>
<div class="TRS_Editor">
${a.body}
</div>
${attachments}
</div>
<div class="share"><a href="#">微信</a><a href="#">微博</a></div>
</div>
<div class="footer"><p>主办：${a.siteName}办公室　联系电话：0469-4000000</p><p>网站标识码：2305000001　备案号：黑ICP备00000000号</p><p><a href="/sitemap.html">网站地图</a> <a href="/contact.html">联系我们</a></p></div>
</body></html>`;
}

function columnPage(n: number, total: number, items: Array<{ href: string; title: string; date: string }>): string {
  const next = n + 1 < total ? `<a href="index_${n + 1}.html">下一页</a>` : '';
  const prev = n > 0 ? `<a href="${n === 1 ? 'index.html' : `index_${n - 1}.html`}">上一页</a>` : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="SiteName" content="宝山区人民政府"><title>政府信息公开年报_宝山区人民政府</title></head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>
<div class="left"><h3>热点信息</h3><ul><li><a href="/col/ndbg/202401/t20240118_101.html">宝山区七星街道办事处2023年政府信息公开工作年度报告</a></li><li><a href="/news/1.html">关于开展春季防火工作的通知</a></li></ul></div>
<div class="list">
<h2>政府信息公开年报</h2>
<ul>
${items.map((i) => `<li><a href="${i.href}" target="_blank" title="${i.title}">${i.title.length > 22 ? `${i.title.slice(0, 22)}…` : i.title}</a><span class="date">${i.date}</span></li>`).join('\n')}
</ul>
<div class="page"><script>createPageHTML(${total}, ${n}, "index", "html");</script>${prev}${next}</div>
</div>
<div class="footer"><p>主办：宝山区人民政府办公室</p><a href="/sitemap.html">网站地图</a></div>
</body></html>`;
}

export async function startGovSite(options: { slowMs?: number; hugeBytes?: number } = {}): Promise<GovSite> {
  const s = seeds();
  const g2022 = generateReport({ seed: 11, year: 2022, agency: '宝山区七星街道办事处' });
  const g2024 = generateReport({ seed: 12, year: 2024, agency: '宝山区东山街道办事处' });
  const [redDocx, g2024Docx] = await Promise.all([renderDocx(s[2].report), renderDocx(g2024)]);
  // printed by LibreOffice from nianbao's Word file (test/fixtures/fetch/make.ts)
  const pdf = new Uint8Array(readFileSync(join(seedsDir, '..', 'fetch', `${s[3].name.replace(/\.txt$/, '')}.pdf`)));
  const zip = zipSync({ '上塘街道2023年政府信息公开工作年度报告.txt': s[4].text, '图解.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]) });
  const notReportDocx = await renderDocx({ ...g2022, sections: [], requests: {}, review: {}, active: {} } as Report).catch(() => new Uint8Array());
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

  const files: Record<string, { bytes: Uint8Array; type: string; name?: string }> = {
    '/col/ndbg/202201/P020220125_hq.docx': { bytes: redDocx, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    '/col/ndbg/202201/P020220125_jd.docx': { bytes: notReportDocx, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    '/module/download/downfile.jsp': { bytes: pdf, type: 'application/octet-stream', name: '跃进街道2024年政府信息公开工作年度报告.pdf' },
    '/col/ndbg/202401/P020240125_st.zip': { bytes: zip, type: 'application/zip' },
    '/col/ndbg/202501/P020250110_ds.docx': { bytes: g2024Docx, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    '/col/ndbg/202401/tujie.png': { bytes: png, type: 'image/png' },
  };
  const titleOf = (r: Report) => `${r.meta.agency}${r.meta.year}年政府信息公开工作年度报告`;
  const articles: Article[] = [
    { path: '/col/ndbg/202401/t20240118_101.html', title: titleOf(s[0].report), siteName: '宝山区人民政府', date: '2024-01-18', dateStyle: 'meta', body: bodyOf(renderHtml(s[0].report, { charts: false })) },
    { path: '/col/ndbg/202401/t20240120_102.html', title: titleOf(s[1].report), siteName: '新乡市牧野区人民政府', date: '2024-01-20', dateStyle: 'label', body: bodyOf(renderHtml(s[1].report, { charts: false })), gbk: true },
    {
      path: '/col/ndbg/202201/t20220125_103.html', title: titleOf(s[2].report), siteName: '宝山区人民政府', date: '2022-01-25', dateStyle: 'label',
      body: '<p>现将宝山区红旗街道办事处2021年政府信息公开工作年度报告公布如下，详见附件。</p>',
      attachments: [{ href: 'P020220125_jd.docx', text: '政策解读：2021年度报告解读.docx' }, { href: 'P020220125_hq.docx', text: '宝山区红旗街道办事处2021年政府信息公开工作年度报告.docx' }],
    },
    {
      path: '/col/ndbg/202501/t20250115_104.html', title: titleOf(s[3].report), siteName: '宝山区人民政府', date: '2025-01-15', dateStyle: 'hanweb',
      body: '<p>宝山区跃进街道办事处2024年政府信息公开工作年度报告（PDF）。</p>',
      attachments: [{ href: '/module/download/downfile.jsp?classid=0&filename=P020250115.pdf', text: '跃进街道2024年年报.pdf' }],
    },
    {
      path: '/col/ndbg/202401/t20240125_105.html', title: titleOf(s[4].report), siteName: '杭州市拱墅区人民政府', date: '2024-01-25', dateStyle: 'meta',
      body: '<p>请下载附件查看。</p>', attachments: [{ href: 'P020240125_st.zip', text: '上塘街道2023年度报告（压缩包）' }],
    },
    { path: '/col/ndbg/202301/t20230110_106.html', title: titleOf(g2022), siteName: '宝山区人民政府', date: '2023-01-10', dateStyle: 'label', body: bodyOf(renderHtml(g2022, { charts: false })) },
    {
      path: '/col/ndbg/202501/t20250110_107.html', title: titleOf(g2024), siteName: '宝山区人民政府', date: '2025-01-10', dateStyle: 'meta',
      body: '<p>见附件。</p>', attachments: [{ href: 'P020250110_ds.docx', text: `${titleOf(g2024)}.docx` }],
    },
    {
      path: '/col/ndbg/202401/t20240118_108.html', title: '红旗街道2021年政府信息公开工作年度报告（转载）', siteName: '宝山区人民政府', date: '2024-01-18', dateStyle: 'label',
      body: '<p>转载。</p>', attachments: [{ href: '/col/ndbg/202201/P020220125_hq.docx', text: '红旗街道2021年年度报告.docx' }],
    },
    {
      path: '/col/ndbg/202401/t_huge.html', title: '宝山区城关镇人民政府2023年政府信息公开工作年度报告', siteName: '宝山区人民政府', date: '2024-01-30', dateStyle: 'label',
      body: '<p>见附件。</p>', attachments: [{ href: '/files/huge.pdf', text: '宝山区城关镇人民政府2023年政府信息公开工作年度报告.pdf' }],
    },
    {
      path: '/col/ndbg/202401/t_jiedu.html', title: '图解：宝山区2023年政府信息公开工作年度报告', siteName: '宝山区人民政府', date: '2024-02-01', dateStyle: 'label',
      body: '<p>一图读懂宝山区2023年政府信息公开工作年度报告。</p>'.repeat(3), attachments: [{ href: '/col/ndbg/202201/P020220125_jd.docx', text: '图解2023年度报告.docx' }],
    },
  ];
  // not in the column: a report whose organ the site contradicts (a person must confirm it)
  const xiangfu = generateReport({ seed: 13, year: 2023, agency: '拱墅区祥符街道办事处' });
  const uncertain: Article = { path: '/xhq/art/t_uncertain.html', title: titleOf(xiangfu), siteName: '杭州市西湖区人民政府', date: '2024-01-22', dateStyle: 'meta', body: bodyOf(renderHtml(xiangfu, { charts: false })) };
  const byPath = new Map([...articles, uncertain].map((a) => [a.path, a]));
  const listItems = [
    ...articles.slice(0, 5).map((a) => ({ href: a.path.replace('/col/ndbg/', ''), title: a.title, date: a.date })),
    { href: '/art/106', title: articles[5].title, date: articles[5].date },
    ...articles.slice(6, 8).map((a) => ({ href: a.path.replace('/col/ndbg/', ''), title: a.title, date: a.date })),
    { href: '202401/t20240101_404.html', title: '宝山区新华街道办事处2023年政府信息公开工作年度报告', date: '2024-01-01' },
    { href: '202401/slow.html', title: '宝山区和平街道办事处2023年政府信息公开工作年度报告', date: '2024-01-02' },
    ...articles.slice(8).map((a) => ({ href: a.path.replace('/col/ndbg/', ''), title: a.title, date: a.date })),
    { href: '/private/t_secret.html', title: '宝山区胜利街道办事处2023年政府信息公开工作年度报告', date: '2024-01-03' },
  ];
  const columns = [listItems.slice(0, 5), listItems.slice(5, 9), listItems.slice(9)];
  const hits = new Map<string, number>();
  let flaky = 0;
  const slowMs = options.slowMs ?? 3000;
  const hugeBytes = options.hugeBytes ?? 8 * 1024 * 1024;
  const timers = new Set<NodeJS.Timeout>();

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const send = (status: number, type: string, body: Uint8Array | string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(body);
    };
    if (path === '/robots.txt') return send(200, 'text/plain', 'User-agent: *\nDisallow: /private/\nAllow: /\n');
    const col = /^\/col\/ndbg\/(?:index(?:_(\d+))?\.html)?$/.exec(path);
    if (col) {
      const n = col[1] ? Number(col[1]) : 0;
      if (n >= columns.length) return send(404, 'text/html', 'not found');
      return send(200, 'text/html; charset=utf-8', columnPage(n, columns.length, columns[n]));
    }
    if (path === '/go/intranet') return send(302, 'text/html', '', { location: 'http://10.1.2.3/admin/' });
    if (path === '/go/loopback') return send(301, 'text/html', '', { location: `http://[::ffff:7f00:1]:${port}/col/ndbg/` });
    if (path === '/go/loop') return send(302, 'text/html', '', { location: '/go/loop2' });
    if (path === '/go/loop2') return send(302, 'text/html', '', { location: '/go/loop' });
    if (path === '/art/106') return send(302, 'text/html', '', { location: articles[5].path });
    if (path === '/col/ndbg/202501/t20250110_107.html' && flaky++ === 0) return send(503, 'text/html', 'busy');
    if (path === '/col/ndbg/202401/slow.html') {
      const t = setTimeout(() => send(200, 'text/html; charset=utf-8', '<html><body>late</body></html>'), slowMs);
      timers.add(t);
      return;
    }
    if (path === '/files/huge.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      const chunk = new Uint8Array(64 * 1024).fill(0x20);
      let sent = 0;
      const pump = () => {
        while (sent < hugeBytes) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => {});
      return pump();
    }
    const article = byPath.get(path);
    if (article) {
      const html = shell(article);
      return send(200, article.gbk ? 'text/html' : 'text/html; charset=utf-8', article.gbk ? encodeGbk(html) : html);
    }
    const file = files[path];
    if (file) return send(200, file.type, file.bytes, file.name ? { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}` } : {});
    return send(404, 'text/html; charset=utf-8', '<html><body><h1>404 页面不存在</h1></body></html>');
  };
  let port = 0;
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    expected: [
      { article: articles[0].path, report: s[0].report, published: '2024-01-18', form: 'page' },
      { article: articles[1].path, report: s[1].report, published: '2024-01-20', form: 'page' },
      { article: articles[2].path, report: s[2].report, published: '2022-01-25', form: 'attachment' },
      { article: articles[3].path, report: s[3].report, published: '2025-01-15', form: 'attachment' },
      { article: articles[4].path, report: s[4].report, published: '2024-01-25', form: 'attachment' },
      { article: '/art/106', report: g2022, published: '2023-01-10', form: 'page' },
      { article: articles[6].path, report: g2024, published: '2025-01-10', form: 'attachment' },
    ],
    uncertain: { article: uncertain.path, report: xiangfu, published: '2024-01-22', form: 'page' },
    failing: {
      '/col/ndbg/202401/t20240101_404.html': 'http-status',
      '/col/ndbg/202401/slow.html': 'timeout',
      '/col/ndbg/202401/t_huge.html': 'not-found',
      '/col/ndbg/202401/t_jiedu.html': 'not-found',
      '/private/t_secret.html': 'robots',
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
