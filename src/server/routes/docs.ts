/** A small page describing the JSON API, from the same data as /api/openapi.json. */
import { Hono } from 'hono';
import type { Env } from '../context.js';
import { h } from '../html.js';
import { render } from '../pages.js';
import { operationsForDocs } from '../openapi.js';

export function docsRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/api/docs', (c) => {
    const ops = operationsForDocs();
    const tags = [...new Set(ops.flatMap((o) => o.op.tags))];
    return render(
      c,
      { title: 'JSON 接口', nav: 'api' },
      h`<h1>JSON 接口</h1>
<p class="lead">页面上能做的事都可以通过 JSON 接口完成，便于其他系统推送报告、读取核查结果。完整描述（OpenAPI 3.1）：<a href="/api/openapi.json">/api/openapi.json</a>。</p>
<section class="card"><h2>认证</h2>
<p>在“我的账号”中新建接口令牌，请求时加上请求头 <code>Authorization: Bearer nb_…</code>。令牌的权限与账号相同（填报人只能报送本机关的报告）。</p>
<pre class="code">curl -H "Authorization: Bearer $TOKEN" -F files=@报告.docx http://127.0.0.1:3000/api/check
curl -H "Authorization: Bearer $TOKEN" -F files=@报告.pdf  http://127.0.0.1:3000/api/reports
curl -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:3000/api/review/overview?year=2023"</pre>
<p class="muted small">浏览器里的脚本用会话 Cookie，写操作须带 <code>X-CSRF-Token</code> 请求头（值见 <code>GET /api/me</code>）。</p></section>
${tags.map(
  (t) => h`<section class="card"><h2>${t}</h2><table class="list api"><tbody>${ops
    .filter((o) => o.op.tags.includes(t))
    .map((o) => h`<tr><td><span class="method m-${o.method.toLowerCase()}">${o.method}</span></td><td><code>${o.path}</code></td><td>${o.op.summary}${o.op.description ? h`<div class="muted small">${o.op.description}</div>` : ''}${o.op.params?.length ? h`<div class="small">参数：${o.op.params.map((p) => h`<code>${p.name}</code> ${p.description ?? ''}　`)}</div>` : ''}</td></tr>`)}</tbody></table></section>`,
)}`,
    );
  });
  return app;
}
