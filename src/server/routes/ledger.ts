/**
 * 依申请公开台账 pages: the case list with filters and what is due, a case's timeline with its
 * deadline derivation, the new-case and event forms, table III from the ledger (and into the
 * report draft), CSV import, CSV/XLSX export, the iCal feed, and a public deadline calculator.
 */
import { Hono } from 'hono';
import type { Ctx, Env } from '../context.js';
import { h, type Safe } from '../html.js';
import { forbidden, intParam, notFoundPage, render, requireLogin, userOf } from '../pages.js';
import { actorOf, eventFrom, intakeFrom, ledgerOf, organFor } from './ledger-common.js';
import { AccessError } from '../../ledger/access.js';
import { CalendarGapError, defaultCalendar } from '../../ledger/calendar.js';
import {
  APPLICANT_TYPES, CHANNELS, CaseError, EVENT_KINDS, STATUS_LABELS, applicantTypeLabel, channelLabel, decisionLabel,
  type CaseStatus,
} from '../../ledger/cases.js';
import { MAX_CSV_BYTES, decodeText } from '../../ledger/csv.js';
import { DateError, parseDate, todayInChina, withWeekday } from '../../ledger/dates.js';
import { DeadlineError, computeDeadline, type Pause } from '../../ledger/deadline.js';
import { DECISION_TYPES } from '../../ledger/decisions.js';
import { eventText } from '../../ledger/format.js';
import { deadlinesIcs } from '../../ledger/ical.js';
import { exportCsv, exportXlsx, planImport } from '../../ledger/import.js';
import { importPlanned, type DueItem } from '../../ledger/store.js';
import { applyLedgerToReport } from '../../ledger/table3.js';
import { LAYOUTS, REQUEST_COLUMNS } from '../../model/layouts.js';
import { blankReport, findDraft, createDraft, saveDraft } from '../drafts.js';

function statusPill(s: CaseStatus): Safe {
  const cls = s === 'closed' ? 'ok' : s === 'open' ? 'sev-info' : 'sev-warning';
  return h`<span class="pill ${cls}">${STATUS_LABELS[s]}</span>`;
}

function csrfField(c: Ctx): Safe {
  return h`<input type="hidden" name="_csrf" value="${c.get('csrf') ?? ''}">`;
}

function ledgerError(c: Ctx, e: unknown, back: string) {
  if (e instanceof AccessError) return forbidden(c, e.message);
  if (e instanceof CaseError || e instanceof DateError || e instanceof DeadlineError || e instanceof CalendarGapError) {
    return render(c, { nav: 'cases', title: '无法保存', flash: { kind: 'error', text: e.message } }, h`<p><a class="button" href="${back}">返回</a></p>`, 422);
  }
  throw e;
}

function organPicker(c: Ctx, organ: string | undefined, action: string): Safe {
  if (userOf(c).role === 'clerk') return h``;
  return h`<form method="get" action="${action}" class="filters"><label>机关<input name="organ" value="${organ ?? ''}" required maxlength="100"></label><button type="submit">查看</button></form>`;
}

function dueTable(title: string, items: DueItem[], kind: 'due' | 'wait' | 'note'): Safe {
  if (!items.length) return h``;
  return h`<h3>${title}（${items.length}）</h3><table class="list compact"><thead><tr><th>编号</th><th>收到</th><th>${kind === 'wait' ? '申请人期限' : '答复期限'}</th><th>内容</th></tr></thead><tbody>${items.map(
    (i) => h`<tr${kind === 'due' && (i.workdaysLeft ?? 0) < 0 ? h` class="bad"` : ''}><td><a href="/cases/${i.id}">${i.caseNo}</a></td><td>${i.receivedOn}</td><td>${
      kind === 'wait' ? `${i.waitingKind === 'fee' ? '缴费' : '补正'} ${i.waitingUntil ?? ''}` : kind === 'note' ? (i.note ?? '') : `${i.dueOn ?? ''}${i.workdaysLeft === null ? '' : i.workdaysLeft < 0 ? `（逾期${-i.workdaysLeft}个工作日）` : `（剩${i.workdaysLeft}个工作日）`}`
    }${i.note && kind !== 'note' ? h` <span class="small muted">${i.note}</span>` : ''}</td><td>${i.content}</td></tr>`,
  )}</tbody></table>`;
}

export function ledgerRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  // ------------------------------------------------------------ public: the deadline calculator
  app.get('/deadline', (c) => {
    const q = c.req.query();
    let result: Safe = h``;
    if (q.received) {
      try {
        const received = parseDate(q.received, '收到申请之日');
        const extend = q.extend ? Number(q.extend) : 0;
        if (!Number.isInteger(extend) || extend < 0 || extend > 20) throw new DeadlineError('延长天数应为 0–20');
        const pauses: Pause[] = [];
        if (q.pauseFrom) pauses.push({ from: parseDate(q.pauseFrom, '暂停开始日'), to: q.pauseTo ? parseDate(q.pauseTo, '暂停结束日') : null, reason: '征求意见等（不计入期限）' });
        const r = computeDeadline({ received, extensions: extend ? [{ days: extend }] : [], pauses }, defaultCalendar());
        result = h`<section class="card"><h2>答复期限：${r.due ? withWeekday(r.due) : '暂停计时中'}</h2><ol>${r.steps.map((s) => h`<li>${s}</li>`)}</ol></section>`;
      } catch (e) {
        if (e instanceof DateError || e instanceof DeadlineError || e instanceof CalendarGapError) result = h`<div class="flash error">${e.message}</div>`;
        else throw e;
      }
    }
    return render(
      c,
      { nav: 'cases', title: '答复期限计算' },
      h`<h1>依申请公开答复期限计算</h1>
<p class="lead">收到申请之日为第0日，自次日起计算20个工作日（条例第三十三条），按国务院办公厅节假日安排计入调休上班日、扣除法定节假日；暂停区间含首尾两日。</p>
<form method="get" action="/deadline" class="filters">
<label>收到申请之日<input type="date" name="received" value="${q.received ?? ''}" required></label>
<label>延长工作日<input type="number" name="extend" min="0" max="20" value="${q.extend ?? ''}"></label>
<label>暂停自<input type="date" name="pauseFrom" value="${q.pauseFrom ?? ''}"></label>
<label>暂停至<input type="date" name="pauseTo" value="${q.pauseTo ?? ''}"></label>
<button type="submit" class="primary">计算</button></form>
${result}`,
    );
  });

  app.use('/cases', requireLogin('clerk', 'admin'));
  app.use('/cases/*', requireLogin('clerk', 'admin'));

  // ------------------------------------------------------------ list + due
  app.get('/cases', async (c) => {
    const q = c.req.query();
    const organ = organFor(c, q.organ);
    if (!organ) return render(c, { nav: 'cases', title: '依申请公开台账' }, h`<h1>依申请公开台账</h1>${organPicker(c, undefined, '/cases')}`);
    const ledger = ledgerOf(c);
    const actor = actorOf(c);
    const statuses = ['open', 'waitingApplicant', 'paused', 'closed', 'unclosed'];
    const status = statuses.includes(q.status ?? '') ? (q.status as CaseStatus | 'unclosed') : undefined;
    const year = intParam(q.year, 2008, 2100);
    const reveal = q.reveal === '1';
    try {
      const page = intParam(q.page, 1, 10000) ?? 1;
      const list = await ledger.listCases(actor, { organ, status, year, q: q.q?.slice(0, 50), reveal, limit: 50, offset: (page - 1) * 50 });
      const due = await ledger.due(actor, { organ, today: todayInChina(), within: 5 });
      const o = encodeURIComponent(organ);
      return render(
        c,
        { nav: 'cases', title: '依申请公开台账', wide: true },
        h`<div class="result-head"><div><h1>依申请公开台账</h1><p class="muted">${organ}</p></div>
<div class="actions"><a class="button primary" href="/cases/new?organ=${o}">登记申请</a><a class="button" href="/cases/table3?organ=${o}">生成表三</a><a class="button" href="/cases/import?organ=${o}">导入台账</a><a class="button" href="/cases/export.xlsx?organ=${o}">导出 XLSX</a><a class="button" href="/cases/export.csv?organ=${o}">导出 CSV</a><a class="button" href="/cases/deadlines.ics?organ=${o}">期限日历 .ics</a></div></div>
${organPicker(c, organ, '/cases')}
<div class="stats">
<div class="stat${due.overdue.length ? ' bad' : ''}"><strong>${due.overdue.length}</strong><span>已逾期</span></div>
<div class="stat${due.dueSoon.length ? ' warn' : ''}"><strong>${due.dueSoon.length}</strong><span>5个工作日内到期</span></div>
<div class="stat"><strong>${due.waitingApplicant.length}</strong><span>等待申请人</span></div>
<div class="stat"><strong>${due.paused.length}</strong><span>暂停计时</span></div>
</div>
${dueTable('已逾期', due.overdue, 'due')}${dueTable('即将到期', due.dueSoon, 'due')}${dueTable('等待申请人补正或缴费', due.waitingApplicant, 'wait')}${dueTable('暂停计时', due.paused, 'note')}${dueTable('缺少节假日数据', due.calendarMissing, 'note')}
<h2>全部案件</h2>
<form method="get" action="/cases" class="filters" role="search">
${userOf(c).role !== 'clerk' ? h`<input type="hidden" name="organ" value="${organ}">` : ''}
<label>状态<select name="status"><option value="">全部</option>${statuses.map((s) => h`<option value="${s}"${s === status ? h` selected` : ''}>${s === 'unclosed' ? '未办结' : STATUS_LABELS[s as CaseStatus]}</option>`)}</select></label>
<label>收到年份<input type="number" name="year" min="2008" max="2100" value="${year ?? ''}"></label>
<label>编号或内容<input name="q" value="${q.q ?? ''}" maxlength="50"></label>
${userOf(c).role === 'clerk' ? h`<label class="check"><input type="checkbox" name="reveal" value="1"${reveal ? h` checked` : ''}> 显示申请人信息（记入审计日志）</label>` : ''}
<button type="submit">筛选</button></form>
<table class="list"><thead><tr><th>编号</th><th>收到日期</th><th>申请人</th><th>类型</th><th>内容</th><th>状态</th><th>期限/办结</th></tr></thead><tbody>
${list.items.map(
  (i) => h`<tr><td><a href="/cases/${i.id}">${i.caseNo}</a></td><td>${i.receivedOn}</td><td>${i.applicantName}</td><td>${applicantTypeLabel(i.applicantType as never)}</td><td>${i.content}</td><td>${statusPill(i.status)}</td><td>${i.closedOn ? `${i.closedOn} ${decisionLabel(i.decision)}` : (i.dueOn ?? '—')}</td></tr>`,
)}</tbody></table>
<p class="muted small">共 ${list.total} 件${list.masked ? '；申请人信息已遮蔽' : ''}。${list.total > page * 50 ? h` <a href="/cases?${new URLSearchParams({ ...q, page: String(page + 1) }).toString()}">下一页</a>` : ''}</p>`,
      );
    } catch (e) {
      return ledgerError(c, e, '/cases');
    }
  });

  // ------------------------------------------------------------ new case
  app.get('/cases/new', (c) => {
    const organ = organFor(c, c.req.query('organ'));
    if (!organ) return c.redirect('/cases', 303);
    if (userOf(c).role !== 'clerk') return forbidden(c, '只有本机关的填报人可以登记申请。');
    return render(
      c,
      { nav: 'cases', title: '登记申请' },
      h`<p class="crumbs"><a href="/cases">依申请公开台账</a> › 登记申请</p><h1>登记政府信息公开申请</h1>
<form method="post" action="/cases" class="card stack">${csrfField(c)}
<label>申请渠道<select name="channel" required>${CHANNELS.map((ch) => h`<option value="${ch.key}">${ch.label}（收到之日：${ch.rule}）</option>`)}</select></label>
<label>收到申请之日（条例第三十一条）<input type="date" name="received" required></label>
<label>申请人寄出或提交之日（邮寄、互联网等，仅作记录）<input type="date" name="submittedOn"></label>
<label>申请人类型<select name="applicantType" required>${APPLICANT_TYPES.map((t) => h`<option value="${t.key}">${t.label}</option>`)}</select></label>
<label>申请人姓名或名称<input name="name" required maxlength="200"></label>
<label>证件号码<input name="idNumber" maxlength="40"></label>
<label>联系电话<input name="phone" maxlength="40"></label>
<label>地址<input name="address" maxlength="300"></label>
<label>电子邮箱<input name="email" type="email" maxlength="200"></label>
<label>申请公开的内容<textarea name="content" required maxlength="2000" rows="4"></textarea></label>
<label>要求的提供形式<input name="form" maxlength="200"></label>
<label>案件编号（留空自动编号）<input name="caseNo" maxlength="40"></label>
<button type="submit" class="primary">登记</button></form>`,
    );
  });

  app.post('/cases', async (c) => {
    const organ = organFor(c, undefined);
    if (!organ) return forbidden(c, '只有本机关的填报人可以登记申请。');
    const form = await c.req.parseBody();
    const intake = intakeFrom(form as Record<string, unknown>, organ);
    if (typeof intake === 'string') return render(c, { nav: 'cases', title: '登记申请', flash: { kind: 'error', text: intake } }, h`<p><a class="button" href="/cases/new">返回</a></p>`, 422);
    try {
      const v = await ledgerOf(c).createCase(actorOf(c), intake);
      return c.redirect(`/cases/${v.record.id}`, 303);
    } catch (e) {
      return ledgerError(c, e, '/cases/new');
    }
  });

  // ------------------------------------------------------------ table III
  app.get('/cases/table3', async (c) => {
    const organ = organFor(c, c.req.query('organ'));
    if (!organ) return c.redirect('/cases', 303);
    const year = intParam(c.req.query('year'), 2008, 2100) ?? Number(todayInChina().slice(0, 4)) - 1;
    try {
      const t = await ledgerOf(c).table3(actorOf(c), organ, year);
      const layout = LAYOUTS[t.meta.template];
      return render(
        c,
        { nav: 'cases', title: `表三 ${year}`, wide: true, flash: c.req.query('saved') ? { kind: 'ok', text: '已写入年报草稿。' } : undefined },
        h`<p class="crumbs"><a href="/cases">依申请公开台账</a> › 表三</p><h1>${organ} ${year}年 收到和处理政府信息公开申请情况</h1>
<form method="get" action="/cases/table3" class="filters">${userOf(c).role !== 'clerk' ? h`<input type="hidden" name="organ" value="${organ}">` : ''}<label>年度<input type="number" name="year" value="${year}" min="2008" max="2100"></label><button type="submit">生成</button></form>
<p class="muted small">由台账逐件统计（${layout.notice}格式）：新收按收到申请之日，上年结转与结转下年度按12月31日仍未办结的案件，每件办结案件只计入一个办理结果行。</p>
<div class="table-wrap"><table class="official compact"><thead><tr><th></th>${REQUEST_COLUMNS.map((col) => h`<th>${col.label}</th>`)}</tr></thead><tbody>
${layout.requests.map((row) => h`<tr><th scope="row">${row.group?.startsWith('（') ? h`<span class="muted">${row.group}</span> ` : ''}${row.numbering}${row.label}</th>${t.requests[row.key].map((v) => h`<td class="num">${v}</td>`)}</tr>`)}
</tbody></table></div>
<section class="card"><h2>第六部分：信息处理费</h2><p>${t.feeSentence}</p></section>
${userOf(c).role === 'clerk' && t.meta.template === '2021'
  ? h`<form method="post" action="/cases/table3" class="inline">${csrfField(c)}<input type="hidden" name="year" value="${year}"><button type="submit" class="primary">写入${year}年年报草稿</button></form>`
  : ''}`,
      );
    } catch (e) {
      return ledgerError(c, e, '/cases');
    }
  });

  app.post('/cases/table3', async (c) => {
    const user = userOf(c);
    const organ = organFor(c, undefined);
    if (!organ) return forbidden(c, '只有本机关的填报人可以写入年报草稿。');
    const form = await c.req.parseBody();
    const year = intParam(String(form.year ?? ''), 2021, 2100);
    if (!year) return render(c, { nav: 'cases', title: '表三', flash: { kind: 'error', text: '年度有误（草稿为2021年格式）。' } }, h`<p><a href="/cases/table3">返回</a></p>`, 422);
    try {
      const part = await ledgerOf(c).table3(actorOf(c), organ, year);
      const db = c.get('s').db;
      let draft = await findDraft(db, organ, year);
      if (!draft) draft = await createDraft(db, organ, year, blankReport(organ, year), user.id);
      const saved = await saveDraft(db, draft.id, applyLedgerToReport(draft.report, part), draft.version, user.id);
      if (!saved) return render(c, { nav: 'cases', title: '表三', flash: { kind: 'error', text: '草稿刚被其他人修改，请重试。' } }, h`<p><a href="/cases/table3?year=${year}">返回</a></p>`, 409);
      return c.redirect(`/drafts/${saved.id}`, 303);
    } catch (e) {
      if (e instanceof Error && /格式/.test(e.message)) return render(c, { nav: 'cases', title: '表三', flash: { kind: 'error', text: e.message } }, h``, 422);
      return ledgerError(c, e, '/cases');
    }
  });

  // ------------------------------------------------------------ import / export / iCal
  app.get('/cases/import', (c) => {
    if (userOf(c).role !== 'clerk') return forbidden(c, '只有本机关的填报人可以导入台账。');
    return render(
      c,
      { nav: 'cases', title: '导入台账' },
      h`<p class="crumbs"><a href="/cases">依申请公开台账</a> › 导入</p><h1>导入现有电子表格台账（CSV）</h1>
<p>第一行为列名：编号、收到日期、渠道、申请人类型、申请人、证件号码、联系电话、地址、申请内容、答复日期、办理结果。无法导入的行会逐行列出原因，其余行照常导入。</p>
<form method="post" action="/cases/import" enctype="multipart/form-data" class="card stack">${csrfField(c)}
<label>CSV 文件（UTF-8 或 GB18030）<input type="file" name="file" accept=".csv,text/csv" required></label>
<label class="check"><input type="checkbox" name="dryRun" value="1"> 只检查，不导入</label>
<button type="submit" class="primary">导入</button></form>`,
    );
  });

  app.post('/cases/import', async (c) => {
    const organ = organFor(c, undefined);
    if (!organ) return forbidden(c, '只有本机关的填报人可以导入台账。');
    if (Number(c.req.header('content-length') ?? '0') > MAX_CSV_BYTES + 100_000) return render(c, { nav: 'cases', title: '导入台账', flash: { kind: 'error', text: '文件过大。' } }, h``, 413);
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) return render(c, { nav: 'cases', title: '导入台账', flash: { kind: 'error', text: '请选择 CSV 文件。' } }, h`<p><a href="/cases/import">返回</a></p>`, 422);
    if (file.size > MAX_CSV_BYTES) return render(c, { nav: 'cases', title: '导入台账', flash: { kind: 'error', text: '文件过大。' } }, h``, 413);
    const ledger = ledgerOf(c);
    let plan;
    try {
      plan = planImport(decodeText(new Uint8Array(await file.arrayBuffer())), organ, await ledger.calendar());
    } catch (e) {
      return render(c, { nav: 'cases', title: '导入台账', flash: { kind: 'error', text: `${file.name}：${(e as Error).message}` } }, h`<p><a href="/cases/import">返回</a></p>`, 422);
    }
    const dry = form.dryRun === '1';
    const written = dry ? { imported: 0, failed: [] } : await importPlanned(ledger, actorOf(c), plan.rows);
    const rejected = [...plan.rejected, ...written.failed].sort((a, b) => a.line - b.line);
    return render(
      c,
      { nav: 'cases', title: '导入结果', flash: { kind: rejected.length ? 'error' : 'ok', text: `可导入 ${plan.rows.length} 行，${dry ? '试运行未写入' : `已导入 ${written.imported} 行`}，无法导入 ${rejected.length} 行。` } },
      h`<h1>导入结果：${file.name}</h1>
${rejected.length ? h`<table class="list"><thead><tr><th>行</th><th>原因</th></tr></thead><tbody>${rejected.map((r) => h`<tr class="bad"><td>第${r.line}行</td><td>${r.reason}</td></tr>`)}</tbody></table>` : ''}
${plan.ignored.length ? h`<p class="muted">未识别而忽略的列：${plan.ignored.join('、')}</p>` : ''}
<p><a class="button" href="/cases">返回台账</a></p>`,
    );
  });

  // one route per format: a parameter inside "export.:format" is not matched reliably by the router
  for (const format of ['csv', 'xlsx'] as const) app.get(`/cases/export.${format}`, async (c) => {
    const organ = organFor(c, c.req.query('organ'));
    if (!organ) return c.redirect('/cases', 303);
    try {
      const r = await ledgerOf(c).exportCases(actorOf(c), organ, { reveal: c.req.query('reveal') === '1' });
      const name = encodeURIComponent(`依申请公开台账-${organ}`);
      if (format === 'csv') {
        c.header('Content-Disposition', `attachment; filename*=UTF-8''${name}.csv`);
        return c.body(exportCsv(r.cases, r.states), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
      }
      const bytes = await exportXlsx(r.cases, r.states);
      c.header('Content-Disposition', `attachment; filename*=UTF-8''${name}.xlsx`);
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    } catch (e) {
      return ledgerError(c, e, '/cases');
    }
  });

  app.get('/cases/deadlines.ics', async (c) => {
    const organ = organFor(c, c.req.query('organ'));
    try {
      const items = await ledgerOf(c).deadlines(actorOf(c), organ);
      const ics = deadlinesIcs(items, { organ, stamp: new Date().toISOString() });
      return c.body(ics, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'attachment; filename="deadlines.ics"' });
    } catch (e) {
      return ledgerError(c, e, '/cases');
    }
  });

  // ------------------------------------------------------------ one case
  app.get('/cases/:id{[0-9]+}', async (c) => {
    const reveal = c.req.query('reveal') === '1';
    try {
      const v = await ledgerOf(c).getCase(actorOf(c), c.req.param('id'), { reveal });
      const { record: r, state: s } = v;
      const a = r.applicant;
      const canWrite = userOf(c).role === 'clerk';
      return render(
        c,
        { nav: 'cases', title: `案件 ${r.caseNo}`, wide: true, flash: c.req.query('warn') ? { kind: 'error', text: c.req.query('warn')!.slice(0, 300) } : undefined },
        h`<p class="crumbs"><a href="/cases">依申请公开台账</a> › ${r.caseNo}</p>
<div class="result-head"><div><h1>案件 ${r.caseNo} ${statusPill(s.status)}</h1><p class="muted">${r.organ}</p></div>
${canWrite && v.masked ? h`<div class="actions"><a class="button" href="/cases/${r.id}?reveal=1">显示申请人信息（记入审计日志）</a></div>` : ''}</div>
<div class="split"><div class="paper">
<dl class="meta"><dt>申请人</dt><dd>${a.name}（${applicantTypeLabel(a.type)}）</dd>
${a.idNumber ? h`<dt>证件号码</dt><dd>${a.idNumber}</dd>` : ''}${a.phone ? h`<dt>联系电话</dt><dd>${a.phone}</dd>` : ''}${a.address ? h`<dt>地址</dt><dd>${a.address}</dd>` : ''}${a.email ? h`<dt>电子邮箱</dt><dd>${a.email}</dd>` : ''}
<dt>渠道</dt><dd>${channelLabel(r.channel)}</dd><dt>收到申请之日</dt><dd>${withWeekday(r.receivedOn)}</dd><dt>申请内容</dt><dd>${r.content}</dd></dl>
<h2>办理过程</h2><ol class="timeline"><li>${r.receivedOn}  收到申请</li>${r.events.map((e) => h`<li>${eventText(e)}</li>`)}</ol>
${s.status === 'closed' ? h`<p><strong>已于 ${s.closedOn} 办结：</strong>${decisionLabel(s.decision)}</p>` : ''}
</div><aside class="side"><div class="sticky">
${s.status !== 'closed'
  ? h`<h2>答复期限</h2>${s.deadlineError ? h`<p class="flash error">${s.deadlineError}</p>` : s.deadline ? h`<p><strong>${s.deadline.due ? withWeekday(s.deadline.due) : '暂停计时中'}</strong></p><ol class="small">${s.deadline.steps.map((x) => h`<li>${x}</li>`)}</ol>` : ''}
${s.waitingFor ? h`<p>等待申请人${s.waitingFor.kind === 'fee' ? '缴费' : '补正'}，期限 ${s.waitingFor.until}</p>` : ''}
${s.correctionNoticeBy ? h`<p class="small muted">如需补正，应于 ${s.correctionNoticeBy} 前一次性告知（条例第三十条）。</p>` : ''}`
  : ''}
${canWrite && s.status !== 'closed' ? eventForm(c, r.id) : ''}
</div></aside></div>`,
      );
    } catch (e) {
      if (e instanceof AccessError) return c.html(notFoundPage(c), 404);
      return ledgerError(c, e, '/cases');
    }
  });

  app.post('/cases/:id{[0-9]+}/events', async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const ev = eventFrom(form as Record<string, unknown>);
    if (typeof ev === 'string') return render(c, { nav: 'cases', title: '记录事件', flash: { kind: 'error', text: ev } }, h`<p><a class="button" href="/cases/${id}">返回</a></p>`, 422);
    try {
      const r = await ledgerOf(c).addEvent(actorOf(c), id, ev);
      return c.redirect(`/cases/${id}${r.warnings.length ? `?warn=${encodeURIComponent(r.warnings.join('；'))}` : ''}`, 303);
    } catch (e) {
      return ledgerError(c, e, `/cases/${id}`);
    }
  });

  return app;
}

function eventForm(c: Ctx, id: string): Safe {
  return h`<h2>记录办理事件</h2>
<form method="post" action="/cases/${id}/events" class="stack">${csrfField(c)}
<label>事件<select name="kind" required>${Object.entries(EVENT_KINDS).map(([k, v]) => h`<option value="${k}">${v}</option>`)}</select></label>
<label>日期<input type="date" name="date" required></label>
<label>办理结果（作出答复）<select name="decision"><option value="">—</option>${DECISION_TYPES.map((d) => h`<option value="${d.key}">${d.label}</option>`)}</select></label>
<label>延长工作日（延长答复期限）<input type="number" name="days" min="1" max="20"></label>
<label>批准人（延长答复期限）<input name="approver" maxlength="60"></label>
<label>补正期限（补正告知，默认15个工作日）<input type="date" name="deadline"></label>
<label>需补正的内容<input name="items" maxlength="500"></label>
<label>第三方 / 被征求意见的机关<input name="party" maxlength="200"></label>
<label>延迟答复至（第三十五条）<input type="date" name="until"></label>
<label>收费方式<select name="mode"><option value="">—</option><option value="piece">按件</option><option value="volume">按量</option></select></label>
<label>页数（按量）<input type="number" name="pages" min="0"></label>
<label>实缴金额（元）<input type="number" name="amount" min="0" step="0.01"></label>
<label>说明 / 备注<input name="note" maxlength="500"></label>
<button type="submit" class="primary">记录（记录后不可修改）</button></form>`;
}
