/**
 * 公布日历 and 政府汇总 pages for reviewers and administrators: a region's units for a year — on
 * time, late, not published — with organ kinds and publication dates to correct, reminder lists to
 * export; and a government's 汇总 — the units counted, their tables summed, the differences from the
 * government's own report, the draft in Word or as the government's report draft.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { Ctx, Env } from '../context.js';
import { h, type Safe } from '../html.js';
import { forbidden, intParam, render, requireLogin, userOf } from '../pages.js';
import { NO_REGION, reviewRegion } from '../access.js';
import { createDraft, findDraft, saveDraft } from '../drafts.js';
import { download } from '../service.js';
import { actorOf, registerOf, storeOf } from './register-common.js';
import { table2View } from './register.js';
import { AccessError, inRegion } from '../../register/access.js';
import { RegisterError } from '../../register/documents.js';
import { ORGAN_KINDS, organKindByName, organKindLabel } from '../../register/organ-kind.js';
import {
  DATE_SOURCE_LABELS, NOT_REPORTED, PUBLICATION_STATUS_LABELS, calendarSheet, publicationCalendar, type CalendarItem, type PublicationStatus,
} from '../../register/publication.js';
import { governmentRollup, rollupDraft } from '../../register/government-rollup.js';
import { layoutForYear } from '../../register/table2.js';
import { DateError, todayInChina } from '../../ledger/dates.js';
import { LAYOUTS, REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_ROWS } from '../../model/layouts.js';
import { encodeSheet } from '../../store/tables.js';
import { render as renderReport } from '../../render/index.js';

const PILL: Record<PublicationStatus, string> = { onTime: 'ok', late: 'sev-warning', missing: 'sev-error', pending: 'sev-info', noDeadline: 'ok' };

function csrfField(c: Ctx): Safe {
  return h`<input type="hidden" name="_csrf" value="${c.get('csrf') ?? ''}">`;
}

function lastYear(): number {
  return Number(todayInChina().slice(0, 4)) - 1;
}

function calendarError(c: Ctx, e: unknown, back: string) {
  if (e instanceof AccessError) return forbidden(c, e.message);
  if (e instanceof RegisterError || e instanceof DateError) {
    return render(c, { nav: 'calendar', title: '无法保存', flash: { kind: 'error', text: e.message } }, h`<p><a class="button" href="${back}">返回</a></p>`, 422);
  }
  throw e;
}

function itemRow(i: CalendarItem): Safe {
  return h`<tr class="st-${i.status}"><td>${i.reportId ? h`<a href="/reports/${encodeURIComponent(i.reportId)}">${i.organ}</a>` : i.organ}</td><td>${i.region ?? ''}</td>
<td>${organKindLabel(i.kind)}${i.kindSource === 'inferred' ? h` <span class="small muted">（按名称）</span>` : ''}</td><td>${i.due ?? '—'}</td>
<td><span class="pill ${PILL[i.status]}">${PUBLICATION_STATUS_LABELS[i.status]}</span></td><td>${i.published ?? ''}${i.dateSource ? h` <span class="small muted">${DATE_SOURCE_LABELS[i.dateSource]}</span>` : ''}</td>
<td class="num">${i.daysLate ?? ''}</td></tr>`;
}

/** The region a reviewer sees (their own) or an admin asked for. */
export function calendarRegion(c: Ctx, asked: string | undefined): string | undefined {
  const r = reviewRegion(userOf(c), asked?.trim() || undefined);
  return r === NO_REGION ? undefined : r;
}

/** A reviewer without a region is refused: the calendar of no region is the calendar of every region. */
export const reviewerWithRegion: MiddlewareHandler<Env> = async (c, next) => {
  const user = c.get('user');
  if (user?.role === 'reviewer' && !user.region?.trim()) return forbidden(c as Ctx, '您的账号没有指定审阅的地区，请联系管理员。');
  return next();
};

export function calendarRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  for (const path of ['/calendar', '/calendar/*', '/rollup', '/rollup/*']) app.use(path, requireLogin('reviewer', 'admin'), reviewerWithRegion);

  app.get('/calendar', async (c) => {
    const q = c.req.query();
    const region = calendarRegion(c, q.region);
    const year = intParam(q.year, 2008, 2100) ?? lastYear();
    const today = /^\d{4}-\d{2}-\d{2}$/.test(q.today ?? '') ? q.today! : undefined;
    const view = await publicationCalendar(storeOf(c), registerOf(c), { region, year, today });
    const params = new URLSearchParams({ ...(region ? { region } : {}), year: String(year) }).toString();
    const t = view.totals;
    return render(
      c,
      { nav: 'calendar', title: '公布日历', wide: true, flash: q.saved ? { kind: 'ok', text: '已保存。' } : undefined },
      h`<h1>年度报告公布日历${region ? h`：${region}` : ''} · ${year} 年度</h1>
<p class="lead">公布期限（《政府信息公开条例》第四十九条）：政府部门、乡镇/街道为次年1月31日，县级以上人民政府为次年3月31日。公布日期依次取登记的公布日期、获取报告时网页上的发布日期、报告落款日期、导入日期。</p>
<form method="get" action="/calendar" class="filters">
${userOf(c).role === 'admin' ? h`<label>地区<input name="region" value="${region ?? ''}" maxlength="50"></label>` : ''}
<label>年度<input type="number" name="year" min="2008" max="2100" value="${year}"></label>
<label>按此日判断<input type="date" name="today" value="${view.today}"></label>
<button type="submit">查看</button>
<a class="button" href="/calendar/remind.xlsx?${params}">导出未公布提醒 XLSX</a><a class="button" href="/calendar/remind.csv?${params}">CSV</a><a class="button" href="/calendar/export.xlsx?${params}">导出全部</a></form>
<div class="stats">
<div class="stat"><strong>${t.onTime}</strong><span>按时公布</span></div>
<div class="stat${t.late ? ' warn' : ''}"><strong>${t.late}</strong><span>逾期公布</span></div>
<div class="stat${t.missing ? ' bad' : ''}"><strong>${t.missing}</strong><span>未公布</span></div>
<div class="stat"><strong>${t.pending}</strong><span>未到期限</span></div>
</div>
<section class="card"><div class="table-wrap"><table class="list" id="calendar"><thead><tr><th>机关</th><th>地区</th><th>机关类型</th><th>公布期限</th><th>状态</th><th>公布日期</th><th class="num">逾期天数</th></tr></thead>
<tbody>${view.items.length ? view.items.map(itemRow) : h`<tr><td colspan="7" class="muted">报告库中没有该地区的单位</td></tr>`}</tbody></table></div></section>
<div class="cols">
<section class="card"><h2>修改机关类型</h2><form method="post" action="/calendar/kind" class="stack">${csrfField(c)}<input type="hidden" name="back" value="/calendar?${params}">
<label>机关<select name="organ">${view.items.map((i) => h`<option>${i.organ}</option>`)}</select></label>
<label>类型<select name="kind">${ORGAN_KINDS.map((k) => h`<option value="${k.key}">${k.label}（${k.due ? `次年${k.due.month}月${k.due.day}日前` : '无法定期限'}）</option>`)}</select></label>
<button type="submit">保存</button></form></section>
<section class="card"><h2>登记公布日期</h2><form method="post" action="/calendar/published" class="stack">${csrfField(c)}<input type="hidden" name="year" value="${year}"><input type="hidden" name="back" value="/calendar?${params}">
<label>机关<select name="organ">${view.items.map((i) => h`<option>${i.organ}</option>`)}</select></label>
<label>在政府网站上公布的日期<input type="date" name="date" required></label>
<button type="submit">保存</button></form></section></div>`,
    );
  });

  for (const [name, only] of [['remind', NOT_REPORTED], ['export', undefined]] as const) {
    for (const format of ['csv', 'xlsx'] as const) {
      app.get(`/calendar/${name}.${format}`, async (c) => {
        const q = c.req.query();
        const region = calendarRegion(c, q.region);
        const year = intParam(q.year, 2008, 2100) ?? lastYear();
        const view = await publicationCalendar(storeOf(c), registerOf(c), { region, year });
        const bytes = await encodeSheet(calendarSheet(view, only ? [...only] : undefined), format);
        const file = `${name === 'remind' ? '未公布提醒' : '公布日历'}-${region ?? '全部'}-${year}.${format}`;
        c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file)}`);
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      });
    }
  }

  const back = (v: unknown) => (typeof v === 'string' && v.startsWith('/calendar') ? v : '/calendar');
  app.post('/calendar/kind', async (c) => {
    const f = await c.req.parseBody();
    const kind = organKindByName(String(f.kind ?? ''));
    try {
      if (!kind) throw new RegisterError('请选择机关类型');
      await registerOf(c).setOrganKind(actorOf(c), String(f.organ ?? ''), kind);
      return c.redirect(`${back(f.back)}&saved=1`, 303);
    } catch (e) {
      return calendarError(c, e, back(f.back));
    }
  });

  app.post('/calendar/published', async (c) => {
    const f = await c.req.parseBody();
    const year = intParam(String(f.year ?? ''), 2008, 2100);
    try {
      if (!year) throw new RegisterError('年度有误');
      await registerOf(c).setPublished(actorOf(c), String(f.organ ?? ''), year, String(f.date ?? ''));
      return c.redirect(`${back(f.back)}&saved=1`, 303);
    } catch (e) {
      return calendarError(c, e, back(f.back));
    }
  });

  // ------------------------------------------------------------ 政府汇总
  const rollupFor = async (c: Ctx, government: string, year: number) => {
    const user = userOf(c);
    if (user.role === 'reviewer' && !inRegion(government, user.region)) throw new AccessError('该人民政府不在您审阅的地区');
    return governmentRollup(storeOf(c), registerOf(c), government, year);
  };

  app.get('/rollup', async (c) => {
    const q = c.req.query();
    const government = q.government?.trim().slice(0, 100);
    const year = intParam(q.year, 2008, 2100) ?? lastYear();
    const form = h`<form method="get" action="/rollup" class="filters"><label>人民政府<input name="government" value="${government ?? ''}" required maxlength="100" placeholder="如 宝山区人民政府"></label>
<label>年度<input type="number" name="year" min="2008" max="2100" value="${year}"></label><button type="submit">汇总</button></form>`;
    if (!government) return render(c, { nav: 'rollup', title: '政府汇总' }, h`<h1>人民政府年度报告汇总</h1>${form}`);
    try {
      const r = await rollupFor(c, government, year);
      const params = new URLSearchParams({ government, year: String(year) }).toString();
      const layout = LAYOUTS['2021'];
      const draft = rollupDraft(r);
      return render(
        c,
        { nav: 'rollup', title: `${government} ${year}年度汇总`, wide: true },
        h`<h1>${government} ${year}年度汇总</h1>${form}
<p class="muted">地区：${r.region ?? '未知'}。计入所属部门、乡镇（街道）、本级政府办公室和下一级人民政府的报告（下级政府的部门不重复计算）。</p>
<div class="actions"><a class="button primary" href="/rollup/draft.docx?${params}">下载汇总草稿（Word）</a>
<form method="post" action="/rollup/draft" class="inline">${csrfField(c)}<input type="hidden" name="government" value="${government}"><input type="hidden" name="year" value="${year}"><button type="submit">存为${government}的年报草稿</button></form></div>
<section class="card"><h2>与${government}已公布报告的比对</h2>${
  !r.published ? h`<p class="muted">报告库中没有${government}${year}年度的报告。</p>`
  : !r.published.findings.length ? h`<p class="ok">政府报告与所属单位之和一致。</p>`
  : h`<ul class="findings">${r.published.findings.map((f) => h`<li class="sev-warning"><code>${f.rule}</code> ${f.message}</li>`)}</ul>`
}</section>
<section class="card"><h2>所属单位（${r.units.length}）</h2><table class="list compact"><thead><tr><th>单位</th><th>类型</th><th>数字来源</th></tr></thead><tbody>
${r.units.map((u) => h`<tr${u.source === 'missing' ? h` class="bad"` : ''}><td>${u.reportId ? h`<a href="/reports/${encodeURIComponent(u.reportId)}">${u.organ}</a>` : u.organ}</td><td>${organKindLabel(u.kind)}</td><td>${u.source === 'report' ? `报告（${u.template}版表格）` : u.source === 'register' ? '主动公开台账（表二）' : '未报送'}</td></tr>`)}
</tbody></table></section>
${layoutForYear(year) === '2021' ? table2View({ year, layout: '2021', active: draft.active, sources: [] }) : ''}
<div class="table-wrap"><table class="official compact"><caption>汇总：收到和处理政府信息公开申请情况</caption><thead><tr><th></th>${REQUEST_COLUMNS.map((col) => h`<th>${col.label}</th>`)}</tr></thead><tbody>
${layout.requests.map((row) => h`<tr><th scope="row">${row.group?.startsWith('（') ? h`<span class="muted">${row.group}</span> ` : ''}${row.numbering}${row.label.replace(/（区分处理的.*）/, '')}</th>${(r.sum.requests[row.key] ?? []).map((v) => h`<td class="num">${v}</td>`)}</tr>`)}
</tbody></table></div>
<div class="table-wrap"><table class="official compact"><caption>汇总：行政复议、行政诉讼情况</caption><thead><tr><th></th>${REVIEW_COLUMNS.map((col) => h`<th>${col.label}</th>`)}</tr></thead><tbody>
${REVIEW_ROWS.map((row) => h`<tr><th scope="row">${row.group ? `${row.group}·` : ''}${row.label}</th>${r.sum.review[row.key].map((v) => h`<td class="num">${v}</td>`)}</tr>`)}
</tbody></table></div>`,
      );
    } catch (e) {
      return calendarError(c, e, '/rollup');
    }
  });

  app.get('/rollup/draft.docx', async (c) => {
    const government = c.req.query('government')?.trim().slice(0, 100);
    const year = intParam(c.req.query('year'), 2008, 2100);
    if (!government || !year) return c.redirect('/rollup', 303);
    try {
      const r = await rollupFor(c, government, year);
      return download(c, await renderReport(rollupDraft(r), 'docx'), 'docx', `${government}${year}年政府信息公开工作年度报告（汇总草稿）`);
    } catch (e) {
      return calendarError(c, e, '/rollup');
    }
  });

  app.post('/rollup/draft', async (c) => {
    const f = await c.req.parseBody();
    const government = String(f.government ?? '').trim().slice(0, 100);
    const year = intParam(String(f.year ?? ''), 2021, 2100);
    if (!government || !year) return calendarError(c, new RegisterError('需要人民政府名称和2021年及以后的年度'), '/rollup');
    try {
      const report = rollupDraft(await rollupFor(c, government, year));
      const db = c.get('s').db;
      const user = userOf(c);
      const existing = await findDraft(db, government, year);
      const saved = existing ? await saveDraft(db, existing.id, report, existing.version, user.id) : await createDraft(db, government, year, report, user.id);
      if (!saved) return calendarError(c, new RegisterError('草稿刚被其他人修改，请重试'), '/rollup');
      return c.redirect(user.role === 'admin' ? `/drafts/${saved.id}` : `/rollup?government=${encodeURIComponent(government)}&year=${year}`, 303);
    } catch (e) {
      return calendarError(c, e, '/rollup');
    }
  });

  return app;
}
