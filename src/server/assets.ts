/** Static files: our own CSS and scripts, and ECharts from its npm package (never a CDN). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { Env } from './context.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};

function files(): Map<string, { body: Uint8Array; type: string }> {
  const map = new Map<string, { body: Uint8Array; type: string }>();
  const own = ['app.css', 'common.js', 'check.js', 'draft.js', 'review.js', 'report.js', 'favicon.svg'];
  for (const name of own) {
    try {
      map.set(name, { body: readFileSync(join(here, 'assets', name)), type: TYPES[name.split('.').pop()!] });
    } catch {
      // not every asset exists in every build
    }
  }
  try {
    const echarts = join(dirname(require.resolve('echarts/package.json')), 'dist', 'echarts.min.js');
    map.set('echarts.min.js', { body: readFileSync(echarts), type: TYPES.js });
  } catch {
    // charts degrade to tables
  }
  return map;
}

export function assetRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  let cache: ReturnType<typeof files> | undefined;
  app.get('/:name', (c) => {
    cache ??= files();
    const f = cache.get(c.req.param('name'));
    if (!f) return c.text('not found', 404);
    return c.body(f.body as unknown as ArrayBuffer, 200, { 'Content-Type': f.type, 'Cache-Control': 'public, max-age=3600' });
  });
  return app;
}
