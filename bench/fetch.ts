/**
 * Fetching from a government site on 127.0.0.1 (no interval between requests, so the figures are
 * the program's own cost, not the politeness a real site gets): a 年报 column of 10 list pages
 * linking 200 article pages, 150 with the report as the body and 50 with it as a Word attachment.
 * Reports per second found (read, parsed, checked), and found and stored in the embedded store;
 * and how fast a page is analysed (body, links, date) on its own.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateReport } from '../src/model/generate.js';
import { renderDocx } from '../src/render/docx.js';
import { renderHtml } from '../src/render/html.js';
import { HttpClient } from '../src/fetch/http.js';
import { MemoryLedger, StoreLedger } from '../src/fetch/ledger.js';
import { analysePage } from '../src/fetch/page.js';
import { Fetcher } from '../src/fetch/run.js';
import { storeImporter } from '../src/fetch/store-importer.js';
import { openStore } from '../src/store/index.js';

const ARTICLES = 200;
const WITH_DOCX = 50;
const PER_PAGE = 20;

function articleHtml(title: string, body: string, attachment?: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="SiteName" content="宝山区人民政府"><meta name="PubDate" content="2024-01-18 09:30"><title>${title}_宝山区人民政府</title></head>
<body><div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a></div><div class="main"><h1>${title}</h1><div class="info">发布日期：2024-01-18</div>
<div class="TRS_Editor">${body}</div>${attachment ? `<p>附件：<a href="${attachment}">${title}.docx</a></p>` : ''}</div><div class="footer">主办：宝山区人民政府办公室</div></body></html>`;
}

export async function run(): Promise<void> {
  const pages = new Map<string, { type: string; body: Uint8Array | string }>();
  const items: string[] = [];
  for (let i = 0; i < ARTICLES; i++) {
    const report = generateReport({ seed: 1000 + i, year: 2023 });
    const title = `${report.meta.agency}2023年政府信息公开工作年度报告`;
    const path = `/col/ndbg/2024/t${i}.html`;
    if (i < WITH_DOCX) {
      pages.set(`/files/r${i}.docx`, { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body: await renderDocx(report) });
      pages.set(path, { type: 'text/html; charset=utf-8', body: articleHtml(title, '<p>现将报告公布如下，详见附件。</p>', `/files/r${i}.docx`) });
    } else {
      const html = renderHtml(report, { charts: false });
      pages.set(path, { type: 'text/html; charset=utf-8', body: articleHtml(title, /<body[^>]*>([\s\S]*)<\/body>/.exec(html)![1]) });
    }
    items.push(`<li><a href="${path}" title="${title}">${title}</a><span>2024-01-18</span></li>`);
  }
  const listPages = Math.ceil(ARTICLES / PER_PAGE);
  for (let p = 0; p < listPages; p++) {
    const next = p + 1 < listPages ? `<a href="index_${p + 1}.html">下一页</a>` : '';
    pages.set(p === 0 ? '/col/ndbg/index.html' : `/col/ndbg/index_${p}.html`, {
      type: 'text/html; charset=utf-8',
      body: `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><ul>${items.slice(p * PER_PAGE, (p + 1) * PER_PAGE).join('')}</ul><div class="page">${next}</div></body></html>`,
    });
  }
  const server = createServer((req, res) => {
    const page = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': page.type }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = () => new HttpClient({ allowInternal: true, intervalMs: 0, retries: 0 });

  const sample = String(pages.get(`/col/ndbg/2024/t${WITH_DOCX}.html`)!.body);
  const n = 300;
  let t0 = performance.now();
  for (let i = 0; i < n; i++) analysePage(sample, `${base}/col/ndbg/2024/t1.html`);
  let ms = performance.now() - t0;
  console.log(`${'article page analysed (body, links, date)'.padEnd(52)} ${(n / (ms / 1000)).toFixed(0).padStart(6)} /s   (${(ms / n).toFixed(2)} ms each, ${(sample.length / 1024).toFixed(0)} KB page)`);

  for (const concurrency of [1, 4]) {
    t0 = performance.now();
    const out = await new Fetcher(client(), new MemoryLedger(), { concurrency }).run([`${base}/col/ndbg/index.html`]);
    ms = performance.now() - t0;
    const found = out.filter((o) => o.kind === 'found').length;
    console.log(`${`column → ${found} reports found, read, checked (concurrency ${concurrency})`.padEnd(52)} ${(found / (ms / 1000)).toFixed(1).padStart(6)} /s   (${(ms / 1000).toFixed(1)} s)`);
  }
  const store = await openStore({ dataDir: 'memory://' });
  t0 = performance.now();
  // the generated organs lie in ten districts, the site is one district's: accept the organs they name
  const out = await new Fetcher(client(), new StoreLedger(store.db), { concurrency: 4, acceptOrgan: true }, storeImporter(store)).run([`${base}/col/ndbg/index.html`]);
  ms = performance.now() - t0;
  const imported = out.filter((o) => o.kind === 'imported').length;
  console.log(`${`column → ${imported} reports stored (PGlite, concurrency 4)`.padEnd(52)} ${(imported / (ms / 1000)).toFixed(1).padStart(6)} /s   (${(ms / 1000).toFixed(1)} s)`);
  t0 = performance.now();
  await new Fetcher(client(), new StoreLedger(store.db), { concurrency: 4, acceptOrgan: true }, storeImporter(store)).run([`${base}/col/ndbg/index.html`]);
  console.log(`${'the same column again (everything fetched before)'.padEnd(52)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
  await store.close();
  server.close();
  console.log('reproduce: npm run bench -- fetch');
}
