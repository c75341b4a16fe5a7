/**
 * The ledger's JSON API (mounted under /api): cases, events, what is due, table III, the deadline
 * calculator. Same access rules as the pages (src/ledger/access.ts): a clerk sees the own organ's
 * cases, personal data only with `reveal=1`; an admin sees cases masked; a reviewer sees counts of
 * the region's organs; every view and change is audited.
 */
import { Hono } from 'hono';
import type { Ctx, Env } from '../context.js';
import { intParam, requireLogin } from '../pages.js';
import { actorOf, eventFrom, intakeFrom, ledgerOf, organFor } from './ledger-common.js';
import { AccessError } from '../../ledger/access.js';
import { CalendarGapError, defaultCalendar } from '../../ledger/calendar.js';
import { CaseError, type CaseStatus } from '../../ledger/cases.js';
import { DateError, parseDate, todayInChina } from '../../ledger/dates.js';
import { DeadlineError, computeDeadline, type Pause } from '../../ledger/deadline.js';

export async function body(c: Ctx): Promise<Record<string, unknown> | Response> {
  const limit = c.get('s').limits.jsonBytes;
  if (!(c.req.header('content-type') ?? '').includes('application/json')) return c.json({ error: 'bad_request', message: '请求体须为 JSON' }, 415);
  const text = await c.req.text();
  if (text.length > limit) return c.json({ error: 'too_large', message: '请求体过大' }, 413);
  try {
    const v = JSON.parse(text);
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('x');
    return v as Record<string, unknown>;
  } catch {
    return c.json({ error: 'bad_request', message: '请求体不是合法的 JSON 对象' }, 400);
  }
}

function fail(c: Ctx, e: unknown) {
  if (e instanceof AccessError) return c.json({ error: 'forbidden', message: e.message }, 403);
  if (e instanceof CaseError || e instanceof DateError || e instanceof DeadlineError || e instanceof CalendarGapError) {
    return c.json({ error: 'bad_input', message: e.message }, 422);
  }
  throw e;
}

export function ledgerApiRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/cases', requireLogin());
  app.use('/cases/*', requireLogin());
  app.use('/deadline', requireLogin());

  app.get('/deadline', (c) => {
    const q = c.req.query();
    try {
      const received = parseDate(q.received ?? '', 'received');
      const extensions = (c.req.queries('extend') ?? []).map((v) => ({ days: Number(v) }));
      const pauses: Pause[] = (c.req.queries('pause') ?? []).map((p) => {
        const [a, b] = p.split(':');
        return { from: parseDate(a, 'pause'), to: b ? parseDate(b, 'pause') : null, reason: '暂停计算' };
      });
      const r = computeDeadline({ received, extensions, pauses, restartedOn: q.restart ? parseDate(q.restart, 'restart') : null }, defaultCalendar());
      return c.json({ received, ...r });
    } catch (e) {
      return fail(c, e);
    }
  });

  app.get('/cases', async (c) => {
    const q = c.req.query();
    const statuses = ['open', 'waitingApplicant', 'paused', 'closed', 'unclosed'];
    try {
      const r = await ledgerOf(c).listCases(actorOf(c), {
        organ: organFor(c, q.organ),
        status: statuses.includes(q.status ?? '') ? (q.status as CaseStatus) : undefined,
        year: intParam(q.year, 2008, 2100),
        q: q.q?.slice(0, 50),
        reveal: q.reveal === '1',
        limit: intParam(q.limit, 1, 1000) ?? 100,
        offset: intParam(q.offset, 0, 1e7) ?? 0,
      });
      return c.json(r);
    } catch (e) {
      return fail(c, e);
    }
  });

  app.post('/cases', async (c) => {
    const b = await body(c);
    if (b instanceof Response) return b;
    const organ = organFor(c, typeof b.organ === 'string' ? b.organ : undefined);
    if (!organ) return c.json({ error: 'bad_input', message: '缺少机关（organ）' }, 422);
    const intake = intakeFrom(b, organ);
    if (typeof intake === 'string') return c.json({ error: 'bad_input', message: intake }, 422);
    try {
      const v = await ledgerOf(c).createCase(actorOf(c), intake);
      return c.json(v, 201);
    } catch (e) {
      return fail(c, e);
    }
  });

  app.get('/cases/due', async (c) => {
    const q = c.req.query();
    try {
      const today = q.today ? parseDate(q.today, 'today') : todayInChina();
      return c.json(await ledgerOf(c).due(actorOf(c), { organ: organFor(c, q.organ), today, within: intParam(q.within, 0, 60) ?? 5 }));
    } catch (e) {
      return fail(c, e);
    }
  });

  app.get('/cases/table3', async (c) => {
    const q = c.req.query();
    const organ = organFor(c, q.organ);
    const year = intParam(q.year, 2008, 2100);
    if (!organ || !year) return c.json({ error: 'bad_input', message: '需要 organ 和 year' }, 422);
    try {
      const t = await ledgerOf(c).table3(actorOf(c), organ, year);
      return c.json({ meta: t.meta, requests: t.requests, fees: t.fees, feeSentence: t.feeSentence });
    } catch (e) {
      return fail(c, e);
    }
  });

  app.get('/cases/:id{[0-9]+}', async (c) => {
    try {
      return c.json(await ledgerOf(c).getCase(actorOf(c), c.req.param('id'), { reveal: c.req.query('reveal') === '1' }));
    } catch (e) {
      if (e instanceof AccessError) return c.json({ error: 'not_found', message: '案件不存在或无权查看' }, 404);
      return fail(c, e);
    }
  });

  app.post('/cases/:id{[0-9]+}/events', async (c) => {
    const b = await body(c);
    if (b instanceof Response) return b;
    const ev = eventFrom(b);
    if (typeof ev === 'string') return c.json({ error: 'bad_input', message: ev }, 422);
    try {
      const r = await ledgerOf(c).addEvent(actorOf(c), c.req.param('id'), ev);
      return c.json({ record: r.record, state: r.state, warnings: r.warnings }, 201);
    } catch (e) {
      if (e instanceof AccessError) return c.json({ error: 'not_found', message: '案件不存在或无权修改' }, 404);
      return fail(c, e);
    }
  });

  return app;
}
