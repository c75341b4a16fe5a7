/** 填报: the clerk's drafts, a form in the official layout with live totals and findings. */
import { Hono } from 'hono';
import type { Ctx, Env } from '../context.js';
import { h, jsonBlock } from '../html.js';
import { forbidden, fmtTime, intParam, render, requireLogin, userOf } from '../pages.js';
import { renderFindingList, renderReportView, sortFindings } from '../report-view.js';
import { canEditOrgan } from '../access.js';
import { blankReport, createDraft, deleteDraft, findDraft, getDraft, listDrafts, reviewsFor, type Draft, type Review } from '../drafts.js';
import { checkWithContext, download, exportReport, renderText, reportBaseName, type ExportFormat } from '../service.js';
import type { User } from '../auth.js';
import type { Report } from '../../model/report.js';
import { LAYOUTS } from '../../model/layouts.js';

export async function previousReportFor(c: Ctx, organ: string, year: number): Promise<{ report: Report; source: string } | undefined> {
  const s = c.get('s');
  const stored = s.reports ? await s.reports.forOrganYear(organ, year - 1).catch(() => undefined) : undefined;
  if (stored) return { report: stored.report, source: `报告库中的 ${year - 1} 年报告` };
  const draft = await findDraft(s.db, organ, year - 1);
  if (draft) return { report: draft.report, source: `${year - 1} 年草稿` };
  return undefined;
}

/** Creates the draft (or finds the one already there). */
export async function startDraft(c: Ctx, user: User, organ: string, year: number, fromPrevious: boolean): Promise<{ draft: Draft; created: boolean; source?: string }> {
  const s = c.get('s');
  const existing = await findDraft(s.db, organ, year);
  if (existing) return { draft: existing, created: false };
  const prev = fromPrevious ? await previousReportFor(c, organ, year) : undefined;
  const draft = await createDraft(s.db, organ, year, blankReport(organ, year, prev?.report), user.id);
  return { draft, created: true, source: prev?.source };
}

export function draftOrganFor(user: User, asked: string | undefined): string | undefined {
  if (user.role === 'clerk') return user.organ ?? undefined;
  const organ = asked?.trim();
  return organ && organ.length <= 80 ? organ : undefined;
}

export function draftRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/drafts', requireLogin('clerk', 'admin'));
  app.use('/drafts/*', requireLogin('clerk', 'admin'));

  app.get('/drafts', async (c) => {
    const s = c.get('s');
    const user = userOf(c);
    const drafts = await listDrafts(s.db, user.role === 'clerk' ? user.organ! : undefined);
    const nextYear = new Date().getFullYear() - 1;
    const organs = user.role === 'admin' && s.reports ? await s.reports.organs().catch(() => []) : [];
    const submitted = user.role === 'clerk' && s.reports ? await s.reports.list({ organ: user.organ! }).catch(() => []) : [];
    const reviews = new Map<string, Review | undefined>();
    for (const r of submitted) if (r.year) reviews.set(r.id, (await reviewsFor(s.db, r.organ, r.year))[0]);
    return render(
      c,
      { title: '填报年报', nav: 'drafts' },
      h`<h1>填报年报</h1>
<p class="lead">按国办公开办函〔2021〕30号的格式逐格填写。合计和总计自动计算，问题随填随查，草稿自动保存在服务器上，完成后导出 Word。</p>
<div class="cols">
<section class="card"><h2>新建年报</h2>
<form method="post" action="/drafts" class="stack">
<input type="hidden" name="_csrf" value="${c.get('csrf')}">
${user.role === 'clerk'
  ? h`<p>机关：<strong>${user.organ}</strong></p>`
  : h`<label>机关<input name="organ" required maxlength="80" list="organ-list" placeholder="例如：宝山区七星街道办事处"></label><datalist id="organ-list">${organs.map((o) => h`<option value="${o.name}">`)}</datalist>`}
<label>年度<input name="year" type="number" min="2008" max="2100" value="${nextYear}" required></label>
<label class="check"><input type="checkbox" name="fromPrevious" value="1" checked> 从上年报告开始（“上年结转”取上年的“结转下年度”，联系方式沿用）</label>
<button type="submit" class="primary">开始填报</button>
</form></section>
<section class="card grow"><h2>我的草稿</h2>
${drafts.length
  ? h`<table class="list"><thead><tr><th>机关</th><th>年度</th><th>最后保存</th><th></th></tr></thead><tbody>${drafts.map(
      (d) => h`<tr><td>${d.organ}</td><td>${d.year}</td><td>${fmtTime(d.updatedAt)}${d.updatedBy ? ` · ${d.updatedBy}` : ''}</td><td><a class="button small" href="/drafts/${d.id}">打开</a></td></tr>`,
    )}</tbody></table>`
  : h`<p class="muted">还没有草稿。</p>`}
</section></div>
${user.role === 'clerk' && s.reports ? h`<section class="card"><h2>已报送的报告</h2>
${submitted.length
  ? h`<table class="list"><thead><tr><th>年度</th><th>文件</th><th class="num">错误</th><th class="num">警告</th><th>审阅</th><th></th></tr></thead><tbody>${submitted.map((r) => {
      const rv = reviews.get(r.id);
      return h`<tr><td>${r.year ?? ''}</td><td>${r.file}</td><td class="num">${r.counts.error}</td><td class="num">${r.counts.warning}</td><td>${rv ? h`<span class="pill ${rv.status === 'reviewed' ? 'ok' : 'sev-warning'}">${rv.status === 'reviewed' ? '已审阅' : '退回修改'}</span> ${rv.comment}` : h`<span class="muted">待审阅</span>`}</td><td><a class="button small" href="/reports/${encodeURIComponent(r.id)}">查看</a></td></tr>`;
    })}</tbody></table>`
  : h`<p class="muted">本机关还没有报送过报告。草稿完成后在填报页点“报送”。</p>`}</section>` : ''}`,
    );
  });

  app.post('/drafts', async (c) => {
    const user = userOf(c);
    const form = await c.req.parseBody();
    const organ = draftOrganFor(user, typeof form.organ === 'string' ? form.organ : undefined);
    const year = intParam(String(form.year ?? ''), 2008, 2100);
    if (!organ || !year) return render(c, { title: '填报年报', nav: 'drafts', flash: { kind: 'error', text: '请填写机关和年度。' } }, h`<p><a href="/drafts">返回</a></p>`, 400);
    const { draft, source } = await startDraft(c, user, organ, year, form.fromPrevious === '1');
    return c.redirect(`/drafts/${draft.id}${source ? `?from=${encodeURIComponent(source)}` : ''}`, 303);
  });

  async function ownDraft(c: Ctx): Promise<Draft | Response> {
    const id = intParam(c.req.param('id'));
    const draft = id ? await getDraft(c.get('s').db, id) : undefined;
    if (!draft) return c.notFound();
    if (!canEditOrgan(userOf(c), draft.organ, c.get('s').reports)) return forbidden(c, '这份草稿属于其他机关，您无权查看或修改。');
    return draft;
  }

  app.get('/drafts/:id', async (c) => {
    const draft = await ownDraft(c);
    if (draft instanceof Response) return draft;
    const report = draft.report;
    const findings = sortFindings(await checkWithContext(report, c.get('s').reports));
    const from = c.req.query('from');
    const m = report.meta;
    const contact = m.contact ?? {};
    return render(
      c,
      {
        title: `填报：${draft.organ} ${draft.year} 年`,
        nav: 'drafts',
        wide: true,
        scripts: ['/assets/draft.js'],
        flash: from && from.length < 60 ? { kind: 'ok', text: `已从${from}开始：“上年结转”已按上年的“结转下年度”填好。` } : undefined,
      },
      h`${jsonBlock('draft-data', {
        id: draft.id,
        version: draft.version,
        report,
        outcomeRows: LAYOUTS[report.meta.template].requests.filter((r) => r.outcome).map((r) => r.key),
        activeKinds: Object.fromEntries(LAYOUTS[report.meta.template].active.flatMap((r) => r.fields.map((f) => [`${r.key}|${f.key}`, f.kind]))),
      })}
<div class="result-head">
<div><p class="crumbs"><a href="/drafts">填报年报</a> › ${draft.organ} ${draft.year} 年</p>
<h1>${m.title ?? `${draft.organ}${draft.year}年政府信息公开工作年度报告`}</h1>
<p class="save-state" id="save-state" aria-live="polite">已保存 · ${fmtTime(draft.updatedAt)}</p></div>
<div class="actions">
<a class="button primary" href="/drafts/${draft.id}/export.docx" id="export-docx">导出 Word</a>
<a class="button" href="/drafts/${draft.id}/export.html">导出网页</a>
<a class="button" href="/drafts/${draft.id}/export.json">导出 JSON</a>
${c.get('s').reports ? h`<form method="post" action="/drafts/${draft.id}/submit" class="inline submit-form"><input type="hidden" name="_csrf" value="${c.get('csrf')}"><button type="submit" class="primary">报送</button></form>` : ''}
</div></div>
<div class="split">
<form class="paper draft-form" id="draft-form" autocomplete="off" novalidate>
<fieldset class="meta-fields"><legend>基本信息</legend>
<label class="wide">标题<input data-meta="title" value="${m.title ?? ''}" maxlength="200"></label>
<label>统计期限自<input data-meta="period.start" type="date" value="${m.period?.start ?? ''}"></label>
<label>至<input data-meta="period.end" type="date" value="${m.period?.end ?? ''}"></label>
<label class="wide">地址<input data-meta="contact.address" value="${contact.address ?? ''}" maxlength="200"></label>
<label>邮编<input data-meta="contact.postcode" value="${contact.postcode ?? ''}" maxlength="10" inputmode="numeric"></label>
<label>电话<input data-meta="contact.phone" value="${contact.phone ?? ''}" maxlength="40"></label>
<label>电子邮箱<input data-meta="contact.email" value="${contact.email ?? ''}" maxlength="100"></label>
</fieldset>
<p class="muted small hint">灰色格子（各行“总计”列、“（七）总计”行、表四“总计”）自动计算，无需填写。空着的格子按“空白”处理，没有数字请填 0。回车跳到下一行；可以从 Excel / WPS 表格复制一块数字，粘贴到起始格。</p>
${renderReportView(report, { editable: true, findings })}
</form>
<aside class="side" aria-label="核查结果"><div class="sticky"><h2>核查结果 <span class="live" id="live-state"></span></h2><div id="findings">${renderFindingList(findings)}</div>
<form method="post" action="/drafts/${draft.id}/delete" class="delete-form"><input type="hidden" name="_csrf" value="${c.get('csrf')}"><button type="submit" class="link danger">删除这份草稿</button></form>
</div></aside>
</div>`,
    );
  });

  for (const fmt of ['json', 'docx', 'html'] as ExportFormat[]) {
    app.get(`/drafts/:id/export.${fmt}`, async (c) => {
      const draft = await ownDraft(c);
      if (draft instanceof Response) return draft;
      return download(c, await exportReport(draft.report, fmt), fmt, reportBaseName(draft.report));
    });
  }

  // 报送: the draft goes into the report store as the text the renderers write (read back exactly by
  // the text reader), so the reviewer sees it like any imported report.
  app.post('/drafts/:id/submit', async (c) => {
    const draft = await ownDraft(c);
    if (draft instanceof Response) return draft;
    const s = c.get('s');
    if (!s.reports) return c.notFound();
    const bytes = new TextEncoder().encode(await renderText(draft.report));
    const imported = await s.reports.importFile(bytes, `${draft.organ}${draft.year}年政府信息公开工作年度报告.txt`);
    return c.redirect(`/reports/${encodeURIComponent(imported.id)}`, 303);
  });

  app.post('/drafts/:id/delete', async (c) => {
    const draft = await ownDraft(c);
    if (draft instanceof Response) return draft;
    await deleteDraft(c.get('s').db, draft.id);
    return c.redirect('/drafts', 303);
  });

  return app;
}
