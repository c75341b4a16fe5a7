/** `nianbao deadline`: the answer deadline of a 依申请公开 application, with its derivation. */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { loadCalendar } from '../ledger/calendar-load.js';
import { CalendarGapError } from '../ledger/calendar.js';
import { DateError, parseDate, withWeekday } from '../ledger/dates.js';
import { DeadlineError, computeDeadline, type Extension, type Pause } from '../ledger/deadline.js';

const collect = (v: string, acc: string[]) => [...acc, v];

interface Options {
  extend: string[];
  approver?: string;
  pause: string[];
  restart?: string;
  delay?: string;
  calendar: string[];
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('deadline')
    .description('计算依申请公开的答复期限（按法定节假日和调休上班日计算工作日），并列出推算过程')
    .argument('<received>', '收到申请之日（条例第三十一条），YYYY-MM-DD')
    .option('--extend <days>', '经批准延长的工作日数（可重复，合计不超过20）', collect, [])
    .option('--approver <name>', '批准延长的负责人')
    .option('--pause <from:to[:reason]>', '不计入期限的区间（含首尾两日），如征求第三方意见；可重复；to 留空表示尚未结束', collect, [])
    .option('--restart <date>', '收到补正申请之日：期限自该日次日起重新计算')
    .option('--delay <date>', '依条例第三十五条确定的延迟答复期限')
    .option('--calendar <file>', '补充或更正的年度节假日数据（JSON），可重复', collect, [])
    .option('--json', '输出 JSON')
    .addHelpText(
      'after',
      `
示例：
  nianbao deadline 2024-09-27                          法定期限：2024-10-30（跨国庆假期与调休）
  nianbao deadline 2024-09-27 --extend 20 --approver 李主任
                                                       延长20个工作日：2024-11-27
  nianbao deadline 2024-09-27 --pause 2024-10-08:2024-10-15:征求第三方意见
                                                       10月8日至15日的工作日不计入期限
  nianbao deadline 2025-01-24 --json                   机器可读的结果
  nianbao deadline 2027-03-01 --calendar 2027.json     用新发布的年度节假日通知数据计算

规则：收到申请之日为第0日，自次日起计算20个工作日；暂停区间含首尾两日，其间的工作日不计；
没有节假日数据的年份会报错，不会按普通周末推算。
退出码：0 成功；2 输入有误或缺少所涉年份的日历数据。`,
    )
    .action(async (receivedArg: string, options: Options) => {
      const cal = await loadCalendar(options.calendar);
      try {
        const received = parseDate(receivedArg, '收到申请之日');
        const extensions: Extension[] = options.extend.map((v) => {
          const days = Number(v);
          if (!/^\d+$/.test(v.trim()) || days < 1) throw new DeadlineError(`--extend ${v}：应为正整数个工作日`);
          return { days, ...(options.approver ? { approver: options.approver } : {}) };
        });
        const pauses: Pause[] = options.pause.map(parsePause);
        const restartedOn = options.restart ? parseDate(options.restart, '--restart') : null;
        const delayedUntil = options.delay ? { date: parseDate(options.delay, '--delay') } : null;
        const r = computeDeadline({ received, extensions, pauses, restartedOn, delayedUntil }, cal);
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ received, ...r }, null, 2)}\n`);
          return;
        }
        const head = r.due ? `答复期限：${withWeekday(r.due)}` : `答复期限：暂停中（${r.openPause?.reason ?? ''}），恢复计算后方能确定`;
        process.stdout.write(`${head}\n推算过程：\n${r.steps.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}\n`);
      } catch (e) {
        if (e instanceof DateError || e instanceof DeadlineError || e instanceof CalendarGapError) {
          throw new InputError('deadline', e.message);
        }
        throw e;
      }
    });
}

export function parsePause(spec: string): Pause {
  const parts = spec.split(/[:：]/);
  if (parts.length < 2) throw new DeadlineError(`--pause ${spec}：应写作 开始日:结束日[:原因]`);
  const from = parseDate(parts[0], '暂停开始日');
  const to = parts[1].trim() === '' ? null : parseDate(parts[1], '暂停结束日');
  const reason = parts.slice(2).join(':').trim() || '暂停计算（征求意见等）';
  return { from, to, reason };
}
