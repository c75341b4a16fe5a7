/** 审阅: a region's reports for a year, their findings, 雷同 pairs, roll-ups, trends, reviews. */
import { Hono } from 'hono';
import type { Ctx, Env } from '../context.js';
import { h, jsonBlock, type Safe } from '../html.js';
import { fmtTime, intParam, render, requireLogin, userOf, forbidden } from '../pages.js';
import { overview, trends, type OverviewItem } from '../review-data.js';
import { renderFindingList, renderMeta, renderReportView, sortFindings } from '../report-view.js';
import { canReview, canSeeReport } from '../access.js';
import { addReview, reviewsFor } from '../drafts.js';
import { readUploads, sniff, UploadError } from '../service.js';
import { LAYOUTS, REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_ROWS } from '../../model/layouts.js';
import type { RollupRow } from '../reports.js';
import { InputError, isFileProblem } from '../../errors.js';



const STATUS_ZH: Record<OverviewItem['status'], string> = { missing: '未报送', errors: '有错误', warnings: '有警告', clean: '无问题' };

function noStorePage(c: Ctx) {
  return render(c, { title: '审阅汇总', nav: 'review' }, h`<h1>审阅汇总</h1><p class="flash error">报告库尚未启用。</p>`, 500);
}

function statusCell(i: OverviewItem): Safe {
  return h`<span class="pill st-${i.status}">${STATUS_ZH[i.status]}</span>`;
}

function reviewCell(i: OverviewItem): Safe {
  if (!i.report) return h``;
  if (!i.review) return h`<span class="muted">未审阅</span>`;
  const label = i.review.status === 'reviewed' ? '已审阅' : '已退回';
  return h`<span class="pill ${i.review.status === 'reviewed' ? 'ok' : 'sev-warning'}">${label}</span>${i.reviewOutdated ? h` <span class="small muted">（审阅后报告有更新）</span>` : ''}`;
}

function rollupTable(rows: RollupRow[], region: string | null, year: number | null): Safe {
  const r = rows.find((x) => (!region || x.region === region) && x.year === year);
  if (!r) return h`<p class="muted">没有可汇总的数据。</p>`;
  const layout = LAYOUTS['2021'];
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
  return h`<p class="muted small">共 ${r.reports} 份报告相加（2019 版表格的“（六）其他处理”计入“3.其他”）。</p>
${r.missing?.length ? h`<p class="flash warn" id="rollup-missing">上年报送、本年未报送（未计入）：${r.missing.join('、')}</p>` : ''}
${r.incomplete?.length ? h`<p class="flash warn" id="rollup-incomplete">以下单位的表格有空白或无法读取的单元格，合计不完整：${r.incomplete.join('、')}</p>` : ''}
<div class="measures">${Object.entries(r.measures).map(([k, v]) => h`<div class="measure"><span>${MEASURE_ZH[k] ?? k}</span><strong>${k.endsWith('Rate') || k.endsWith('Share') ? pct(v) : v ?? '—'}</strong></div>`)}</div>
<div class="table-wrap"><table class="official compact"><caption>汇总：收到和处理政府信息公开申请情况</caption>
<thead><tr><th scope="col">项目</th>${REQUEST_COLUMNS.map((c) => h`<th scope="col">${c.label}</th>`)}</tr></thead>
<tbody>${layout.requests.map((row) => {
    const v = r.requests[row.key] ?? (row.key === 'other.other' ? r.requests.other : undefined);
    return h`<tr><th scope="row">${row.group?.startsWith('（') ? h`<span class="muted">${row.group}</span> ` : ''}${row.numbering}${row.label.replace(/（区分处理的.*）/, '')}</th>${REQUEST_COLUMNS.map((_, i) => h`<td class="num">${v?.[i] ?? ''}</td>`)}</tr>`;
  })}</tbody></table></div>
<div class="table-wrap"><table class="official compact"><caption>汇总：行政复议、行政诉讼情况</caption>
<thead><tr><th scope="col"></th>${REVIEW_COLUMNS.map((c) => h`<th scope="col">${c.label}</th>`)}</tr></thead>
<tbody>${REVIEW_ROWS.map((row) => h`<tr><th scope="row">${row.group ? `${row.group}·` : ''}${row.label}</th>${REVIEW_COLUMNS.map((_, i) => h`<td class="num">${r.review[row.key]?.[i] ?? ''}</td>`)}</tr>`)}</tbody></table></div>`;
}

export const MEASURE_ZH: Record<string, string> = {
  disclosureRate: '公开率',
  unavailableShare: '无法提供占比',
  correctionRate: '复议诉讼纠错率',
  reconsiderationCorrectionRate: '复议纠错率',
  litigationCorrectionRate: '诉讼纠错率',
  received: '新收申请',
  reports: '报告数',
};

export function reviewRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/review', requireLogin('reviewer', 'admin'));
  app.use('/review/*', requireLogin('reviewer', 'admin'));
  app.use('/reports/*', requireLogin());

  app.get('/review', async (c) => {
    const s = c.get('s');
    if (!s.reports) return noStorePage(c);
    const user = userOf(c);
    const filter = {
      region: c.req.query('region') || undefined,
      year: intParam(c.req.query('year'), 1990, 2100),
      status: c.req.query('status') || undefined,
      q: c.req.query('q')?.slice(0, 50) || undefined,
    };
    const o = await overview(s, user, filter);
    const t = await trends(s, user, filter.region);
    const rollups = o.year ? await s.reports.rollup({ region: o.region ?? undefined, year: o.year }) : [];
    const dupes = o.year ? (await s.reports.duplicates({ region: o.region ?? undefined, year: o.year })).filter((p) => p.severity === 'warning' || p.passages.length) : [];
    const sel = (a: unknown, b: unknown) => (a === b ? h` selected` : '');
    return render(
      c,
      { title: '审阅汇总', nav: 'review', wide: true, scripts: ['/assets/echarts.min.js', '/assets/review.js'] },
      h`<h1>审阅汇总${o.region ? h`：${o.region}` : ''}${o.year ? h` · ${o.year} 年度` : ''}</h1>
<form method="get" action="/review" class="filters" role="search">
${user.role === 'admin' ? h`<label>地区<select name="region"><option value="">全部地区</option>${o.regions.map((r) => h`<option${sel(r, filter.region)}>${r}</option>`)}</select></label>` : ''}
<label>年度<select name="year">${o.years.map((y) => h`<option value="${y}"${sel(y, o.year)}>${y}</option>`)}</select></label>
<label>状态<select name="status"><option value="">全部</option>
${[['missing', '未报送'], ['errors', '有错误'], ['warnings', '有警告'], ['clean', '无问题'], ['duplicates', '内容雷同'], ['unreviewed', '待审阅'], ['reviewed', '已审阅']].map(([v, l]) => h`<option value="${v}"${sel(v, filter.status)}>${l}</option>`)}</select></label>
<label>机关<input name="q" value="${filter.q ?? ''}" placeholder="名称关键字" maxlength="50"></label>
<button type="submit">筛选</button>
<a class="button" href="/review/import">导入报告</a>
<a class="button" href="/review/organs">机关</a>
${o.year ? h`<a class="button" href="/calendar?${new URLSearchParams({ ...(o.region ? { region: o.region } : {}), year: String(o.year) }).toString()}">公布日历（按时、逾期、未公布）</a>` : ''}
</form>
<div class="stats">
<div class="stat"><strong>${o.totals.organs}</strong><span>单位</span></div>
<div class="stat"><strong>${o.totals.in}</strong><span>已报送</span></div>
<div class="stat${o.totals.missing ? ' warn' : ''}"><strong>${o.totals.missing}</strong><span>未报送</span></div>
<div class="stat${o.totals.errors ? ' bad' : ''}"><strong>${o.totals.errors}</strong><span>有错误</span></div>
<div class="stat${o.totals.duplicates ? ' warn' : ''}"><strong>${o.totals.duplicates}</strong><span>内容雷同</span></div>
<div class="stat"><strong>${o.totals.reviewed}</strong><span>已审阅</span></div>
</div>
<section class="card"><h2>各单位报告</h2>
<div class="table-wrap"><table class="list" id="organs"><thead><tr><th>机关</th><th>地区</th><th>状态</th><th class="num">错误</th><th class="num">警告</th><th>雷同</th><th>审阅</th><th></th></tr></thead><tbody>
${o.items.length ? o.items.map(
  (i) => h`<tr class="st-${i.status}"><td>${i.report ? h`<a href="/reports/${encodeURIComponent(i.report.id)}">${i.organ}</a>` : i.organ}</td><td>${i.regions.join(' / ')}</td><td>${statusCell(i)}</td>
<td class="num">${i.report?.counts.error ?? ''}</td><td class="num">${i.report?.counts.warning ?? ''}</td>
<td>${i.duplicateOf.length ? h`<span class="pill sev-warning" title="${i.duplicateOf.join('、')}">与 ${i.duplicateOf.length} 家雷同</span>` : ''}</td>
<td>${reviewCell(i)}</td><td>${i.report ? h`<a class="button small" href="/reports/${encodeURIComponent(i.report.id)}">查看</a>` : ''}</td></tr>`,
) : h`<tr><td colspan="8" class="muted">没有符合条件的单位</td></tr>`}
</tbody></table></div></section>
${dupes.length ? h`<section class="card"><h2>内容雷同</h2><table class="list"><thead><tr><th>报告甲</th><th>报告乙</th><th>相似度</th><th>雷同段落</th><th></th></tr></thead><tbody>${dupes.map(
  (p) => h`<tr><td>${p.a.organ} ${p.a.year ?? ''}</td><td>${p.b.organ} ${p.b.year ?? ''}</td><td class="num">${(p.score * 100).toFixed(0)}%</td><td class="num">${p.passages.length}</td><td><a class="button small" href="/review/similar?a=${encodeURIComponent(p.a.id)}&amp;b=${encodeURIComponent(p.b.id)}">对照查看</a></td></tr>`,
)}</tbody></table></section>` : ''}
<section class="card"><h2>历年趋势${t.region ? h`：${t.region}` : ''}</h2>
${jsonBlock('trend-data', { years: t.years, series: t.series })}
<div id="trend-chart" class="chart" role="img" aria-label="历年申请与复议诉讼数量趋势图"></div>
<div class="table-wrap"><table class="list compact" id="trend-table"><thead><tr><th>年度</th>${t.series.map((s) => h`<th>${s.name}</th>`)}</tr></thead>
<tbody>${t.years.map((y, i) => h`<tr><td>${y}</td>${t.series.map((s) => h`<td class="num">${s.values[i] ?? ''}</td>`)}</tr>`)}</tbody></table></div>
</section>
<section class="card"><h2>汇总表${o.region ? h`：${o.region}` : ''}${o.year ? h` ${o.year} 年度` : ''}</h2>${rollupTable(rollups, o.region, o.year)}</section>`,
    );
  });

  app.get('/review/similar', async (c) => {
    const s = c.get('s');
    if (!s.reports) return noStorePage(c);
    const user = userOf(c);
    const [a, b] = await Promise.all([s.reports.get(c.req.query('a') ?? ''), s.reports.get(c.req.query('b') ?? '')]);
    if (!a || !b || !canSeeReport(user, a.row, s.reports) || !canSeeReport(user, b.row, s.reports)) return c.notFound();
    const pairs = await s.reports.duplicates({ year: a.row.year ?? undefined });
    const pair = pairs.find((p) => (p.a.id === a.row.id && p.b.id === b.row.id) || (p.a.id === b.row.id && p.b.id === a.row.id));
    const flip = pair && pair.a.id !== a.row.id;
    const passages = (pair?.passages ?? []).map((p) => (flip ? { a: p.b, b: p.a } : p));
    return render(
      c,
      { title: '内容雷同对照', nav: 'review', wide: true },
      h`<p class="crumbs"><a href="/review">审阅汇总</a> › 内容雷同对照</p>
<h1>内容雷同对照</h1>
${pair ? h`<p>相似度 <strong>${(pair.score * 100).toFixed(0)}%</strong>，共 ${passages.length} 处雷同段落。模板、法规原文和常用套话不计在内。</p>` : h`<p class="muted">这两份报告未被判为雷同。</p>`}
<div class="side-by-side"><h2><a href="/reports/${encodeURIComponent(a.row.id)}">${a.row.organ} ${a.row.year ?? ''}</a></h2><h2><a href="/reports/${encodeURIComponent(b.row.id)}">${b.row.organ} ${b.row.year ?? ''}</a></h2>
${passages.map((p, i) => h`<blockquote class="pa"><span class="n">${i + 1}</span>${p.a}</blockquote><blockquote class="pb"><span class="n">${i + 1}</span>${p.b}</blockquote>`)}
</div>`,
    );
  });

  app.get('/review/import', (c) =>
    render(
      c,
      { title: '导入报告', nav: 'review', scripts: ['/assets/check.js'] },
      h`<p class="crumbs"><a href="/review">审阅汇总</a> › 导入报告</p><h1>导入报告</h1>
<p class="lead">把本地区各单位报送的年度报告存入报告库（Word、PDF、网页、文本均可，一次可多份）。同一文件重复导入不会产生重复记录；重新导入后已有的审阅意见仍然保留。</p>
<form method="post" action="/review/import" enctype="multipart/form-data" class="check-form" id="check-form">
<input type="hidden" name="_csrf" value="${c.get('csrf')}">
<div class="drop" id="drop"><input type="file" name="files" id="files" multiple required><label for="files"><strong>选择文件</strong> 或拖到这里</label><ul class="picked" id="picked"></ul></div>
<p><button type="submit" class="primary big">导入</button></p></form>`,
    ),
  );

  app.post('/review/import', async (c) => {
    const s = c.get('s');
    if (!s.reports) return noStorePage(c);
    let uploads;
    try {
      uploads = await readUploads(c);
    } catch (error) {
      if (error instanceof UploadError) return render(c, { title: '导入报告', nav: 'review', flash: { kind: 'error', text: error.message } }, h`<p><a href="/review/import">返回</a></p>`, error.status === 413 ? 413 : 400);
      throw error;
    }
    const rows: Safe[] = [];
    for (const u of uploads) {
      const kind = sniff(u.bytes);
      if (!kind.ok) {
        rows.push(h`<tr class="bad"><td>${u.name}</td><td colspan="3">${kind.reason}</td></tr>`);
        continue;
      }
      try {
        const r = await s.reports.importFile(u.bytes, u.name);
        const errors = r.findings.filter((f) => f.severity === 'error').length;
        rows.push(h`<tr><td><a href="/reports/${encodeURIComponent(r.id)}">${u.name}</a></td><td>${r.organ}</td><td>${r.year ?? ''}</td><td>${r.created ? '已导入' : '此前已导入'}${errors ? h` · <span class="pill sev-error">错误 ${errors}</span>` : ''}</td></tr>`);
      } catch (error) {
        if (!isFileProblem(error)) throw error;
        rows.push(h`<tr class="bad"><td>${u.name}</td><td colspan="3">${error.message}</td></tr>`);
      }
    }
    return render(
      c,
      { title: '导入结果', nav: 'review' },
      h`<p class="crumbs"><a href="/review">审阅汇总</a> › 导入结果</p><h1>导入结果</h1><table class="list"><thead><tr><th>文件</th><th>机关</th><th>年度</th><th>结果</th></tr></thead><tbody>${rows}</tbody></table><p><a class="button" href="/review">回到审阅汇总</a></p>`,
    );
  });

  app.get('/reports/:id', async (c) => {
    const s = c.get('s');
    if (!s.reports) return noStorePage(c);
    const user = userOf(c);
    const stored = await s.reports.get(c.req.param('id'));
    if (!stored || !canSeeReport(user, stored.row, s.reports)) return c.notFound();
    const { row, report } = stored;
    const findings = sortFindings(stored.findings);
    const reviews = row.year ? await reviewsFor(s.db, row.organ, row.year) : [];
    const mayReview = canReview(user, row, s.reports) && row.year;
    const id = encodeURIComponent(row.id);
    return render(
      c,
      { title: `${row.organ} ${row.year ?? ''}`, nav: user.role === 'clerk' ? 'check' : 'review', wide: true, scripts: ['/assets/report.js'] },
      h`<div class="result-head"><div><p class="crumbs">${user.role !== 'clerk' ? h`<a href="/review?year=${row.year ?? ''}">审阅汇总</a> › ` : ''}${row.organ}</p>
<h1>${report.meta.title ?? row.file}</h1>${renderMeta(report)}<p class="muted small">文件：${row.file}</p></div>
<div class="actions"><a class="button" href="/api/reports/${id}/export?format=docx">下载 Word</a><a class="button" href="/api/reports/${id}/export?format=html">下载网页</a><a class="button" href="/api/reports/${id}/export?format=json">下载 JSON</a></div></div>
<div class="split">
<article class="paper">${renderReportView(report, { findings })}</article>
<aside class="side"><div class="sticky"><h2>核查结果</h2>${renderFindingList(findings)}
<h2>审阅</h2>
${reviews.length ? h`<ol class="reviews">${reviews.map((r) => h`<li><span class="pill ${r.status === 'reviewed' ? 'ok' : 'sev-warning'}">${r.status === 'reviewed' ? '已审阅' : '退回修改'}</span> ${r.reviewer ?? ''} · ${fmtTime(r.createdAt)}${r.reportRef && r.reportRef !== row.id ? h` <span class="small muted">（针对此前导入的版本）</span>` : ''}${r.comment ? h`<p class="comment">${r.comment}</p>` : ''}</li>`)}</ol>` : h`<p class="muted">尚未审阅。</p>`}
${mayReview ? h`<form method="post" action="/reports/${id}/review" class="stack review-form">
<input type="hidden" name="_csrf" value="${c.get('csrf')}">
<label>审阅意见<textarea name="comment" rows="3" maxlength="4000" placeholder="例如：表三勾稽关系有误，请核实后重新报送"></textarea></label>
<div class="row-form"><button type="submit" name="status" value="reviewed" class="primary">标记为已审阅</button><button type="submit" name="status" value="returned">退回修改</button></div>
</form>` : ''}
</div></aside></div>`,
    );
  });

  app.post('/reports/:id/review', async (c) => {
    const s = c.get('s');
    if (!s.reports) return noStorePage(c);
    const user = userOf(c);
    const stored = await s.reports.get(c.req.param('id'));
    if (!stored || !canSeeReport(user, stored.row, s.reports)) return c.notFound();
    if (!canReview(user, stored.row, s.reports) || !stored.row.year) return forbidden(c, '只有审阅人和管理员可以审阅');
    const form = await c.req.parseBody();
    const status = form.status === 'returned' ? 'returned' : 'reviewed';
    const comment = typeof form.comment === 'string' ? form.comment.slice(0, 4000) : '';
    await addReview(s.db, { organ: stored.row.organ, year: stored.row.year, reportRef: stored.row.id, status, comment, reviewerId: user.id });
    return c.redirect(`/reports/${encodeURIComponent(stored.row.id)}`, 303);
  });

  return app;
}
