/** Test helpers: an app over a fresh in-memory database, users, logging in through the real form. */
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createApp } from '../../src/server/app.js';
import { createUser, LoginLimiter, type Role } from '../../src/server/auth.js';
import type { AppDeps } from '../../src/server/context.js';
import type { DbLike } from '../../src/server/sql.js';

let shared: PGlite | undefined;

/** One in-memory database per test file, emptied for each test (starting PGlite takes a second). */
export async function memoryDb(): Promise<DbLike> {
  if (!shared) {
    shared = new PGlite();
    await shared.exec(readFileSync(new URL('../../src/store/migrations/0200_web.sql', import.meta.url), 'utf8'));
  }
  await shared.exec('TRUNCATE web_reviews, web_drafts, web_api_tokens, web_sessions, web_users RESTART IDENTITY CASCADE');
  const pg = shared;
  return { query: (sql: string, params?: unknown[]) => pg.query(sql, params) };
}

export type TestApp = Awaited<ReturnType<typeof testApp>>;

export async function testApp(extra: Partial<AppDeps> = {}) {
  const db = extra.db ?? (await memoryDb());
  const app = createApp({ db, limiter: new LoginLimiter(5, 1000), ...extra });
  const users: Record<string, { password: string; id: number }> = {};
  async function user(username: string, role: Role, scope?: string) {
    const password = `pw-${username}-123`;
    const u = await createUser(db, { username, role, password, organ: role === 'clerk' ? scope : null, region: role === 'reviewer' ? scope : null });
    users[username] = { password, id: u.id };
    return u;
  }
  /** Logs in through GET /login + POST /login; returns a client that keeps the cookies and the CSRF token. */
  async function login(username: string, password = users[username]?.password) {
    const jar = new Map<string, string>();
    const keep = (res: Response) => {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const i = pair.indexOf('=');
        const name = pair.slice(0, i);
        const value = pair.slice(i + 1);
        if (!value || /Max-Age=0/i.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
    };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const page = await app.request('/login');
    keep(page);
    const html = await page.text();
    const token = /name="_login" value="([^"]+)"/.exec(html)![1];
    const res = await app.request('/login', {
      method: 'POST',
      headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _login: token, username, password: password ?? '' }).toString(),
    });
    keep(res);
    let csrf = '';
    if (res.status === 303 && jar.has('nb_session')) {
      const me = await app.request('/api/me', { headers: { cookie: cookie() } });
      csrf = ((await me.json()) as { csrf: string }).csrf;
    }
    const request = (path: string, init: RequestInit & { csrf?: boolean } = {}) => {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie());
      if (init.csrf !== false && init.method && init.method !== 'GET') headers.set('x-csrf-token', csrf);
      return Promise.resolve(app.request(path, { ...init, headers })).then((r) => {
        keep(r);
        return r;
      });
    };
    return { status: res.status, res, csrf, cookie, request };
  }
  return { app, db, user, login, users };
}
