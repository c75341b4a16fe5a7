/** `nianbao worker`: take import jobs from the queue in PostgreSQL. */
import type { Command } from 'commander';
import { runWorker } from '../store/queue.js';

export function register(program: Command): void {
  program
    .command('worker')
    .description('从 PostgreSQL 中的任务队列领取导入任务（可在多台机器上同时运行）')
    .option('--database-url <url>', 'PostgreSQL 连接串（默认取环境变量 NIANBAO_DATABASE_URL 或 DATABASE_URL）')
    .option('--until-empty', '队列空了就退出（默认一直等待新任务，Ctrl+C 停止）')
    .addHelpText(
      'after',
      `
示例：
  # 一台机器放入任务：
  DATABASE_URL=postgres://年报@db/年报 nianbao import 报告/ --queue
  # 每台机器（可多台）运行：
  DATABASE_URL=postgres://年报@db/年报 nianbao worker`,
    )
    .action(async (options: { databaseUrl?: string; untilEmpty?: boolean }) => {
      const n = await runWorker({ databaseUrl: options.databaseUrl, untilEmpty: options.untilEmpty });
      process.stdout.write(`完成 ${n} 个任务\n`);
    });
}
