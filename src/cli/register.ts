/** `nianbao register`: the 主动公开 register — documents, yearly counts, table II, a report draft from the register and the ledger. */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../batch/write.js';
import { openDb } from '../store/db.js';
import { AccessError } from '../ledger/access.js';
import { DateError } from '../ledger/dates.js';
import { Ledger, type LedgerDb } from '../ledger/store.js';
import { activeRow, LAYOUTS } from '../model/layouts.js';
import { actorOf, common, readLimited, type Common } from './cases.js';
import { emitSheet, exportFormat } from './store-options.js';
import {
  DOCUMENT_KINDS, END_KINDS, RegisterError, STATUS_LABELS, endKindByName, kindByName, kindLabel, statusOn, type DocumentInput, type RegisterDocument,
} from '../register/documents.js';
import { draftFromRecords } from '../register/draft.js';
import { MAX_IMPORT_BYTES, planCountsImport, planDocumentImport, readSheet } from '../register/import.js';
import { Register, type RegisterDb } from '../register/store.js';
import type { Table2 } from '../register/table2.js';
import { documentSheet } from '../register/sheets.js';
import { readReportFile } from '../author/report-file.js';
import { readFile } from 'node:fs/promises';

type Opts = Common & Record<string, string | boolean | undefined>;

function organOf(o: Common): string {
  const organ = o.organ ?? process.env.NIANBAO_ORGAN;
  if (!organ?.trim()) throw new InputError('register', '需要 --organ <机关名称>（或环境变量 NIANBAO_ORGAN）');
  return organ.trim();
}

function yearOf(v: unknown, what = '--year'): number {
  const year = Number(v);
  if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new InputError('register', `${what} 应为年份，如 2024`);
  return year;
}

/** Opens the database, runs `fn`, closes; register errors become one-line input errors (exit 2). */
async function withRegister<T>(o: Common, fn: (register: Register, db: RegisterDb) => Promise<T>): Promise<T> {
  const db = await openDb({ dataDir: o.data, databaseUrl: o.databaseUrl });
  try {
    return await fn(new Register(db), db);
  } catch (e) {
    if (e instanceof RegisterError || e instanceof DateError || e instanceof AccessError) throw new InputError('register', e.message);
    throw e;
  } finally {
    await db.close();
  }
}

function documentFrom(o: Opts, organ: string, base?: RegisterDocument): DocumentInput {
  const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const kindText = s('kind');
  const kind = kindText ? kindByName(kindText) : base?.kind;
  if (!kind) throw new InputError('register', `--kind 应为${DOCUMENT_KINDS.map((k) => k.label).join('或')}`);
  const statusText = s('status');
  let endKind = base?.endKind ?? null;
  if (statusText !== undefined) {
    endKind = /^(?:现行有效|有效)$/.test(statusText) ? null : endKindByName(statusText);
    if (endKind === null && !/^(?:现行有效|有效)$/.test(statusText)) throw new InputError('register', `--status 应为现行有效、${END_KINDS.map((k) => k.label).join('、')}`);
  }
  return {
    organ, kind, endKind,
    docNo: s('docNo') ?? base?.docNo ?? '',
    title: s('title') ?? base?.title ?? '',
    madeOn: s('made') ?? base?.madeOn ?? '',
    publishedOn: s('published') ?? base?.publishedOn ?? null,
    endedOn: statusText !== undefined && endKind === null ? null : s('ended') ?? base?.endedOn ?? null,
    amendedOn: s('amended') ?? base?.amendedOn ?? null,
    replaces: s('replaces') ?? base?.replaces ?? null,
    note: s('note') ?? base?.note ?? null,
  };
}

function documentOptions(cmd: Command): Command {
  return cmd
    .option('--kind <kind>', '类型：规章 或 行政规范性文件')
    .option('--doc-no <文号>', '文号，如 示司规〔2024〕1号')
    .option('--title <title>', '标题')
    .option('--made <date>', '制发日期（成文或印发日期）')
    .option('--published <date>', '公开日期')
    .option('--status <status>', '现行有效、废止、修订（被新文本替代）或失效')
    .option('--ended <date>', '废止、修订或失效的日期')
    .option('--amended <date>', '修正日期（原文件继续有效，不影响件数）')
    .option('--replaces <文号>', '修订时：被替代的原文件文号')
    .option('--note <text>', '备注');
}

export function table2Text(organ: string, t: Table2): string {
  const layout = LAYOUTS[t.layout];
  const out = [`${organ} ${t.year}年 表二 主动公开政府信息情况（${layout.notice}格式，由主动公开台账生成）`];
  for (const row of layout.active) {
    const cells = row.fields.map((f) => `${f.label} ${t.active[row.key][f.key] ?? '（未填）'}`);
    out.push(`  ${row.labels[0]}：${cells.join('，')}`);
  }
  return `${out.join('\n')}\n`;
}

export function sourcesText(t: Table2): string {
  const out: string[] = [];
  for (const s of t.sources) {
    const label = `${activeRow(t.layout, s.row)?.labels[0] ?? s.row}·${activeRow(t.layout, s.row)?.fields.find((f) => f.key === s.field)?.label ?? s.field}`;
    if (s.documents) out.push(`  ${label} = ${s.value}${s.documents.length ? `：${s.documents.map((d) => `${d.docNo || d.title}（${d.date} ${d.why}）`).join('；')}` : ''}`);
    else if (s.counts) out.push(`  ${label} = ${s.value ?? '（未填）'}：${s.counts.source === 'imported' ? '导入' : '录入'}的年度数字${s.counts.updatedBy ? `，${s.counts.updatedBy}` : ''}`);
  }
  return `数字来源：\n${out.join('\n')}\n`;
}

export function register(program: Command): void {
  const reg = program
    .command('register')
    .description('主动公开台账：规章、行政规范性文件的制发、废止、修订，行政许可/处罚/强制与收费数字，由台账生成年报表二')
    .addHelpText(
      'after',
      `
示例：
  export NIANBAO_ORGAN=示例区司法局
  nianbao register add --kind 行政规范性文件 --doc-no "示司规〔2024〕1号" --title "关于……的规定" --made 2024-03-01 --published 2024-03-05
  nianbao register edit 7 --status 废止 --ended 2025-06-30
  nianbao register import 规范性文件目录.xlsx          导入现有目录（CSV 或 XLSX），逐行报告无法导入的行及原因
  nianbao register list --on 2024-12-31               某日现行有效的文件；--format csv|xlsx -o 文件
  nianbao register counts --year 2024 --licensing 120 --penalty 35 --coercion 2 --fees 1.5
  nianbao register counts-import 年度数字.xlsx
  nianbao register table2 --year 2024 --sources       表二及每个数字的来源（文件、年度数字）
  nianbao register draft --year 2024 -o 2024年报.json  年报草稿：表二来自本台账，表三来自依申请公开台账

件数的算法（修订、修正、失效如何计）见 docs/register.md。`,
    );

  documentOptions(common(reg.command('add')))
    .description('登记一件规章或行政规范性文件')
    .action(async (o: Opts) => {
      const organ = organOf(o);
      await withRegister(o, async (r) => {
        const d = await r.addDocument(actorOf(o), documentFrom(o, organ));
        process.stdout.write(`已登记：${d.id} ${kindLabel(d.kind)} ${d.docNo} ${d.title}\n`);
      });
    });

  documentOptions(common(reg.command('edit')))
    .description('修改一件文件（如登记废止、修订、修正）')
    .argument('<id>', '文件编号（register list 第一列）')
    .action(async (id: string, o: Opts) => {
      await withRegister(o, async (r) => {
        const actor = actorOf(o);
        const old = await r.getDocument(actor, id);
        const d = await r.updateDocument(actor, id, documentFrom(o, old.organ, old));
        process.stdout.write(`已修改：${d.id} ${d.docNo} ${d.title}（${STATUS_LABELS[statusOn(d, '9999-12-31')]}）\n`);
      });
    });

  common(reg.command('remove'))
    .description('删除登记错误的文件（废止的文件不要删除，用 edit --status 废止）')
    .argument('<id>', '文件编号')
    .action(async (id: string, o: Opts) => {
      await withRegister(o, async (r) => {
        await r.deleteDocument(actorOf(o), id);
        process.stdout.write(`已删除 ${id}\n`);
      });
    });

  common(reg.command('list'))
    .description('列出本机关的文件')
    .option('--on <date>', '只列出该日现行有效的文件（如 2024-12-31）')
    .option('--kind <kind>', '规章 或 行政规范性文件')
    .option('--format <format>', '输出格式：table|csv|xlsx|jsonl（默认按 -o 的扩展名）')
    .option('-o, --output <file>', '输出文件')
    .action(async (o: Opts) => {
      const organ = organOf(o);
      const format = exportFormat(o.format as string | undefined, o.output as string | undefined);
      await withRegister(o, async (r) => {
        const kind = o.kind ? kindByName(String(o.kind)) : undefined;
        if (o.kind && !kind) throw new InputError('register', '--kind 应为规章或行政规范性文件');
        const on = o.on ? String(o.on) : undefined;
        if (on && !/^\d{4}-\d{2}-\d{2}$/.test(on)) throw new InputError('register', '--on 应为 YYYY-MM-DD');
        const docs = await r.listDocuments(actorOf(o), organ, { kind: kind ?? undefined, inForceOn: on });
        await emitSheet(documentSheet(docs, on ?? '9999-12-31'), format, o.output as string | undefined);
      });
    });

  common(reg.command('import'))
    .description('导入现有的文件目录（CSV 或 XLSX）：文号相同的更新，其余新增；逐行报告无法导入的行及原因')
    .argument('<file>', 'CSV（UTF-8 或 GB18030）或 XLSX；列名：文号、标题、类型、制发日期（成文日期）、公开日期、状态、废止日期、修订日期、失效日期、修正日期、备注')
    .option('--kind <kind>', '文件没有“类型”列时，整个文件的类型')
    .option('--dry-run', '只检查，不写入')
    .option('--json', '输出 JSON')
    .action(async (file: string, o: Opts) => {
      const organ = organOf(o);
      const kind = o.kind ? kindByName(String(o.kind)) ?? undefined : undefined;
      if (o.kind && !kind) throw new InputError(file, '--kind 应为规章或行政规范性文件');
      const plan = planDocumentImport(await readSheet(await readLimited(file, MAX_IMPORT_BYTES), file), organ, file, { kind });
      await withRegister(o, async (r) => {
        const written = o.dryRun ? { created: 0, updated: 0, failed: [] } : await r.importDocuments(actorOf(o), organ, plan.rows);
        const rejected = [...plan.rejected, ...written.failed].sort((a, b) => a.line - b.line);
        printImport(file, o, plan.rows.length, written, rejected, plan.ignored);
      });
    });

  common(reg.command('counts'))
    .description('录入或查看某年度的行政许可、行政处罚、行政强制处理决定数量和行政事业性收费金额')
    .option('--year <year>', '年度（不给则列出各年度）')
    .option('--licensing <n>', '行政许可处理决定数量')
    .option('--penalty <n>', '行政处罚处理决定数量')
    .option('--coercion <n>', '行政强制处理决定数量')
    .option('--fees <万元>', '行政事业性收费金额（万元）')
    .action(async (o: Opts) => {
      const organ = organOf(o);
      await withRegister(o, async (r) => {
        const actor = actorOf(o);
        const setting = ['licensing', 'penalty', 'coercion', 'fees'].some((k) => o[k] !== undefined);
        if (setting) {
          const year = yearOf(o.year);
          const old = (await r.counts(actor, organ, year))[0];
          const num = (k: string, prev: number | null | undefined) => {
            if (o[k] === undefined) return prev ?? null;
            const n = Number(o[k]);
            if (!Number.isFinite(n)) throw new InputError('register', `--${k} 应为数字`);
            return n;
          };
          const c = await r.setCounts(actor, {
            organ, year, source: 'entered',
            licensing: num('licensing', old?.licensing), penalty: num('penalty', old?.penalty), coercion: num('coercion', old?.coercion), feesAmount: num('fees', old?.feesAmount),
          });
          process.stdout.write(`已保存 ${organ} ${year}年：行政许可 ${c.licensing ?? '—'}，行政处罚 ${c.penalty ?? '—'}，行政强制 ${c.coercion ?? '—'}，行政事业性收费 ${c.feesAmount ?? '—'} 万元\n`);
          return;
        }
        const list = await r.counts(actor, organ, o.year ? yearOf(o.year) : undefined);
        if (!list.length) process.stdout.write('（没有年度数字）\n');
        for (const c of list) process.stdout.write(`${c.year}年：行政许可 ${c.licensing ?? '—'}，行政处罚 ${c.penalty ?? '—'}，行政强制 ${c.coercion ?? '—'}，行政事业性收费 ${c.feesAmount ?? '—'} 万元（${c.source === 'imported' ? '导入' : '录入'}）\n`);
      });
    });

  common(reg.command('counts-import'))
    .description('导入年度数字（CSV 或 XLSX，每年一行：年度、行政许可、行政处罚、行政强制、行政事业性收费（万元））')
    .argument('<file>', 'CSV 或 XLSX')
    .option('--dry-run', '只检查，不写入')
    .option('--json', '输出 JSON')
    .action(async (file: string, o: Opts) => {
      const organ = organOf(o);
      const plan = planCountsImport(await readSheet(await readLimited(file, MAX_IMPORT_BYTES), file), organ, file);
      await withRegister(o, async (r) => {
        const failed: { line: number; reason: string }[] = [];
        let written = 0;
        if (!o.dryRun) {
          for (const row of plan.rows) {
            try {
              await r.setCounts(actorOf(o), row.counts);
              written++;
            } catch (e) {
              if (!(e instanceof RegisterError)) throw e;
              failed.push({ line: row.line, reason: e.message });
            }
          }
        }
        const rejected = [...plan.rejected, ...failed].sort((a, b) => a.line - b.line);
        printImport(file, o, plan.rows.length, { created: written, updated: 0 }, rejected, plan.ignored);
      });
    });

  common(reg.command('table2'))
    .description('由主动公开台账生成年度报告表二（主动公开政府信息情况）')
    .requiredOption('--year <year>', '报告年度')
    .option('--sources', '列出每个数字的来源：计入的文件、年度数字')
    .option('--json', '输出 JSON：active（report@1 的表二）与 sources')
    .action(async (o: Opts) => {
      const organ = organOf(o);
      const year = yearOf(o.year);
      await withRegister(o, async (r) => {
        const t = await r.table2(actorOf(o), organ, year);
        if (o.json) {
          process.stdout.write(`${JSON.stringify({ organ, year, layout: t.layout, active: t.active, sources: t.sources }, null, 2)}\n`);
          return;
        }
        process.stdout.write(table2Text(organ, t));
        if (!t.hasCounts) process.stdout.write(`（${year}年的行政许可、处罚、强制和收费数字尚未录入：nianbao register counts --year ${year} …）\n`);
        if (o.sources) process.stdout.write(sourcesText(t));
      });
    });

  common(reg.command('draft'))
    .description('年报草稿：表二来自主动公开台账，表三和第六部分的信息处理费来自依申请公开台账，并写出每个数字的来源')
    .requiredOption('--year <year>', '报告年度（2021 年及以后，2021 版表格）')
    .requiredOption('-o, --output <file>', '草稿文件（报告 JSON，可用 nianbao render 生成 Word）')
    .option('--sources <file>', '数字来源文件（JSON，nianbao/report-sources@1）')
    .option('--previous <file>', '上一年度的报告 JSON/YAML：沿用联系方式')
    .option('--no-ledger', '不用依申请公开台账（表三留空）')
    .action(async (o: Opts) => {
      const organ = organOf(o);
      const year = yearOf(o.year);
      if (year < 2021) throw new InputError('register', '草稿使用 2021 版表格，年度应为 2021 年及以后');
      const previous = o.previous ? readReportFile(new Uint8Array(await readFile(String(o.previous))), String(o.previous)) : undefined;
      await withRegister(o, async (r, db) => {
        const actor = actorOf(o);
        const table2 = await r.table2(actor, organ, year);
        const ledger = o.ledger === false ? null : await new Ledger(db as unknown as LedgerDb).table3(actor, organ, year);
        const { report, sources } = draftFromRecords(organ, year, { table2, ledger, previous });
        await writeFileAtomic(String(o.output), `${JSON.stringify(report, null, 2)}\n`);
        if (o.sources) await writeFileAtomic(String(o.sources), `${JSON.stringify(sources, null, 2)}\n`);
        const cases = ledger ? ledger.table.cells.filter((c) => c.row === 'newReceived').length : 0;
        process.stdout.write(`已生成 ${o.output}：表二来自 ${table2.documents} 件文件${table2.hasCounts ? '和年度数字' : '（年度数字未录入）'}；表三来自依申请公开台账（本年新收 ${cases} 件）${o.sources ? `；数字来源写入 ${o.sources}` : ''}\n`);
      });
    });
}

function printImport(
  file: string, o: Opts, valid: number, written: { created: number; updated: number }, rejected: { line: number; reason: string }[], ignored: string[],
): void {
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ file, valid, created: written.created, updated: written.updated, rejected, ignoredColumns: ignored }, null, 2)}\n`);
  } else {
    process.stdout.write(`${file}：可导入 ${valid} 行，${o.dryRun ? '（试运行，未写入）' : `新增 ${written.created} 行，更新 ${written.updated} 行`}；无法导入 ${rejected.length} 行\n`);
    for (const r of rejected) process.stdout.write(`  第${r.line}行：${r.reason}\n`);
    if (ignored.length) process.stdout.write(`未识别而忽略的列：${ignored.join('、')}\n`);
  }
  if (rejected.length) process.exitCode = 2;
}
