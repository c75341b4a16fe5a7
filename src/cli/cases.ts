/** `nianbao cases`: the 依申请公开 case ledger on the command line. */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { openDb } from '../store/db.js';
import { AccessError, type LedgerActor } from '../ledger/access.js';
import { CalendarGapError, parseCalendarOverrides } from '../ledger/calendar.js';
import {
  APPLICANT_TYPES, CHANNELS, CaseError, EVENT_KINDS, applicantTypeByName, channelByName, type CaseStatus, type EventKind,
} from '../ledger/cases.js';
import { MAX_CSV_BYTES, decodeText } from '../ledger/csv.js';
import { DateError, parseDate, todayInChina } from '../ledger/dates.js';
import { DeadlineError } from '../ledger/deadline.js';
import { DECISION_TYPES, outcomeRowKeys } from '../ledger/decisions.js';
import { FEE_PAYMENT_WORKDAYS, feeNoticeText, type FeeMode } from '../ledger/fees.js';
import { caseText, listText } from '../ledger/format.js';
import { deadlinesIcs, dueSummaryText } from '../ledger/ical.js';
import { decisionByName, exportCsv, exportXlsx, planImport } from '../ledger/import.js';
import { Ledger, importPlanned, resolveCaseRef, type LedgerDb } from '../ledger/store.js';
import { LAYOUTS, REQUEST_COLUMNS, requestRowName } from '../model/layouts.js';

export interface Common {
  data?: string;
  databaseUrl?: string;
  organ?: string;
  user?: string;
}

export function actorOf(o: Common): LedgerActor {
  let name = o.user;
  if (!name) {
    try {
      name = userInfo().username;
    } catch {
      name = 'unknown';
    }
  }
  return { name: `cli:${name}`, role: 'operator', organ: o.organ ?? null };
}

export function organOf(o: Common, what = '本命令'): string {
  const organ = o.organ ?? process.env.NIANBAO_ORGAN;
  if (!organ?.trim()) throw new InputError('cases', `${what}需要 --organ <机关名称>（或环境变量 NIANBAO_ORGAN）`);
  return organ.trim();
}

/** Opens the store, runs `fn`, closes; ledger errors become one-line input errors (exit 2). */
async function withLedger<T>(o: Common, fn: (ledger: Ledger, actor: LedgerActor) => Promise<T>): Promise<T> {
  const db = await openDb({ dataDir: o.data, databaseUrl: o.databaseUrl });
  try {
    const ledger = new Ledger(db as unknown as LedgerDb);
    return await fn(ledger, actorOf({ ...o, organ: o.organ ?? process.env.NIANBAO_ORGAN }));
  } catch (e) {
    if (e instanceof CaseError || e instanceof DateError || e instanceof DeadlineError || e instanceof CalendarGapError || e instanceof AccessError) {
      throw new InputError('cases', e.message);
    }
    throw e;
  } finally {
    await db.close();
  }
}

export function common(cmd: Command): Command {
  return cmd
    .option('--organ <name>', '机关名称（默认取环境变量 NIANBAO_ORGAN）')
    .option('--data <dir>', '内嵌数据库的文件夹（默认取环境变量 NIANBAO_DATA，否则 ./nianbao-data）')
    .option('--database-url <url>', 'PostgreSQL 连接串（代替内嵌数据库）')
    .option('--user <name>', '审计日志中记录的操作人（默认为当前系统用户）');
}

export async function readLimited(file: string, limit: number): Promise<Uint8Array> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new InputError(file, '无法读取文件');
  }
  if (size > limit) throw new InputError(file, `文件超过 ${limit} 字节`);
  return new Uint8Array(await readFile(file));
}

const KIND_NAMES: Record<string, EventKind> = Object.fromEntries(
  Object.entries(EVENT_KINDS).flatMap(([k, v]) => [[k, k], [v, k]]),
) as Record<string, EventKind>;
Object.assign(KIND_NAMES, { 补正: 'correctionNotice', 补正通知: 'correctionNotice', 延期: 'extension', 答复: 'decision', 撤回: 'withdrawal', 缴费: 'feePaid' });

const collect = (v: string, acc: string[]) => [...acc, v];

export function register(program: Command): void {
  const cases = program
    .command('cases')
    .description('依申请公开台账：登记申请、记录办理过程、提醒期限、生成年报表三')
    .addHelpText(
      'after',
      `
示例：
  export NIANBAO_ORGAN=示例区自然资源局
  nianbao cases add --received 2024-09-27 --channel 当面 --type 自然人 --name 张三 --content "某地块征收补偿方案"
  nianbao cases event 2024-0001 extension 2024-10-28 --days 20 --approver 李主任
  nianbao cases show 2024-0001                 时间线与答复期限推算过程
  nianbao cases due --within 5                 逾期、5个工作日内到期、等待申请人的案件
  nianbao cases table3 --year 2024             由台账生成年报表三
  nianbao cases import 旧台账.csv               导入现有电子表格台账（CSV）
  nianbao cases export --format xlsx --out 台账.xlsx
  nianbao cases ical --out 期限.ics             答复期限日历订阅文件`,
    );

  common(cases.command('add'))
    .description('登记一件政府信息公开申请')
    .requiredOption('--received <date>', '收到申请之日：当面为提交之日，邮寄为签收之日，平常信函为确认之日，互联网、传真为双方确认之日')
    .requiredOption('--channel <channel>', `申请渠道：${CHANNELS.map((c) => c.label).join('、')}`)
    .requiredOption('--type <type>', `申请人类型：${APPLICANT_TYPES.map((t) => t.label).join('、')}`)
    .requiredOption('--name <name>', '申请人姓名或名称')
    .requiredOption('--content <text>', '申请公开的内容')
    .option('--submitted <date>', '申请人寄出或提交之日（邮寄、互联网等，仅作记录）')
    .option('--id-number <no>', '证件号码')
    .option('--phone <phone>', '联系电话')
    .option('--address <address>', '地址')
    .option('--email <email>', '电子邮箱')
    .option('--form <form>', '要求的提供形式')
    .option('--case-no <no>', '案件编号（默认按年份自动编号，如 2024-0001）')
    .option('--json', '输出 JSON')
    .addHelpText('after', '\n示例：\n  nianbao cases add --organ 示例局 --received 2025-01-24 --channel 邮寄 --submitted 2025-01-20 --type 法律服务机构 --name 某律师事务所 --content "某项目环评批复"\n')
    .action(async (o: Common & Record<string, string | boolean | undefined>) => {
      const organ = organOf(o);
      const channel = channelByName(String(o.channel));
      if (!channel) throw new InputError('cases', `渠道“${String(o.channel)}”无法识别（可选：${CHANNELS.map((c) => c.label).join('、')}）`);
      const type = applicantTypeByName(String(o.type));
      if (!type) throw new InputError('cases', `申请人类型“${String(o.type)}”无法识别（可选：${APPLICANT_TYPES.map((t) => t.label).join('、')}）`);
      await withLedger(o, async (ledger, actor) => {
        const field = CHANNELS.find((c) => c.key === channel)!.field;
        const received = parseDate(String(o.received), '--received');
        const v = await ledger.createCase(actor, {
          organ, channel, caseNo: o.caseNo as string | undefined,
          ...(o.submitted && field !== 'submittedOn' ? { submittedOn: parseDate(String(o.submitted), '--submitted') } : {}),
          [field]: received,
          applicant: {
            type, name: String(o.name), idNumber: (o.idNumber as string) ?? null, phone: (o.phone as string) ?? null,
            address: (o.address as string) ?? null, email: (o.email as string) ?? null,
          },
          content: String(o.content), form: (o.form as string) ?? null,
        });
        if (o.json) process.stdout.write(`${JSON.stringify({ id: v.record.id, caseNo: v.record.caseNo, receivedOn: v.record.receivedOn, due: v.state.deadline?.due ?? null }, null, 2)}\n`);
        else process.stdout.write(`已登记 ${v.record.caseNo}（编号 ${v.record.id}），收到申请之日 ${v.record.receivedOn}，答复期限 ${v.state.deadline?.due ?? v.state.deadlineError ?? '—'}\n`);
      });
    });

  common(cases.command('event'))
    .description('在案件的办理记录中追加一个事件（不可修改或删除）')
    .argument('<case>', '案件编号（如 2024-0001）或数字编号')
    .argument('<kind>', `事件：${Object.entries(EVENT_KINDS).map(([k, v]) => `${k}（${v}）`).join('、')}`)
    .argument('<date>', '事件日期 YYYY-MM-DD')
    .option('--days <n>', 'extension：延长的工作日数')
    .option('--approver <name>', 'extension：批准的负责人')
    .option('--decision <type>', `decision：办理结果（${DECISION_TYPES.map((d) => d.key).join('、')}，也可写中文）`)
    .option('--note <text>', 'decision/note：说明')
    .option('--deadline <date>', 'correctionNotice：补正期限（默认15个工作日）')
    .option('--items <text>', 'correctionNotice：需补正的内容')
    .option('--party <name>', 'thirdPartyConsult：第三方')
    .option('--consulted <name>', 'organConsult：被征求意见的机关')
    .option('--until <date>', 'delay：延迟答复的期限（条例第三十五条）')
    .option('--mode <mode>', 'feeNotice：piece（按件）或 volume（按量）')
    .option('--pages <n>', 'feeNotice 按量：页数')
    .option('--ordinal <n>', 'feeNotice 按件：本自然月第几件（默认由台账计算）')
    .option('--payment <text>', 'feeNotice：缴纳方式（打印收费通知书时使用）', '按收费通知书所附非税收入缴款码缴纳')
    .option('--amount <yuan>', 'feePaid：实缴金额（默认为通知金额）')
    .option('--json', '输出 JSON')
    .addHelpText(
      'after',
      `
示例：
  nianbao cases event 2024-0001 correctionNotice 2024-09-30 --items "请明确地块名称"
  nianbao cases event 2024-0001 correctionReceived 2024-10-09
  nianbao cases event 2024-0001 thirdPartyConsult 2024-10-21 --party 某公司
  nianbao cases event 2024-0001 extension 2024-11-08 --days 10 --approver 王科长
  nianbao cases event 2024-0001 feeNotice 2024-11-11 --mode volume --pages 45     打印收费通知书
  nianbao cases event 2024-0001 decision 2024-11-20 --decision 部分公开`,
    )
    .action(async (ref: string, kindArg: string, dateArg: string, o: Common & Record<string, string | undefined>) => {
      const kind = KIND_NAMES[kindArg.trim()];
      if (!kind) throw new InputError('cases', `未知的事件“${kindArg}”（可选：${Object.keys(EVENT_KINDS).join('、')}）`);
      const data: Record<string, unknown> = {};
      if (o.days !== undefined) data.days = Number(o.days);
      if (o.approver) data.approver = o.approver;
      if (o.decision) {
        const d = decisionByName(o.decision);
        if (!d) throw new InputError('cases', `办理结果“${o.decision}”无法识别（可选：${DECISION_TYPES.map((x) => `${x.key}（${x.label}）`).join('、')}）`);
        data.decision = d;
      }
      if (o.note) data[kind === 'note' ? 'text' : 'note'] = o.note;
      if (o.deadline) data.deadline = o.deadline;
      if (o.items) data.items = o.items;
      if (o.party) data.party = o.party;
      if (o.consulted) data.organ = o.consulted;
      if (o.until) data.until = o.until;
      if (o.mode) data.mode = o.mode === '按件' ? 'piece' : o.mode === '按量' ? 'volume' : o.mode;
      if (o.pages !== undefined) data.pages = Number(o.pages);
      if (o.ordinal !== undefined) data.ordinal = Number(o.ordinal);
      if (o.amount !== undefined) data.amount = Number(o.amount);
      await withLedger(o, async (ledger, actor) => {
        const id = await resolveCaseRef(ledger, actor, ref, o.organ ?? process.env.NIANBAO_ORGAN);
        if (!id) throw new InputError('cases', `找不到案件“${ref}”（编号重复时请加 --organ 或用数字编号）`);
        const r = await ledger.addEvent(actor, id, { kind, date: dateArg, data });
        if (o.json) {
          process.stdout.write(`${JSON.stringify({ event: r.record.events.at(-1), status: r.state.status, due: r.state.deadline?.due ?? null, warnings: r.warnings }, null, 2)}\n`);
          return;
        }
        for (const w of r.warnings) process.stderr.write(`注意：${w}\n`);
        const ev = r.record.events.at(-1)!;
        process.stdout.write(`已记录：${r.record.caseNo} ${ev.date} ${EVENT_KINDS[ev.kind]}；当前状态：${r.state.status}${r.state.deadline?.due ? `，答复期限 ${r.state.deadline.due}` : ''}\n`);
        if (kind === 'feeNotice') {
          const full = await ledger.getCase(actor, id, { reveal: true });
          process.stdout.write(
            `\n${feeNoticeText({
              organ: full.record.organ, applicantName: full.record.applicant.name, caseNo: full.record.caseNo, received: full.record.receivedOn,
              mode: ev.data.mode as FeeMode, ordinal: ev.data.ordinal as number | undefined, pages: ev.data.pages as number | undefined,
              noticeDate: ev.date, payBy: String(ev.data.payBy), payment: o.payment ?? '', pauses: ledger.settings.feePauses,
            })}\n（缴费期限为收到通知次日起${FEE_PAYMENT_WORKDAYS}个工作日）\n`,
          );
        }
      });
    });

  common(cases.command('list'))
    .description('列出案件（申请人信息默认遮蔽）')
    .option('--status <status>', '状态：open、waitingApplicant、paused、closed、unclosed')
    .option('--year <year>', '收到申请的年份')
    .option('--q <text>', '按编号或内容查找')
    .option('--limit <n>', '最多显示条数', '100')
    .option('--reveal', '显示申请人个人信息（需本机关权限，记入审计日志）')
    .option('--json', '输出 JSON')
    .addHelpText('after', '\n示例：\n  nianbao cases list --status unclosed\n  nianbao cases list --year 2024 --q 征收 --json\n')
    .action(async (o: Common & { status?: string; year?: string; q?: string; limit: string; reveal?: boolean; json?: boolean }) => {
      const statuses = ['open', 'waitingApplicant', 'paused', 'closed', 'unclosed'];
      if (o.status && !statuses.includes(o.status)) throw new InputError('cases', `--status 应为：${statuses.join('、')}`);
      await withLedger(o, async (ledger, actor) => {
        const r = await ledger.listCases(actor, {
          organ: o.organ ?? process.env.NIANBAO_ORGAN, status: o.status as CaseStatus | 'unclosed' | undefined,
          year: o.year ? Number(o.year) : undefined, q: o.q, reveal: o.reveal, limit: Number(o.limit) || 100,
        });
        process.stdout.write(o.json ? `${JSON.stringify(r, null, 2)}\n` : listText(r.items, r.total, r.masked));
      });
    });

  common(cases.command('show'))
    .description('显示一件案件：时间线、答复期限及其推算过程')
    .argument('<case>', '案件编号或数字编号')
    .option('--reveal', '显示申请人个人信息（记入审计日志）')
    .option('--json', '输出 JSON')
    .action(async (ref: string, o: Common & { reveal?: boolean; json?: boolean }) => {
      await withLedger(o, async (ledger, actor) => {
        const id = await resolveCaseRef(ledger, actor, ref, o.organ ?? process.env.NIANBAO_ORGAN);
        if (!id) throw new InputError('cases', `找不到案件“${ref}”`);
        const v = await ledger.getCase(actor, id, { reveal: o.reveal });
        process.stdout.write(o.json ? `${JSON.stringify(v, null, 2)}\n` : caseText(v.record, v.state, v.masked));
      });
    });

  common(cases.command('due'))
    .description('到期提醒：已逾期、N个工作日内到期、等待申请人补正或缴费、暂停计时的案件（可由定时任务每日运行）')
    .option('--within <n>', '提前提醒的工作日数', '5')
    .option('--today <date>', '以该日为今天（默认为北京时间当日）')
    .option('--json', '输出 JSON')
    .addHelpText('after', '\n示例：\n  nianbao cases due --within 3\n  每日提醒（crontab）：0 8 * * 1-5  nianbao cases due --organ 示例局 | mail -s 依申请公开提醒 clerk@example.org\n')
    .action(async (o: Common & { within: string; today?: string; json?: boolean }) => {
      const today = o.today ? parseDate(o.today, '--today') : todayInChina();
      const within = Number(o.within);
      if (!Number.isInteger(within) || within < 0 || within > 60) throw new InputError('cases', '--within 应为 0–60 的整数');
      await withLedger(o, async (ledger, actor) => {
        const r = await ledger.due(actor, { organ: o.organ ?? process.env.NIANBAO_ORGAN, today, within });
        process.stdout.write(o.json ? `${JSON.stringify(r, null, 2)}\n` : dueSummaryText(r));
      });
    });

  common(cases.command('import'))
    .description('导入现有的电子表格台账（CSV，UTF-8 或 GB18030），逐行报告无法导入的行及原因')
    .argument('<file>', 'CSV 文件；第一行为列名：编号、收到日期、渠道、申请人类型、申请人、证件号码、联系电话、地址、申请内容、答复日期、办理结果')
    .option('--dry-run', '只检查，不写入')
    .option('--json', '输出 JSON')
    .action(async (file: string, o: Common & { dryRun?: boolean; json?: boolean }) => {
      const organ = organOf(o);
      const text = decodeText(await readLimited(file, MAX_CSV_BYTES));
      await withLedger(o, async (ledger, actor) => {
        let plan;
        try {
          plan = planImport(text, organ, await ledger.calendar());
        } catch (e) {
          throw new InputError(file, (e as Error).message);
        }
        const written = o.dryRun ? { imported: 0, failed: [] } : await importPlanned(ledger, actor, plan.rows);
        const rejected = [...plan.rejected, ...written.failed].sort((a, b) => a.line - b.line);
        if (o.json) {
          process.stdout.write(`${JSON.stringify({ file, valid: plan.rows.length, imported: written.imported, rejected, ignoredColumns: plan.ignored }, null, 2)}\n`);
        } else {
          process.stdout.write(`${file}：可导入 ${plan.rows.length} 行，${o.dryRun ? '（试运行，未写入）' : `已导入 ${written.imported} 行`}；无法导入 ${rejected.length} 行\n`);
          for (const r of rejected) process.stdout.write(`  第${r.line}行：${r.reason}\n`);
          if (plan.ignored.length) process.stdout.write(`未识别而忽略的列：${plan.ignored.join('、')}\n`);
        }
        if (rejected.length) process.exitCode = 2;
      });
    });

  common(cases.command('export'))
    .description('导出台账为 CSV 或 XLSX（申请人信息默认遮蔽）')
    .requiredOption('--out <file>', '输出文件')
    .option('--format <format>', 'csv 或 xlsx（默认按文件扩展名）')
    .option('--reveal', '导出申请人个人信息（需本机关权限，记入审计日志）')
    .action(async (o: Common & { out: string; format?: string; reveal?: boolean }) => {
      const organ = organOf(o);
      const format = o.format ?? (o.out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
      if (format !== 'csv' && format !== 'xlsx') throw new InputError('cases', '--format 应为 csv 或 xlsx');
      await withLedger(o, async (ledger, actor) => {
        const r = await ledger.exportCases(actor, organ, { reveal: o.reveal });
        const bytes = format === 'csv' ? new TextEncoder().encode(exportCsv(r.cases, r.states)) : await exportXlsx(r.cases, r.states);
        await writeFile(o.out, bytes);
        process.stdout.write(`已导出 ${r.cases.length} 件到 ${o.out}${r.masked ? '（申请人信息已遮蔽）' : ''}\n`);
      });
    });

  common(cases.command('table3'))
    .description('由台账生成年度报告表三（收到和处理政府信息公开申请情况）及第六部分信息处理费的表述')
    .requiredOption('--year <year>', '报告年度')
    .option('--json', '输出 JSON（report@1 的 requests 部分）')
    .action(async (o: Common & { year: string; json?: boolean }) => {
      const organ = organOf(o);
      const year = Number(o.year);
      if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new InputError('cases', '--year 应为年份');
      await withLedger(o, async (ledger, actor) => {
        const t = await ledger.table3(actor, organ, year);
        if (o.json) {
          process.stdout.write(`${JSON.stringify({ meta: t.meta, requests: t.requests, fees: t.fees, feeSentence: t.feeSentence }, null, 2)}\n`);
          return;
        }
        const layout = LAYOUTS[t.meta.template];
        const out = [`${organ} ${year}年 表三（${layout.notice}格式）`, `${''.padEnd(30)}${REQUEST_COLUMNS.map((c) => c.label).join('\t')}`];
        for (const row of layout.requests) out.push(`${requestRowName(t.meta.template, row.key)}\t${t.requests[row.key].join('\t')}`);
        out.push('', `第六部分：${t.feeSentence}`);
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });

  common(cases.command('ical'))
    .description('答复期限的 iCalendar 订阅文件（.ics），可导入 Outlook、手机日历等；不含个人信息')
    .option('--out <file>', '输出文件（默认打印）')
    .action(async (o: Common & { out?: string }) => {
      await withLedger(o, async (ledger, actor) => {
        const organ = o.organ ?? process.env.NIANBAO_ORGAN;
        const items = await ledger.deadlines(actor, organ);
        const ics = deadlinesIcs(items, { organ, stamp: `${todayInChina()}T000000Z` });
        if (o.out) {
          await writeFile(o.out, ics);
          process.stdout.write(`已写出 ${items.filter((i) => i.dueOn).length} 个期限到 ${o.out}\n`);
        } else process.stdout.write(ics);
      });
    });

  const cal = cases.command('calendar').description('工作日历：查看已有年份，录入新一年的国务院办公厅节假日安排通知');
  common(cal.command('list'))
    .description('列出已有节假日数据的年份及其来源')
    .action(async (o: Common) => {
      await withLedger(o, async (ledger) => {
        const c = await ledger.calendar();
        for (const y of c.coveredYears()) process.stdout.write(`${y}  ${c.sourceLabel(y)}  〔${c.year(y).origin}〕\n`);
        process.stdout.write(`日历数据版本 ${c.version}\n`);
      });
    });
  common(cal.command('add'))
    .description('录入或更正一年的节假日数据（JSON），并重新计算未办结案件的期限')
    .argument('<file>', 'JSON：{"year":2027,"source":{"title":…,"docNo":…,"issued":"YYYY-MM-DD","url":…},"holidays":{"2027-01-01":"元旦"},"workdays":{"2027-…":"春节"}}')
    .action(async (file: string, o: Common) => {
      const text = decodeText(await readLimited(file, 1024 * 1024));
      let years;
      try {
        years = parseCalendarOverrides(text);
      } catch (e) {
        throw new InputError(file, (e as Error).message);
      }
      await withLedger(o, async (ledger, actor) => {
        for (const y of years) {
          const r = await ledger.addCalendarYear(actor, y);
          process.stdout.write(`已录入 ${y.year} 年节假日数据；日历数据版本 ${r.version}；重新计算 ${r.recomputed} 件未办结案件的期限\n`);
        }
      });
    });

  common(cases.command('mapping'))
    .description('办理结果与表三行的对应关系（可按机关调整）')
    .option('--set <decision=row>', '调整一项，如 specialLaw=denied.inquiry', collect, [])
    .action(async (o: Common & { set: string[] }) => {
      const organ = organOf(o);
      await withLedger(o, async (ledger, actor) => {
        for (const s of o.set) {
          const [k, v] = s.split('=');
          if (!k || !v) throw new InputError('cases', `--set ${s}：应写作 办理结果=表三行`);
          await ledger.setDecisionRow(actor, organ, k.trim(), v.trim());
        }
        const map = await ledger.decisionMap(organ);
        for (const d of DECISION_TYPES) process.stdout.write(`${d.key.padEnd(26)}${d.label} → ${requestRowName('2021', map[d.key])}\n`);
        process.stdout.write(`可选的表三行：${outcomeRowKeys('2021').join('、')}\n`);
      });
    });

  common(cases.command('audit'))
    .description('审计日志：谁在何时查看或修改了哪件案件')
    .option('--case <id>', '只看某件案件（数字编号）')
    .option('--limit <n>', '条数', '100')
    .action(async (o: Common & { case?: string; limit: string }) => {
      await withLedger(o, async (ledger, actor) => {
        const r = await ledger.auditLog(actor, { organ: o.organ ?? process.env.NIANBAO_ORGAN, caseId: o.case, limit: Number(o.limit) || 100 });
        for (const x of r) process.stdout.write(`${x.at}  ${x.actor}（${x.role}）  ${x.action}${x.caseId ? `  案件${x.caseId}` : ''}\n`);
      });
    });
}
