/** The two stores the tests run against: PGlite in memory, and a real PostgreSQL server when one can be started. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export interface PgServer {
  url: string;
  stop(): void;
}

/** A throwaway PostgreSQL server (scripts/pg-test-server.sh); undefined when PostgreSQL is not installed. */
export function startPostgres(): PgServer | undefined {
  let out: string;
  try {
    out = execFileSync('bash', [join(root, 'scripts', 'pg-test-server.sh'), 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (error) {
    if ((error as { status?: number }).status === 3 && !process.env.CI) return undefined; // not installed here
    throw error;
  }
  const [url, dir] = out.trim().split('\n');
  return { url, stop: () => execFileSync('bash', [join(root, 'scripts', 'pg-test-server.sh'), 'stop', dir], { stdio: 'ignore' }) };
}

/** Prose no other report has: sentences drawn from a fixed vocabulary by a seeded generator. */
export function uniqueProse(seed: number, sentences: number): string {
  const words = ['推进', '政务', '基层', '服务', '窗口', '档案', '系统', '标准', '规范', '整改', '落实', '培训', '台账', '专栏', '栏目', '解读', '回应', '关切', '群众', '企业', '审核', '发布', '机制', '平台', '数据', '目录', '清单', '事项', '流程', '考核', '督查', '宣传', '热线', '社区', '网格', '乡村', '振兴', '民生', '保障', '安全'];
  let x = seed * 2654435761 >>> 0;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % words.length;
  };
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const n = 12 + (next() % 8);
    out.push(Array.from({ length: n }, () => words[next()]).join(''));
  }
  return `${out.join('。')}。`;
}
