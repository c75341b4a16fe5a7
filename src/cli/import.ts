/** `nianbao import`: reports into the store. */
import type { Command } from 'commander';
import { listInputs } from '../batch/files.js';
import { InputError, isFileProblem } from '../errors.js';
import { withStore, withStoreOptions, type StoreOptions } from './store-options.js';

export function register(program: Command): void {
  withStoreOptions(
    program
      .command('import')
      .description('把年度报告（任何 nianbao 读得懂的形式，含整个文件夹）存入报告库：保留原文件、解析结果和核查结果')
      .argument('<paths...>', '报告文件或文件夹')
      .option('--queue', '不在本进程导入，而是放入 PostgreSQL 中的任务队列，由 nianbao worker 处理'),
  )
    .addHelpText(
      'after',
      `
同一文件重复导入不会产生重复报告；每个文件要么完整入库，要么完全不入库。

示例：
  nianbao import 报告/                                   存入 ./nianbao-data（内嵌数据库）
  NIANBAO_DATA=/srv/年报库 nianbao import 2024年报/*.docx
  DATABASE_URL=postgres://年报@db/年报 nianbao import 报告/ --queue   多台机器上的 nianbao worker 分担

退出码：0 全部入库；2 有文件无法读取或不是年度报告（其余照常入库）。`,
    )
    .action(async (paths: string[], options: StoreOptions & { queue?: boolean }) => {
      const files = await listInputs(paths);
      if (!files.length) throw new InputError(paths.join(' '), '没有找到文件');
      if (options.queue) {
        const { enqueueImports } = await import('../store/queue.js');
        const n = await enqueueImports(options.databaseUrl, files.map((f) => f.path));
        process.stdout.write(`已放入任务队列：${n} 个文件（由 nianbao worker 导入）\n`);
        return;
      }
      let created = 0;
      let known = 0;
      let failed = 0;
      await withStore(options, async (store) => {
        for (const f of files) {
          try {
            const r = await store.importFile(f.path);
            if (r.created) created++;
            else known++;
            const counts = { error: 0, warning: 0, info: 0 };
            for (const x of r.findings) counts[x.severity]++;
            process.stdout.write(`${r.created ? '新增' : '已有'}  ${r.id}  ${r.organ} ${r.year ?? '?'}年  错误 ${counts.error} 警告 ${counts.warning}  ${f.path}\n`);
          } catch (error) {
            if (!isFileProblem(error)) throw error;
            failed++;
            process.stderr.write(`nianbao: ${error.file}: ${error.message}\n`);
          }
        }
      });
      process.stdout.write(`共 ${files.length} 个文件：新增 ${created}，已有 ${known}，无法导入 ${failed}\n`);
      process.exitCode = failed ? 2 : 0;
    });
}
