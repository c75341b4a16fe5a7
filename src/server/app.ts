/**
 * The web application: `createApp(deps)` returns a Hono app whose handlers take a Web Request and
 * give a Response — tested by calling `app.request()`, served by @hono/node-server.
 */
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { bodyLimit } from 'hono/body-limit';
import { getConnInfo } from '@hono/node-server/conninfo';
import { LoginLimiter, loadSession, safeEqual, userForApiToken } from './auth.js';
import { CheckCache } from './check-cache.js';
import { DEFAULT_LIMITS, type AppDeps, type Ctx, type Env, type Services } from './context.js';
import { assetRoutes } from './assets.js';
import { authRoutes } from './routes/auth.js';
import { checkRoutes } from './routes/check.js';
import { draftRoutes } from './routes/drafts.js';
import { reviewRoutes } from './routes/review.js';
import { organRoutes } from './routes/organs.js';
import { adminRoutes } from './routes/admin.js';
import { apiRoutes } from './routes/api.js';
import { docsRoutes } from './routes/docs.js';
import { ledgerRoutes } from './routes/ledger.js';
import { ledgerApiRoutes } from './routes/ledger-api.js';
import { fetchRoutes } from './routes/fetch.js';
import { registerRoutes } from './routes/register.js';
import { calendarRoutes } from './routes/calendar.js';
import { registerApiRoutes } from './routes/register-api.js';
import { backupRoutes } from './routes/backup.js';
import { errorPage, notFoundPage } from './pages.js';
import { InputError, StoreUnavailable } from '../errors.js';
import { RendererMissing } from './service.js';

export const SESSION_COOKIE = 'nb_session';
export const CSRF_HEADER = 'x-csrf-token';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export function isHttps(c: Ctx): boolean {
  const s = c.get('s');
  if (s.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0].trim() === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}

export function secureCookie(c: Ctx): boolean {
  const s = c.get('s');
  return s.secureCookies === 'auto' ? isHttps(c) : s.secureCookies;
}

export function clientAddress(c: Ctx): string {
  const s = c.get('s');
  if (s.trustProxy) {
    const fwd = c.req.header('x-forwarded-for');
    if (fwd) return fwd.split(',')[0].trim();
  }
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createApp(deps: AppDeps): Hono<Env> {
  const services: Services = {
    db: deps.db,
    reports: deps.reports,
    limiter: deps.limiter ?? new LoginLimiter(),
    limits: { ...DEFAULT_LIMITS, ...deps.limits },
    checks: new CheckCache(),
    secureCookies: deps.secureCookies ?? 'auto',
    trustProxy: deps.trustProxy ?? false,
    demo: deps.demo ?? false,
  };
  const app = new Hono<Env>();

  // Security headers on every answer.
  app.use('*', async (c, next) => {
    c.set('s', services);
    c.set('viaToken', false);
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (isHttps(c)) c.header('Strict-Transport-Security', 'max-age=31536000');
    if (!c.res.headers.get('Cache-Control') && !c.req.path.startsWith('/assets/')) c.header('Cache-Control', 'no-store');
  });

  app.route('/assets', assetRoutes());
  app.get('/favicon.ico', (c) => c.redirect('/assets/favicon.svg', 301));

  // No request body larger than the upload limit is ever read, with or without Content-Length.
  app.use('*', async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    return bodyLimit({
      maxSize: services.limits.uploadBytes,
      onError: (cc) =>
        cc.req.path.startsWith('/api/')
          ? cc.json({ error: 'too_large', message: '上传内容过大' }, 413)
          : cc.html(errorPage(cc as Ctx, 413, '上传内容过大', `一次上传的内容不能超过 ${Math.round(services.limits.uploadBytes / 1048576)} MB，请分批上传。`), 413),
    })(c, next);
  });

  // Who is asking: an API token, or a session cookie.
  app.use('*', async (c, next) => {
    const auth = c.req.header('authorization');
    if (auth?.startsWith('Bearer ')) {
      const user = await userForApiToken(services.db, auth.slice(7).trim());
      if (!user) return c.json({ error: 'unauthorized', message: '接口令牌无效或已撤销' }, 401);
      c.set('user', user);
      c.set('viaToken', true);
      return next();
    }
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const session = await loadSession(services.db, token);
      if (session) {
        c.set('user', session.user);
        c.set('csrf', session.csrf);
      }
    }
    return next();
  });

  // CSRF: every state-changing request with a session carries the session's token, in the
  // X-CSRF-Token header (scripts) or the _csrf form field (forms). Login has its own token.
  app.use('*', async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.get('viaToken')) return next();
    if (c.req.path === '/login') return next();
    const expected = c.get('csrf');
    if (!expected) {
      return c.req.path.startsWith('/api/')
        ? c.json({ error: 'unauthorized', message: '请先登录，或使用接口令牌（Authorization: Bearer …）' }, 401)
        : c.redirect('/login', 303);
    }
    let given = c.req.header(CSRF_HEADER) ?? '';
    if (!given) {
      const type = c.req.header('content-type') ?? '';
      if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
        try {
          const form = await c.req.parseBody({ all: true });
          const v = form['_csrf'];
          given = typeof v === 'string' ? v : '';
        } catch {
          given = '';
        }
      }
    }
    if (!given || !safeEqual(given, expected)) {
      if (c.req.path.startsWith('/api/')) return c.json({ error: 'csrf', message: 'CSRF 校验失败：请刷新页面后重试' }, 403);
      return c.html(errorPage(c, 403, '表单已过期', '页面已失效（CSRF 校验失败），请返回上一页刷新后重试。'), 403);
    }
    return next();
  });

  app.route('/', authRoutes());
  app.route('/', checkRoutes());
  app.route('/', draftRoutes());
  app.route('/', reviewRoutes());
  app.route('/', organRoutes());
  app.route('/', adminRoutes());
  app.route('/', docsRoutes());
  app.route('/', ledgerRoutes());
  app.route('/', fetchRoutes());
  app.route('/api', ledgerApiRoutes());
  app.route('/', registerRoutes());
  app.route('/', calendarRoutes());
  app.route('/api', registerApiRoutes());
  app.route('/api', apiRoutes());
  app.route('/api', backupRoutes());

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return c.json({ error: 'not_found', message: '没有这个接口或对象' }, 404);
    return c.html(notFoundPage(c as Ctx), 404);
  });
  app.onError((error, c) => {
    if (error instanceof StoreUnavailable) {
      c.header('Retry-After', '10');
      if (c.req.path.startsWith('/api/')) return c.json({ error: 'unavailable', message: error.message }, 503);
      return c.html(errorPage(c as Ctx, 503, '暂时无法保存', error.message), 503);
    }
    if (error instanceof InputError) {
      if (c.req.path.startsWith('/api/')) return c.json({ error: 'bad_input', file: error.file, message: error.message }, 422);
      return c.html(errorPage(c as Ctx, 422, '无法读取', `${error.file}：${error.message}`), 422);
    }
    if (error instanceof RendererMissing) {
      if (c.req.path.startsWith('/api/')) return c.json({ error: 'unavailable', message: error.message }, 503);
      return c.html(errorPage(c as Ctx, 503, '暂不能导出', `${error.message}，请下载 JSON。`), 503);
    }
    const status = (error as { status?: number }).status;
    if (status === 413) {
      if (c.req.path.startsWith('/api/')) return c.json({ error: 'too_large', message: '上传内容过大' }, 413);
      return c.html(errorPage(c as Ctx, 413, '上传内容过大', '上传的文件过大，请分批上传。'), 413);
    }
    console.error(error);
    if (c.req.path.startsWith('/api/')) return c.json({ error: 'internal', message: '服务器内部错误' }, 500);
    return c.html(errorPage(c as Ctx, 500, '出错了', '服务器内部错误，请稍后重试。'), 500);
  });
  return app;
}
