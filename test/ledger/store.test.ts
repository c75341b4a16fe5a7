import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { AccessError, type LedgerActor } from '../../src/ledger/access.js';
import { Ledger, type LedgerDb } from '../../src/ledger/store.js';
import { deadlinesIcs, dueSummaryText } from '../../src/ledger/ical.js';
import { exportCsv, exportXlsx, planImport } from '../../src/ledger/import.js';
import { parseCsv } from '../../src/ledger/csv.js';
import { unzipSync, strFromU8 } from 'fflate';

const ORGAN = '示例区自然资源局';
const clerk: LedgerActor = { name: 'web:zhang', role: 'clerk', organ: ORGAN };
const otherClerk: LedgerActor = { name: 'web:li', role: 'clerk', organ: '示例区财政局' };
const admin: LedgerActor = { name: 'web:admin', role: 'admin' };
const reviewer: LedgerActor = { name: 'web:rev', role: 'reviewer', region: '示例区' };
const anonymous: LedgerActor = { name: 'anonymous', role: 'anonymous' };
const operator: LedgerActor = { name: 'cli:test', role: 'operator' };

let pg: PGlite;
let ledger: Ledger;

before(async () => {
  pg = new PGlite();
  await pg.exec(await readFile(new URL('../../src/store/migrations/0100_ledger.sql', import.meta.url), 'utf8'));
  ledger = new Ledger(pg as unknown as LedgerDb);
});
after(async () => {
  await pg.close();
});

const intake = (received: string, name = '张三') => ({
  organ: ORGAN, channel: 'inPerson' as const, submittedOn: received,
  applicant: { type: 'natural' as const, name, idNumber: '110101199001011234', phone: '13812345678', address: '示例区人民路1号' },
  content: '申请公开某地块征收补偿方案',
});

test('cases: create, events, timeline, masking, access and audit', async () => {
  const v = await ledger.createCase(clerk, intake('2024-09-27'));
  assert.equal(v.record.caseNo, '2024-0001');
  assert.equal(v.state.deadline?.due, '2024-10-30');
  const id = v.record.id;
  const e = await ledger.addEvent(clerk, id, { kind: 'extension', date: '2024-10-28', data: { days: 20, approver: '李主任' } });
  assert.equal(e.state.deadline?.due, '2024-11-27');
  // another organ's clerk, a reviewer and an anonymous user see nothing
  for (const who of [otherClerk, reviewer, anonymous]) {
    await assert.rejects(ledger.getCase(who, id), AccessError);
    await assert.rejects(ledger.addEvent(who, id, { kind: 'note', date: '2024-10-29', data: { text: 'x' } }), AccessError);
  }
  await assert.rejects(ledger.listCases(otherClerk, { organ: ORGAN }), AccessError);
  await assert.rejects(ledger.listCases(anonymous), AccessError);
  // the clerk's list is masked unless revealed
  const list = await ledger.listCases(clerk);
  assert.equal(list.items[0].applicantName, '张*');
  assert.equal(list.masked, true);
  const full = await ledger.listCases(clerk, { reveal: true });
  assert.equal(full.items[0].applicantName, '张三');
  // an admin sees the case but never the personal data
  const seen = await ledger.getCase(admin, id);
  assert.equal(seen.record.applicant.idNumber, '110***********1234');
  assert.equal(seen.record.applicant.phone, '138****5678');
  await assert.rejects(ledger.getCase(admin, id, { reveal: true }), /个人信息/);
  await assert.rejects(ledger.listCases(admin, { organ: ORGAN, reveal: true }), AccessError);
  const mine = await ledger.getCase(clerk, id, { reveal: true });
  assert.equal(mine.record.applicant.idNumber, '110101199001011234');
  assert.equal(mine.record.events.length, 1);
  // every view and change is in the audit log, including refusals
  const log = await ledger.auditLog(operator, { caseId: id });
  const actions = log.map((x) => `${x.actor} ${x.action}`);
  assert.ok(actions.includes('web:zhang case.create'));
  assert.ok(actions.includes('web:zhang case.event'));
  assert.ok(actions.includes('web:zhang case.view.personal'));
  assert.ok(actions.includes('web:admin case.view'));
  assert.ok(actions.includes('web:li case.view.denied'));
  assert.ok(actions.includes('web:admin case.reveal.denied'));
});

test('the event log and the audit log are append-only in the database', async () => {
  await assert.rejects(pg.query('UPDATE ledger_events SET event_date = $1', ['2024-01-01']), /append-only/);
  await assert.rejects(pg.query('DELETE FROM ledger_events'), /append-only/);
  await assert.rejects(pg.query('DELETE FROM ledger_audit'), /append-only/);
});

test('what is due; a new calendar year recomputes open deadlines', async () => {
  const a = await ledger.createCase(clerk, intake('2024-10-08', '王五'));
  const b = await ledger.createCase(clerk, intake('2024-10-09', '赵六'));
  await ledger.addEvent(clerk, b.record.id, { kind: 'correctionNotice', date: '2024-10-10' });
  const c = await ledger.createCase(clerk, intake('2026-12-21', '钱七'));
  assert.equal(c.state.deadline, null);
  assert.match(c.state.deadlineError ?? '', /2027年/);
  const due = await ledger.due(clerk, { today: '2024-11-01', within: 3 });
  // a: due Monday 2024-11-04 (1 working day left on Friday 1 Nov); the first case: due 2024-11-27
  assert.deepEqual(due.dueSoon.map((x) => x.id), [a.record.id]);
  assert.equal(due.dueSoon[0].workdaysLeft, 1);
  assert.equal(due.waitingApplicant[0].id, b.record.id);
  assert.equal(due.waitingApplicant[0].waitingUntil, '2024-10-30'); // 15 working days after 10 Oct
  assert.match(due.waitingApplicant[0].note ?? '', /补正期限已过/);
  assert.deepEqual(due.calendarMissing.map((x) => x.id), [c.record.id]);
  const later = await ledger.due(clerk, { today: '2024-11-05' });
  assert.deepEqual(later.overdue.map((x) => x.id), [a.record.id]);
  assert.equal(later.overdue[0].workdaysLeft, -1);
  assert.match(dueSummaryText(later), /已逾期：1件/);
  // the 2027 notice is entered: the open case gets its deadline
  await assert.rejects(ledger.addCalendarYear(clerk, {} as never), AccessError);
  const r = await ledger.addCalendarYear(operator, {
    year: 2027, origin: 'override',
    source: { title: '国务院办公厅关于2027年部分节假日安排的通知（测试）', docNo: null, issued: '2026-11-05', url: null },
    holidays: { '2027-01-01': '元旦' }, workdays: {},
  });
  assert.ok(r.recomputed >= 1);
  const after2027 = await ledger.getCase(clerk, c.record.id);
  // 21 Dec 2026 → 22–25, 28–31 Dec (8), 4–8 Jan (13), 11–15 (18), 18, 19 Jan → 20th working day 19 Jan 2027
  assert.equal(after2027.state.deadline?.due, '2027-01-19');
  const list = await ledger.listCases(clerk, { status: 'open' });
  assert.equal(list.items.find((x) => x.id === c.record.id)?.dueOn, '2027-01-19');
  const ics = deadlinesIcs(await ledger.deadlines(clerk), { organ: ORGAN, stamp: '2026-11-24T00:00:00Z' });
  assert.match(ics, /DTSTART;VALUE=DATE:20270119/);
  assert.match(ics, /BEGIN:VCALENDAR\r\n/);
  assert.doesNotMatch(ics, /钱七/);
});

test('table III from the store, counts visible to the region’s reviewer but not to another organ', async () => {
  const t = await ledger.table3(reviewer, ORGAN, 2024);
  assert.equal(t.requests.newReceived[0], 3);
  assert.equal(t.requests.carriedForward[0], 3);
  await assert.rejects(ledger.table3(otherClerk, ORGAN, 2024), AccessError);
  await ledger.setDecisionRow(clerk, ORGAN, 'specialLaw', 'denied.inquiry');
  const m = await ledger.decisionMap(ORGAN);
  assert.equal(m.specialLaw, 'denied.inquiry');
  assert.equal((await ledger.decisionMap('示例区财政局')).specialLaw, 'other.other');
});

test('CSV import reports the rows it cannot take; export masks unless revealed', async () => {
  const csv = [
    '编号,收到日期,渠道,申请人类型,申请人,证件号码,联系电话,申请内容,答复日期,办理结果',
    'A-1,2024-03-01,当面,自然人,孙八,110101199001015678,13900000000,某文件,2024-03-20,予以公开',
    'A-2,2024/3/4,邮寄,法律服务机构,某律师事务所,,,某批复,2024-03-28,信息不存在',
    'A-3,2024-02-30,当面,自然人,周九,,,某文件,,',
    'A-4,2024-03-05,飞鸽,自然人,吴十,,,某文件,,',
    'A-5,2024-03-05,互联网,商业企业,某公司,,,某文件,2024-03-01,予以公开',
    'A-6,2024-03-06,传真,个人,郑一,,,"含,逗号的内容",2024-03-10,撤回申请',
    'A-7,2024-03-06,当面,自然人,,,,某文件,,',
  ].join('\n');
  const cal = await ledger.calendar();
  const plan = planImport(csv, ORGAN, cal);
  assert.deepEqual(plan.rows.map((r) => r.line), [2, 3, 7]);
  const reasons = Object.fromEntries(plan.rejected.map((r) => [r.line, r.reason]));
  assert.match(reasons[4], /2024-02-30/);
  assert.match(reasons[5], /飞鸽/);
  assert.match(reasons[6], /早于收到申请之日/);
  assert.match(reasons[8], /姓名或名称必填/);
  assert.equal(plan.rows[1].record.events[0].data.decision, 'notExist');
  assert.equal(plan.rows[2].record.content, '含,逗号的内容');
  assert.throws(() => planImport('a,b\n1,2', ORGAN, cal), /缺少必需的列/);

  const exp = await ledger.exportCases(clerk, ORGAN);
  const text = exportCsv(exp.cases, exp.states);
  assert.ok(text.startsWith('\ufeff编号,收到日期'));
  assert.doesNotMatch(text, /110101199001011234/);
  assert.match(text, /110\*+1234/);
  const rows = parseCsv(text.slice(1));
  assert.equal(rows.length, 1 + exp.cases.length);
  const revealed = await ledger.exportCases(clerk, ORGAN, { reveal: true });
  assert.match(exportCsv(revealed.cases, revealed.states), /110101199001011234/);
  await assert.rejects(ledger.exportCases(admin, ORGAN, { reveal: true }), AccessError);
  const xlsx = await exportXlsx(exp.cases, exp.states);
  const files = unzipSync(xlsx);
  const sheet = Object.keys(files).find((f) => f.startsWith('xl/worksheets/'))!;
  const shared = files['xl/sharedStrings.xml'] ? strFromU8(files['xl/sharedStrings.xml']) : strFromU8(files[sheet]);
  assert.match(shared, /申请内容/);
  assert.doesNotMatch(shared, /110101199001011234/);
});
