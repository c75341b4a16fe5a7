/**
 * The JSON API (mounted under /api) of the 主动公开 register, the publication calendar and the
 * government's 汇总. Same access rules as the pages (src/register/access.ts): a clerk works on the own
 * organ's register; a reviewer reads the region's registers and keeps its calendar; an admin all.
 */
import { Hono } from 'hono';
import type { Ctx, Env } from '../context.js';
import { intParam, requireLogin, userOf } from '../pages.js';
import { organFor } from './ledger-common.js';
import { body } from './ledger-api.js';
import { actorOf, draftFromRegister, registerOf, storeOf } from './register-common.js';
import { documentFrom, importUpload } from './register.js';
import { calendarRegion, reviewerWithRegion } from './calendar.js';
import { AccessError, inRegion } from '../../register/access.js';
import { RegisterError, kindByName } from '../../register/documents.js';
import { organKindByName } from '../../register/organ-kind.js';
import { NOT_REPORTED, calendarSheet, publicationCalendar } from '../../register/publication.js';
import { governmentRollup, rollupDraft } from '../../register/government-rollup.js';
import { DateError, todayInChina } from '../../ledger/dates.js';
import { InputError } from '../../errors.js';
import { encodeSheet } from '../../store/tables.js';

function fail(c: Ctx, e: unknown) {
  if (e instanceof AccessError) return c.json({ error: 'forbidden', message: e.message }, 403);
  if (e instanceof RegisterError || e instanceof DateError) return c.json({ error: 'bad_input', message: e.message }, 422);
  if (e instanceof InputError) return c.json({ error: 'bad_input', file: e.file, message: e.message }, 422);
  throw e;
}

const lastYear = () => Number(todayInChina().slice(0, 4)) - 1;
const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));

export function registerApiRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  for (const p of ['/register/*', '/organs/kind', '/calendar', '/calendar/*', '/rollup-report']) app.use(p, requireLogin());
  for (const p of ['/organs/kind', '/calendar', '/calendar/*', '/rollup-report']) app.use(p, requireLogin('reviewer', 'admin'), reviewerWithRegion);

  app.get('/register/documents', async (c) => {
    const q = c.req.query();
    const organ = organFor(c, q.organ);
    if (!organ) return c.json({ error: 'bad_input', message: '需要 organ' }, 422);
    try {
      const kind = q.kind ? kindByName(q.kind) ?? undefined : undefined;
      return c.json({ organ, documents: await registerOf(c).listDocuments(actorOf(c), organ, { kind, inForceOn: /^\d{4}-\d{2}-\d{2}$/.test(q.on ?? '') ? q.on : undefined }) });
    } catch (e) {
      return fail(c, e);
    }
  });

  app.post('/register/documents', async (c) => {
    const b = await body(c);
    if (b instanceof Response) return b;
    const organ = organFor(c, typeof b.organ === 'string' ? b.organ : undefined);
    if (!organ) return c.json({ error: 'bad_input', message: '缺少机关（organ）' }, 422);
    const input = documentFrom(b, organ);
    if (typeof input === 'string') return c.json({ error: 'bad_input', message: input }, 422);
    try {
      return c.json(await registerOf(c).addDocument(actorOf(c), input), 201);
    } catch (e) {
      return fail(c, e);
    }
  });

  app.get('/register/documents/:id{[0-9]+}', async (c) => {
    try {
      return c.json(await registerOf(c).getDocument(actorOf(c), c.req.param('id')));
    } catch (e) {
      if (e instanceof AccessError) return c.json({ error: 'not_found', message: '文件不存在或无权查看' }, 404);
      return fail(c, e);
    }
  });

  app.put('/register/documents/:id{[0-9]+}', async (c) => {
    const b = await body(c);
    if (b instanceof Response) return b;
    try {
      const reg = registerOf(c);
      const old = await reg.getDocument(actorOf(c), c.req.param('id'));
      const input = documentFrom(b, old.organ);
      if (typeof input === 'string') return c.json({ error: 'bad_input', message: input }, 422);
      return c.json(await reg.updateDocument(actorOf(c), old.id, input));
    } catch (e) {
      return fail(c, e);
    }
  });

  app.delete('/register/documents/:id{[0-9]+}', async (c) => {
    try {
      await registerOf(c).deleteDocument(actorOf(c), c.req.param('id'));
      return c.body(null, 204);
    } catch (e) {
      return fail(c, e);
    }
  });

  app.post('/register/import', async (c) => {
    const organ = organFor(c, c.req.query('organ'));
    if (!organ) return c.json({ error: 'bad_input', message: '需要 organ' }, 422);
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) return c.json({ error: 'bad_input', message: '需要 multipart 字段 file（CSV 或 XLSX）' }, 422);
    try {
      const r = await importUpload(c, organ, file, { what: String(form.what ?? ''), kind: String(form.kind ?? ''), dryRun: form.dryRun === '1' || form.dryRun === 'true' });
      return c.json({ file: file.name, valid: r.valid, created: r.created, updated: r.updated, rejected: r.rejected, ignoredColumns: r.ignored }, r.rejected.length ? 422 : 200);
    } catch (e) {
      return fail(c, e);
    }
  });

  app.get('/register/counts', async (c) => {
    const organ = organFor(c, c.req.query('organ'));
    if (!organ) return c.json({ error: 'bad_input', message: '需要 organ' }, 422);
    try {
      return c.json({ organ, counts: await registerOf(c).counts(actorOf(c), organ, intParam(c.req.query('year'), 2008, 2100)) });
    } catch (e) {
      return fail(c, e);
    }
  });

  app.put('/register/counts', async (c) => {
    const b = await body(c);
    if (b instanceof Response) return b;
    const organ = organFor(c, typeof b.organ === 'string' ? b.organ : undefined);
    if (!organ) return c.json({ error: 'bad_input', message: '缺少机关（organ）' }, 422);
    try {
      return c.json(await registerOf(c).setCounts(actorOf(c), {
        organ, year: Number(b.year), source: 'entered', licensing: num(b.licensing), penalty: num(b.penalty), coercion: num(b.coercion), feesAmount: num(b.feesAmount),
      }));
    } catch (e) {
      return fail(c, e);
    }
  });

  app.get('/register/table2', async (c) => {
    const organ = organFor(c, c.req.query('organ'));
    const year = intParam(c.req.query('year'), 2008, 2100);
    if (!organ || !year) return c.json({ error: 'bad_input', message: '需要 organ 和 year' }, 422);
    try {
      const t = await registerOf(c).table2(actorOf(c), organ, year);
      return c.json({ organ, year, layout: t.layout, active: t.active, sources: t.sources });
    } catch (e) {
      return fail(c, e);
    }
  });

  app.post('/register/draft', async (c) => {
    const b = await body(c);
    if (b instanceof Response) return b;
    const user = userOf(c);
    const organ = organFor(c, typeof b.organ === 'string' ? b.organ : undefined);
    const year = Number(b.year);
    if (!organ || !Number.isInteger(year) || year < 2021 || year > 2100) return c.json({ error: 'bad_input', message: '需要 organ 和 2021 年及以后的 year' }, 422);
    if (user.role !== 'clerk' && user.role !== 'admin') return c.json({ error: 'forbidden', message: '只有填报人和管理员可以写入年报草稿' }, 403);
    try {
      const draft = await draftFromRegister(c, organ, year, user.id);
      if (!draft) return c.json({ error: 'conflict', message: '草稿刚被其他人修改，请重试' }, 409);
      return c.json({ id: draft.id, version: draft.version, report: draft.report }, 201);
    } catch (e) {
      return fail(c, e);
    }
  });

  app.get('/calendar', async (c) => {
    const q = c.req.query();
    const today = /^\d{4}-\d{2}-\d{2}$/.test(q.today ?? '') ? q.today : undefined;
    const view = await publicationCalendar(storeOf(c), registerOf(c), { region: calendarRegion(c, q.region), year: intParam(q.year, 2008, 2100) ?? lastYear(), today });
    return c.json(view);
  });

  app.get('/calendar/remind', async (c) => {
    const q = c.req.query();
    const view = await publicationCalendar(storeOf(c), registerOf(c), { region: calendarRegion(c, q.region), year: intParam(q.year, 2008, 2100) ?? lastYear() });
    const format = q.format === 'csv' || q.format === 'xlsx' ? q.format : 'json';
    if (format === 'json') return c.json({ region: view.region, year: view.year, today: view.today, items: view.items.filter((i) => NOT_REPORTED.includes(i.status)) });
    const bytes = await encodeSheet(calendarSheet(view, NOT_REPORTED), format);
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`未公布提醒-${view.region ?? '全部'}-${view.year}.${format}`)}`);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  });

  app.put('/organs/kind', async (c) => {
    const b = await body(c);
    if (b instanceof Response) return b;
    const kind = organKindByName(String(b.kind ?? ''));
    if (!kind || typeof b.organ !== 'string' || !b.organ.trim()) return c.json({ error: 'bad_input', message: '需要 organ 和 kind（department、township、government、other 或中文名称）' }, 422);
    try {
      const reg = registerOf(c);
      await reg.setOrganKind(actorOf(c), b.organ, kind);
      return c.json({ organ: b.organ, ...(await reg.organKind(b.organ)) });
    } catch (e) {
      return fail(c, e);
    }
  });

  app.put('/calendar/published', async (c) => {
    const b = await body(c);
    if (b instanceof Response) return b;
    try {
      if (typeof b.organ !== 'string' || !b.organ.trim()) throw new RegisterError('需要 organ');
      await registerOf(c).setPublished(actorOf(c), b.organ, Number(b.year), String(b.date ?? ''));
      return c.json({ organ: b.organ, year: Number(b.year), published: b.date });
    } catch (e) {
      return fail(c, e);
    }
  });

  app.get('/rollup-report', async (c) => {
    const government = c.req.query('government')?.trim().slice(0, 100);
    const year = intParam(c.req.query('year'), 2008, 2100);
    if (!government || !year) return c.json({ error: 'bad_input', message: '需要 government 和 year' }, 422);
    const user = userOf(c);
    if (user.role === 'reviewer' && !inRegion(government, user.region)) return c.json({ error: 'forbidden', message: '该人民政府不在您审阅的地区' }, 403);
    const r = await governmentRollup(storeOf(c), registerOf(c), government, year);
    return c.json({ government: r.government, region: r.region, year: r.year, units: r.units, sum: r.sum, published: r.published, draft: rollupDraft(r) });
  });

  return app;
}
