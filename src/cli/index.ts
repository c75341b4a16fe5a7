/**
 * The `nianbao` command line. Each command lives in its own file and exports `register(program)`;
 * this file holds the table of commands and turns failures into one-line messages and exit codes:
 * 0 fine, 1 findings of error severity (check), 2 input that cannot be read or used.
 *
 * Only the command asked for is loaded: its module (and whatever it imports — the Word writer,
 * charts, the database, the web server) is imported just before the arguments are parsed, so
 * `nianbao check one.txt` does not pay for `nianbao serve`. `nianbao --help` lists every command
 * from the table without loading any. To add a command: src/cli/<name>.ts exporting
 * `register(program)`, and one line in COMMANDS.
 */
import { Command, CommanderError } from 'commander';
import { InputError } from '../errors.js';

export interface CommandEntry {
  name: string;
  /** Shown by `nianbao --help`; the same text as the command's own description. */
  summary: string;
  load: () => Promise<{ register(program: Command): void }>;
}

export const COMMANDS: CommandEntry[] = [
  { name: 'parse', summary: '读取年度报告（文本、网页、Word、PDF），输出结构化的报告 JSON（nianbao/report@1）', load: () => import('./parse.js') },
  { name: 'check', summary: '核查年度报告：表内勾稽关系、版式、章节、正文与表格是否一致；同一机关相邻两年的报告一并给出时核对结转', load: () => import('./check.js') },
  { name: 'render', summary: '按国办公开办函〔2021〕30号的格式生成报告：Word、网页、Markdown、纯文本或 PDF', load: () => import('./render.js') },
  { name: 'new', summary: '新建一份空白年度报告（YAML，带中文栏目说明），填好后可核查、生成 Word', load: () => import('./new.js') },
  { name: 'fill', summary: '计算报告中留空（null）的合计：各行“总计”列、“（七）总计”行、“四、结转下年度继续办理”、表四“总计”', load: () => import('./fill.js') },
  { name: 'upgrade', summary: '把使用 2019 版表格（国办公开办函〔2019〕60号）的报告转为 2021 版（〔2021〕30号），列出需要补填的栏目', load: () => import('./upgrade.js') },
  { name: 'import', summary: '把年度报告（任何 nianbao 读得懂的形式，含整个文件夹）存入报告库：保留原文件、解析结果和核查结果', load: () => import('./import.js') },
  { name: 'fetch', summary: '从政府网站获取年度报告：给出文章页、附件或“政府信息公开年报”栏目页的网址（一个或一批），找到报告，读取、核查，可直接入库', load: () => import('./fetch.js') },
  { name: 'query', summary: '查询报告库：按地区、年度、机关、规则、严重程度列出报告或问题', load: () => import('./query.js') },
  { name: 'summarize', summary: '汇总：按地区、年度合计下级单位的表三、表四，并计算公开率、无法提供占比、复议诉讼纠错率、不予公开理由分布', load: () => import('./summarize.js') },
  { name: 'organ', summary: '报告库中的机关：同一机关不同年份的名称写法、所属地区（行政区划代码）、缺报年度；合并、拆分、指定地区', load: () => import('./organ.js') },
  { name: 'similar', summary: '内容雷同：找出正文互相照搬的报告（同年不同机关之间，或同一机关与上年之间），并列出相同段落', load: () => import('./similar.js') },
  { name: 'worker', summary: '从 PostgreSQL 中的任务队列领取导入任务（可在多台机器上同时运行）', load: () => import('./worker.js') },
  { name: 'deadline', summary: '计算依申请公开的答复期限（按法定节假日和调休上班日计算工作日），并列出推算过程', load: () => import('./deadline.js') },
  { name: 'cases', summary: '依申请公开台账：登记申请、记录办理过程、提醒期限、生成年报表三', load: () => import('./cases.js') },
  { name: 'register', summary: '主动公开台账：规章、行政规范性文件的制发、废止、修订，行政许可/处罚/强制与收费数字，由台账生成年报表二', load: () => import('./register.js') },
  { name: 'calendar', summary: '年度报告公布日历：按机关类型的公布期限（条例第四十九条）列出按时、逾期、未公布的单位，导出提醒名单', load: () => import('./calendar.js') },
  { name: 'rollup-report', summary: '人民政府年度报告汇总：所属部门、乡镇街道、下级政府和本级办公室的表二、表三、表四相加，与已公布的政府报告逐格比对，并生成汇总草稿', load: () => import('./rollup-report.js') },
  { name: 'backup', summary: '把整个报告库（报告、核查结果、草稿、审阅、台账、账号）备份到一个文件；服务运行时也可备份（一致的快照）', load: () => import('./backup.js') },
  { name: 'restore', summary: '用备份文件恢复整个报告库（全部成功或完全不变）；目标报告库须为空，除非加 --force', load: () => import('./restore.js') },
  { name: 'move', summary: '把内嵌报告库整体搬到 PostgreSQL（一个地区的数据超出一台机器时）：备份后恢复到目标库，原库不变', load: () => import('./move.js') },
  { name: 'serve', summary: '启动网页版：核查报告、填报年报、审阅汇总（默认只在本机 127.0.0.1 监听）', load: () => import('./serve.js') },
];

/** The command an argument list asks for (`nianbao help x` asks for x's help), if any. */
export function commandAskedFor(argv: string[]): CommandEntry | undefined {
  // the program itself takes no option with a value, so the first word is the command
  const words = argv.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((c) => c.name === name);
}

/**
 * The program with the command `argv` asks for registered; without one (`--help`, `--version`,
 * a mistyped name) every command is listed by its summary, none loaded.
 */
export async function buildProgram(argv: string[]): Promise<Command> {
  const program = new Command('nianbao')
    .description('政府信息公开工作年度报告：读取、核查、生成、存储与审阅')
    .version('0.1.0')
    .showHelpAfterError('（使用 --help 查看用法）')
    .exitOverride();
  program.addHelpText(
    'after',
    `
示例：
  nianbao parse 七星街道2023年报.txt          读取报告，输出报告 JSON
  nianbao check 报告/                         核查整个文件夹
  nianbao check --help                        一个命令的选项和示例

退出码：0 成功；1 核查发现错误级问题；2 输入无法读取或不是年度报告。`,
  );
  const asked = commandAskedFor(argv);
  if (asked) {
    (await asked.load()).register(program);
  } else {
    for (const c of COMMANDS) program.command(c.name).description(c.summary);
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  endQuietlyOnClosedPipe();
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportFailure(error);
  }
}

let pipeWatched = false;

/**
 * `nianbao query … | head`: once the reader of the output has gone, nothing more can be said to
 * it, so the command ends there, with the exit code it had so far and no message.
 */
export function endQuietlyOnClosedPipe(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      // any other failure of the output (a full disk behind a redirection): one line, not a stack trace;
      // 74 is the usual exit code for an input/output error
      if (stream === process.stdout) process.stderr.write(`nianbao: 无法写出结果 / cannot write output: ${error.message}\n`);
      process.exit(74);
    });
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
