#!/usr/bin/env node
// Entry point of the `nianbao` command: runs the compiled command line (built by `npm ci` / `npm run build`).
let cli;
try {
  cli = await import('../dist/cli/index.js');
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('nianbao: 尚未编译，请先运行 npm ci 或 npm run build / not built yet: run npm ci or npm run build\n');
    process.exit(2);
  }
  throw error;
}
process.exitCode = await cli.main(process.argv.slice(2)).catch(cli.reportFailure);
