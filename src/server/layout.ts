/** The page shell: header with the sections a user's role may open, flash message, footer. */
import { ROLE_ZH, type User } from './auth.js';
import { h, type Safe } from './html.js';

export interface PageOptions {
  title: string;
  user?: User;
  csrf?: string;
  /** Which header link is current. */
  nav?: 'home' | 'check' | 'drafts' | 'cases' | 'register' | 'review' | 'calendar' | 'rollup' | 'fetch' | 'admin' | 'account' | 'api';
  /** Extra scripts from /assets (no inline scripts anywhere: the CSP forbids them). */
  scripts?: string[];
  flash?: { kind: 'ok' | 'error'; text: string };
  wide?: boolean;
}

export const ASSET_VERSION = '1';

export function page(opts: PageOptions, body: Safe): string {
  const u = opts.user;
  const link = (href: string, key: PageOptions['nav'], label: string) =>
    h`<a href="${href}"${opts.nav === key ? h` class="current" aria-current="page"` : ''}>${label}</a>`;
  const nav = u
    ? h`<nav class="main-nav" aria-label="主菜单">
${link('/check', 'check', '核查报告')}
${u.role === 'clerk' || u.role === 'admin' ? link('/drafts', 'drafts', '填报年报') : ''}
${u.role === 'clerk' || u.role === 'admin' ? link('/cases', 'cases', '依申请台账') : ''}
${u.role === 'clerk' || u.role === 'admin' ? link('/register', 'register', '主动公开台账') : ''}
${u.role === 'reviewer' || u.role === 'admin' ? link('/review', 'review', '审阅汇总') : ''}
${u.role === 'reviewer' || u.role === 'admin' ? link('/calendar', 'calendar', '公布日历') : ''}
${u.role === 'reviewer' || u.role === 'admin' ? link('/rollup', 'rollup', '政府汇总') : ''}
${link('/fetch', 'fetch', '按网址导入')}
${u.role === 'admin' ? link('/admin', 'admin', '用户与地区') : ''}
${link('/api/docs', 'api', '接口')}
</nav>
<div class="who"><a href="/account"${opts.nav === 'account' ? h` aria-current="page"` : ''}>${u.displayName || u.username}</a><span class="role">${ROLE_ZH[u.role]}${u.organ ? ` · ${u.organ}` : ''}${u.region ? ` · ${u.region}` : ''}</span>
<form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${opts.csrf ?? ''}"><button type="submit" class="link">退出</button></form></div>`
    : '';
  const doc = h`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · 年报通</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/app.css?v=${ASSET_VERSION}">
${opts.csrf ? h`<meta name="csrf-token" content="${opts.csrf}">` : ''}
<script src="/assets/common.js?v=${ASSET_VERSION}" defer></script>
${(opts.scripts ?? []).map((s) => h`<script src="${s}" defer></script>`)}
</head>
<body>
<header class="top"><div class="bar${opts.wide ? ' wide' : ''}"><a class="brand" href="/"><span class="seal" aria-hidden="true">年</span>年报通<small>政府信息公开工作年度报告 核查·填报·审阅</small></a>${nav}</div></header>
<main class="${opts.wide ? 'wide' : ''}">
${opts.flash ? h`<div class="flash ${opts.flash.kind}" role="status">${opts.flash.text}</div>` : ''}
${body}
</main>
<footer class="foot">年报通 nianbao · 依据《中华人民共和国政府信息公开条例》及国办公开办函〔2021〕30号格式</footer>
</body>
</html>`;
  return doc.value;
}
