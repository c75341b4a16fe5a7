/** Helpers shared by the page routes. */
import type { MiddlewareHandler } from 'hono';
import type { Role, User } from './auth.js';
import type { Ctx, Env } from './context.js';
import { h, type Safe } from './html.js';
import { page, type PageOptions } from './layout.js';

export function render(c: Ctx, opts: Omit<PageOptions, 'user' | 'csrf'>, body: Safe, status: 200 | 400 | 403 | 404 | 409 | 413 | 422 | 429 | 500 = 200) {
  return c.html(page({ ...opts, user: c.get('user'), csrf: c.get('csrf') }, body), status);
}

export function errorPage(c: Ctx, status: number, title: string, text: string): string {
  return page(
    { title, user: c.get('user'), csrf: c.get('csrf') },
    h`<section class="card narrow"><h1>${title}</h1><p>${text}</p><p><a class="button" href="/">返回首页</a></p></section>`,
  );
}

export function notFoundPage(c: Ctx): string {
  return errorPage(c, 404, '找不到页面', '没有这个页面，或者您无权查看。');
}

/** Pages for signed-in users (optionally of some roles); others are sent to the login page. */
export function requireLogin(...roles: Role[]): MiddlewareHandler<Env> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) {
      if (c.req.path.startsWith('/api/')) return c.json({ error: 'unauthorized', message: '请先登录，或使用接口令牌' }, 401);
      const next_ = c.req.method === 'GET' ? `?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}` : '';
      return c.redirect(`/login${next_}`, 303);
    }
    if (roles.length && !roles.includes(user.role)) {
      if (c.req.path.startsWith('/api/')) return c.json({ error: 'forbidden', message: '您的角色无权进行此操作' }, 403);
      return c.html(errorPage(c as Ctx, 403, '无权访问', '您的账号角色无权打开这个页面。'), 403);
    }
    return next();
  };
}

export function forbidden(c: Ctx, text = '您无权查看或修改这份材料。') {
  if (c.req.path.startsWith('/api/')) return c.json({ error: 'forbidden', message: text }, 403);
  return c.html(errorPage(c, 403, '无权访问', text), 403);
}

export function userOf(c: Ctx): User {
  return c.get('user')!;
}

export function fmtTime(value: unknown): string {
  if (!value) return '';
  const d = new Date(value as string);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A positive integer from a query or path parameter, or undefined. */
export function intParam(value: string | undefined, min = 1, max = 1e9): number | undefined {
  if (!value || !/^\d{1,10}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}
