/**
 * The rule pages docs/rules/<id>.md and their index, written from the rules themselves: meta
 * (title, severity, basis), a failing example whose finding is what the checker prints today, and a
 * passing one. `npx tsx scripts/rule-docs.ts` rewrites them; a test keeps them in step.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkReport, RULES } from '../src/check/index.js';
import { SEVERITY_ZH } from '../src/model/findings.js';
import { REQUEST_COLUMNS, requestRowName } from '../src/model/layouts.js';
import type { Report } from '../src/model/report.js';
import type { UnitsSum } from '../src/check/rule.js';

const root = join(import.meta.dirname, '..');
const seed = (name: string): Report => JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'seeds', name), 'utf8')) as Report;
/** 杭州市拱墅区人民政府上塘街道办事处 2023年（2021 版表格） and 宝山区七星街道办事处 2023年（2019 版表格）: real reports. */
const base2021 = () => seed('004_93eb2dffc0d9e55f.expected.json');
const base2019 = () => seed('000_8261b10cffc5e83c.expected.json');

function rows(report: Report, keys: string[]): string {
  const head = `| 行 | ${REQUEST_COLUMNS.map((c) => c.label).join(' | ')} |\n|---|${REQUEST_COLUMNS.map(() => '---').join('|')}|`;
  const body = keys.map((k) => `| ${requestRowName(report.meta.template, k)} | ${report.requests[k].map((v) => (v === null ? '（空）' : v)).join(' | ')} |`);
  return [head, ...body].join('\n');
}

interface Example {
  /** What the rule checks, precisely, and what it leaves alone. */
  what: string;
  fix: string;
  /** Build the failing report (and the previous year's, for pair rules; the units' sum, for rollup rules); returns the excerpt shown. */
  fail(): { report: Report; previous?: Report; units?: UnitsSum; excerpt: string };
  pass(): { report: Report; previous?: Report; units?: UnitsSum; excerpt: string };
}

const EXAMPLES: Record<string, Example> = {
  'requests.row-total': {
    what: '表三每一行（一、二、（一）至（七）及其细项、四）的“总计”列，是否等于自然人和法人或其他组织五列之和。申请人各列中的空白格按没有数字处理；申请人列填有数字而“总计”空白的，同样报告（应为各列之和，实际为空白：`expected` 为和，`actual` 为 null）——空白表示“未填报”，不是 0。整行空白的不在此检查（由 cell.blank 提示）；该行有格子无法读取的由 cell.invalid、cell.unreadable 报告，不在此检查。',
    fix: '逐行把六类申请人的数字相加，改正“总计”列或填错的申请人列。`nianbao fill` 可以替你算出留空的“总计”。',
    fail() {
      const report = base2021();
      report.requests.newReceived[6] = 41;
      return { report, excerpt: rows(report, ['newReceived']) };
    },
    pass() {
      const report = base2021();
      return { report, excerpt: rows(report, ['newReceived']) };
    },
  },
  'requests.outcome-total': {
    what: '表三“（七）总计”行的每一列，是否等于（一）予以公开、（二）部分公开、（三）不予公开 1–8、（四）无法提供 1–3、（五）不予处理 1–5、（六）其他处理（2021 版三个细项，2019 版一行）之和。办理结果各行中的空白格按没有数字处理；某一列办理结果填有数字而“（七）总计”在该列空白的，同样报告（`expected` 为和，`actual` 为 null）——空白表示“未填报”，不是 0。该列办理结果全部空白的不在此检查（由 cell.blank 提示），该列有格子无法读取的也不在此检查（由 cell.invalid、cell.unreadable 报告）。',
    fix: '核对各项办理结果是否都已填入，每件申请只计入一个办理结果（部分公开的只计部分公开）。',
    fail() {
      const report = base2021();
      report.requests.total = [38, 1, 0, 0, 0, 1, 40];
      report.requests.carriedForward = [0, 0, 0, 0, 0, 0, 0];
      return { report, excerpt: rows(report, ['granted', 'denied.inquiry', 'unavailable.notHeld', 'other.other', 'total']) };
    },
    pass() {
      const report = base2021();
      return { report, excerpt: rows(report, ['granted', 'denied.inquiry', 'unavailable.notHeld', 'other.other', 'total']) };
    },
  },
  'requests.balance': {
    what: '表三表头写明的勾稽关系：每一列“一、本年新收”加“二、上年结转”，等于“（七）总计”加“四、结转下年度继续办理”。其中有格子无法读取（由 cell.invalid、cell.unreadable 报告）的列不在此检查，免得把读不出的数当成算错。',
    fix: '收到的申请（新收加上年结转）要么在本年办结（计入办理结果），要么结转下年度。查漏填的办理结果或结转数。',
    fail() {
      const report = base2021();
      report.requests.carriedForward = [2, 0, 0, 0, 0, 0, 2];
      return { report, excerpt: rows(report, ['newReceived', 'carriedOver', 'total', 'carriedForward']) };
    },
    pass() {
      const report = base2021();
      return { report, excerpt: rows(report, ['newReceived', 'carriedOver', 'total', 'carriedForward']) };
    },
  },
  'review.total': {
    what: '表四行政复议、行政诉讼（未经复议直接起诉、复议后起诉）三组，各组“总计”是否等于结果维持、结果纠正、其他结果、尚未审结之和。其中有格子无法读取（由 cell.invalid、cell.unreadable 报告）的组不在此检查。',
    fix: '把四种结果相加填入“总计”。',
    fail() {
      const report = base2021();
      report.review.reconsideration = [1, 1, 0, 0, 3];
      return { report, excerpt: '| | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|---|\n| 行政复议 | 1 | 1 | 0 | 0 | 3 |' };
    },
    pass() {
      const report = base2021();
      report.review.reconsideration = [1, 1, 0, 0, 2];
      return { report, excerpt: '| | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|---|\n| 行政复议 | 1 | 1 | 0 | 0 | 2 |' };
    },
  },
  'cell.invalid': {
    what: '表二、表三、表四中应填数量的格子，是否是 0 或正整数。“约5”“若干”、负数都不是数量。“/”“-”“无”和空白按空白处理（见 cell.blank）。表二的“本年增/减”可以写文字，不在此检查。',
    fix: '填写确切的件数；没有的填 0。',
    fail() {
      const report = base2021();
      report.active.penalty.decisions = '若干';
      return { report, excerpt: '| 信息内容 | 本年处理决定数量 |\n|---|---|\n| 行政处罚 | 若干 |' };
    },
    pass() {
      const report = base2021();
      return { report, excerpt: '| 信息内容 | 本年处理决定数量 |\n|---|---|\n| 行政处罚 | 712 |' };
    },
  },
  'cell.unreadable': {
    what: '原件（多为 PDF 或网页转成的文字）丢失了单元格边界，相邻格的数字连成一串，而表格的合计关系又不能唯一确定怎样拆分。此时该格记为空（null），不作猜测。能唯一拆分的，nianbao 按合计关系自动拆开，不报告。',
    fix: '对照原件核对这些格子；发布报告时使用真正的表格，而不是图片或连排文字。',
    fail() {
      const report = base2021();
      report.requests.newReceived = [null, null, null, null, null, null, null];
      report.anomalies = [{ where: { table: 'requests', row: 'newReceived', col: 0 }, kind: 'unreadable', raw: '3710001 39' }];
      return { report, excerpt: '```\n一、本年新收政府信息公开申请数量 3710001 39\n```' };
    },
    pass() {
      const report = base2021();
      return { report, excerpt: '```\n一、本年新收政府信息公开申请数量 37 1 0 0 0 1 39\n```' };
    },
  },
  'template.outdated': {
    what: '报告年度为 2021 年或以后，却仍使用国办公开办函〔2019〕60号的表格（从表二的栏目识别：“本年新制作数量”“本年新公开数量”“对外公开总数量”等）。2019、2020 年度的报告用旧表格不报告。',
    fix: '改用 2021 版表格。`nianbao upgrade 报告 -o 新报告.yaml` 把能对应的数字转过去，并列出要补填的栏目。',
    fail() {
      const report = base2019();
      return { report, excerpt: '2023年度报告，表二为：\n\n| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n|---|---|---|---|\n| 规章 | 0 | 0 | 0 |' };
    },
    pass() {
      const report = base2021();
      return { report, excerpt: '2023年度报告，表二为：\n\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 0 | 0 | 0 |' };
    },
  },
  'template.missing-section': {
    what: '报告是否有规定的六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。标题的常见变体（“五、存在问题及改进情况”“5、…”）都认得。',
    fix: '补上缺少的部分；没有内容的部分也保留标题并写明情况。',
    fail() {
      const report = base2021();
      report.sections = report.sections.filter((s) => s.no !== 6);
      return { report, excerpt: '报告在“五、存在的主要问题及改进情况”之后结束，没有第六部分。' };
    },
    pass() {
      return { report: base2021(), excerpt: '报告依次有一至六部分。' };
    },
  },
  'template.missing-row': {
    what: '所用版式的表二、表三、表四的每一行是否都在。整张表缺失只报告一次。',
    fix: '按通知附件的表格补齐各行；没有数字的行填 0，不要删行。',
    fail() {
      const report = base2021();
      delete report.requests['denied.processInfo'];
      return { report, excerpt: '表三中“（三）不予公开”下只有 1–5、7、8 项，没有“6.属于四类过程性信息”。' };
    },
    pass() {
      return { report: base2021(), excerpt: '表三“（三）不予公开”下 1–8 项齐全。' };
    },
  },
  'meta.period-mismatch': {
    what: '报告写明的统计期限（“本报告中所列数据的统计期限自……起至……止”）是否为报告年度的 1 月 1 日至 12 月 31 日。没有写统计期限的不在此报告。',
    fix: '统计期限写为报告年度的全年。',
    fail() {
      const report = base2021();
      report.meta.period = { start: '2023-01-01', end: '2023-11-30' };
      return { report, excerpt: '本报告中所列数据的统计期限自2023年1月1日起至2023年11月30日止。' };
    },
    pass() {
      return { report: base2021(), excerpt: '本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。' };
    },
  },
  'narrative.mismatch': {
    what: '正文中关于申请和复议诉讼的数字是否与表三、表四一致：共收到（新收）申请 N 件 ↔ 一、本年新收总计（含上年结转的说法也认）；办结/答复 N 件 ↔ （七）总计（正文说明撤回申请的，减去撤回件数也认）；予以公开、部分公开、不予公开（括号中写明理由的，对照该理由一行）、无法提供、不予处理 N 件；结转下年度、上年结转 N 件；行政复议 N 件、行政诉讼 N 件、行政复议和行政诉讼 N 件。与上年比较的句子（“较上年”“同比”）和说其他年份的句子不核对。',
    fix: '以表格为准改正文，或者表格填错了就改表格。',
    fail() {
      const report = base2021();
      report.requests.granted = [27, 0, 0, 0, 0, 0, 27];
      report.requests['unavailable.notHeld'] = [8, 0, 0, 0, 0, 1, 9];
      return { report, excerpt: '> 2023年，我街道共收到依申请公开信息39件,申请人撤件1件，办结38件，均在规定期限内办理、答复。其中，予以公开28件，不予公开（属于行政查询事项）2件，无法提供（本机关不掌握相关政府信息）8件。\n\n而表三“（一）予以公开”总计为 27，“（四）无法提供 1.本机关不掌握相关政府信息”总计为 9。' };
    },
    pass() {
      return { report: base2021(), excerpt: '> 2023年，我街道共收到依申请公开信息39件,申请人撤件1件，办结38件，……其中，予以公开28件，不予公开（属于行政查询事项）2件，无法提供（本机关不掌握相关政府信息）8件。\n\n表三：新收 39，（七）总计 39（含撤件 1 件计入“其他”），予以公开 28，属于行政查询事项 2，本机关不掌握相关政府信息 8。' };
    },
  },
  'active.published-total': {
    what: '（仅 2019 版表格）表二规章、规范性文件的“对外公开总数量”不小于“本年新公开数量”。',
    fix: '对外公开总数量应包含本年新公开的文件。',
    fail() {
      const report = base2019();
      report.meta.year = 2020;
      report.meta.period = { start: '2020-01-01', end: '2020-12-31' };
      report.active.normativeDocuments = { made: 3, published: 3, total: 2 };
      return { report, excerpt: '| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n|---|---|---|---|\n| 规范性文件 | 3 | 3 | 2 |' };
    },
    pass() {
      const report = base2019();
      report.meta.year = 2020;
      report.meta.period = { start: '2020-01-01', end: '2020-12-31' };
      report.active.normativeDocuments = { made: 3, published: 3, total: 25 };
      return { report, excerpt: '| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n|---|---|---|---|\n| 规范性文件 | 3 | 3 | 25 |' };
    },
  },
  'section.problems-empty': {
    what: '第五部分“存在的主要问题及改进情况”是否有实际内容：没有文字，或者只写“无”“暂无”的，报告。',
    fix: '写明本年度工作中存在的主要问题、上年问题的改进情况和下一步改进措施。',
    fail() {
      const report = base2021();
      report.sections.find((s) => s.no === 5)!.text = '无。';
      return { report, excerpt: '五、存在的主要问题及改进情况\n\n无。' };
    },
    pass() {
      return { report: base2021(), excerpt: '五、存在的主要问题及改进情况\n\n……存在部分群众对政府信息查询方式不了解不熟悉的情况。针对此问题，一是……' };
    },
  },
  'section.fee-statement': {
    what: '（2021 年度起）报告是否说明了信息处理费的收取情况：全文出现“信息处理费”“处理费”“收费”等说法即认为已说明。',
    fix: '在第六部分写明依据《政府信息公开信息处理费管理办法》收取信息处理费的件数和金额，或写明“本年度未收取信息处理费”。',
    fail() {
      const report = base2021();
      report.sections.find((s) => s.no === 6)!.text = '无其他需要报告的事项。';
      return { report, excerpt: '六、其他需要报告的事项\n\n无其他需要报告的事项。' };
    },
    pass() {
      return { report: base2021(), excerpt: '六、其他需要报告的事项\n\n2023年，我街道未发生政府信息公开信息处理费收取情况。' };
    },
  },
  'section.government-assessment': {
    what: '机关名称以“人民政府”结尾（各级人民政府本身，不含其办公室、部门和街道）的报告，全文是否说到工作考核、社会评议和责任追究结果情况（出现“考核”“评议”“责任追究”之一即可）。',
    fix: '在第一部分“监督保障”或第六部分写明本年度政府信息公开工作考核、社会评议和责任追究结果情况。',
    fail() {
      const report = base2021();
      report.meta.agency = '杭州市拱墅区人民政府';
      report.sections = report.sections.map((s) => ({ ...s, text: s.text.replace(/考核|评议|责任追究/g, '') }));
      return { report, excerpt: '机关：杭州市拱墅区人民政府；全文没有“考核”“评议”“责任追究”。' };
    },
    pass() {
      const report = base2021();
      report.meta.agency = '杭州市拱墅区人民政府';
      report.sections[0].text += '\n本年度开展政务公开工作考核和社会评议，未发生责任追究情况。';
      return { report, excerpt: '机关：杭州市拱墅区人民政府；“本年度开展政务公开工作考核和社会评议，未发生责任追究情况。”' };
    },
  },
  'continuity.carryover': {
    what: '同一机关相邻两个年度的报告一起核查（`nianbao check 2022年报 2023年报`，或都在报告库中）时，本年表三“二、上年结转”的每一列，是否等于上年表三“四、结转下年度继续办理”的同一列。2020 年旧表格与 2021 年新表格之间同样核对。',
    fix: '上年结转就是上年报告中结转到本年的那些申请，逐列照上年报告填写；如果上年报告填错了，应在本年报告中说明。',
    fail() {
      const report = base2021();
      report.requests.carriedOver = [2, 0, 0, 0, 0, 0, 2];
      report.requests.carriedForward = [2, 0, 0, 0, 0, 0, 2];
      const previous = base2021();
      previous.meta.year = 2022;
      previous.meta.title = '杭州市拱墅区人民政府上塘街道办事处2022年度政府信息公开工作年度报告';
      previous.requests.carriedForward = [1, 1, 0, 0, 0, 0, 2];
      return { report, previous, excerpt: '2022 年报告“四、结转下年度继续办理”：自然人 1，商业企业 1，总计 2；\n2023 年报告“二、上年结转政府信息公开申请数量”：自然人 2，商业企业 0，总计 2。' };
    },
    pass() {
      const report = base2021();
      const previous = base2021();
      previous.meta.year = 2022;
      return { report, previous, excerpt: '2022 年报告“四、结转下年度继续办理”与 2023 年报告“二、上年结转”逐列都是 0。' };
    },
  },
  'meta.published-late': {
    what: '报告末尾的落款日期（报告 JSON 的 meta.published）是否晚于该机关类型的公布期限：政府部门、乡镇人民政府和街道办事处为次年1月31日，县级以上人民政府为次年3月31日。机关类型按机关名称推断（“…街道办事处”“…镇人民政府”为乡镇/街道，“…区人民政府”为县级以上人民政府，其余为政府部门）；没有落款日期的报告不检查。报告库的“公布日历”还用审阅人登记的公布日期和导入日期核对，并可修改机关类型。',
    fix: '按期限公布报告；如果报告实际按时公布、只是落款日期写晚了，核对落款日期，或在公布日历中登记实际公布日期。',
    fail() {
      const report = base2021();
      report.meta.published = '2024-02-20';
      return { report, excerpt: '杭州市拱墅区人民政府上塘街道办事处 2023 年度报告，末尾落款“2024年2月20日”。' };
    },
    pass() {
      const report = base2021();
      report.meta.published = '2024-01-25';
      return { report, excerpt: '同一报告落款“2024年1月25日”。' };
    },
  },
  'continuity.in-force': {
    what: '同一机关相邻两年都用 2021 版表格时，表二规章、行政规范性文件的“现行有效件数”是否等于上年现行有效件数加本年制发件数减本年废止件数。修订有时计入“制发”，所以只作警告。',
    fix: '核对现行有效件数；如果修订计入了制发，在正文中说明。',
    fail() {
      const report = base2021();
      report.active.normativeDocuments = { issued: 3, repealed: 1, inForce: 30 };
      const previous = base2021();
      previous.meta.year = 2022;
      previous.active.normativeDocuments = { issued: 2, repealed: 0, inForce: 25 };
      return { report, previous, excerpt: '2022 年：行政规范性文件现行有效 25 件；2023 年：本年制发 3 件，本年废止 1 件，现行有效 30 件（25 + 3 − 1 = 27）。' };
    },
    pass() {
      const report = base2021();
      report.active.normativeDocuments = { issued: 3, repealed: 1, inForce: 27 };
      const previous = base2021();
      previous.meta.year = 2022;
      previous.active.normativeDocuments = { issued: 2, repealed: 0, inForce: 25 };
      return { report, previous, excerpt: '2022 年现行有效 25 件；2023 年制发 3 件、废止 1 件、现行有效 27 件。' };
    },
  },
  'continuity.copied': {
    what: '同一机关相邻两年的表三、表四全部数字完全相同，而且不全是 0（全是 0 的小单位年年相同是正常的）。',
    fix: '核实本年数字是否照搬了上年报告。',
    fail() {
      const report = base2021();
      const previous = base2021();
      previous.meta.year = 2022;
      return { report, previous, excerpt: '2022 年和 2023 年报告表三、表四的每个数字都一样（新收 39，予以公开 28，……）。' };
    },
    pass() {
      const report = base2021();
      const previous = base2021();
      previous.meta.year = 2022;
      previous.requests.newReceived = [30, 1, 0, 0, 0, 1, 32];
      return { report, previous, excerpt: '2022 年新收 32 件，2023 年新收 39 件。' };
    },
  },
  'rollup.mismatch': {
    what: '县级以上人民政府的年度报告，表二（件数、处理决定数、收费金额）、表三、表四的每个格子，是否等于所属单位报告之和。所属单位为报告库中同一地区的政府部门、乡镇（街道）、本级政府办公室，以及下一级地区的人民政府（它们的报告已包含其部门，不重复计算）；没有报告但有主动公开台账的单位，表二按台账计。每个不一致的格子一条问题。',
    fix: '核对汇总时是否漏了单位、重复计算了下级政府的部门，或个别单位的报告已更正而汇总未更新；`nianbao rollup-report --units` 列出计入的单位和未报送的单位。',
    fail() {
      const report = base2021();
      const units = unitsOf(report);
      units.requests.newReceived = [36, 1, 0, 0, 0, 2, 39];
      units.active.normativeDocuments = { ...units.active.normativeDocuments, inForce: 31 };
      return { report, units, excerpt: '政府报告表三“本年新收”：自然人 37、其他 1、总计 39；所属 12 个单位之和：自然人 36、其他 2、总计 39。表二行政规范性文件现行有效：报告 0 件，单位之和 31 件。' };
    },
    pass() {
      const report = base2021();
      return { report, units: unitsOf(report), excerpt: '政府报告的每个格子都等于所属单位之和。' };
    },
  },
  'cell.blank': {
    what: '应填数量的格子是否留了空白（或只写了“/”“-”“无”）。空白与 0 无法区分，通知要求逐项填写。无法读取的格子不重复报告。',
    fix: '没有的填 0。',
    fail() {
      const report = base2019();
      return { report, excerpt: rows(report, ['unavailable.notHeld']) };
    },
    pass() {
      const report = base2019();
      report.requests['unavailable.notHeld'][5] = 0;
      return { report, excerpt: rows(report, ['unavailable.notHeld']) };
    },
  },
};

/** The units' sum equal to the report's own tables. */
function unitsOf(report: Report): UnitsSum {
  const numbers = (t: Record<string, Array<number | null>>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.map((x) => x ?? 0)]));
  return { count: 12, active: structuredClone(report.active), requests: numbers(report.requests), review: numbers(report.review) };
}

function findingsFor(id: string, ex: { report: Report; previous?: Report; units?: UnitsSum }) {
  return checkReport(ex.report, { previous: ex.previous, units: ex.units, only: [id] });
}

export function rulePages(): Map<string, string> {
  const pages = new Map<string, string>();
  for (const rule of RULES) {
    const id = rule.meta.id;
    const ex = EXAMPLES[id];
    if (!ex) throw new Error(`no documentation example for ${id}`);
    const fail = ex.fail();
    const pass = ex.pass();
    const found = findingsFor(id, fail);
    if (!found.length) throw new Error(`the failing example of ${id} does not fail`);
    if (findingsFor(id, pass).length) throw new Error(`the passing example of ${id} does not pass`);
    const lines = [
      `# ${id}：${rule.meta.title}`,
      '',
      `严重程度：**${SEVERITY_ZH[rule.meta.severity]}**（${rule.meta.severity}）。${rule.meta.scope === 'pair' ? '需要同一机关上一年度的报告。' : rule.meta.scope === 'rollup' ? '需要所属单位的报告（`nianbao rollup-report`、网页“政府汇总”）。' : ''}`,
      '',
      '## 检查什么',
      '',
      ex.what,
      '',
      '## 为什么',
      '',
      rule.meta.basis,
      '',
      '## 不通过的例子',
      '',
      fail.excerpt,
      '',
      'nianbao 报告：',
      '',
      '```',
      ...found.map((f) => `${SEVERITY_ZH[f.severity]}  ${f.rule}  ${f.message}`),
      '```',
      '',
      '## 通过的例子',
      '',
      pass.excerpt,
      '',
      '## 如何修改',
      '',
      ex.fix,
      '',
    ];
    pages.set(`${id}.md`, lines.join('\n'));
  }
  const index = [
    '# 核查规则',
    '',
    '`nianbao check 报告文件…` 逐条应用下列规则（网页版的核查和报告库的导入用的是同一套规则）。',
    '同一机关相邻两年的报告一起给出时（或都在报告库中），另外核对跨年度的规则。',
    '',
    '- **错误**：法规或表格本身的算术关系不成立，报告必须改正；有错误时 `nianbao check` 的退出码为 1，`nianbao render` 拒绝生成（除非加 `--force`）。',
    '- **警告**：很可能有问题，需要人工确认。',
    '- **提示**：质量问题，例如空白格。',
    '',
    '`--json` 输出 `{"schema": "nianbao/findings@1", "reports": [{"file", "meta", "findings": […]}]}`，每条问题有规则、严重程度、中文说明、单元格位置（where）和应有值、实际值（expected、actual）。',
    '退出码：0 没有错误级问题；1 有错误级问题；2 有文件无法读取或不是年度报告。',
    '',
    '| 规则 | 严重程度 | 检查什么 |',
    '|---|---|---|',
    ...RULES.map((r) => `| [${r.meta.id}](${r.meta.id}.md) | ${SEVERITY_ZH[r.meta.severity]} | ${r.meta.title} |`),
    '',
    '内容雷同（`similarity.duplicate`）在报告库中跨报告计算，见 [../store.md](../store.md)。',
    '',
  ];
  pages.set('README.md', index.join('\n'));
  return pages;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = join(root, 'docs', 'rules');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of rulePages()) writeFileSync(join(dir, name), text);
  console.log(`docs/rules: ${rulePages().size} pages`);
}
