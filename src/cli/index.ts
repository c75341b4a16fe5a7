/**
 * The `nianbao` command line. Each command lives in its own file and exports `register(program)`;
 * this file only collects them and turns failures into one-line messages and exit codes:
 * 0 fine, 1 findings of error severity (check), 2 input that cannot be read or used.
 */
import { Command, CommanderError } from 'commander';
import { InputError } from '../errors.js';
import { register as registerParse } from './parse.js';
import { register as registerCheck } from './check.js';
import { register as registerImport } from './import.js';
import { register as registerQuery } from './query.js';
import { register as registerSummarize } from './summarize.js';
import { register as registerOrgan } from './organ.js';
import { register as registerSimilar } from './similar.js';
import { register as registerWorker } from './worker.js';
import { register as registerDeadline } from './deadline.js';
import { register as registerCases } from './cases.js';
import { register as registerServe } from './serve.js';
import { register as registerRender } from './render.js';
import { register as registerNew } from './new.js';
import { register as registerFill } from './fill.js';
import { register as registerUpgrade } from './upgrade.js';
import { register as registerBackup } from './backup.js';

export function buildProgram(): Command {
  const program = new Command('nianbao')
    .description('政府信息公开工作年度报告：读取、核查、生成、存储与审阅')
    .version('0.1.0')
    .showHelpAfterError('（使用 --help 查看用法）')
    .exitOverride();
  registerParse(program);
  registerCheck(program);
  registerRender(program);
  registerNew(program);
  registerFill(program);
  registerUpgrade(program);
  registerImport(program);
  registerQuery(program);
  registerSummarize(program);
  registerOrgan(program);
  registerSimilar(program);
  registerWorker(program);
  registerDeadline(program);
  registerCases(program);
  registerServe(program);
  registerBackup(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportFailure(error);
  }
}

export function reportFailure(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander has already printed help, version or a usage message
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof InputError) {
    process.stderr.write(`nianbao: ${error.file}: ${error.message}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`nianbao: 内部错误 / internal error: ${message}\n`);
  if (process.env.NIANBAO_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 70;
}

const isEntry = process.argv[1] && /cli[\\/]index\.(ts|js)$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.exitCode = reportFailure(error);
    },
  );
}
