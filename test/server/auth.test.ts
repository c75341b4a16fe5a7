import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, verifyPassword, LoginLimiter } from '../../src/server/auth.js';
import { testApp } from './helpers.js';

test('passwords are hashed with scrypt and verified in constant time', async () => {
  const hash = await hashPassword('正确的密码-123');
  assert.match(hash, /^scrypt\$32768\$8\$1\$/);
  assert.ok(!hash.includes('正确的密码'));
  assert.equal(await verifyPassword('正确的密码-123', hash), true);
  assert.equal(await verifyPassword('正确的密码-124', hash), false);
  assert.equal(await verifyPassword('x', 'garbage'), false);
  assert.notEqual(await hashPassword('same'), await hashPassword('same'), 'salted');
});

test('pages need a login; login sets an HttpOnly SameSite=Lax session cookie', async () => {
  const t = await testApp();
  await t.user('clerk1', 'clerk', '宝山区七星街道办事处');
  const anon = await t.app.request('/check');
  assert.equal(anon.status, 303);
  assert.equal(anon.headers.get('location'), '/login?next=%2Fcheck');
  const apiAnon = await t.app.request('/api/drafts');
  assert.equal(apiAnon.status, 401);

  const s = await t.login('clerk1');
  assert.equal(s.status, 303);
  const cookie = s.res.headers.getSetCookie().find((c) => c.startsWith('nb_session='))!;
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.doesNotMatch(cookie, /Secure/, 'plain http in tests');
  const home = await s.request('/');
  assert.equal(home.status, 200);
  assert.match(await home.text(), /宝山区七星街道办事处/);
});

test('cookies are Secure behind https', async () => {
  const t = await testApp();
  await t.user('u1', 'admin');
  const page = await t.app.request('https://example.org/login');
  const set = page.headers.getSetCookie().join('\n');
  assert.match(set, /nb_login=.*Secure/);
  assert.match(page.headers.get('strict-transport-security') ?? '', /max-age/);
});

test('wrong password, unknown user, missing login token are refused', async () => {
  const t = await testApp();
  await t.user('clerk1', 'clerk', '甲机关');
  assert.equal((await t.login('clerk1', 'wrong-password')).status, 400);
  assert.equal((await t.login('nobody', 'whatever-123')).status, 400);
  const res = await t.app.request('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'username=clerk1&password=' + encodeURIComponent(t.users.clerk1.password),
  });
  assert.equal(res.status, 400, 'login without the login-form token (login CSRF)');
  assert.equal(res.headers.getSetCookie().some((c) => c.startsWith('nb_session=') && !c.startsWith('nb_session=;')), false);
});

test('login attempts are rate limited per account and address', async () => {
  const t = await testApp({ limiter: new LoginLimiter(3, 100) });
  await t.user('clerk1', 'clerk', '甲机关');
  for (let i = 0; i < 3; i++) assert.equal((await t.login('clerk1', `bad-${i}-xxxx`)).status, 400);
  const blocked = await t.login('clerk1');
  assert.equal(blocked.status, 429, 'even the right password is refused while blocked');
  assert.ok(Number(blocked.res.headers.get('retry-after')) > 0);
  assert.match(await blocked.res.text(), /登录失败次数过多/);
});

test('the limiter forgets failures after its window', () => {
  let now = 0;
  const l = new LoginLimiter(2, 10, 1000, () => now);
  l.fail('a', 'u');
  l.fail('a', 'u');
  assert.ok(l.retryAfter('a', 'u') > 0);
  assert.equal(l.retryAfter('b', 'u'), 0, 'another address is not blocked');
  now = 1001;
  assert.equal(l.retryAfter('a', 'u'), 0);
});

test('logout ends the session on the server', async () => {
  const t = await testApp();
  await t.user('a1', 'admin');
  const s = await t.login('a1');
  const cookie = s.cookie();
  const out = await s.request('/logout', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(s.csrf)}` });
  assert.equal(out.status, 303);
  const again = await t.app.request('/', { headers: { cookie } });
  assert.equal(again.status, 303, 'the old cookie no longer works');
});

test('state-changing requests without the CSRF token are refused', async () => {
  const t = await testApp();
  await t.user('clerk1', 'clerk', '宝山区七星街道办事处');
  const s = await t.login('clerk1');
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const noToken = await s.request('/drafts', { method: 'POST', headers: form, body: 'year=2024', csrf: false });
  assert.equal(noToken.status, 403);
  const wrong = await s.request('/drafts', { method: 'POST', headers: form, body: 'year=2024&_csrf=forged', csrf: false });
  assert.equal(wrong.status, 403);
  const api = await s.request('/api/drafts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"year":2024}', csrf: false });
  assert.equal(api.status, 403);
  assert.equal(((await api.json()) as { error: string }).error, 'csrf');
  const ok = await s.request('/drafts', { method: 'POST', headers: form, body: `year=2024&_csrf=${encodeURIComponent(s.csrf)}`, csrf: false });
  assert.equal(ok.status, 303);
  assert.match(ok.headers.get('location')!, /^\/drafts\/\d+/);
});

test('API tokens authenticate without cookie or CSRF, and can be revoked', async () => {
  const t = await testApp();
  await t.user('clerk1', 'clerk', '宝山区七星街道办事处');
  const s = await t.login('clerk1');
  const made = await s.request('/api/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"区级系统"}' });
  assert.equal(made.status, 201);
  const { token, id } = (await made.json()) as { token: string; id: number };
  assert.match(token, /^nb_/);
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const me = await t.app.request('/api/me', { headers: auth });
  assert.equal(((await me.json()) as { user: { username: string } }).user.username, 'clerk1');
  const draft = await t.app.request('/api/drafts', { method: 'POST', headers: auth, body: '{"year":2024}' });
  assert.equal(draft.status, 201, 'no CSRF token needed with an API token');
  const bad = await t.app.request('/api/me', { headers: { authorization: 'Bearer nb_notatoken' } });
  assert.equal(bad.status, 401);
  assert.equal((await s.request(`/api/tokens/${id}`, { method: 'DELETE' })).status, 204);
  assert.equal((await t.app.request('/api/me', { headers: auth })).status, 401, 'revoked');
});

test('security headers: CSP without inline scripts, nosniff, frame denial', async () => {
  const t = await testApp();
  const res = await t.app.request('/login');
  const csp = res.headers.get('content-security-policy')!;
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  const html = await res.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/, 'no inline script elements');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
  assert.doesNotMatch(html, /\sstyle=/i, 'no inline styles');
});
