/** `nianbao calendar`: the publication calendar of a region — on time, late, not yet published — reminders, organ kinds, publication dates. */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { AccessError } from '../ledger/access.js';
import { actorOf } from './cases.js';
import { emitSheet, exportFormat, withStore, withStoreOptions, type StoreOptions } from './store-options.js';
import { RegisterError } from '../register/documents.js';
import { ORGAN_KINDS, dueDate, organKindByName, organKindLabel } from '../register/organ-kind.js';
import { NOT_REPORTED, PUBLICATION_STATUS_LABELS, calendarSheet, publicationCalendar } from '../register/publication.js';
import { Register } from '../register/store.js';
import type { Store } from '../store/index.js';

type Opts = StoreOptions & { region?: string; year?: string; today?: string; format?: string; output?: string; set?: string; date?: string; user?: string };

function yearOf(v: unknown): number {
  const year = Number(v);
  if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new InputError('calendar', '--year 应为年份，如 2024');
  return year;
}

async function withCalendar<T>(o: Opts, fn: (store: Store, register: Register) => Promise<T>): Promise<T> {
  return withStore(o, async (store) => {
    try {
      return await fn(store, new Register(store.db));
    } catch (e) {
      if (e instanceof RegisterError || e instanceof AccessError) throw new InputError('calendar', e.message);
      throw e;
    }
  });
}

function listOptions(cmd: Command): Command {
  return withStoreOptions(cmd)
    .requiredOption('--year <year>', '报告年度')
    .option('--region <name>', '地区（如 宝山区；不给则为全部）')
    .option('--today <date>', '按哪一天判断是否已过期限（默认今天）')
    .option('--format <format>', '输出格式：table|csv|xlsx|jsonl（默认按 -o 的扩展名）')
    .option('-o, --output <file>', '输出文件');
}

export function register(program: Command): void {
  const cal = program
    .command('calendar')
    .description('年度报告公布日历：按机关类型的公布期限（条例第四十九条）列出按时、逾期、未公布的单位，导出提醒名单')
    .addHelpText(
      'after',
      `
公布期限：政府部门、乡镇/街道为次年1月31日，县级以上人民政府为次年3月31日；机关类型按名称推断，可修改。
公布日期依次取：登记的公布日期、获取报告时网页上的发布日期、报告的落款日期、导入报告库的日期。

示例：
  nianbao calendar overview --region 宝山区 --year 2024
  nianbao calendar remind --region 宝山区 --year 2024 -o 未公布提醒.xlsx
  nianbao calendar kind 宝山区七星街道办事处 --set 乡镇/街道
  nianbao calendar published 宝山区教育局 --year 2024 --date 2025-01-20`,
    );

  listOptions(cal.command('overview'))
    .description('地区、年度的公布情况：按时、逾期（及公布日期）、未公布')
    .action(async (o: Opts) => {
      const year = yearOf(o.year);
      const format = exportFormat(o.format, o.output);
      await withCalendar(o, async (store, reg) => {
        const view = await publicationCalendar(store, reg, { region: o.region, year, today: o.today });
        await emitSheet(calendarSheet(view), format, o.output);
        if (format === 'table') {
          const t = view.totals;
          process.stdout.write(`\n共 ${view.items.length} 个单位：按时 ${t.onTime}，逾期 ${t.late}，未公布 ${t.missing}，未到期限 ${t.pending}${t.noDeadline ? `，无法定期限 ${t.noDeadline}` : ''}（按 ${view.today} 判断）\n`);
        }
      });
    });

  listOptions(cal.command('remind'))
    .description('提醒名单：尚未公布报告的单位（已过期限的在前），可导出 CSV、XLSX')
    .action(async (o: Opts) => {
      const year = yearOf(o.year);
      const format = exportFormat(o.format, o.output);
      await withCalendar(o, async (store, reg) => {
        const view = await publicationCalendar(store, reg, { region: o.region, year, today: o.today });
        await emitSheet(calendarSheet(view, NOT_REPORTED), format, o.output);
      });
    });

  withStoreOptions(cal.command('kind'))
    .description(`查看或修改机关类型（${ORGAN_KINDS.map((k) => k.label).join('、')}），它决定公布期限`)
    .argument('<organ>', '机关名称')
    .option('--set <kind>', '改为该类型')
    .option('--user <name>', '记录的操作人')
    .action(async (organ: string, o: Opts) => {
      const kind = o.set ? organKindByName(o.set) : null;
      if (o.set && !kind) throw new InputError('calendar', `机关类型“${o.set}”无法识别，可选：${ORGAN_KINDS.map((k) => k.label).join('、')}`);
      await withCalendar(o, async (_store, reg) => {
        if (kind) await reg.setOrganKind(actorOf(o), organ, kind);
        const k = await reg.organKind(organ);
        const info = ORGAN_KINDS.find((x) => x.key === k.kind)!;
        const year = new Date().getUTCFullYear() - 1;
        process.stdout.write(`${organ}：${organKindLabel(k.kind)}（${k.source === 'set' ? '已设定' : '按名称推断'}）；${year}年度报告公布期限：${dueDate(k.kind, year) ?? '无'}。依据：${info.basis}\n`);
      });
    });

  withStoreOptions(cal.command('published'))
    .description('登记某单位报告的实际公布日期（如在政府网站上看到的日期），优先于落款日期和导入日期')
    .argument('<organ>', '机关名称')
    .requiredOption('--year <year>', '报告年度')
    .requiredOption('--date <date>', '公布日期 YYYY-MM-DD')
    .option('--user <name>', '记录的操作人')
    .action(async (organ: string, o: Opts) => {
      const year = yearOf(o.year);
      await withCalendar(o, async (_store, reg) => {
        await reg.setPublished(actorOf(o), organ, year, String(o.date));
        const k = await reg.organKind(organ);
        const due = dueDate(k.kind, year);
        const status = due ? (String(o.date) <= due ? 'onTime' : 'late') : 'noDeadline';
        process.stdout.write(`已登记 ${organ} ${year}年度报告公布日期 ${o.date}：${PUBLICATION_STATUS_LABELS[status]}${due ? `（期限 ${due}）` : ''}\n`);
      });
    });
}
