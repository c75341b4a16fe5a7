/** `nianbao fetch`: reports collected from the web pages they are published on. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../batch/write.js';
import { SEVERITY_ZH } from '../model/findings.js';
import { withStore, withStoreOptions, type StoreOptions } from './store-options.js';

interface FetchCliOptions extends StoreOptions {
  input?: string;
  column?: boolean;
  year?: string;
  import?: boolean;
  state?: string;
  save?: string;
  acceptOrgan?: boolean;
  organ?: string;
  threshold?: string;
  json?: boolean;
  concurrency?: string;
  interval?: string;
  timeout?: string;
  maxSize?: string;
  retries?: string;
  maxPages?: string;
  allowPrivate?: boolean;
  progress?: string;
}

function number(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new InputError(name, `应为 ${min} 到 ${max} 之间的数，而不是“${value}”`);
  return n;
}

export function parseYears(value: string | undefined): number[] | undefined {
  if (!value) return undefined;
  const years: number[] = [];
  for (const part of value.split(/[,，\s]+/).filter(Boolean)) {
    const range = /^(\d{4})-(\d{4})$/.exec(part);
    if (range && Number(range[1]) <= Number(range[2]) && Number(range[2]) - Number(range[1]) < 50) {
      for (let y = Number(range[1]); y <= Number(range[2]); y++) years.push(y);
    } else if (/^\d{4}$/.test(part)) years.push(Number(part));
    else throw new InputError('--year', `不是年度：“${part}”（写作 2023,2024 或 2019-2024）`);
  }
  return years;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > 10 * 1024 * 1024) throw new InputError('-', '地址列表过大（上限 10 MB）');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function register(program: Command): void {
  withStoreOptions(
    program
      .command('fetch')
      .description('从政府网站获取年度报告：给出文章页、附件或“政府信息公开年报”栏目页的网址（一个或一批），找到报告，读取、核查，可直接入库')
      .argument('[addresses...]', '网址（文章页、报告文件或栏目页）')
      .option('-i, --input <file>', '地址列表文件，每行一个网址（# 开头为注释）；- 表示从标准输入读')
      .option('--column', '把给出的网址都当作栏目页（默认自动判断：页面本身没有报告、却有年报链接或翻页）')
      .option('--year <years>', '只要这些年度的报告，如 2023,2024 或 2019-2024')
      .option('--import', '存入报告库（连同网址、获取时间和页面上的发布日期）；已获取过的网址不再获取')
      .option('--state <file>', '不入库时记录进度的文件（JSON Lines）：再次运行时跳过已获取的网址')
      .option('--save <dir>', '把找到的报告原文件（正文网页或附件）存入这个文件夹')
      .option('--accept-organ', '机关把握不足时也按最可能的机关入库（默认只报告为“待确认”，不入库）')
      .option('--organ <name>', '所有报告都归入这个机关')
      .option('--threshold <n>', '机关把握的门槛，0–1（默认 0.8）')
      .option('--json', '每个网址一行 JSON（JSON Lines），最后一行为汇总')
      .option('--concurrency <n>', '同时处理的网址数（默认 4；同一网站的请求仍按间隔依次发出）')
      .option('--interval <ms>', '同一网站两次请求之间至少间隔的毫秒数（默认 1000；robots.txt 的 Crawl-delay 更长时从之）')
      .option('--timeout <s>', '每次请求的时限，秒（默认 30）')
      .option('--max-size <MB>', '每个网页或附件的大小上限，MB（默认 50）')
      .option('--retries <n>', '服务器错误（5xx）、超时或连接中断时的重试次数（默认 3，间隔逐次加倍）')
      .option('--max-pages <n>', '每个栏目最多翻几页（默认 50）')
      .option('--allow-private', '允许获取内部网络（内网、本机）地址，如单位内网上的网站')
      .option('--progress <mode>', '进度显示：auto、bar、lines、none（默认 auto：终端上显示进度条）'),
  )
    .addHelpText(
      'after',
      `
示例：
  nianbao fetch http://www.example.gov.cn/xxgk/2024/art_123.html
  nianbao fetch http://www.example.gov.cn/zfxxgkndbg/ --year 2023,2024 --import
  nianbao fetch -i 地址.txt --import --data 年报库              地址列表，每行一个
  cat 地址.txt | nianbao fetch -i - --json > 结果.jsonl
  nianbao fetch -i 地址.txt --save 下载/ --state 进度.jsonl     不入库，只下载；中断后再运行从断点继续

遵守各网站的 robots.txt，同一网站的请求之间默认间隔 1 秒；服务器错误和超时会重试，404 不重试。
一个网址失败不影响其余网址；最后给出汇总：获取、入库、待确认机关、失败（逐个说明原因）。
机关由报告正文、网页标题、网站名称与报告库中的机关比对得出；把握低于门槛的报告不入库，
列为“待确认”，可用 --organ 指定或 --accept-organ 接受，也可在网页版的“按网址导入”中确认。

退出码：0 全部成功；2 有网址失败或机关待确认（其余照常处理）。`,
    )
    .action(async (addresses: string[], options: FetchCliOptions) => {
      const list = [...addresses];
      const { parseAddressList, Fetcher } = await import('../fetch/run.js');
      if (options.input) {
        let text: string;
        if (options.input === '-') text = await readStdin();
        else {
          try {
            text = await readFile(options.input, 'utf8');
          } catch {
            throw new InputError(options.input, '无法打开地址列表文件');
          }
        }
        list.push(...parseAddressList(text));
      } else if (!list.length && !process.stdin.isTTY) list.push(...parseAddressList(await readStdin()));
      if (!list.length) throw new InputError('fetch', '没有给出网址（在命令后写网址，或用 -i 给出地址列表文件）');
      const years = parseYears(options.year);
      const { HttpClient } = await import('../fetch/http.js');
      const progressMode = (options.progress ?? 'auto') as 'auto' | 'bar' | 'lines' | 'none';
      if (!['auto', 'bar', 'lines', 'none'].includes(progressMode)) throw new InputError('--progress', `应为 auto、bar、lines 或 none`);
      const http = new HttpClient({
        timeoutMs: number('--timeout', options.timeout, 30, 1, 600) * 1000,
        maxBytes: Math.round(number('--max-size', options.maxSize, 50, 0.01, 50) * 1024 * 1024),
        retries: number('--retries', options.retries, 3, 0, 10),
        intervalMs: number('--interval', options.interval, 1000, 0, 600_000),
        allowInternal: !!options.allowPrivate,
        onRetry: progressMode === 'none' || options.json ? undefined : (url, attempt, reason) => process.stderr.write(`nianbao: 第 ${attempt} 次重试 ${url}：${reason}\n`),
      });
      const fetchOptions = {
        years,
        column: options.column ? ('always' as const) : ('auto' as const),
        maxPages: number('--max-pages', options.maxPages, 50, 1, 1000),
        concurrency: number('--concurrency', options.concurrency, 4, 1, 32),
        threshold: number('--threshold', options.threshold, 0.8, 0, 1),
        acceptOrgan: !!options.acceptOrgan,
        organ: options.organ,
      };
      const run = async (fetcher: InstanceType<typeof Fetcher>) => {
        const { createFetchProgress } = await import('../fetch/progress.js');
        const { describeOutcome, summarize, outcomeJson } = await import('../fetch/report.js');
        const progress = createFetchProgress(list.length, options.json ? 'none' : progressMode);
        const outcomes = await fetcher.run(list, {
          queued: (n) => progress.add(n),
          done: async (o) => {
            progress.tick(o.kind !== 'failed');
            if (options.save && o.found && (o.kind === 'imported' || o.kind === 'found')) {
              const safe = o.found.name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(-120);
              await writeFileAtomic(join(options.save, `${o.found.sha256.slice(0, 12)}-${safe}`), o.found.bytes);
            }
            if (options.json) process.stdout.write(`${JSON.stringify(outcomeJson(o))}\n`);
            else progress.log(describeOutcome(o, SEVERITY_ZH));
          },
        });
        progress.stop();
        const summary = summarize(outcomes);
        if (options.json) process.stdout.write(`${JSON.stringify({ summary: summary.counts })}\n`);
        else process.stdout.write(summary.text);
        process.exitCode = summary.counts.failed || summary.counts.unconfirmed ? 2 : 0;
      };
      if (options.import) {
        const { StoreLedger } = await import('../fetch/ledger.js');
        const { storeImporter } = await import('../fetch/store-importer.js');
        await withStore(options, (store) => run(new Fetcher(http, new StoreLedger(store.db), fetchOptions, storeImporter(store))));
      } else {
        const { FileLedger, MemoryLedger } = await import('../fetch/ledger.js');
        const ledger = options.state ? await FileLedger.open(options.state) : new MemoryLedger();
        await run(new Fetcher(http, ledger, fetchOptions));
      }
    });
}
