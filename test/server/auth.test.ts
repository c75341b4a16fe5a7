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

/** Logs in by hand with a session cookie already in the browser (planted, or left by an earlier login). */
async function loginCarrying(t: Awaited<ReturnType<typeof testApp>>, username: string, carried: string): Promise<string> {
  const page = await t.app.request('/login');
  const loginCookie = page.headers.getSetCookie().find((c) => c.startsWith('nb_login='))!.split(';')[0];
  const token = /name="_login" value="([^"]+)"/.exec(await page.text())![1];
  const res = await t.app.request('/login', {
    method: 'POST',
    headers: { cookie: `${loginCookie}; nb_session=${carried}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _login: token, username, password: t.users[username].password }).toString(),
  });
  assert.equal(res.status, 303);
  return res.headers.getSetCookie().find((c) => c.startsWith('nb_session='))!.split(';')[0].slice('nb_session='.length);
}

const signedInAs = async (t: Awaited<ReturnType<typeof testApp>>, sessionToken: string): Promise<string | undefined> => {
  const me = await t.app.request('/api/me', { headers: { cookie: `nb_session=${sessionToken}` } });
  return me.status === 200 ? ((await me.json()) as { user: { username: string } }).user.username : undefined;
};

test('session fixation: signing in always issues a new session id and ends the one the browser carried', async () => {
  const t = await testApp();
  await t.user('attacker', 'clerk', '乙机关');
  await t.user('victim', 'clerk', '甲机关');
  const planted = /nb_session=([^;]+)/.exec((await t.login('attacker')).cookie())![1];
  assert.equal(await signedInAs(t, planted), 'attacker');
  const issued = await loginCarrying(t, 'victim', planted);
  assert.notEqual(issued, planted, 'the session id changes on login');
  assert.equal(await signedInAs(t, issued), 'victim');
  assert.equal(await signedInAs(t, planted), undefined, 'the planted id is dead: it never becomes the victim’s session');
  // the same for an id the server never issued: it is not adopted
  const made = await loginCarrying(t, 'victim', 'chosen-by-attacker');
  assert.notEqual(made, 'chosen-by-attacker');
  assert.equal(await signedInAs(t, 'chosen-by-attacker'), undefined);
  // logging in again in the same browser ends that browser's previous session
  const again = await loginCarrying(t, 'victim', made);
  assert.equal(await signedInAs(t, made), undefined);
  assert.equal(await signedInAs(t, again), 'victim');
});

test('log out everywhere ends every session of the account, from a page or from the API', async () => {
  const t = await testApp();
  await t.user('clerk1', 'clerk', '甲机关');
  await t.user('clerk2', 'clerk', '甲机关');
  const laptop = await t.login('clerk1');
  const phone = await t.login('clerk1');
  const colleague = await t.login('clerk2');
  const list = (await (await laptop.request('/api/sessions')).json()) as { sessions: { current: boolean }[] };
  assert.equal(list.sessions.length, 2);
  assert.equal(list.sessions.filter((s) => s.current).length, 1, 'the asking session is marked');
  const out = await phone.request('/account/sessions/end', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
  assert.equal(out.status, 303);
  assert.equal(out.headers.get('location'), '/login');
  assert.equal((await laptop.request('/api/me')).status, 401, 'the other browser is signed out');
  assert.equal((await phone.request('/api/me')).status, 401, 'and this one');
  assert.equal((await colleague.request('/api/me')).status, 200, 'another account is untouched');
  // through the API, with a token (a stolen laptop's sessions ended from a script)
  const again = await t.login('clerk1');
  const { token } = (await (await again.request('/api/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string };
  const ended = await t.app.request('/api/sessions', { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
  assert.deepEqual(await ended.json(), { ended: 1 });
  assert.equal((await again.request('/api/me')).status, 401);
  assert.equal((await t.app.request('/api/me', { headers: { authorization: `Bearer ${token}` } })).status, 200, 'tokens are revoked one by one, not here');
  // without CSRF a session cannot be made to end the others
  const s = await t.login('clerk1');
  assert.equal((await s.request('/api/sessions', { method: 'DELETE', csrf: false })).status, 403);
});

test('a password change ends the other sessions; the old password stops working', async () => {
  const t = await testApp();
  await t.user('clerk1', 'clerk', '甲机关');
  const here = await t.login('clerk1');
  const elsewhere = await t.login('clerk1');
  const old = t.users.clerk1.password;
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const wrong = await here.request('/account/password', { method: 'POST', headers: form, body: new URLSearchParams({ current: 'not-the-password', password: 'new-password-456' }).toString() });
  assert.equal(wrong.status, 400);
  assert.equal((await elsewhere.request('/api/me')).status, 200, 'a refused change ends nothing');
  const changed = await here.request('/account/password', { method: 'POST', headers: form, body: new URLSearchParams({ current: old, password: 'new-password-456' }).toString() });
  assert.equal(changed.status, 303);
  assert.equal((await here.request('/api/me')).status, 200, 'the browser that changed it stays signed in');
  assert.equal((await elsewhere.request('/api/me')).status, 401, 'every other session is ended');
  assert.equal((await t.login('clerk1', old)).status, 400, 'the old password is refused');
  assert.equal((await t.login('clerk1', 'new-password-456')).status, 303);
});

test('an admin resetting a password or disabling an account ends its sessions and tokens stop working', async () => {
  const t = await testApp();
  await t.user('root', 'admin');
  const clerk = await t.user('clerk1', 'clerk', '甲机关');
  const admin = await t.login('root');
  const s = await t.login('clerk1');
  const { token } = (await (await s.request('/api/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string };
  const json = { 'content-type': 'application/json' };
  assert.equal((await admin.request(`/api/users/${clerk.id}`, { method: 'PATCH', headers: json, body: '{"password":"reset-by-admin-1"}' })).status, 200);
  assert.equal((await s.request('/api/me')).status, 401, 'the reset ends the clerk’s session');
  assert.equal((await admin.request(`/api/users/${clerk.id}`, { method: 'PATCH', headers: json, body: '{"disabled":true}' })).status, 200);
  assert.equal((await t.app.request('/api/me', { headers: { authorization: `Bearer ${token}` } })).status, 401, 'a disabled account’s token is refused');
});

test('a token can be revoked only by its owner', async () => {
  const t = await testApp();
  await t.user('clerk1', 'clerk', '甲机关');
  await t.user('root', 'admin');
  const owner = await t.login('clerk1');
  const { token, id } = (await (await owner.request('/api/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string; id: number };
  const admin = await t.login('root');
  assert.equal((await admin.request(`/api/tokens/${id}`, { method: 'DELETE' })).status, 404, 'not even an admin revokes another’s token by id');
  assert.equal((await t.app.request('/api/me', { headers: { authorization: `Bearer ${token}` } })).status, 200);
  assert.equal((await t.app.request(`/api/tokens/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status, 204, 'a token can revoke itself');
  assert.equal((await t.app.request('/api/me', { headers: { authorization: `Bearer ${token}` } })).status, 401);
});
