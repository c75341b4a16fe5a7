/** Login, logout, the home page and the user's own account (password, API tokens). */
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  authenticate,
  createApiToken,
  createSession,
  deleteApiToken,
  deleteSession,
  endSessions,
  changePassword,
  listApiTokens,
  listSessions,
  randomToken,
  ROLE_ZH,
  safeEqual,
  verifyPassword,
} from '../auth.js';
import type { Ctx, Env } from '../context.js';
import { h } from '../html.js';
import { clientAddress, secureCookie, SESSION_COOKIE } from '../app.js';
import { fmtTime, intParam, render, requireLogin, userOf } from '../pages.js';
import { one } from '../sql.js';
import { SESSION_HOURS } from '../auth.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo.js';

const LOGIN_COOKIE = 'nb_login';

function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : '/';
}

function loginPage(c: Ctx, opts: { error?: string; username?: string; next?: string; status?: 200 | 400 | 429 }) {
  const token = randomToken(16);
  setCookie(c, LOGIN_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: secureCookie(c), path: '/login', maxAge: 3600 });
  return render(
    c,
    { title: '登录' },
    h`<section class="card login">
<h1>登录年报通</h1>
<p class="muted">政府信息公开工作年度报告的核查、填报与审阅。</p>
${opts.error ? h`<p class="flash error" role="alert">${opts.error}</p>` : ''}
<form method="post" action="/login" class="stack">
<input type="hidden" name="_login" value="${token}">
<input type="hidden" name="next" value="${safeNext(opts.next)}">
<label>用户名<input name="username" autocomplete="username" required maxlength="40" value="${opts.username ?? ''}" autofocus></label>
<label>密码<input name="password" type="password" autocomplete="current-password" required maxlength="200"></label>
<button type="submit" class="primary">登录</button>
</form>
</section>
${c.get('s').demo ? h`<section class="card narrow demo-accounts"><h2>演示账号</h2><p class="muted small">演示模式：数据在关闭服务后清除。密码均为 <code>${DEMO_PASSWORD}</code>。</p>
<table class="list compact"><tbody>${DEMO_ACCOUNTS.map((a) => h`<tr><td class="nw"><code>${a.username}</code></td><td class="nw">${ROLE_ZH[a.role]}</td><td>${a.organ ?? a.region ?? '全部'}</td></tr>`)}</tbody></table></section>` : ''}`,
    opts.status ?? 200,
  );
}

export function authRoutes(): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/login', (c) => {
    if (c.get('user')) return c.redirect(safeNext(c.req.query('next')), 303);
    return loginPage(c, { next: c.req.query('next') });
  });

  app.post('/login', async (c) => {
    const s = c.get('s');
    const form = await c.req.parseBody();
    const username = typeof form.username === 'string' ? form.username.trim().slice(0, 40) : '';
    const password = typeof form.password === 'string' ? form.password.slice(0, 200) : '';
    const next = typeof form.next === 'string' ? form.next : undefined;
    const cookie = getCookie(c, LOGIN_COOKIE) ?? '';
    const given = typeof form._login === 'string' ? form._login : '';
    if (!cookie || !given || !safeEqual(cookie, given)) {
      return loginPage(c, { error: '登录表单已过期，请重新输入。', username, next, status: 400 });
    }
    const address = clientAddress(c);
    const wait = s.limiter.retryAfter(address, username);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return loginPage(c, { error: `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试。`, username, next, status: 429 });
    }
    const user = username && password ? await authenticate(s.db, username, password) : undefined;
    if (!user) {
      s.limiter.fail(address, username);
      return loginPage(c, { error: '用户名或密码不正确。', username, next, status: 400 });
    }
    s.limiter.succeed(address, username);
    // A session cookie the browser already carried (planted by someone else, or an older login)
    // is ended: signing in always starts a session under a new, server-chosen id.
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous) await deleteSession(s.db, previous);
    const session = await createSession(s.db, user.id);
    deleteCookie(c, LOGIN_COOKIE, { path: '/login' });
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: secureCookie(c),
      path: '/',
      maxAge: SESSION_HOURS * 3600,
    });
    return c.redirect(safeNext(next), 303);
  });

  app.post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(c.get('s').db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });

  app.get('/', requireLogin(), (c) => {
    const u = userOf(c);
    const cards = [
      h`<a class="task" href="/check"><span class="ico" aria-hidden="true">✓</span><strong>核查报告</strong><span>上传一份或多份年报（Word、PDF、网页、文本均可），或直接粘贴文字：表格逐格核对，问题标在单元格上。</span></a>`,
      u.role !== 'reviewer'
        ? h`<a class="task" href="/drafts"><span class="ico" aria-hidden="true">✎</span><strong>填报年报</strong><span>按官方格式逐格填写，合计自动计算，边填边核查；可从上年报告开始，“上年结转”自动带入。导出 Word。</span></a>`
        : '',
      u.role !== 'clerk'
        ? h`<a class="task" href="/review"><span class="ico" aria-hidden="true">▦</span><strong>审阅汇总</strong><span>本地区各单位的报告：是否报送、有无错误、内容雷同，汇总表和历年趋势，逐份审阅留痕。</span></a>`
        : '',
    ];
    return render(
      c,
      { title: '首页', nav: 'home' },
      h`<h1>您好，${u.displayName || u.username}</h1>
<p class="muted">${ROLE_ZH[u.role]}${u.organ ? ` · ${u.organ}` : ''}${u.region ? ` · ${u.region}` : ''}</p>
<div class="tasks">${cards}</div>`,
    );
  });

  app.get('/account', requireLogin(), (c) => accountPage(c));

  async function accountPage(c: Ctx, created?: string) {
    const u = userOf(c);
    const tokens = await listApiTokens(c.get('s').db, u.id);
    const sessions = await listSessions(c.get('s').db, u.id, getCookie(c, SESSION_COOKIE));
    return render(
      c,
      { title: '我的账号', nav: 'account', flash: c.req.query('ok') ? { kind: 'ok', text: c.req.query('ok') === 'pw' ? '密码已修改。' : '已完成。' } : undefined },
      h`<h1>我的账号</h1>
<section class="card"><h2>修改密码</h2>
<form method="post" action="/account/password" class="stack narrow-form">
<input type="hidden" name="_csrf" value="${c.get('csrf')}">
<label>当前密码<input type="password" name="current" autocomplete="current-password" required></label>
<label>新密码（至少 8 位）<input type="password" name="password" autocomplete="new-password" minlength="8" required></label>
<button type="submit">修改密码</button>
</form></section>
<section class="card"><h2>登录的设备</h2>
<p class="muted">当前有 ${sessions.length} 处登录（每次登录 ${SESSION_HOURS} 小时内有效）。修改密码后，其他地方的登录自动退出。</p>
<table class="list compact"><thead><tr><th>登录时间</th><th>到期</th><th></th></tr></thead><tbody>
${sessions.map((x) => h`<tr><td>${fmtTime(x.createdAt)}</td><td>${fmtTime(x.expiresAt)}</td><td>${x.current ? '本浏览器' : ''}</td></tr>`)}
</tbody></table>
<form method="post" action="/account/sessions/end" class="inline"><input type="hidden" name="_csrf" value="${c.get('csrf')}"><button type="submit" class="danger">退出所有设备的登录</button></form>
</section>
<section class="card"><h2>接口令牌</h2>
<p class="muted">其他系统可以用令牌调用 <a href="/api/docs">JSON 接口</a>：在请求头加上 <code>Authorization: Bearer 令牌</code>。令牌与您的账号权限相同，只显示一次，请妥善保存。</p>
${created ? h`<p class="flash ok">新令牌：<code class="token">${created}</code></p>` : ''}
<table class="list"><thead><tr><th>名称</th><th>创建时间</th><th>最近使用</th><th></th></tr></thead><tbody>
${tokens.length ? tokens.map((t) => h`<tr><td>${t.name || '（未命名）'}</td><td>${fmtTime(t.createdAt)}</td><td>${fmtTime(t.lastUsedAt) || '从未'}</td><td><form method="post" action="/account/tokens/${t.id}/delete" class="inline"><input type="hidden" name="_csrf" value="${c.get('csrf')}"><button class="link danger" type="submit">撤销</button></form></td></tr>`) : h`<tr><td colspan="4" class="muted">还没有令牌</td></tr>`}
</tbody></table>
<form method="post" action="/account/tokens" class="row-form">
<input type="hidden" name="_csrf" value="${c.get('csrf')}">
<label>名称<input name="name" maxlength="60" placeholder="例如：区级汇总系统"></label>
<button type="submit">新建令牌</button>
</form></section>`,
    );
  }

  app.post('/account/password', requireLogin(), async (c) => {
    const s = c.get('s');
    const u = userOf(c);
    const form = await c.req.parseBody();
    const current = String(form.current ?? '');
    const password = String(form.password ?? '');
    const row = await one<{ password_hash: string }>(s.db, 'SELECT password_hash FROM web_users WHERE id = $1', [u.id]);
    if (!row || !(await verifyPassword(current, row.password_hash))) {
      return render(c, { title: '我的账号', nav: 'account', flash: { kind: 'error', text: '当前密码不正确。' } }, h`<p><a href="/account">返回</a></p>`, 400);
    }
    if (password.length < 8 || password.length > 200) {
      return render(c, { title: '我的账号', nav: 'account', flash: { kind: 'error', text: '新密码至少 8 位。' } }, h`<p><a href="/account">返回</a></p>`, 400);
    }
    await changePassword(s.db, u.id, password, getCookie(c, SESSION_COOKIE));
    return c.redirect('/account?ok=pw', 303);
  });

  // Log out everywhere: every session of the account, this browser's included.
  app.post('/account/sessions/end', requireLogin(), async (c) => {
    await endSessions(c.get('s').db, userOf(c).id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });

  app.post('/account/tokens', requireLogin(), async (c) => {
    const form = await c.req.parseBody();
    const { token } = await createApiToken(c.get('s').db, userOf(c).id, String(form.name ?? '').trim());
    // Shown once, in this answer only (never in a URL).
    return accountPage(c, token);
  });

  app.post('/account/tokens/:id/delete', requireLogin(), async (c) => {
    const id = intParam(c.req.param('id'));
    if (id) await deleteApiToken(c.get('s').db, userOf(c).id, id);
    return c.redirect('/account', 303);
  });

  return app;
}
