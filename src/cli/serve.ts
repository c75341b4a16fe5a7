/** `nianbao serve`: the web application. */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { startServer } from '../server/start.js';

export function register(program: Command): void {
  program
    .command('serve')
    .description('启动网页版：核查报告、填报年报、审阅汇总（默认只在本机 127.0.0.1 监听）')
    .option('-p, --port <port>', '端口（默认取环境变量 PORT，否则 3000）')
    .option('--host <host>', '监听地址（默认取环境变量 HOST，否则 127.0.0.1）')
    .option('--data <dir>', '数据文件夹（默认取环境变量 NIANBAO_DATA，否则 ./nianbao-data）')
    .option('--demo', '演示模式：临时数据库，载入示例报告和演示账号（关闭即清除）')
    .option('--trust-proxy', '在反向代理（https）之后运行：信任 X-Forwarded-For / X-Forwarded-Proto')
    .addHelpText(
      'after',
      `
示例：
  npm start                                  演示模式，浏览器打开 http://127.0.0.1:3000/
  nianbao serve                              使用 ./nianbao-data 中的报告库
  PORT=8080 nianbao serve --data /srv/nianbao
  DATABASE_URL=postgres://… nianbao serve --host 0.0.0.0 --trust-proxy   在 https 反向代理之后

第一次使用非演示模式时，先用 NIANBAO_ADMIN_PASSWORD 环境变量创建管理员账号 admin。`,
    )
    .action(async (options: { port?: string; host?: string; data?: string; demo?: boolean; trustProxy?: boolean }) => {
      const portText = options.port ?? process.env.PORT ?? '3000';
      if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new InputError('PORT', `端口号不对：${portText}`);
      const host = options.host ?? process.env.HOST ?? '127.0.0.1';
      const databaseUrl = process.env.DATABASE_URL || undefined;
      const dataDir = options.demo ? options.data : (options.data ?? process.env.NIANBAO_DATA ?? './nianbao-data');
      let server;
      try {
        server = await startServer({ port: Number(portText), host, dataDir, databaseUrl, demo: options.demo, trustProxy: options.trustProxy });
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'EADDRINUSE') throw new InputError(`${host}:${portText}`, '端口已被占用，请用 PORT=其他端口 再试');
        if (code === 'EACCES') throw new InputError(`${host}:${portText}`, '没有权限监听这个端口');
        throw error;
      }
      process.stdout.write(`\n年报通已启动：${server.url}\n按 Ctrl+C 停止。\n`);
      const stop = () => {
        process.stdout.write('\n正在停止…\n');
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await new Promise(() => {});
    });
}
