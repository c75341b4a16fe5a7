/**
 * A report as YAML for people to edit: every row and column carries its Chinese label as a
 * comment, sections carry one line of guidance. Read back by report-file.ts (any YAML parser
 * reads it; the comments are only for the person).
 */
import { LAYOUTS, REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_ROWS, SECTIONS } from '../model/layouts.js';
import { requestRowName } from '../model/layouts.js';
import type { ActiveCell, CountCell, Report } from '../model/report.js';

function str(s: string | null | undefined): string {
  return s === null || s === undefined ? 'null' : JSON.stringify(s);
}

function value(v: ActiveCell | CountCell | undefined): string {
  if (v === null || v === undefined) return 'null';
  return typeof v === 'number' ? String(v) : JSON.stringify(v);
}

function block(text: string, indent: string): string {
  if (!text) return '""';
  const lines = text.split('\n').map((l) => l.trim());
  return `|-\n${lines.map((l) => (l ? `${indent}${l}` : '')).join('\n')}`;
}

export function writeReportYaml(report: Report): string {
  const layout = LAYOUTS[report.meta.template];
  const m = report.meta;
  const out: string[] = [
    `# ${m.title ?? '政府信息公开工作年度报告'}`,
    `# 表格格式：${layout.notice}（${m.template} 版）。数字没有的填 0，不要留空；`,
    '# 各行“总计”列、“（七）总计”行和“四、结转下年度继续办理”可以写 null，运行 nianbao fill 自动计算。',
    '# 正文写在 text: 后面；多段文字写成 text: |- ，换行后每行缩进六个空格。',
    '# 检查：nianbao check 本文件；生成 Word：nianbao render 本文件 --to docx -o 报告.docx',
    `schema: ${report.schema}`,
    'meta:',
    `  title: ${str(m.title)}`,
    `  agency: ${str(m.agency)}   # 机关名称`,
    `  year: ${m.year ?? 'null'}   # 报告年度`,
    `  template: "${m.template}"   # 表格版式：2021（国办公开办函〔2021〕30号）或 2019（〔2019〕60号）`,
    `  period: ${m.period ? `{ start: "${m.period.start}", end: "${m.period.end}" }` : 'null'}   # 统计期限`,
  ];
  if (m.contact) {
    out.push('  contact:   # 联系方式（可省略不填的项）');
    for (const [k, zh] of [['address', '地址'], ['postcode', '邮编'], ['phone', '电话'], ['email', '电子邮箱']] as const) {
      if (m.contact[k] !== undefined) out.push(`    ${k}: ${str(m.contact[k])}   # ${zh}`);
    }
  } else out.push('  contact: null');

  out.push('', 'sections:   # 六个部分');
  for (const s of report.sections) {
    const guide = SECTIONS.find((x) => x.no === s.no)?.guidance;
    if (guide) out.push(`  # ${guide}`);
    out.push(`  - no: ${s.no}`, `    heading: ${str(s.heading)}`, `    text: ${block(s.text, '      ')}`);
  }

  out.push('', 'active:   # 表二 主动公开政府信息情况');
  for (const row of layout.active) {
    const cells = report.active[row.key];
    if (!cells) continue;
    out.push(`  ${row.key}:   # ${row.labels[0]}（${row.article}）`);
    for (const f of row.fields) out.push(`    ${f.key}: ${value(cells[f.key])}   # ${f.label}`);
  }

  const cols = REQUEST_COLUMNS.map((c) => c.label).join('、');
  out.push('', `requests:   # 表三 收到和处理政府信息公开申请情况；每行七个数：${cols}`);
  for (const row of layout.requests) {
    const cells = report.requests[row.key];
    if (!cells) continue;
    out.push(`  ${JSON.stringify(row.key)}: [${cells.map(value).join(', ')}]   # ${requestRowName(report.meta.template, row.key)}`);
  }

  out.push('', `review:   # 表四 行政复议、行政诉讼情况；每行五个数：${REVIEW_COLUMNS.map((c) => c.label).join('、')}`);
  for (const row of REVIEW_ROWS) {
    const cells = report.review[row.key];
    if (!cells) continue;
    out.push(`  ${row.key}: [${cells.map(value).join(', ')}]   # ${row.group ? `${row.group}·${row.label}` : row.label}`);
  }
  if (report.anomalies?.length) {
    out.push('', 'anomalies:   # 读取原件时无法识别的单元格');
    for (const a of report.anomalies) {
      out.push(`  - { where: ${JSON.stringify(a.where)}, kind: ${a.kind}, raw: ${JSON.stringify(a.raw)} }`);
    }
  }
  return `${out.join('\n')}\n`;
}
