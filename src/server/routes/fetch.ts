/**
 * 按网址导入: reviewers, clerks and administrators give web addresses (article pages, report files,
 * 年报 column pages); the reports found are checked and stored with their source and publication
 * date. Reports whose organ is uncertain wait for the user to confirm or pick it. Administrators
 * set whether internal networks may be fetched and the limits per user.
 */
import { Hono } from 'hono';
import type { Ctx, Env } from '../context.js';
import { h, type Safe } from '../html.js';
import { forbidden, intParam, render, requireLogin, userOf } from '../pages.js';
import { SEVERITY_ZH } from '../../model/findings.js';
import { ImportRefused, parseAddressList, type AddressOutcome } from '../../fetch/run.js';
import { outcomeJson, summarize } from '../../fetch/report.js';
import { publicationDates } from '../../fetch/ledger.js';
import { canSeeReport } from '../access.js';
import { all } from '../sql.js';
import {
  confirmPending,
  discardPending,
  fetchedLastHour,
  FetchBusy,
  listPending,
  loadFetchSettings,
  runWebFetch,
  saveFetchSettings,
  validateFetchSettings,
  type FetchSettings,
  type PendingReport,
  type WebFetchResult,
} from '../fetch-service.js';

const ROLES = ['admin', 'reviewer', 'clerk'] as const;
const MAX_LIST_CHARS = 100_000;

const KIND_ZH: Record<AddressOutcome['kind'], string> = {
  imported: '已入库',
  found: '已找到',
  duplicate: '已有相同报告',
  skipped: '跳过',
  column: '栏目页',
  unconfirmed: '待确认机关',
  failed: '失败',
  'done-before': '此前已获取',
};

function yearsOf(value: unknown): number[] | undefined | string {
  if (value === undefined || value === null || value === '') return undefined;
  const parts = Array.isArray(value) ? value.map(String) : String(value).split(/[,，\s]+/).filter(Boolean);
  const years = parts.map(Number);
  if (years.some((y) => !Number.isInteger(y) || y < 2000 || y > 2100)) return '年度应写作 2023,2024';
  return years;
}

type Checked = { addresses: string[]; years?: number[]; column: boolean; settings: FetchSettings } | { status: 400 | 429; error: string; message: string };

/** The request's addresses and the limits: per request, per hour. */
async function checkRequest(c: Ctx, raw: unknown, yearsRaw: unknown, column: unknown): Promise<Checked> {
  const s = c.get('s');
  const text = Array.isArray(raw) ? raw.map(String).join('\n') : typeof raw === 'string' ? raw : '';
  if (text.length > MAX_LIST_CHARS) return { status: 400, error: 'too_many', message: '地址列表过长' };
  const addresses = parseAddressList(text);
  if (!addresses.length) return { status: 400, error: 'bad_request', message: '请给出至少一个网址' };
  const years = yearsOf(yearsRaw);
  if (typeof years === 'string') return { status: 400, error: 'bad_request', message: years };
  const settings = await loadFetchSettings(s.db);
  if (addresses.length > settings.perRequest) return { status: 400, error: 'too_many', message: `一次最多 ${settings.perRequest} 个网址（这次 ${addresses.length} 个），请分批提交` };
  const used = await fetchedLastHour(s.db, userOf(c).id);
  if (used + addresses.length > settings.perHour) return { status: 429, error: 'rate_limited', message: `每小时最多获取 ${settings.perHour} 个网址，最近一小时已获取 ${used} 个，请稍后再试` };
  return { addresses, years, column: column === true || column === 'on' || column === '1' || column === 'true', settings };
}

/** A link to an address a user typed: only http(s), never a javascript: or data: link. */
function addressLink(address: string): Safe {
  return /^https?:\/\//i.test(address) ? h`<a href="${address}" rel="noopener noreferrer" target="_blank">${address}</a>` : h`${address}`;
}

function resultRow(o: AddressOutcome, pending: Map<string, number>): Safe {
  const f = o.found;
  const organ = o.placement?.organ || f?.report.meta.agency || '';
  const link = o.reportId ? h`<a href="/reports/${encodeURIComponent(o.reportId)}">查看</a>` : '';
  const errors = o.findings?.filter((x) => x.severity === 'error').length ?? 0;
  const pendingId = pending.get(o.address);
  return h`<tr class="${o.kind === 'failed' ? 'bad' : ''}"><td class="nw">${KIND_ZH[o.kind]}</td><td class="url">${addressLink(o.address)}${o.from ? h`<br><small class="muted">列于 ${o.from}</small>` : ''}</td>
<td>${organ}${o.placement ? h`<br><small class="muted">把握 ${o.placement.confidence}</small>` : ''}</td><td class="nw">${f?.report.meta.year ?? ''}</td><td class="nw">${f?.source.published ?? ''}</td>
<td>${o.reason ?? ''}${errors ? h` <span class="pill sev-error">${SEVERITY_ZH.error} ${errors}</span>` : ''} ${link}${pendingId ? h` <a href="#pending-${pendingId}">确认机关</a>` : ''}</td></tr>`;
}

function pendingCard(c: Ctx, p: PendingReport): Safe {
  return h`<div class="card" id="pending-${p.id}"><h3>${p.agency ?? '（报告未写机关）'} ${p.year ?? ''}年</h3>
<p class="small">${addressLink(p.address)}${p.published ? ` · 发布日期 ${p.published}` : ''} · ${p.name}</p>
<form method="post" action="/fetch/pending/${p.id}" class="stack"><input type="hidden" name="_csrf" value="${c.get('csrf')}">
<fieldset><legend>这份报告属于哪个机关？</legend>
${p.candidates.filter((x) => x.organ).map((x, i) => h`<label class="check"><input type="radio" name="organ" value="${x.organ}"${i === 0 ? ' checked' : ''}> ${x.organ}${x.region ? `（${x.region}）` : ''} <small class="muted">把握 ${x.confidence}：${x.basis}</small></label>`)}
<label>其他机关（填写全称，优先于上面的选择）<input name="other" maxlength="80"></label></fieldset>
<p class="actions"><button type="submit" class="primary">确认并入库</button><button type="submit" formaction="/fetch/pending/${p.id}/discard" class="link">不要这份报告</button></p></form></div>`;
}

function settingsForm(c: Ctx, s: FetchSettings): Safe {
  return h`<section class="card"><h2>获取设置（管理员）</h2>
<form method="post" action="/fetch/settings" class="row-form"><input type="hidden" name="_csrf" value="${c.get('csrf')}">
<label class="check"><input type="checkbox" name="allowInternal" value="1"${s.allowInternal ? ' checked' : ''}> 允许获取内部网络地址（内网、本机；默认禁止，以防服务器被用来访问内网）</label>
<label>允许的内网主机（逐个列出，主机名或 主机名:端口）<input name="allowHosts" value="${s.allowHosts.join(' ')}" maxlength="500"></label>
<label>每次最多网址数<input name="perRequest" type="number" min="1" max="500" value="${s.perRequest}"></label>
<label>每人每小时最多网址数<input name="perHour" type="number" min="1" max="100000" value="${s.perHour}"></label>
<label>同一网站请求间隔（毫秒）<input name="intervalMs" type="number" min="0" max="60000" value="${s.intervalMs}"></label>
<label>请求时限（秒）<input name="timeoutSeconds" type="number" min="1" max="300" value="${s.timeoutSeconds}"></label>
<label>重试次数<input name="retries" type="number" min="0" max="5" value="${s.retries}"></label>
<button type="submit">保存</button></form></section>`;
}

async function fetchPage(c: Ctx, flash?: { kind: 'ok' | 'error'; text: string }, result?: WebFetchResult, status: 200 | 400 | 429 = 200) {
  const s = c.get('s');
  const user = userOf(c);
  const settings = await loadFetchSettings(s.db);
  const pending = await listPending(s.db, user);
  const summary = result ? summarize(result.outcomes) : undefined;
  return render(
    c,
    { title: '按网址导入', nav: 'fetch', flash },
    h`<h1>按网址导入</h1>
<p class="lead">填写政府网站上年度报告的网址：文章页（正文即报告，或附有 PDF、Word、压缩包）、报告文件本身，或“政府信息公开年报”栏目页（自动翻页，收集其中的年报链接）。找到的报告经读取、核查后存入报告库，同时记下网址、获取时间和页面上的发布日期。机关把握不足的报告先列在下面，由您确认后入库。</p>
${result
  ? h`<section class="card"><h2>获取结果</h2><p>${summary!.text.trim().split('\n')[0]}${result.leftOver.length ? `；超出每次 ${settings.perRequest} 个的上限，另有 ${result.leftOver.length} 个网址未获取，请再次提交` : ''}</p>
<div class="table-wrap"><table class="list"><thead><tr><th>结果</th><th>网址</th><th>机关</th><th>年度</th><th>发布日期</th><th>说明</th></tr></thead><tbody>${result.outcomes.map((o) => resultRow(o, result.pending))}</tbody></table></div></section>`
  : ''}
<section class="card"><form method="post" action="/fetch" class="stack"><input type="hidden" name="_csrf" value="${c.get('csrf')}">
<label>网址（每行一个，最多 ${settings.perRequest} 个）<textarea name="addresses" rows="8" required placeholder="http://www.example.gov.cn/col/ndbg/index.html"></textarea></label>
<label>年度（可空，如 2023,2024）<input name="years" maxlength="60"></label>
<label class="check"><input type="checkbox" name="column" value="1"> 这些网址都是栏目页</label>
<p><button type="submit" class="primary">获取</button> <span class="muted small">遵守各网站的 robots.txt；同一网站的请求之间间隔 ${settings.intervalMs} 毫秒，可能需要一些时间。</span></p></form></section>
<section><h2>待确认机关（${pending.length}）</h2>${pending.length ? pending.map((p) => pendingCard(c, p)) : h`<p class="muted">没有待确认的报告。</p>`}</section>
${user.role === 'admin' ? settingsForm(c, settings) : ''}`,
    status,
  );
}

async function jsonBody(c: Ctx): Promise<Record<string, unknown> | Response> {
  if (!(c.req.header('content-type') ?? '').includes('application/json')) return c.json({ error: 'bad_request', message: '请求体须为 JSON（Content-Type: application/json）' }, 415);
  const text = await c.req.text();
  if (text.length > c.get('s').limits.jsonBytes) return c.json({ error: 'too_large', message: '请求体过大' }, 413);
  try {
    const v = JSON.parse(text);
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch {
    return c.json({ error: 'bad_request', message: '请求体不是合法的 JSON 对象' }, 400);
  }
}

function pendingJson(p: PendingReport) {
  return { id: p.id, address: p.address, sourceUrl: p.sourceUrl, name: p.name, agency: p.agency, year: p.year, published: p.published, fetchedAt: p.fetchedAt, candidates: p.candidates.map((c) => ({ organ: c.organ, region: c.region, confidence: c.confidence, basis: c.basis, known: c.known })) };
}

/** A report confirmed under an organ the user may not file for is refused with 403, not an error page. */
async function refusedAsForbidden<T>(c: Ctx, confirm: () => Promise<T>): Promise<T | Response> {
  try {
    return await confirm();
  } catch (error) {
    if (error instanceof ImportRefused) return forbidden(c, error.message);
    throw error;
  }
}

export function fetchRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  for (const path of ['/fetch', '/fetch/*', '/api/fetch', '/api/fetch/*']) app.use(path, requireLogin(...ROLES));
  const noStore = (c: Ctx) =>
    c.req.path.startsWith('/api/') ? c.json({ error: 'unavailable', message: '报告库尚未启用' }, 503) : fetchPage(c, { kind: 'error', text: '报告库尚未启用' });

  app.get('/fetch', (c) => fetchPage(c));

  app.post('/fetch', async (c) => {
    const s = c.get('s');
    if (!s.reports) return noStore(c);
    const form = await c.req.parseBody();
    const checked = await checkRequest(c, form.addresses, form.years, form.column);
    if ('error' in checked) return fetchPage(c, { kind: 'error', text: checked.message }, undefined, checked.status);
    try {
      const result = await runWebFetch(s.db, s.reports, userOf(c), checked.addresses, checked);
      return fetchPage(c, undefined, result);
    } catch (error) {
      if (error instanceof FetchBusy) return fetchPage(c, { kind: 'error', text: error.message }, undefined, 429);
      throw error;
    }
  });

  app.post('/fetch/pending/:id', async (c) => {
    const s = c.get('s');
    if (!s.reports) return noStore(c);
    const id = intParam(c.req.param('id'));
    const form = await c.req.parseBody();
    const organ = String(form.other ?? '').trim() || String(form.organ ?? '').trim();
    if (!id || !organ) return fetchPage(c, { kind: 'error', text: '请选择或填写机关' }, undefined, 400);
    const stored = await refusedAsForbidden(c, () => confirmPending(s.db, s.reports!, userOf(c), id, organ.slice(0, 80)));
    if (stored instanceof Response) return stored;
    if (!stored) return c.notFound();
    return fetchPage(c, { kind: 'ok', text: `已入库：${stored.organ}${stored.created ? '' : '（报告库中已有相同的报告）'}` });
  });

  app.post('/fetch/pending/:id/discard', async (c) => {
    const id = intParam(c.req.param('id'));
    if (!id || !(await discardPending(c.get('s').db, userOf(c), id))) return c.notFound();
    return fetchPage(c, { kind: 'ok', text: '已放弃这份报告。' });
  });

  app.post('/fetch/settings', async (c) => {
    if (userOf(c).role !== 'admin') return c.html('', 403);
    const form = await c.req.parseBody();
    const settings = validateFetchSettings({ ...form, allowInternal: form.allowInternal ?? false });
    if (typeof settings === 'string') return fetchPage(c, { kind: 'error', text: settings }, undefined, 400);
    await saveFetchSettings(c.get('s').db, settings);
    return fetchPage(c, { kind: 'ok', text: '获取设置已保存。' });
  });

  // ------------------------------------------------------------------ JSON

  app.post('/api/fetch', async (c) => {
    const s = c.get('s');
    if (!s.reports) return noStore(c);
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const checked = await checkRequest(c, body.addresses, body.years, body.column);
    if ('error' in checked) return c.json({ error: checked.error, message: checked.message }, checked.status);
    try {
      const result = await runWebFetch(s.db, s.reports, userOf(c), checked.addresses, checked);
      return c.json({
        summary: summarize(result.outcomes).counts,
        results: result.outcomes.map((o) => {
          const { report: _report, ...rest } = outcomeJson(o);
          const pendingId = result.pending.get(o.address);
          return pendingId ? { ...rest, pendingId } : rest;
        }),
        leftOver: result.leftOver,
      });
    } catch (error) {
      if (error instanceof FetchBusy) return c.json({ error: 'busy', message: error.message }, 429);
      throw error;
    }
  });

  app.get('/api/fetch/pending', async (c) => c.json({ pending: (await listPending(c.get('s').db, userOf(c))).map(pendingJson) }));

  app.post('/api/fetch/pending/:id', async (c) => {
    const s = c.get('s');
    if (!s.reports) return noStore(c);
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const id = intParam(c.req.param('id'));
    const organ = typeof body.organ === 'string' ? body.organ.trim().slice(0, 80) : '';
    if (!id || !organ) return c.json({ error: 'bad_request', message: '请给出 organ（机关全称）' }, 400);
    const stored = await refusedAsForbidden(c, () => confirmPending(s.db, s.reports!, userOf(c), id, organ));
    if (stored instanceof Response) return stored;
    if (!stored) return c.json({ error: 'not_found', message: '没有这份待确认的报告' }, 404);
    return c.json({ reportId: stored.id, organ: stored.organ, created: stored.created });
  });

  app.delete('/api/fetch/pending/:id', async (c) => {
    const id = intParam(c.req.param('id'));
    if (!id || !(await discardPending(c.get('s').db, userOf(c), id))) return c.json({ error: 'not_found', message: '没有这份待确认的报告' }, 404);
    return c.body(null, 204);
  });

  // the publication calendar's data: reports the user may see, with the date their page states
  app.get('/api/fetch/published', async (c) => {
    const s = c.get('s');
    if (!s.reports) return noStore(c);
    const year = intParam(c.req.query('year'), 1990, 2100);
    const user = userOf(c);
    const visible = new Map((await s.reports.list(year ? { year } : {})).filter((r) => canSeeReport(user, r, s.reports)).map((r) => [r.id, r]));
    const dates = await publicationDates({ query: <T>(sql: string, params?: unknown[]) => all<T>(s.db, sql, params ?? []) }, { year });
    return c.json({ reports: dates.filter((d) => visible.has(d.id)).map((d) => ({ ...d, region: visible.get(d.id)!.regions.join('/') || null })) });
  });

  app.get('/api/fetch/settings', async (c) => {
    if (userOf(c).role !== 'admin') return c.json({ error: 'forbidden', message: '只有管理员可以查看获取设置' }, 403);
    return c.json(await loadFetchSettings(c.get('s').db));
  });

  app.put('/api/fetch/settings', async (c) => {
    if (userOf(c).role !== 'admin') return c.json({ error: 'forbidden', message: '只有管理员可以修改获取设置' }, 403);
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const settings = validateFetchSettings({ ...(await loadFetchSettings(c.get('s').db)), ...body });
    if (typeof settings === 'string') return c.json({ error: 'bad_request', message: settings }, 400);
    await saveFetchSettings(c.get('s').db, settings);
    return c.json(settings);
  });

  return app;
}
