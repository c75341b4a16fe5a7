/**
 * The parts of fetching on their own: robots.txt rules, which addresses are refused (no request
 * reaches an internal network, also through a redirect), what a government page says (body, date,
 * attachments, paging), decoding GBK pages, organs placed with a confidence, address lists.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAddress, FetchError, HttpClient } from '../../src/fetch/http.js';
import { guardedLookup, isInternalAddress } from '../../src/fetch/address-guard.js';
import { parseRobots } from '../../src/fetch/robots.js';
import { analysePage, looksLikeReportTitle, publishedDate, yearOfTitle } from '../../src/fetch/page.js';
import { decodePage, Fetcher, parseAddressList } from '../../src/fetch/run.js';
import { MemoryLedger } from '../../src/fetch/ledger.js';
import { organIdentity, organOfTitle, placeOrgan, regionOfSite, type OrganDirectory } from '../../src/fetch/organ.js';
import { encodeGbk, startGovSite, type GovSite } from './gov-site.js';

let site: GovSite;
before(async () => {
  site = await startGovSite({ slowMs: 300 });
});
after(() => site.close());

test('robots.txt: our group or *, longest match wins, Allow on a tie, wildcards, crawl-delay', () => {
  const robots = parseRobots(
    `# comment
User-agent: Googlebot
Disallow: /

User-agent: *
Crawl-delay: 2
Disallow: /private/
Allow: /private/public/
Disallow: /*.jsp$
Disallow: /search?
Disallow: /%E5%B9%B4%E6%8A%A5/draft
`,
    'nianbao/0.1',
  );
  assert.equal(robots.allows('/col/ndbg/index.html'), true);
  assert.equal(robots.allows('/private/a.html'), false);
  assert.equal(robots.allows('/private/public/a.html'), true);
  assert.equal(robots.allows('/module/download/downfile.jsp'), false);
  assert.equal(robots.allows('/module/download/downfile.jsp?id=1'), true, '$ anchors the end, a query follows');
  assert.equal(robots.allows('/search?q=1'), false);
  assert.equal(robots.allows('/年报/draft'), false, 'non-ASCII paths compared percent-encoded');
  assert.equal(robots.allows('/robots.txt'), true);
  assert.equal(robots.crawlDelay, 2);
  const own = parseRobots('User-agent: *\nDisallow: /\n\nUser-agent: nianbao\nDisallow: /x\n', 'nianbao/0.1');
  assert.equal(own.allows('/a'), true, 'our own group replaces *');
  assert.equal(own.allows('/x/1'), false);
  assert.equal(parseRobots('User-agent: *\nDisallow:\n', 'nianbao').allows('/a'), true, 'an empty Disallow allows all');
});

test('internal networks refused: literal addresses, names, mapped IPv6, resolved names', async () => {
  for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::a01:203']) {
    assert.equal(isInternalAddress(ip), true, ip);
  }
  for (const ip of ['59.36.1.1', '2400:3200::1', '8.8.8.8']) assert.equal(isInternalAddress(ip), false, ip);
  const refused = (raw: string, reason: string) =>
    assert.throws(() => checkAddress(raw, false), (e: unknown) => e instanceof FetchError && e.reason === reason, raw);
  refused('http://127.0.0.1:8080/', 'internal-address');
  refused('http://0x7f000001/', 'internal-address');
  refused('http://2130706433/', 'internal-address');
  refused('http://[::1]/', 'internal-address');
  refused('http://localhost/', 'internal-address');
  refused('http://169.254.169.254/latest/meta-data/', 'internal-address');
  refused('file:///etc/passwd', 'scheme');
  refused('ftp://example.gov.cn/a.pdf', 'scheme');
  refused('gopher://example.gov.cn/', 'scheme');
  refused('http://user:pw@example.gov.cn/', 'bad-address');
  refused('不是网址', 'bad-address');
  assert.equal(checkAddress('https://www.gov.cn/zhengce/#top', false).href, 'https://www.gov.cn/zhengce/');
  // a name is checked on the address it resolves to, at connection time
  const error = await new Promise<Error | null>((resolve) => guardedLookup(false)('localhost', {}, (e) => resolve(e)));
  assert.match(String(error?.message), /内部网络/);
});

test('a redirect into an internal network is refused; the allowed site is the only exception', async () => {
  const port = new URL(site.url).host;
  const http = new HttpClient({ allowHosts: [port], intervalMs: 0, retries: 0, timeoutMs: 2000 });
  const res = await http.get(`${site.url}/col/ndbg/`);
  assert.equal(res.status, 200);
  const before = http.requests;
  await assert.rejects(http.get(`${site.url}/go/intranet`), (e: unknown) => e instanceof FetchError && e.reason === 'internal-address');
  await assert.rejects(http.get(`${site.url}/go/loopback`), (e: unknown) => e instanceof FetchError && e.reason === 'internal-address');
  assert.equal(http.requests - before, 2, 'the internal hops were never requested');
  await assert.rejects(http.get(`${site.url}/go/loop`), (e: unknown) => e instanceof FetchError && e.reason === 'too-many-redirects');
  const strict = new HttpClient({ intervalMs: 0, retries: 0 });
  await assert.rejects(strict.get(`${site.url}/col/ndbg/`), (e: unknown) => e instanceof FetchError && e.reason === 'internal-address');
  assert.equal(strict.requests, 0);
});

test('a page that only sends on to a file (meta refresh): the file is the report', async () => {
  const out = await new Fetcher(new HttpClient({ allowInternal: true, intervalMs: 0, retries: 0 }), new MemoryLedger()).run([`${site.url}/go/refresh`]);
  assert.equal(out.length, 1);
  assert.equal(out[0].kind, 'found', out[0].reason);
  assert.equal(out[0].found?.form, 'file');
  assert.equal(out[0].found?.report.meta.agency, '宝山区红旗街道办事处');
  assert.equal(new URL(out[0].found!.source.url).pathname, '/col/ndbg/202201/P020220125_hq.docx');
});

test('requests to one site wait their turn', async () => {
  const http = new HttpClient({ allowInternal: true, intervalMs: 150, retries: 0 });
  const started = Date.now();
  await Promise.all([1, 2, 3].map(() => http.get(`${site.url}/col/ndbg/index_1.html`)));
  // robots.txt, then three pages: three intervals at least
  assert.ok(Date.now() - started >= 440, `${Date.now() - started} ms`);
});

test('a government article page: title, site, publication date, attachments, the body without navigation', () => {
  const html = `<html><head><meta charset="utf-8"><meta name="SiteName" content="宝山区人民政府"><title>关于2023年度报告_宝山区人民政府</title></head>
<body><div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a></div>
<div class="position">当前位置：首页 > 年报</div>
<h1 class="title">宝山区七星街道办事处2023年政府信息公开工作年度报告</h1>
<div class="info">发布时间：2024年1月18日 来源：七星街道　成文日期：2023-12-30</div>
<div id="zoom"><p>${'本报告根据《中华人民共和国政府信息公开条例》编制。'.repeat(10)}</p><table><tr><td>规章</td><td>0</td></tr></table>
<p>附件：<a href="/files/2024/年报.docx">年报.docx</a> <a href="down.jsp?filename=%E5%B9%B4%E6%8A%A5.pdf">下载</a></p></div>
<div class="footer">版权所有 宝山区人民政府 电话 0469-1234567 <a href="/files/guide.pdf">网站使用指南</a></div></body></html>`;
  const info = analysePage(html, 'http://www.example.gov.cn/col/ndbg/t1.html');
  assert.equal(info.title, '宝山区七星街道办事处2023年政府信息公开工作年度报告');
  assert.equal(info.siteName, '宝山区人民政府');
  assert.equal(info.published, '2024-01-18', '发布时间, not 成文日期');
  assert.deepEqual(info.attachments.map((a) => a.url), ['http://www.example.gov.cn/files/2024/%E5%B9%B4%E6%8A%A5.docx', 'http://www.example.gov.cn/col/ndbg/down.jsp?filename=%E5%B9%B4%E6%8A%A5.pdf']);
  assert.ok(info.body && info.body.includes('本报告根据') && !info.body.includes('当前位置') && !info.body.includes('版权所有'));
  assert.ok(info.body!.includes('<h1>宝山区七星街道办事处2023年'), 'the title, outside the body, put at its head');
});

test('publication dates: meta tags, Hanweb <publishtime>, labels; dates that are not publication dates ignored', () => {
  assert.equal(publishedDate(new Map([['pubdate', '2024-01-18 09:30']]), undefined, ''), '2024-01-18');
  assert.equal(publishedDate(new Map(), '2025-01-15 10:00:00', ''), '2025-01-15');
  assert.equal(publishedDate(new Map(), undefined, '成文日期：2023-12-30 发布日期：2024/1/8'), '2024-01-08');
  assert.equal(publishedDate(new Map(), undefined, '日期：2024-02-30'), undefined, 'no 30 February');
  assert.equal(publishedDate(new Map(), undefined, '信息时间：2024-03-01'), '2024-03-01');
  assert.equal(publishedDate(new Map(), undefined, '截止日期：2024-03-01'), undefined);
});

test('column pages: paging by createPageHTML, 下一页, ?page=, and Hanweb lists inside script', () => {
  const trs = analysePage(`<html><body><ul><li><a href="./202401/t1.html" title="宝山区2023年政府信息公开工作年度报告">宝山区2023年政府信息…</a></li></ul>
<script>createPageHTML(3, 0, "index", "shtml");</script><a href="?page=2">下一页</a></body></html>`, 'http://x.gov.cn/col/ndbg/index.shtml');
  assert.deepEqual(
    [...trs.pages].sort(),
    ['http://x.gov.cn/col/ndbg/index.shtml', 'http://x.gov.cn/col/ndbg/index.shtml?page=2', 'http://x.gov.cn/col/ndbg/index_1.shtml', 'http://x.gov.cn/col/ndbg/index_2.shtml'],
  );
  assert.equal(trs.links.find((l) => l.url.endsWith('t1.html'))?.text, '宝山区2023年政府信息公开工作年度报告', 'the whole title from the title attribute');
  const hanweb = analysePage(`<html><body><div id="1234"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1">]]></nextgroup>
<recordset><record><![CDATA[<li><a href="/art/2024/1/18/art_1_1.html" title="七星街道2023年度政府信息公开工作年度报告">七星街道…</a></li>]]></record></recordset></datastore></script></div></body></html>`, 'http://x.gov.cn/col/col1/index.html');
  assert.ok(hanweb.links.some((l) => l.url === 'http://x.gov.cn/art/2024/1/18/art_1_1.html' && looksLikeReportTitle(l.text)));
  assert.equal(yearOfTitle('七星街道2023年度政府信息公开工作年度报告'), 2023);
  assert.equal(yearOfTitle('2024年1月18日 关于2023年政府信息公开工作年度报告的说明'), 2023);
  assert.equal(looksLikeReportTitle('关于开展春季防火工作的通知'), false);
  assert.equal(looksLikeReportTitle('宝山区七星街道办事处2023年政府信息公开工作年…'), true, 'a title cut short');
  assert.equal(looksLikeReportTitle('政府信息公开指南'), false);
  assert.equal(looksLikeReportTitle('XX局2022年政务公开工作年度报告'), true);
});

test('GBK pages: declared in the page, or only in the Content-Type header', () => {
  const text = '<html><body><p>宝山区七星街道办事处政府信息公开工作年度报告</p></body></html>';
  const declared = encodeGbk(`<html><head><meta charset="gbk"></head>${text.slice(6)}`);
  assert.match(decodePage(declared), /七星街道办事处政府信息公开/);
  const bare = encodeGbk(text);
  assert.match(decodePage(bare, 'gbk'), /七星街道办事处政府信息公开/);
  assert.match(decodePage(bare, 'gb18030'), /七星街道办事处政府信息公开/);
  assert.match(decodePage(new TextEncoder().encode(text), 'gbk'), /七星街道办事处/, 'UTF-8 bytes under a wrong header still read as UTF-8');
});

test('organs: the report’s own organ, known organs, the site’s region, conflicts lower the confidence', () => {
  // as the store holds them: keys and region paths from the organ's name and the division codes
  const stored = (name: string, region: string) => ({ name, key: organIdentity(name).key, region });
  const directory: OrganDirectory = {
    organs: [stored('宝山区七星街道办事处', '黑龙江省/双鸭山市/宝山区'), stored('尖山区七星街道办事处', '黑龙江省/双鸭山市/尖山区')],
    regions: ['黑龙江省/双鸭山市/宝山区', '黑龙江省/双鸭山市/尖山区', '上海市/宝山区'],
  };
  const known = placeOrgan({ agency: '宝山区七星街道办事处', siteName: '宝山区人民政府' }, directory);
  assert.equal(known.organ, '宝山区七星街道办事处');
  assert.equal(known.known, true);
  assert.equal(known.confidence, 1);
  // the report leaves out its district: the site tells which 七星街道
  const short = placeOrgan({ agency: '七星街道办事处', siteName: '尖山区人民政府' }, directory);
  assert.equal(short.organ, '尖山区七星街道办事处');
  assert.ok(short.confidence >= 0.8 && short.confidence < 1);
  const unknownSite = placeOrgan({ agency: '七星街道办事处' }, directory);
  assert.ok(unknownSite.confidence < 0.8, 'two 七星街道 and no site to tell them apart');
  assert.ok(unknownSite.candidates.length >= 2);
  const alone = placeOrgan({ agency: '平原镇人民政府' }, directory);
  assert.equal(alone.organ, '平原镇人民政府');
  assert.equal(alone.confidence, 0.8, 'a new organ the report names, nothing against it: stored, region open');
  assert.equal(alone.region, null);
  const conflict = placeOrgan({ agency: '拱墅区上塘街道办事处', siteName: '杭州市西湖区人民政府' }, directory);
  assert.ok(conflict.confidence < 0.8, `${conflict.confidence} ${conflict.basis}`);
  const untitled = placeOrgan({ agency: null, title: '宝山区红旗街道办事处2021年政府信息公开工作年度报告', siteName: '宝山区人民政府' }, directory);
  assert.equal(untitled.organ, '宝山区红旗街道办事处');
  assert.ok(untitled.confidence < 0.8, 'an organ from the title alone is confirmed by a person');
  assert.equal(organOfTitle('关于宝山区财政局2023年度政府信息公开工作年度报告'), '宝山区财政局');
  // the report leaves out its district, the article's title has it
  const fuller = placeOrgan({ agency: '东山街道办事处', title: '宝山区东山街道办事处2024年政府信息公开工作年度报告', siteName: '宝山区人民政府' }, directory);
  assert.equal(fuller.organ, '宝山区东山街道办事处');
  assert.ok(fuller.confidence >= 0.8);
  assert.deepEqual(regionOfSite('上海市宝山区人民政府门户网站'), ['上海市', '宝山区']);
});

test('address lists: one a line or separated by spaces, comments, duplicates once', () => {
  assert.deepEqual(parseAddressList('# 宝山区\nhttp://a.gov.cn/1.html\n\nhttp://a.gov.cn/2.html http://a.gov.cn/1.html  # again\r\nhttp://b.gov.cn/'), [
    'http://a.gov.cn/1.html',
    'http://a.gov.cn/2.html',
    'http://b.gov.cn/',
  ]);
});
