/**
 * The date at the end of a report (meta.published) and the rule meta.published-late: a real report
 * with its sign-off lines appended as people type them, in Arabic and Chinese numerals, read from
 * text and from the Word file the project renders; dates that are not a sign-off are left alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadReportFromBytes } from '../../src/pipeline.js';
import { checkReport } from '../../src/check/index.js';
import { render } from '../../src/render/index.js';
import { parseSignOffDate } from '../../src/parse/published.js';
import { dueDate, inferOrganKind } from '../../src/register/organ-kind.js';
import type { Report } from '../../src/model/report.js';

const seeds = join(import.meta.dirname, '..', 'fixtures', 'seeds');
const seedText = (name: string) => readFileSync(join(seeds, name), 'utf8');
const parse = async (text: string, name = 'r.txt') => (await loadReportFromBytes(new TextEncoder().encode(text), name)).report;

test('the sign-off date after the organ name is read, in Arabic or Chinese numerals', async () => {
  const base = seedText('004_93eb2dffc0d9e55f.txt').trimEnd();
  const arabic = await parse(`${base}\n\n杭州市拱墅区人民政府上塘街道办事处\n2024年1月25日\n`);
  assert.equal(arabic.meta.published, '2024-01-25');
  const chinese = await parse(`${base}\n　　杭州市拱墅区人民政府上塘街道办事处\n　　二〇二四年二月二十日\n\n`);
  assert.equal(chinese.meta.published, '2024-02-20');
  const oneLine = await parse(`${base}\n杭州市拱墅区人民政府上塘街道办事处　2024年1月26日\n`);
  assert.equal(oneLine.meta.published, '2024-01-26');
  const portal = await parse(`来源：上塘街道　发布时间：2024-01-29 09:30　浏览次数：120\n${base}\n`);
  assert.equal(portal.meta.published, '2024-01-29', 'a web page copy keeps the portal date above the report');
  const none = await parse(base);
  assert.equal('published' in none.meta, false, 'no sign-off: no key');
});

test('a date that is not a sign-off is not taken', () => {
  assert.equal(parseSignOffDate(['本年度共收到申请39件。', '2023年12月31日'], 2023), null, 'before the year has ended');
  assert.equal(parseSignOffDate(['某街道办事处', '2026年1月5日'], 2023), null, 'more than a year later');
  assert.equal(parseSignOffDate(['截至2024年1月25日，共公开信息100条。'], 2023), null, 'a date inside a sentence');
  assert.equal(parseSignOffDate(['某街道办事处', '2024年2月30日'], 2023), null, 'no such day');
  assert.equal(parseSignOffDate(['某街道办事处', '2024 年 3 月 31 日', '（联系电话：0571-1234567）'], 2023), '2024-03-31');
  assert.equal(parseSignOffDate(['某局', '二〇二四年一月十日'], 2023), '2024-01-10');
  assert.equal(parseSignOffDate(['我街道将于2024年1月10日'], 2023), null, 'a sentence ending in a date is no sign-off');
});

test('the date survives rendering to Word and reading back', async () => {
  const base = seedText('004_93eb2dffc0d9e55f.txt').trimEnd();
  const report = await parse(`${base}\n杭州市拱墅区人民政府上塘街道办事处\n2024年1月25日\n`);
  const docx = await render(report, 'docx');
  const back = (await loadReportFromBytes(docx, 'r.docx')).report;
  assert.equal(back.meta.published, '2024-01-25');
});

function dated(agency: string, year: number, published: string): Report {
  const report = JSON.parse(readFileSync(join(seeds, '004_93eb2dffc0d9e55f.expected.json'), 'utf8')) as Report;
  report.meta.agency = agency;
  report.meta.year = year;
  report.meta.published = published;
  return report;
}
const late = (r: Report) => checkReport(r, { only: ['meta.published-late'] });

test('meta.published-late: departments and townships by 31 January, governments by 31 March', () => {
  assert.equal(late(dated('示例区教育局', 2024, '2025-01-31')).length, 0, 'on the day is on time');
  const f = late(dated('示例区教育局', 2024, '2025-02-01'));
  assert.equal(f.length, 1);
  assert.equal(f[0].expected, '2025-01-31');
  assert.equal(f[0].actual, '2025-02-01');
  assert.match(f[0].message, /政府部门2024年度报告的公布期限2025年1月31日/);
  assert.equal(late(dated('示例区七星街道办事处', 2024, '2025-02-10')).length, 1);
  assert.equal(late(dated('示例镇人民政府', 2024, '2025-02-10')).length, 1);
  assert.equal(late(dated('示例市示例区人民政府', 2024, '2025-03-31')).length, 0);
  assert.equal(late(dated('示例市示例区人民政府', 2024, '2025-04-01')).length, 1);
  assert.equal(late(dated('示例市人民医院', 2024, '2025-06-01')).length, 0, 'no due date for other organs');
});

test('organ kinds from names', () => {
  const cases: [string, string][] = [
    ['杭州市拱墅区人民政府上塘街道办事处', 'township'], ['宝山区七星街道', 'township'], ['示例县平原镇人民政府', 'township'], ['示例县某某乡', 'township'],
    ['示例市示例区人民政府', 'government'], ['示例省人民政府', 'government'], ['示例县政府', 'government'],
    ['示例市示例区人民政府办公室', 'department'], ['示例区市场监督管理局', 'department'], ['示例区发展和改革委员会', 'department'],
    ['示例市第一人民医院', 'other'],
  ];
  for (const [name, kind] of cases) assert.equal(inferOrganKind(name), kind, name);
  assert.equal(dueDate('government', 2024), '2025-03-31');
  assert.equal(dueDate('department', 2024), '2025-01-31');
  assert.equal(dueDate('other', 2024), null);
});
