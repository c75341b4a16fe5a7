/** `nianbao render`: a report (JSON, YAML or any form the parser reads) in the official layout. */
import type { Command } from 'commander';
import { basename, extname } from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../batch/write.js';
import { FORMATS, FORMAT_NAMES, formatOfPath, isFormat, render, type Format } from '../render/index.js';
import { PdfUnavailableError } from '../render/pdf.js';
import { loadReport } from '../pipeline.js';
import { formatChecked } from './check.js';

export function register(program: Command): void {
  program
    .command('render')
    .description('按国办公开办函〔2021〕30号的格式生成报告：Word、网页、Markdown、纯文本或 PDF')
    .argument('<report>', '报告文件：报告 JSON/YAML（nianbao new 生成的），或 Word、PDF、网页、文本形式的报告')
    .option('--to <format>', `输出格式：${FORMATS.join('|')}（默认按 -o 的扩展名）`)
    .option('-o, --output <file>', '输出文件（默认：与报告同名、换扩展名，写在当前文件夹）')
    .option('--previous <file>', '同一机关上一年度的报告：网页中加上逐年变化图')
    .option('--force', '即使有错误级问题也生成')
    .addHelpText(
      'after',
      `
格式：
${FORMATS.map((f) => `  ${f.padEnd(5)} ${FORMAT_NAMES[f]}`).join('\n')}

示例：
  nianbao render 上塘街道2023年报.yaml --to docx -o 上塘街道2023年报.docx
  nianbao render 上塘街道2023年报.yaml -o 年报.html --previous 上塘街道2022年报.yaml
  nianbao render 七星街道2023年报.txt --to pdf

报告有错误级问题（如合计不符）时不生成，并列出问题；确需生成时加 --force。
退出码：0 已生成；1 有错误级问题未生成；2 输入无法读取或无法生成。`,
    )
    .action(async (input: string, options: { to?: string; output?: string; previous?: string; force?: boolean }) => {
      const format = chooseFormat(input, options.to, options.output);
      const output = options.output ?? `${basename(input, extname(input))}.${format}`;
      if (output === input) throw new InputError(input, '输出文件与输入文件相同，请用 -o 指定另一个文件');
      const { report } = await loadReport(input);
      const previous = options.previous ? (await loadReport(options.previous)).report : undefined;
      const { checkReport } = await import('../check/index.js');
      const findings = checkReport(report, { previous });
      const errors = findings.filter((f) => f.severity === 'error');
      if (errors.length && !options.force) {
        process.stderr.write(formatChecked([{ file: input, meta: report.meta, findings: errors }]));
        process.stderr.write('报告有错误级问题，未生成。改正后重试，或加 --force 仍然生成。\n');
        process.exitCode = 1;
        return;
      }
      let bytes: Uint8Array;
      try {
        bytes = await render(report, format, { previous });
      } catch (error) {
        if (error instanceof PdfUnavailableError) throw new InputError(output, error.message);
        throw error;
      }
      await writeFileAtomic(output, bytes);
      process.stdout.write(`已生成 ${output}（${FORMAT_NAMES[format]}，${bytes.length} 字节）\n`);
    });
}

function chooseFormat(input: string, to: string | undefined, output: string | undefined): Format {
  if (to) {
    if (!isFormat(to)) throw new InputError(input, `不认识的输出格式“${to}”，可用：${FORMATS.join('、')}`);
    return to;
  }
  const fromName = output ? formatOfPath(output) : null;
  if (fromName) return fromName;
  throw new InputError(input, `请用 --to 指定输出格式（${FORMATS.join('、')}），或给 -o 一个带扩展名的文件名`);
}
