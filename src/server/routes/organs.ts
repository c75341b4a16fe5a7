/**
 * 机关 (for reviewers): the organs of the reviewer's region, every name each one's reports were
 * written under with the years, the years missing; and the reviewer's corrections — merge two
 * organs, split a name off, set the region. Roll-ups, "未报送" and carry-over follow at once,
 * because the store derives them from the organs' current identity and region.
 */
import { Hono } from 'hono';
import type { Ctx, Env } from '../context.js';
import { h } from '../html.js';
import { render, requireLogin, userOf } from '../pages.js';
import { canReview } from '../access.js';
import { InputError } from '../../errors.js';
import type { OrganRow } from '../reports.js';

function years(list: number[] | undefined): string {
  if (!list?.length) return '';
  const out: string[] = [];
  for (let i = 0; i < list.length; ) {
    let j = i;
    while (j + 1 < list.length && list[j + 1] === list[j] + 1) j++;
    out.push(i === j ? String(list[i]) : `${list[i]}–${list[j]}`);
    i = j + 1;
  }
  return out.join('、');
}

function gaps(list: number[] | undefined): number[] {
  const out: number[] = [];
  if (!list?.length) return out;
  for (let y = list[0]; y < list[list.length - 1]; y++) if (!list.includes(y)) out.push(y);
  return out;
}

const back = (c: Ctx, id: number | string, msg?: string) => c.redirect(`/review/organs/${encodeURIComponent(String(id))}${msg ? `?msg=${encodeURIComponent(msg)}` : ''}`, 303);

export function organRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/review/organs', requireLogin('reviewer', 'admin'));
  app.use('/review/organs/*', requireLogin('reviewer', 'admin'));

  /** The organs this user may correct: all for an administrator, those of their region for a reviewer. */
  async function visibleOrgans(c: Ctx): Promise<OrganRow[]> {
    const s = c.get('s');
    const user = userOf(c);
    const all = (await s.reports?.organs()) ?? [];
    return all.filter((o) => canReview(user, { organ: o.name, regions: o.regions }, s.reports));
  }

  app.get('/review/organs', async (c) => {
    const organs = await visibleOrgans(c);
    return render(
      c,
      { title: '机关', nav: 'review', wide: true },
      h`<p class="crumbs"><a href="/review">审阅汇总</a> › 机关</p><h1>机关</h1>
<p class="lead">同一机关各年报告所用名称不同（带不带市名、“人民政府”“办事处”等），已按名称结构归为一个机关；地区按国家行政区划代码确定。归并有误时可在机关页面合并、拆分或指定地区，汇总、未报送和上下年度衔接随之更新。</p>
<div class="table-wrap"><table class="list" id="organ-list"><thead><tr><th>机关</th><th>地区</th><th>区划代码</th><th>报告年度</th><th>缺报</th><th></th></tr></thead><tbody>
${organs.map(
  (o) => h`<tr><td>${o.name}</td><td>${o.regions.join(' / ')}</td><td>${o.code ?? ''}</td><td>${years(o.years)}</td><td>${gaps(o.years).join('、')}</td><td><a class="button small" href="/review/organs/${o.id ?? ''}">查看、更正</a></td></tr>`,
)}
</tbody></table></div>`,
    );
  });

  app.get('/review/organs/:id', async (c) => {
    const s = c.get('s');
    if (!s.reports?.organ) return c.notFound();
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id)) return c.notFound();
    const organs = await visibleOrgans(c);
    if (!organs.some((o) => o.id === id)) return c.notFound();
    const o = await s.reports.organ(`#${id}`);
    const csrf = c.get('csrf');
    const msg = c.req.query('msg');
    const others = organs.filter((x) => x.id !== id);
    return render(
      c,
      { title: o.name, nav: 'review', flash: msg ? { kind: msg === '已保存' ? 'ok' : 'error', text: msg.slice(0, 120) } : undefined },
      h`<p class="crumbs"><a href="/review">审阅汇总</a> › <a href="/review/organs">机关</a> › ${o.name}</p>
<h1>${o.name}</h1>
<p>地区：${o.regions.join(' / ') || '（未知）'}${o.code ? h`（区划代码 ${o.code}）` : ''}${o.source === 'set' ? '，手工指定' : ''}</p>
<p>报告年度：${years(o.years) || '无'}${o.gaps.length ? h`；<strong>缺报 ${o.gaps.join('、')}</strong>（跨缺报年度不核对上年结转）` : ''}</p>
<section class="card"><h2>各年报告所用名称</h2><table class="list" id="organ-names"><thead><tr><th>名称</th><th>年度</th><th></th></tr></thead><tbody>
${o.names.map(
  (n) => h`<tr><td>${n.name}</td><td>${years(n.years)}</td><td>${o.names.length > 1 ? h`<form method="post" action="/review/organs/${id}/split" class="row-form tight"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="name" value="${n.name}"><button type="submit" class="small">另立为一个机关</button></form>` : ''}</td></tr>`,
)}</tbody></table></section>
<section class="card"><h2>更正</h2>
<form method="post" action="/review/organs/${id}/region" class="row-form"><input type="hidden" name="_csrf" value="${csrf}">
<label>所属地区<input name="region" value="${o.regions.join('/')}" maxlength="80" placeholder="如 黑龙江省/双鸭山市/宝山区 或 230506" required></label><button type="submit">保存地区</button></form>
${others.length ? h`<form method="post" action="/review/organs/${id}/merge" class="row-form"><input type="hidden" name="_csrf" value="${csrf}">
<label>把这个机关并入本机关<select name="from">${others.map((x) => h`<option value="${x.id ?? ''}">${x.name}（${x.regions.join('/')}，${years(x.years)}）</option>`)}</select></label><button type="submit">合并</button></form>` : ''}
</section>`,
    );
  });

  async function correct(c: Ctx, fn: (id: number, form: Record<string, unknown>) => Promise<void>) {
    const s = c.get('s');
    const id = Number(c.req.param('id'));
    const organs = await visibleOrgans(c);
    if (!s.reports || !Number.isInteger(id) || !organs.some((o) => o.id === id)) return c.notFound();
    const form = (await c.req.parseBody()) as Record<string, unknown>;
    try {
      await fn(id, form);
    } catch (error) {
      if (error instanceof InputError) return back(c, id, error.message);
      throw error;
    }
    return back(c, id, '已保存');
  }

  app.post('/review/organs/:id/region', (c) =>
    correct(c, async (id, form) => {
      const region = String(form.region ?? '').trim().slice(0, 80);
      if (!region) throw new InputError('region', '请填写地区');
      await c.get('s').reports!.setOrganRegion!(`#${id}`, region);
    }),
  );

  app.post('/review/organs/:id/merge', (c) =>
    correct(c, async (id, form) => {
      const from = Number(form.from);
      // only an organ this reviewer may see can be merged in
      if (!(await visibleOrgans(c)).some((o) => o.id === from)) throw new InputError('from', '没有这个机关');
      await c.get('s').reports!.mergeOrgans!(`#${id}`, [`#${from}`]);
    }),
  );

  app.post('/review/organs/:id/split', async (c) => {
    const s = c.get('s');
    const id = Number(c.req.param('id'));
    const organs = await visibleOrgans(c);
    if (!s.reports?.splitOrgan || !Number.isInteger(id) || !organs.some((o) => o.id === id)) return c.notFound();
    const form = await c.req.parseBody();
    const name = String(form.name ?? '').slice(0, 120);
    const detail = await s.reports.organ!(`#${id}`);
    if (!detail.names.some((n) => n.name === name)) return back(c, id, '这个机关没有用过这个名称');
    try {
      await s.reports.splitOrgan(name);
    } catch (error) {
      if (error instanceof InputError) return back(c, id, error.message);
      throw error;
    }
    return c.redirect('/review/organs', 303);
  });

  return app;
}
