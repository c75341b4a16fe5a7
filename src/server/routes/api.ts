/**
 * The JSON API: everything the pages do, for scripts and other systems (described in
 * /api/openapi.json). Authenticated by the session cookie plus X-CSRF-Token, or by an API token
 * (`Authorization: Bearer nb_…`).
 */
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../app.js';
import { FINDINGS_SCHEMA_ID } from '../../model/findings.js';
import { loadReportFromBytes } from '../../pipeline.js';
import { InputError, isFileProblem } from '../../errors.js';
import { canEditOrgan, canReview, canSeeReport, reviewRegion } from '../access.js';
import {
  createApiToken,
  createUser,
  deleteApiToken,
  endSessions,
  listApiTokens,
  listSessions,
  listUsers,
  ROLES,
  updateUser,
  validateNewUser,
  type Role,
  type User,
} from '../auth.js';
import type { Ctx, Env } from '../context.js';
import { addReview, deleteDraft, getDraft, listDrafts, reviewsFor, saveDraft, type Draft } from '../drafts.js';
import { forbidden, intParam, requireLogin, userOf } from '../pages.js';
import { overview, trends } from '../review-data.js';
import {
  checkUpload,
  checkWithContext,
  download,
  exportReport,
  parseReportJson,
  readUploads,
  reportBaseName,
  sniff,
  UploadError,
  type ExportFormat,
} from '../service.js';
import { draftOrganFor, startDraft } from './drafts.js';
import { openapiDocument } from '../openapi.js';

type Json = Record<string, unknown>;

async function jsonBody(c: Ctx): Promise<Json | Response> {
  const limit = c.get('s').limits.jsonBytes;
  if (Number(c.req.header('content-length') ?? '0') > limit) return c.json({ error: 'too_large', message: '请求体过大' }, 413);
  if (!(c.req.header('content-type') ?? '').includes('application/json')) return c.json({ error: 'bad_request', message: '请求体须为 JSON（Content-Type: application/json）' }, 415);
  const text = await c.req.text();
  if (text.length > limit) return c.json({ error: 'too_large', message: '请求体过大' }, 413);
  try {
    const v = JSON.parse(text);
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as Json;
  } catch {
    return c.json({ error: 'bad_request', message: '请求体不是合法的 JSON 对象' }, 400);
  }
}

function publicUser(u: User) {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, organ: u.organ, region: u.region, disabled: u.disabled };
}

function draftJson(d: Draft) {
  return { id: d.id, organ: d.organ, year: d.year, version: d.version, updatedAt: d.updatedAt, updatedBy: d.updatedBy, report: d.report };
}

const FORMATS: ExportFormat[] = ['json', 'docx', 'html'];

function noStore(c: Ctx) {
  return c.json({ error: 'unavailable', message: '报告库尚未启用' }, 503);
}

export function apiRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/openapi.json', (c) => c.json(openapiDocument()));

  app.use('*', async (c, next) => {
    if (c.req.path === '/api/openapi.json' || c.req.path === '/api/docs') return next();
    return requireLogin()(c, next);
  });

  app.get('/me', (c) => c.json({ user: publicUser(userOf(c)), csrf: c.get('viaToken') ? undefined : c.get('csrf') }));

  // ------------------------------------------------------------ check and render (no storage)

  app.post('/check', async (c) => {
    const s = c.get('s');
    const type = c.req.header('content-type') ?? '';
    if (type.includes('application/json')) {
      const body = await jsonBody(c);
      if (body instanceof Response) return body;
      if (typeof body.text === 'string') {
        if (body.text.length > s.limits.textChars) return c.json({ error: 'too_large', message: '文字过长' }, 413);
        const r = await checkUpload({ name: typeof body.name === 'string' ? body.name.slice(0, 120) : '粘贴的文字.txt', bytes: new TextEncoder().encode(body.text) }, s.reports);
        return c.json({ schema: FINDINGS_SCHEMA_ID, reports: [r] }, r.error ? 422 : 200);
      }
      const parsed = parseReportJson(body);
      if (!parsed.ok) return c.json({ error: 'invalid_report', message: '不是合法的年度报告 JSON（nianbao/report@1）', details: parsed.errors.slice(0, 50) }, 422);
      const findings = await checkWithContext(parsed.report, s.reports);
      return c.json({ schema: FINDINGS_SCHEMA_ID, reports: [{ file: typeof body.name === 'string' ? body.name.slice(0, 120) : 'report.json', meta: parsed.report.meta, findings }] });
    }
    let uploads;
    try {
      uploads = await readUploads(c);
    } catch (error) {
      if (error instanceof UploadError) return c.json({ error: error.status === 413 ? 'too_large' : 'bad_request', message: error.message }, error.status);
      throw error;
    }
    if (!uploads.length) return c.json({ error: 'bad_request', message: '没有文件（字段 files）也没有文字（字段 text）' }, 400);
    const reports = [];
    for (const u of uploads) {
      const r = await checkUpload(u, s.reports);
      reports.push(r.error ? { file: r.file, error: r.error, findings: [] } : { file: r.file, meta: r.report!.meta, report: r.report, findings: r.findings });
    }
    return c.json({ schema: FINDINGS_SCHEMA_ID, reports }, reports.every((r) => 'error' in r) ? 422 : 200);
  });

  app.post('/render', async (c) => {
    const format = (c.req.query('format') ?? 'docx') as ExportFormat;
    if (!FORMATS.includes(format)) return c.json({ error: 'bad_request', message: 'format 须为 docx、html 或 json' }, 400);
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const parsed = parseReportJson(body);
    if (!parsed.ok) return c.json({ error: 'invalid_report', message: '不是合法的年度报告 JSON', details: parsed.errors.slice(0, 50) }, 422);
    return download(c, await exportReport(parsed.report, format), format, reportBaseName(parsed.report));
  });

  // ------------------------------------------------------------ drafts

  async function draftFor(c: Ctx): Promise<Draft | Response> {
    const id = intParam(c.req.param('id'));
    const draft = id ? await getDraft(c.get('s').db, id) : undefined;
    if (!draft) return c.json({ error: 'not_found', message: '没有这份草稿' }, 404);
    if (!canEditOrgan(userOf(c), draft.organ, c.get('s').reports)) return forbidden(c, '这份草稿属于其他机关');
    return draft;
  }

  app.get('/drafts', async (c) => {
    const user = userOf(c);
    if (user.role === 'reviewer') return forbidden(c);
    const drafts = await listDrafts(c.get('s').db, user.role === 'clerk' ? user.organ! : undefined);
    return c.json({ drafts: drafts.map(({ report: _r, ...d }) => d) });
  });

  app.post('/drafts', async (c) => {
    const user = userOf(c);
    if (user.role === 'reviewer') return forbidden(c);
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const organ = draftOrganFor(user, typeof body.organ === 'string' ? body.organ : undefined);
    const year = typeof body.year === 'number' && Number.isInteger(body.year) && body.year >= 2008 && body.year <= 2100 ? body.year : undefined;
    if (!organ || !year) return c.json({ error: 'bad_request', message: '须给出 year（以及管理员须给出 organ）' }, 400);
    const { draft, created } = await startDraft(c, user, organ, year, body.fromPrevious !== false);
    return c.json({ draft: draftJson(draft), created }, created ? 201 : 200);
  });

  app.get('/drafts/:id', async (c) => {
    const d = await draftFor(c);
    if (d instanceof Response) return d;
    return c.json({ draft: draftJson(d), findings: await checkWithContext(d.report, c.get('s').reports) });
  });

  app.put('/drafts/:id', async (c) => {
    const d = await draftFor(c);
    if (d instanceof Response) return d;
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const parsed = parseReportJson(body);
    if (!parsed.ok) return c.json({ error: 'invalid_report', message: '不是合法的年度报告 JSON', details: parsed.errors.slice(0, 50) }, 422);
    const version = typeof body.version === 'number' ? body.version : d.version;
    // The organ and year of a draft are fixed; the form cannot move it to another organ.
    const report = { ...parsed.report, meta: { ...parsed.report.meta, agency: d.organ, year: d.year } };
    const saved = await saveDraft(c.get('s').db, d.id, report, version, userOf(c).id);
    if (!saved) return c.json({ error: 'conflict', message: '草稿已被他人修改，请刷新页面后再改' }, 409);
    return c.json({ draft: draftJson(saved), findings: await checkWithContext(saved.report, c.get('s').reports) });
  });

  app.delete('/drafts/:id', async (c) => {
    const d = await draftFor(c);
    if (d instanceof Response) return d;
    await deleteDraft(c.get('s').db, d.id);
    return c.body(null, 204);
  });

  app.get('/drafts/:id/export', async (c) => {
    const d = await draftFor(c);
    if (d instanceof Response) return d;
    const format = (c.req.query('format') ?? 'docx') as ExportFormat;
    if (!FORMATS.includes(format)) return c.json({ error: 'bad_request', message: 'format 须为 docx、html 或 json' }, 400);
    return download(c, await exportReport(d.report, format), format, reportBaseName(d.report));
  });

  // ------------------------------------------------------------ stored reports

  app.get('/reports', async (c) => {
    const s = c.get('s');
    if (!s.reports) return noStore(c);
    const user = userOf(c);
    const year = intParam(c.req.query('year'), 1990, 2100);
    const filter = {
      region: user.role === 'reviewer' ? user.region! : c.req.query('region') || undefined,
      organ: user.role === 'clerk' ? user.organ! : c.req.query('organ') || undefined,
      year,
    };
    const rows = (await s.reports.list(filter)).filter((r) => canSeeReport(user, r, s.reports));
    return c.json({ reports: rows });
  });

  app.post('/reports', async (c) => {
    const s = c.get('s');
    if (!s.reports) return noStore(c);
    const user = userOf(c);
    let uploads;
    try {
      uploads = await readUploads(c);
    } catch (error) {
      if (error instanceof UploadError) return c.json({ error: error.status === 413 ? 'too_large' : 'bad_request', message: error.message }, error.status);
      throw error;
    }
    if (!uploads.length) return c.json({ error: 'bad_request', message: '没有文件（字段 files）' }, 400);
    const results = [];
    for (const u of uploads) {
      const kind = sniff(u.bytes);
      if (!kind.ok) {
        results.push({ file: u.name, error: kind.reason });
        continue;
      }
      try {
        if (user.role !== 'admin') {
          // Parse first: a clerk may send only their organ's reports, a reviewer only their region's.
          const { report } = await loadReportFromBytes(u.bytes, u.name);
          const organ = report.meta.agency ?? '';
          if (user.role === 'clerk' && !canEditOrgan(user, organ, s.reports)) {
            results.push({ file: u.name, error: `这份报告属于“${organ || '未识别的机关'}”，您只能报送本机关的报告` });
            continue;
          }
        }
        const r = await s.reports.importFile(u.bytes, u.name);
        if (user.role === 'reviewer') {
          const row = (await s.reports.get(r.id))?.row;
          if (row && !canSeeReport(user, row, s.reports)) results.push({ file: u.name, id: r.id, warning: '报告已入库，但不属于您负责的地区' });
          else results.push({ file: u.name, id: r.id, organ: r.organ, year: r.year, created: r.created, findings: r.findings });
        } else results.push({ file: u.name, id: r.id, organ: r.organ, year: r.year, created: r.created, findings: r.findings });
      } catch (error) {
        if (isFileProblem(error)) results.push({ file: u.name, error: error.message });
        else throw error;
      }
    }
    return c.json({ results }, results.every((r) => 'error' in r) ? 422 : 200);
  });

  async function storedFor(c: Ctx) {
    const s = c.get('s');
    if (!s.reports) return noStore(c);
    const stored = await s.reports.get(c.req.param('id') ?? '');
    if (!stored || !canSeeReport(userOf(c), stored.row, s.reports)) return c.json({ error: 'not_found', message: '没有这份报告，或您无权查看' }, 404);
    return stored;
  }

  app.get('/reports/:id', async (c) => {
    const r = await storedFor(c);
    if (r instanceof Response) return r;
    const reviews = r.row.year ? await reviewsFor(c.get('s').db, r.row.organ, r.row.year) : [];
    return c.json({ ...r, reviews });
  });

  app.get('/reports/:id/findings', async (c) => {
    const r = await storedFor(c);
    if (r instanceof Response) return r;
    return c.json({ schema: FINDINGS_SCHEMA_ID, reports: [{ file: r.row.file, id: r.row.id, meta: r.report.meta, findings: r.findings }] });
  });

  app.get('/reports/:id/export', async (c) => {
    const r = await storedFor(c);
    if (r instanceof Response) return r;
    const format = (c.req.query('format') ?? 'docx') as ExportFormat;
    if (!FORMATS.includes(format)) return c.json({ error: 'bad_request', message: 'format 须为 docx、html 或 json' }, 400);
    return download(c, await exportReport(r.report, format, format === 'json' ? r.findings : undefined), format, reportBaseName(r.report));
  });

  app.get('/reports/:id/reviews', async (c) => {
    const r = await storedFor(c);
    if (r instanceof Response) return r;
    return c.json({ reviews: r.row.year ? await reviewsFor(c.get('s').db, r.row.organ, r.row.year) : [] });
  });

  app.post('/reports/:id/reviews', async (c) => {
    const r = await storedFor(c);
    if (r instanceof Response) return r;
    const user = userOf(c);
    if (!canReview(user, r.row, c.get('s').reports)) return forbidden(c, '只有审阅人和管理员可以审阅');
    if (!r.row.year) return c.json({ error: 'bad_request', message: '报告年度未识别，无法登记审阅' }, 422);
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const status = body.status === 'returned' ? 'returned' : body.status === 'reviewed' ? 'reviewed' : undefined;
    const comment = typeof body.comment === 'string' ? body.comment.slice(0, 4000) : '';
    if (!status) return c.json({ error: 'bad_request', message: 'status 须为 reviewed（已审阅）或 returned（退回修改）' }, 400);
    const review = await addReview(c.get('s').db, { organ: r.row.organ, year: r.row.year, reportRef: r.row.id, status, comment, reviewerId: user.id });
    return c.json({ review }, 201);
  });

  // ------------------------------------------------------------ the reviewer's views

  function reviewerOnly(c: Ctx): Response | undefined {
    const u = userOf(c);
    if (u.role === 'clerk') return forbidden(c, '只有审阅人和管理员可以查看汇总');
    if (!c.get('s').reports) return noStore(c);
    return undefined;
  }

  app.get('/review/overview', async (c) => {
    const no = reviewerOnly(c);
    if (no) return no;
    const o = await overview(c.get('s'), userOf(c), {
      region: c.req.query('region'),
      year: intParam(c.req.query('year'), 1990, 2100),
      status: c.req.query('status'),
      q: c.req.query('q')?.slice(0, 50),
    });
    return c.json(o);
  });

  app.get('/review/rollup', async (c) => {
    const no = reviewerOnly(c);
    if (no) return no;
    const region = reviewRegion(userOf(c), c.req.query('region'));
    const year = intParam(c.req.query('year'), 1990, 2100);
    return c.json({ rows: await c.get('s').reports!.rollup({ region, year }) });
  });

  app.get('/review/trends', async (c) => {
    const no = reviewerOnly(c);
    if (no) return no;
    return c.json(await trends(c.get('s'), userOf(c), c.req.query('region')));
  });

  app.get('/review/duplicates', async (c) => {
    const no = reviewerOnly(c);
    if (no) return no;
    const region = reviewRegion(userOf(c), c.req.query('region'));
    const year = intParam(c.req.query('year'), 1990, 2100);
    return c.json({ pairs: await c.get('s').reports!.duplicates({ region, year }) });
  });

  // ------------------------------------------------------------ accounts

  app.get('/tokens', async (c) => c.json({ tokens: await listApiTokens(c.get('s').db, userOf(c).id) }));

  app.post('/tokens', async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const t = await createApiToken(c.get('s').db, userOf(c).id, typeof body.name === 'string' ? body.name : '');
    return c.json(t, 201);
  });

  app.delete('/tokens/:id', async (c) => {
    const id = intParam(c.req.param('id'));
    const ok = id ? await deleteApiToken(c.get('s').db, userOf(c).id, id) : false;
    return ok ? c.body(null, 204) : c.json({ error: 'not_found', message: '没有这个令牌' }, 404);
  });

  app.get('/sessions', async (c) => {
    const token = c.get('viaToken') ? undefined : getCookie(c, SESSION_COOKIE);
    return c.json({ sessions: await listSessions(c.get('s').db, userOf(c).id, token) });
  });

  // Log out everywhere: every browser session of the account ends (API tokens are revoked one by one).
  app.delete('/sessions', async (c) => c.json({ ended: await endSessions(c.get('s').db, userOf(c).id) }));

  app.use('/users', requireLogin('admin'));
  app.use('/users/*', requireLogin('admin'));
  app.use('/organs/*', requireLogin('admin'));

  app.get('/users', async (c) => c.json({ users: (await listUsers(c.get('s').db)).map(publicUser) }));

  app.post('/users', async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const u = {
      username: typeof body.username === 'string' ? body.username.trim() : '',
      displayName: typeof body.displayName === 'string' ? body.displayName.trim() : '',
      role: body.role as Role,
      organ: typeof body.organ === 'string' ? body.organ : null,
      region: typeof body.region === 'string' ? body.region : null,
      password: typeof body.password === 'string' ? body.password : '',
    };
    const problem = validateNewUser(u);
    if (problem) return c.json({ error: 'bad_request', message: problem }, 400);
    try {
      return c.json({ user: publicUser(await createUser(c.get('s').db, u)) }, 201);
    } catch {
      return c.json({ error: 'conflict', message: '用户名已存在' }, 409);
    }
  });

  app.patch('/users/:id', async (c) => {
    const id = intParam(c.req.param('id'));
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    if (body.role !== undefined && !ROLES.includes(body.role as Role)) return c.json({ error: 'bad_request', message: '角色不对' }, 400);
    if (body.password !== undefined && (typeof body.password !== 'string' || body.password.length < 8)) return c.json({ error: 'bad_request', message: '密码至少 8 位' }, 400);
    if (id === userOf(c).id && (body.disabled === true || (body.role && body.role !== 'admin'))) return c.json({ error: 'bad_request', message: '不能停用自己或取消自己的管理员角色' }, 400);
    const u = id
      ? await updateUser(c.get('s').db, id, {
          displayName: typeof body.displayName === 'string' ? body.displayName.slice(0, 60) : undefined,
          role: body.role as Role | undefined,
          organ: typeof body.organ === 'string' ? body.organ.trim().slice(0, 80) : undefined,
          region: typeof body.region === 'string' ? body.region.trim().slice(0, 80) : undefined,
          disabled: typeof body.disabled === 'boolean' ? body.disabled : undefined,
          password: typeof body.password === 'string' ? body.password : undefined,
        })
      : undefined;
    return u ? c.json({ user: publicUser(u) }) : c.json({ error: 'not_found', message: '没有这个用户' }, 404);
  });

  app.get('/regions', async (c) => {
    const s = c.get('s');
    if (!s.reports) return noStore(c);
    if (userOf(c).role === 'clerk') return forbidden(c);
    return c.json({ regions: await s.reports.regions(), organs: await s.reports.organs() });
  });

  app.put('/organs/region', async (c) => {
    const s = c.get('s');
    if (!s.reports?.setOrganRegion) return noStore(c);
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    if (typeof body.organ !== 'string' || typeof body.region !== 'string' || !body.organ.trim() || !body.region.trim()) {
      return c.json({ error: 'bad_request', message: '须给出 organ 和 region' }, 400);
    }
    await s.reports.setOrganRegion(body.organ.trim().slice(0, 80), body.region.trim().slice(0, 80));
    return c.json({ ok: true });
  });

  return app;
}
