/**
 * 主动公开台账 pages: an organ's 规章 and 行政规范性文件 across the years, the add/edit forms, the
 * import of lists (CSV, XLSX) with a per-row report, the yearly counts, table II derived for a year
 * with the documents behind each count, and writing tables II and III into the year's report draft.
 */
import { Hono } from 'hono';
import type { Ctx, Env } from '../context.js';
import { h, type Safe } from '../html.js';
import { forbidden, intParam, notFoundPage, render, requireLogin, userOf } from '../pages.js';
import { organFor } from './ledger-common.js';
import { actorOf, draftFromRegister, registerOf } from './register-common.js';
import { AccessError, requireWrite } from '../../register/access.js';
import { DOCUMENT_KINDS, END_KINDS, RegisterError, STATUS_LABELS, endKindLabel, kindByName, kindLabel, statusOn, type DocumentInput, type EndKind, type RegisterDocument } from '../../register/documents.js';
import { MAX_IMPORT_BYTES, planCountsImport, planDocumentImport, readSheet } from '../../register/import.js';
import { layoutForYear, type Table2 } from '../../register/table2.js';
import { DateError, todayInChina } from '../../ledger/dates.js';
import { LAYOUTS } from '../../model/layouts.js';
import { InputError } from '../../errors.js';
import { encodeSheet } from '../../store/tables.js';
import { documentSheet } from '../../register/sheets.js';

type Fields = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

function csrfField(c: Ctx): Safe {
  return h`<input type="hidden" name="_csrf" value="${c.get('csrf') ?? ''}">`;
}

/** A document from form fields or JSON (same names: kind, docNo, title, madeOn, publishedOn, status/endKind, endedOn, amendedOn, replaces, note). */
export function documentFrom(f: Fields, organ: string): DocumentInput | string {
  const kind = kindByName(str(f.kind));
  if (!kind) return `请选择文件类型（${DOCUMENT_KINDS.map((k) => k.label).join('或')}）`;
  const status = str(f.endKind ?? f.status);
  let endKind: EndKind | null = null;
  if (status && !/^(?:inForce|现行有效|有效)$/.test(status)) {
    endKind = (END_KINDS.find((k) => k.key === status || k.names.includes(status))?.key ?? null) as EndKind | null;
    if (!endKind) return '状态应为现行有效、已废止、已修订或已失效';
  }
  return {
    organ, kind, endKind,
    docNo: str(f.docNo), title: str(f.title), madeOn: str(f.madeOn), publishedOn: str(f.publishedOn) || null,
    endedOn: endKind ? str(f.endedOn) || null : null, amendedOn: str(f.amendedOn) || null, replaces: str(f.replaces) || null, note: str(f.note) || null,
  };
}

function registerError(c: Ctx, e: unknown, back: string) {
  if (e instanceof AccessError) return forbidden(c, e.message);
  if (e instanceof RegisterError || e instanceof DateError || e instanceof InputError) {
    return render(c, { nav: 'register', title: '无法保存', flash: { kind: 'error', text: e.message } }, h`<p><a class="button" href="${back}">返回</a></p>`, 422);
  }
  throw e;
}

function documentForm(c: Ctx, action: string, d?: RegisterDocument): Safe {
  const sel = (a: unknown, b: unknown) => (a === b ? h` selected` : '');
  return h`<form method="post" action="${action}" class="card stack">${csrfField(c)}
<label>类型<select name="kind" required>${DOCUMENT_KINDS.map((k) => h`<option value="${k.key}"${sel(k.key, d?.kind)}>${k.label}</option>`)}</select></label>
<label>文号<input name="docNo" maxlength="100" value="${d?.docNo ?? ''}" placeholder="如 示司规〔2024〕1号"></label>
<label>标题<input name="title" required maxlength="500" value="${d?.title ?? ''}"></label>
<label>制发日期（成文或印发日期）<input type="date" name="madeOn" required value="${d?.madeOn ?? ''}"></label>
<label>公开日期<input type="date" name="publishedOn" value="${d?.publishedOn ?? ''}"></label>
<label>状态<select name="endKind"><option value="inForce">现行有效</option>${END_KINDS.map((k) => h`<option value="${k.key}"${sel(k.key, d?.endKind)}>已${k.label}${k.key === 'revised' ? '（被新文本替代）' : ''}</option>`)}</select></label>
<label>废止、修订或失效日期<input type="date" name="endedOn" value="${d?.endedOn ?? ''}"></label>
<label>修正日期（原文件继续有效，不影响件数）<input type="date" name="amendedOn" value="${d?.amendedOn ?? ''}"></label>
<label>修订时被替代的原文件文号<input name="replaces" maxlength="100" value="${d?.replaces ?? ''}"></label>
<label>备注<input name="note" maxlength="500" value="${d?.note ?? ''}"></label>
<button type="submit" class="primary">保存</button></form>`;
}

export function table2View(t: Table2): Safe {
  const layout = LAYOUTS[t.layout];
  return h`<div class="table-wrap"><table class="official compact"><caption>表二 主动公开政府信息情况（由主动公开台账生成）</caption><tbody>
${layout.active.map((row) => h`<tr><th scope="row">${row.labels[0]}</th>${row.fields.map((f) => {
    const src = t.sources.find((s) => s.row === row.key && s.field === f.key);
    const v = t.active[row.key][f.key];
    return h`<td><span class="small muted">${f.label}</span> <strong>${v ?? '（未填）'}</strong>${
      src?.documents?.length
        ? h`<details><summary class="small">计入的文件</summary><ul class="small">${src.documents.map((d) => h`<li><a href="/register/documents/${d.id}">${d.docNo || d.title}</a> ${d.date} ${d.why}</li>`)}</ul></details>`
        : src?.counts
          ? h`<div class="small muted">${src.counts.source === 'imported' ? '导入' : '录入'}的年度数字</div>`
          : ''
    }</td>`;
  })}</tr>`)}
</tbody></table></div>`;
}

export function registerRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/register', requireLogin('clerk', 'admin', 'reviewer'));
  app.use('/register/*', requireLogin('clerk', 'admin', 'reviewer'));

  app.get('/register', async (c) => {
    const q = c.req.query();
    const organ = organFor(c, q.organ);
    const user = userOf(c);
    if (!organ) {
      return render(c, { nav: 'register', title: '主动公开台账' }, h`<h1>主动公开台账</h1>
<form method="get" action="/register" class="filters"><label>机关<input name="organ" required maxlength="100"></label><button type="submit">查看</button></form>`);
    }
    const year = intParam(q.year, 2008, 2100) ?? Number(todayInChina().slice(0, 4)) - 1;
    try {
      const reg = registerOf(c);
      const actor = actorOf(c);
      const t = await reg.table2(actor, organ, year);
      const docs = await reg.listDocuments(actor, organ);
      const counts = (await reg.counts(actor, organ, year))[0];
      const o = encodeURIComponent(organ);
      const canWrite = user.role === 'clerk' || user.role === 'admin';
      const hidden = user.role !== 'clerk' ? h`<input type="hidden" name="organ" value="${organ}">` : '';
      return render(
        c,
        { nav: 'register', title: '主动公开台账', wide: true, flash: q.imported ? { kind: 'ok', text: q.imported.slice(0, 200) } : undefined },
        h`<div class="result-head"><div><h1>主动公开台账</h1><p class="muted">${organ}</p></div>
<div class="actions"><a class="button" href="/register/export.xlsx?organ=${o}">导出 XLSX</a><a class="button" href="/register/export.csv?organ=${o}">导出 CSV</a></div></div>
<form method="get" action="/register" class="filters">${hidden}<label>年度<input type="number" name="year" min="2008" max="2100" value="${year}"></label><button type="submit">查看</button></form>
<section class="card"><h2>${year}年 表二</h2>
<p class="muted small">本年制发：成文（印发）日期在本年的文件；本年废止：本年废止、失效或被修订文本替代的文件（修订后的新文本计入制发）；现行有效：12月31日仍有效的文件。详见 docs/register.md。</p>
${table2View(t)}
${user.role === 'clerk' && layoutForYear(year) === '2021' ? h`<form method="post" action="/register/draft" class="inline">${csrfField(c)}<input type="hidden" name="year" value="${year}"><button type="submit" class="primary">写入${year}年年报草稿（表二来自本台账，表三来自依申请公开台账）</button></form>` : ''}
</section>
${canWrite ? h`<section class="card"><h2>${year}年 处理决定数量与收费金额</h2>
<form method="post" action="/register/counts" class="filters">${csrfField(c)}${hidden}<input type="hidden" name="year" value="${year}">
<label>行政许可<input type="number" name="licensing" min="0" value="${counts?.licensing ?? ''}"></label>
<label>行政处罚<input type="number" name="penalty" min="0" value="${counts?.penalty ?? ''}"></label>
<label>行政强制<input type="number" name="coercion" min="0" value="${counts?.coercion ?? ''}"></label>
<label>行政事业性收费（万元）<input type="number" name="feesAmount" min="0" step="0.0001" value="${counts?.feesAmount ?? ''}"></label>
<button type="submit">保存</button></form></section>` : ''}
<section class="card"><h2>文件（${docs.length}）</h2>
<table class="list"><thead><tr><th>类型</th><th>文号</th><th>标题</th><th>制发</th><th>公开</th><th>${year}年末状态</th><th>废止/修订/失效</th></tr></thead><tbody>
${docs.map((d) => h`<tr><td>${kindLabel(d.kind)}</td><td>${d.docNo}</td><td><a href="/register/documents/${d.id}">${d.title}</a></td><td>${d.madeOn}</td><td>${d.publishedOn ?? ''}</td><td>${STATUS_LABELS[statusOn(d, `${year}-12-31`)]}</td><td>${d.endedOn ? `${d.endedOn} ${endKindLabel(d.endKind)}` : ''}</td></tr>`)}
</tbody></table></section>
${canWrite ? h`<div class="cols"><section><h2>登记文件</h2>${documentForm(c, `/register/documents${user.role === 'admin' ? `?organ=${o}` : ''}`)}</section>
<section><h2>导入文件目录或年度数字</h2><form method="post" action="/register/import${user.role === 'admin' ? `?organ=${o}` : ''}" enctype="multipart/form-data" class="card stack">${csrfField(c)}
<p class="small">CSV（UTF-8 或 GB18030）或 XLSX。文件目录的列：文号、标题、类型、制发日期（成文日期）、公开日期、状态、废止日期、修订日期、失效日期、修正日期、备注；文号相同的文件更新。年度数字的列：年度、行政许可、行政处罚、行政强制、行政事业性收费（万元）。</p>
<label>文件<input type="file" name="file" accept=".csv,.xlsx,text/csv" required></label>
<label>内容<select name="what"><option value="documents">文件目录</option><option value="counts">年度数字</option></select></label>
<label>没有“类型”列时，整个目录的类型<select name="kind"><option value="">—</option>${DOCUMENT_KINDS.map((k) => h`<option value="${k.key}">${k.label}</option>`)}</select></label>
<label class="check"><input type="checkbox" name="dryRun" value="1"> 只检查，不导入</label>
<button type="submit" class="primary">导入</button></form></section></div>` : ''}`,
      );
    } catch (e) {
      return registerError(c, e, '/register');
    }
  });

  app.post('/register/documents', async (c) => {
    const organ = organFor(c, c.req.query('organ'));
    if (!organ) return forbidden(c);
    const form = (await c.req.parseBody()) as Fields;
    const input = documentFrom(form, organ);
    if (typeof input === 'string') return registerError(c, new RegisterError(input), '/register');
    try {
      await registerOf(c).addDocument(actorOf(c), input);
      return c.redirect(`/register?organ=${encodeURIComponent(organ)}&year=${input.madeOn.slice(0, 4)}`, 303);
    } catch (e) {
      return registerError(c, e, '/register');
    }
  });

  app.get('/register/documents/:id{[0-9]+}', async (c) => {
    try {
      const d = await registerOf(c).getDocument(actorOf(c), c.req.param('id'));
      const user = userOf(c);
      const canWrite = user.role === 'admin' || user.role === 'clerk';
      return render(
        c,
        { nav: 'register', title: d.title },
        h`<p class="crumbs"><a href="/register?organ=${encodeURIComponent(d.organ)}">主动公开台账</a> › ${d.docNo || d.title}</p><h1>${d.title}</h1>
<p class="muted">${d.organ} · ${kindLabel(d.kind)} · ${STATUS_LABELS[statusOn(d, todayInChina())]}</p>
${canWrite ? h`${documentForm(c, `/register/documents/${d.id}`, d)}
<form method="post" action="/register/documents/${d.id}/delete" class="inline">${csrfField(c)}<button type="submit" class="danger">删除（仅用于登记错误；废止的文件请改状态）</button></form>` : ''}`,
      );
    } catch (e) {
      if (e instanceof AccessError) return c.html(notFoundPage(c), 404);
      throw e;
    }
  });

  app.post('/register/documents/:id{[0-9]+}', async (c) => {
    const id = c.req.param('id');
    try {
      const reg = registerOf(c);
      const old = await reg.getDocument(actorOf(c), id);
      const input = documentFrom((await c.req.parseBody()) as Fields, old.organ);
      if (typeof input === 'string') throw new RegisterError(input);
      await reg.updateDocument(actorOf(c), id, input);
      return c.redirect(`/register?organ=${encodeURIComponent(old.organ)}`, 303);
    } catch (e) {
      return registerError(c, e, `/register/documents/${id}`);
    }
  });

  app.post('/register/documents/:id{[0-9]+}/delete', async (c) => {
    const id = c.req.param('id');
    try {
      const reg = registerOf(c);
      const old = await reg.getDocument(actorOf(c), id);
      await reg.deleteDocument(actorOf(c), id);
      return c.redirect(`/register?organ=${encodeURIComponent(old.organ)}`, 303);
    } catch (e) {
      return registerError(c, e, '/register');
    }
  });

  app.post('/register/counts', async (c) => {
    const form = (await c.req.parseBody()) as Fields;
    const organ = organFor(c, str(form.organ));
    const year = intParam(str(form.year), 2008, 2100);
    if (!organ || !year) return registerError(c, new RegisterError('需要机关和年度'), '/register');
    const num = (k: string) => (str(form[k]) === '' ? null : Number(str(form[k])));
    try {
      await registerOf(c).setCounts(actorOf(c), { organ, year, source: 'entered', licensing: num('licensing'), penalty: num('penalty'), coercion: num('coercion'), feesAmount: num('feesAmount') });
      return c.redirect(`/register?organ=${encodeURIComponent(organ)}&year=${year}`, 303);
    } catch (e) {
      return registerError(c, e, '/register');
    }
  });

  app.post('/register/import', async (c) => {
    const organ = organFor(c, c.req.query('organ'));
    if (!organ) return forbidden(c);
    if (Number(c.req.header('content-length') ?? '0') > MAX_IMPORT_BYTES + 100_000) return registerError(c, new RegisterError('文件过大'), '/register');
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) return registerError(c, new RegisterError('请选择 CSV 或 XLSX 文件'), '/register');
    try {
      const result = await importUpload(c, organ, file, { what: str(form.what), kind: str(form.kind), dryRun: form.dryRun === '1' });
      return render(
        c,
        { nav: 'register', title: '导入结果', flash: { kind: result.rejected.length ? 'error' : 'ok', text: result.summary } },
        h`<h1>导入结果：${file.name}</h1>
${result.rejected.length ? h`<table class="list"><thead><tr><th>行</th><th>原因</th></tr></thead><tbody>${result.rejected.map((r) => h`<tr class="bad"><td>第${r.line}行</td><td>${r.reason}</td></tr>`)}</tbody></table>` : ''}
${result.ignored.length ? h`<p class="muted">未识别而忽略的列：${result.ignored.join('、')}</p>` : ''}
<p><a class="button" href="/register?organ=${encodeURIComponent(organ)}">返回台账</a></p>`,
        result.rejected.length ? 422 : 200,
      );
    } catch (e) {
      return registerError(c, e, '/register');
    }
  });

  app.post('/register/draft', async (c) => {
    const user = userOf(c);
    const organ = organFor(c, undefined);
    if (user.role !== 'clerk' || !organ) return forbidden(c, '只有本机关的填报人可以写入年报草稿。');
    const year = intParam(str((await c.req.parseBody()).year), 2021, 2100);
    if (!year) return registerError(c, new RegisterError('年度有误（草稿为2021年格式，应为2021年及以后）'), '/register');
    try {
      const draft = await draftFromRegister(c, organ, year, user.id);
      if (!draft) return render(c, { nav: 'register', title: '表二', flash: { kind: 'error', text: '草稿刚被其他人修改，请重试。' } }, h``, 409);
      return c.redirect(`/drafts/${draft.id}`, 303);
    } catch (e) {
      if (e instanceof Error && /格式/.test(e.message) && !(e instanceof AccessError)) return registerError(c, new RegisterError(e.message), '/register');
      return registerError(c, e, '/register');
    }
  });

  for (const format of ['csv', 'xlsx'] as const) app.get(`/register/export.${format}`, async (c) => {
    const organ = organFor(c, c.req.query('organ'));
    if (!organ) return c.redirect('/register', 303);
    try {
      const docs = await registerOf(c).listDocuments(actorOf(c), organ);
      const bytes = await encodeSheet(documentSheet(docs, todayInChina()), format);
      c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`主动公开台账-${organ}`)}.${format}`);
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    } catch (e) {
      return registerError(c, e, '/register');
    }
  });

  return app;
}

/** Reads an uploaded list or counts file and writes what it can; shared by the page and the API. */
export async function importUpload(
  c: Ctx, organ: string, file: File, options: { what?: string; kind?: string; dryRun?: boolean },
): Promise<{ summary: string; valid: number; created: number; updated: number; rejected: { line: number; reason: string }[]; ignored: string[] }> {
  const actor = actorOf(c);
  // a dry run writes nothing but still answers only those who may write this organ's register
  requireWrite(actor, organ);
  if (file.size > MAX_IMPORT_BYTES) throw new RegisterError('文件过大');
  const rows = await readSheet(new Uint8Array(await file.arrayBuffer()), file.name);
  const reg = registerOf(c);
  if (options.what === 'counts') {
    const plan = planCountsImport(rows, organ, file.name);
    let created = 0;
    const failed: { line: number; reason: string }[] = [];
    if (!options.dryRun) for (const r of plan.rows) {
      try {
        await reg.setCounts(actor, r.counts);
        created++;
      } catch (e) {
        if (!(e instanceof RegisterError)) throw e;
        failed.push({ line: r.line, reason: e.message });
      }
    }
    const rejected = [...plan.rejected, ...failed].sort((a, b) => a.line - b.line);
    return { summary: `可导入 ${plan.rows.length} 行，${options.dryRun ? '试运行未写入' : `已保存 ${created} 个年度`}，无法导入 ${rejected.length} 行。`, valid: plan.rows.length, created, updated: 0, rejected, ignored: plan.ignored };
  }
  const plan = planDocumentImport(rows, organ, file.name, { kind: kindByName(options.kind ?? '') ?? undefined });
  const written = options.dryRun ? { created: 0, updated: 0, failed: [] } : await reg.importDocuments(actor, organ, plan.rows);
  const rejected = [...plan.rejected, ...written.failed].sort((a, b) => a.line - b.line);
  return {
    summary: `可导入 ${plan.rows.length} 行，${options.dryRun ? '试运行未写入' : `新增 ${written.created} 行，更新 ${written.updated} 行`}，无法导入 ${rejected.length} 行。`,
    valid: plan.rows.length, created: written.created, updated: written.updated, rejected, ignored: plan.ignored,
  };
}
