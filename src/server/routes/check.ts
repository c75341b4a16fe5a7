/** 核查: drop files or paste text, see each report in the official layout with its findings. */
import { Hono } from 'hono';
import type { Ctx, Env } from '../context.js';
import { h, type Safe } from '../html.js';
import { forbidden, render, requireLogin, userOf } from '../pages.js';
import { renderFindingList, renderMeta, renderReportView, sortFindings } from '../report-view.js';
import { checkUpload, download, exportReport, readUploads, reportBaseName, UploadError, type ExportFormat } from '../service.js';
import { canEditOrgan } from '../access.js';
import { createDraft, findDraft } from '../drafts.js';
import type { CheckResult } from '../check-cache.js';

function checkForm(c: Ctx, error?: string): Safe {
  const limits = c.get('s').limits;
  return h`<h1>核查报告</h1>
<p class="lead">把年度报告拖到下面（可一次多份：Word、PDF、网页、文本均可），或把报告全文粘贴进来。逐格核对表格的勾稽关系、版式、章节和正文数字，问题直接标在单元格上。</p>
${error ? h`<p class="flash error" role="alert">${error}</p>` : ''}
<form method="post" action="/check" enctype="multipart/form-data" class="check-form" id="check-form">
<input type="hidden" name="_csrf" value="${c.get('csrf')}">
<div class="drop" id="drop">
<input type="file" name="files" id="files" multiple accept=".docx,.doc,.pdf,.html,.htm,.txt,.md,text/plain,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword">
<label for="files"><strong>选择文件</strong> 或拖到这里</label>
<p class="muted small">每个文件不超过 ${Math.round(limits.fileBytes / 1048576)} MB，一次最多 ${limits.files} 个</p>
<ul class="picked" id="picked" aria-live="polite"></ul>
</div>
<details class="paste"${error ? ' open' : ''}><summary>或者粘贴报告全文</summary>
<textarea name="text" rows="10" maxlength="${limits.textChars}" placeholder="从网页或 Word 中复制整份报告，粘贴到这里"></textarea>
</details>
<p><button type="submit" class="primary big">开始核查</button></p>
</form>`;
}

function summaryRow(r: CheckResult): Safe {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of r.findings) counts[f.severity]++;
  if (r.error) return h`<tr class="bad"><td>${r.file}</td><td colspan="3">无法读取：${r.error}</td><td></td></tr>`;
  return h`<tr><td><a href="/check/${r.id}">${r.file}</a></td><td>${r.report?.meta.agency ?? '（未识别）'}</td><td>${r.report?.meta.year ?? ''}</td>
<td>${counts.error ? h`<span class="pill sev-error">错误 ${counts.error}</span>` : ''}${counts.warning ? h`<span class="pill sev-warning">警告 ${counts.warning}</span>` : ''}${!counts.error && !counts.warning ? h`<span class="pill ok">无错误</span>` : ''}</td>
<td><a class="button small" href="/check/${r.id}">查看</a></td></tr>`;
}

export function resultPage(c: Ctx, r: CheckResult) {
  const user = userOf(c);
  const report = r.report!;
  const findings = sortFindings(r.findings);
  const canDraft = report.meta.agency && report.meta.year && (user.role === 'clerk' || user.role === 'admin') && canEditOrgan(user, report.meta.agency, c.get('s').reports);
  const csrf = c.get('csrf');
  return render(
    c,
    { title: `核查：${r.file}`, nav: 'check', wide: true, scripts: ['/assets/report.js'] },
    h`<div class="result-head">
<div><p class="crumbs"><a href="/check">核查报告</a> › ${r.file}</p>
<h1>${report.meta.title ?? r.file}</h1>${renderMeta(report)}</div>
<div class="actions">
<a class="button" href="/check/${r.id}/download.docx">下载 Word</a>
<a class="button" href="/check/${r.id}/download.html">下载网页</a>
<a class="button" href="/check/${r.id}/download.json">下载 JSON</a>
${canDraft ? h`<form method="post" action="/check/${r.id}/draft" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="primary">在填报表中修改</button></form>` : ''}
</div></div>
<div class="split">
<article class="paper" aria-label="报告">${renderReportView(report, { findings })}</article>
<aside class="side" aria-label="核查结果"><div class="sticky"><h2>核查结果</h2>${renderFindingList(findings)}
<p class="muted small">点击问题可定位到表格中的单元格；鼠标移到标记上可看说明。</p></div></aside>
</div>`,
  );
}

export function checkRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/check', requireLogin());
  app.use('/check/*', requireLogin());

  app.get('/check', (c) => render(c, { title: '核查报告', nav: 'check', scripts: ['/assets/check.js'] }, checkForm(c)));

  app.post('/check', async (c) => {
    const s = c.get('s');
    let uploads;
    try {
      uploads = await readUploads(c);
    } catch (error) {
      if (error instanceof UploadError) return render(c, { title: '核查报告', nav: 'check', scripts: ['/assets/check.js'] }, checkForm(c, error.message), error.status === 413 ? 413 : 400);
      throw error;
    }
    if (!uploads.length) return render(c, { title: '核查报告', nav: 'check', scripts: ['/assets/check.js'] }, checkForm(c, '请选择文件或粘贴报告文字。'), 400);
    const results: CheckResult[] = [];
    for (const u of uploads) {
      const checked = await checkUpload(u, s.reports);
      results.push(s.checks.put({ userId: userOf(c).id, ...checked }));
    }
    if (results.length === 1 && results[0].report) return c.redirect(`/check/${results[0].id}`, 303);
    return render(
      c,
      { title: '核查结果', nav: 'check' },
      h`<p class="crumbs"><a href="/check">核查报告</a> › 结果</p><h1>核查结果（${results.length} 份）</h1>
<table class="list"><thead><tr><th>文件</th><th>机关</th><th>年度</th><th>问题</th><th></th></tr></thead><tbody>${results.map(summaryRow)}</tbody></table>
<p><a class="button" href="/check">继续核查</a></p>`,
      results.some((r) => r.report) ? 200 : 422,
    );
  });

  app.get('/check/:id', (c) => {
    const r = c.get('s').checks.get(c.req.param('id'), userOf(c).id);
    if (!r?.report) return c.notFound();
    return resultPage(c, r);
  });

  // One route per format: Hono's router mishandles `name.:param` segments next to other routes.
  for (const fmt of ['json', 'docx', 'html'] as ExportFormat[]) {
    app.get(`/check/:id/download.${fmt}`, async (c) => {
      const r = c.get('s').checks.get(c.req.param('id'), userOf(c).id);
      if (!r?.report) return c.notFound();
      return download(c, await exportReport(r.report, fmt, fmt === 'json' ? r.findings : undefined), fmt, reportBaseName(r.report));
    });
  }

  app.post('/check/:id/draft', async (c) => {
    const s = c.get('s');
    const user = userOf(c);
    const r = s.checks.get(c.req.param('id'), user.id);
    const report = r?.report;
    if (!report?.meta.agency || !report.meta.year) return c.notFound();
    if (!canEditOrgan(user, report.meta.agency, s.reports)) return forbidden(c);
    const organ = user.role === 'clerk' ? user.organ! : report.meta.agency;
    const existing = await findDraft(s.db, organ, report.meta.year);
    if (existing) {
      return render(
        c,
        { title: '已有草稿', nav: 'drafts' },
        h`<section class="card narrow"><h1>已有 ${report.meta.year} 年的草稿</h1><p>${organ} 已有 ${report.meta.year} 年度的草稿（最后保存于 ${existing.updatedAt.slice(0, 10)}）。为避免覆盖，请先打开该草稿，或删除后再从这份报告创建。</p><p><a class="button primary" href="/drafts/${existing.id}">打开已有草稿</a></p></section>`,
        409,
      );
    }
    const draft = await createDraft(s.db, organ, report.meta.year, { ...report, meta: { ...report.meta, agency: organ } }, user.id);
    return c.redirect(`/drafts/${draft.id}`, 303);
  });

  return app;
}

