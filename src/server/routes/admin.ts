/** 管理: users and their roles, organs and their regions. */
import { Hono } from 'hono';
import type { Env } from '../context.js';
import { h } from '../html.js';
import { intParam, render, requireLogin, userOf } from '../pages.js';
import { createUser, listUsers, ROLE_ZH, ROLES, updateUser, validateNewUser, type Role } from '../auth.js';

export function adminRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/admin', requireLogin('admin'));
  app.use('/admin/*', requireLogin('admin'));

  app.get('/admin', async (c) => {
    const s = c.get('s');
    const users = await listUsers(s.db);
    const organs = s.reports ? await s.reports.organs().catch(() => []) : [];
    const regions = s.reports ? await s.reports.regions().catch(() => []) : [];
    const csrf = c.get('csrf');
    const msg = c.req.query('msg');
    const flash = msg === 'created' ? { kind: 'ok' as const, text: '用户已创建。' } : msg === 'saved' ? { kind: 'ok' as const, text: '已保存。' } : msg ? { kind: 'error' as const, text: msg.slice(0, 100) } : undefined;
    return render(
      c,
      { title: '用户与地区', nav: 'admin', flash },
      h`<h1>用户与地区</h1>
<section class="card"><h2>用户</h2>
<div class="table-wrap"><table class="list"><thead><tr><th>用户名</th><th>姓名</th><th>角色</th><th>机关 / 地区</th><th>状态</th><th>修改</th></tr></thead><tbody>
${users.map(
  (u) => h`<tr${u.disabled ? h` class="disabled"` : ''}><td class="nw">${u.username}</td><td>${u.displayName}</td><td class="nw">${ROLE_ZH[u.role]}</td><td>${u.organ ?? u.region ?? ''}</td><td class="nw">${u.disabled ? '已停用' : '正常'}</td>
<td><form method="post" action="/admin/users/${u.id}" class="row-form tight"><input type="hidden" name="_csrf" value="${csrf}">
<select name="role" aria-label="角色">${ROLES.map((r) => h`<option value="${r}"${r === u.role ? ' selected' : ''}>${ROLE_ZH[r]}</option>`)}</select>
<input name="scope" value="${u.organ ?? u.region ?? ''}" placeholder="机关或地区" aria-label="机关或地区" list="scope-list">
<input name="password" type="password" placeholder="重设密码（可空）" autocomplete="new-password" aria-label="重设密码">
<label class="check"><input type="checkbox" name="disabled" value="1"${u.disabled ? ' checked' : ''}${u.id === userOf(c).id ? ' disabled' : ''}> 停用</label>
<button type="submit" class="small">保存</button></form></td></tr>`,
)}
</tbody></table></div>
<h3>新建用户</h3>
<form method="post" action="/admin/users" class="row-form">
<input type="hidden" name="_csrf" value="${csrf}">
<label>用户名<input name="username" required maxlength="40"></label>
<label>姓名<input name="displayName" maxlength="60"></label>
<label>角色<select name="role">${ROLES.map((r) => h`<option value="${r}"${r === 'clerk' ? ' selected' : ''}>${ROLE_ZH[r]}</option>`)}</select></label>
<label>机关（填报人）或地区（审阅人）<input name="scope" maxlength="80" list="scope-list"></label>
<label>初始密码<input name="password" type="password" minlength="8" required autocomplete="new-password"></label>
<button type="submit" class="primary">创建</button>
</form>
<datalist id="scope-list">${organs.map((o) => h`<option value="${o.name}">`)}${regions.map((r) => h`<option value="${r.name}">`)}</datalist>
</section>
<section class="card"><h2>机关与所属地区</h2>
<p class="muted">导入报告时按机关名称推断所属地区（如“宝山区七星街道办事处”属“宝山区”）；推断不对时在这里改。审阅人看到其地区及下级地区的全部机关。</p>
${organs.length ? h`<div class="table-wrap"><table class="list"><thead><tr><th>机关</th><th>所属地区</th><th>修改</th></tr></thead><tbody>${organs.map(
  (o) => h`<tr><td>${o.name}</td><td>${o.regions.join(' / ')}</td><td>${s.reports?.setOrganRegion ? h`<form method="post" action="/admin/organs" class="row-form tight"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="organ" value="${o.name}"><input name="region" value="${o.regions[o.regions.length - 1] ?? ''}" list="region-list" aria-label="所属地区"><button type="submit" class="small">保存</button></form>` : ''}</td></tr>`,
)}</tbody></table></div><datalist id="region-list">${regions.map((r) => h`<option value="${r.name}">`)}</datalist>` : h`<p class="muted">报告库中还没有机关。</p>`}
</section>`,
    );
  });

  app.post('/admin/users', async (c) => {
    const form = await c.req.parseBody();
    const role = String(form.role ?? '') as Role;
    const scope = String(form.scope ?? '').trim().slice(0, 80);
    const u = {
      username: String(form.username ?? '').trim(),
      displayName: String(form.displayName ?? '').trim(),
      role,
      organ: role === 'clerk' ? scope : null,
      region: role === 'reviewer' ? scope : null,
      password: String(form.password ?? ''),
    };
    const problem = validateNewUser(u);
    if (problem) return c.redirect(`/admin?msg=${encodeURIComponent(problem)}`, 303);
    try {
      await createUser(c.get('s').db, u);
    } catch {
      return c.redirect(`/admin?msg=${encodeURIComponent('用户名已存在')}`, 303);
    }
    return c.redirect('/admin?msg=created', 303);
  });

  app.post('/admin/users/:id', async (c) => {
    const id = intParam(c.req.param('id'));
    if (!id) return c.notFound();
    const form = await c.req.parseBody();
    const role = String(form.role ?? '') as Role;
    if (!ROLES.includes(role)) return c.redirect(`/admin?msg=${encodeURIComponent('角色不对')}`, 303);
    const scope = String(form.scope ?? '').trim().slice(0, 80);
    if ((role === 'clerk' || role === 'reviewer') && !scope) return c.redirect(`/admin?msg=${encodeURIComponent('填报人须有机关，审阅人须有地区')}`, 303);
    const password = String(form.password ?? '');
    if (password && password.length < 8) return c.redirect(`/admin?msg=${encodeURIComponent('密码至少 8 位')}`, 303);
    const self = id === userOf(c).id;
    if (self && role !== 'admin') return c.redirect(`/admin?msg=${encodeURIComponent('不能取消自己的管理员角色')}`, 303);
    await updateUser(c.get('s').db, id, {
      role,
      organ: role === 'clerk' ? scope : null,
      region: role === 'reviewer' ? scope : null,
      disabled: self ? false : form.disabled === '1',
      password: password || undefined,
    });
    return c.redirect('/admin?msg=saved', 303);
  });

  app.post('/admin/organs', async (c) => {
    const s = c.get('s');
    const form = await c.req.parseBody();
    const organ = String(form.organ ?? '').trim();
    const region = String(form.region ?? '').trim();
    if (!organ || !region || !s.reports?.setOrganRegion) return c.redirect(`/admin?msg=${encodeURIComponent('请填写地区')}`, 303);
    await s.reports.setOrganRegion(organ.slice(0, 80), region.slice(0, 80));
    return c.redirect('/admin?msg=saved', 303);
  });

  return app;
}
