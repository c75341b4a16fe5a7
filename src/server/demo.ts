/**
 * Demo data for `npm start`: the seed reports and a few generated ones (so a district has several
 * organs and years to review), and one account of each role, printed at start-up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateReport } from '../model/generate.js';
import { createUser, findUserByName, randomToken, type Role } from './auth.js';
import type { Backend } from './start.js';
import { all } from './sql.js';
import { renderer } from './service.js';

const here = dirname(fileURLToPath(import.meta.url));
const SEEDS = join(here, '..', '..', 'test', 'fixtures', 'seeds');

export const DEMO_PASSWORD = 'demo1234';

export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; organ?: string; region?: string }[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'shenyue', displayName: '宝山区政务公开办', role: 'reviewer', region: '宝山区' },
  { username: 'qixing', displayName: '七星街道党政办', role: 'clerk', organ: '宝山区七星街道办事处' },
  { username: 'weibei', displayName: '卫北街道党政办', role: 'clerk', organ: '牧野区卫北街道办事处' },
];

/** Organs of 宝山区 with generated reports for several years, so the review pages have something to show. */
const GENERATED = ['宝山区东山街道办事处', '宝山区城关镇人民政府', '宝山区司法局', '宝山区教育局'];

export async function loadDemo(backend: Backend, log: (line: string) => void): Promise<void> {
  for (const a of DEMO_ACCOUNTS) {
    if (await findUserByName(backend.db, a.username)) continue;
    await createUser(backend.db, { ...a, password: DEMO_PASSWORD });
  }
  if (backend.reports) {
    let n = 0;
    for (const f of readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()) {
      await backend.reports.importFile(new Uint8Array(readFileSync(join(SEEDS, f))), f);
      n++;
    }
    let renderText: ((r: ReturnType<typeof generateReport>) => string) | undefined;
    try {
      renderText = (await renderer<{ renderText: (r: ReturnType<typeof generateReport>) => string }>('text')).renderText;
    } catch {
      renderText = undefined;
    }
    if (renderText) {
      let seed = 7000;
      for (const organ of GENERATED) {
        for (const year of [2021, 2022, 2023, 2024]) {
          const report = generateReport({ seed: seed++, layout: '2021', year, agency: organ, scale: 20 + (year - 2020) * 8 });
          await backend.reports.importFile(new TextEncoder().encode(renderText(report)), `${organ}${year}.txt`);
          n++;
        }
      }
    }
    log(`演示数据：已载入 ${n} 份报告（test/fixtures/seeds 中的 5 份真实报告${renderText ? '，及宝山区 4 个单位 2021–2024 年的生成报告' : ''}）。`);
  }
  try {
    const { loadLedgerDemo } = await import('../ledger/demo.js');
    await loadLedgerDemo(backend.db, '宝山区七星街道办事处', log);
  } catch (e) {
    log(`演示数据：依申请公开台账未载入（${(e as Error).message}）。`);
  }
  await (await import('../register/demo.js')).loadRegisterDemo(backend.db, '宝山区七星街道办事处', log);
  log('演示账号（密码均为 demo1234）：');
  log('  admin     管理员（用户与地区）');
  log('  shenyue   审阅人 · 宝山区');
  log('  qixing    填报人 · 宝山区七星街道办事处');
  log('  weibei    填报人 · 牧野区卫北街道办事处');
}

/** Outside demo mode: the first start creates the administrator `admin` and prints its password once. */
export async function ensureAdmin(backend: Backend, log: (line: string) => void): Promise<void> {
  const rows = await all<{ n: number }>(backend.db, 'SELECT count(*)::int AS n FROM web_users');
  if (Number(rows[0]?.n ?? 0) > 0) return;
  const password = process.env.NIANBAO_ADMIN_PASSWORD || randomToken(9);
  await createUser(backend.db, { username: 'admin', displayName: '系统管理员', role: 'admin', password });
  log(`已创建管理员账号 admin，密码：${process.env.NIANBAO_ADMIN_PASSWORD ? '（NIANBAO_ADMIN_PASSWORD 的值）' : password}　请登录后在“我的账号”中修改。`);
}
