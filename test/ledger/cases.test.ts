import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCalendar } from '../../src/ledger/calendar.js';
import {
  CaseError, appendEvent, caseState, defaultSettings, pieceOrdinal, receivedDate, validateIntake,
  type CaseRecord, type NewEvent,
} from '../../src/ledger/cases.js';
import { mergeDecisionMap, rowFor } from '../../src/ledger/decisions.js';

const cal = defaultCalendar();

function make(received = '2024-09-27', channel: 'inPerson' | 'post' | 'online' = 'inPerson'): CaseRecord {
  const field = channel === 'inPerson' ? 'submittedOn' : channel === 'post' ? 'signedOn' : 'confirmedOn';
  const i = validateIntake({
    organ: '示例局', channel, [field]: received,
    applicant: { type: 'natural', name: '张三', idNumber: '110101199001011234', phone: '13812345678' },
    content: '申请公开某项目规划许可证',
  });
  return { ...i, id: 'x1', caseNo: '2024-0001', events: [] };
}

function run(c: CaseRecord, events: NewEvent[], settings = defaultSettings()): { c: CaseRecord; warnings: string[] } {
  const warnings: string[] = [];
  for (const e of events) {
    const r = appendEvent(c, e, cal, settings);
    c = r.record;
    warnings.push(...r.warnings);
  }
  return { c, warnings };
}

test('received date per channel (条例第三十一条)', () => {
  assert.equal(receivedDate({ channel: 'inPerson', submittedOn: '2024-03-01' }), '2024-03-01');
  assert.equal(receivedDate({ channel: 'post', submittedOn: '2024-02-26', signedOn: '2024-03-01' }), '2024-03-01');
  assert.equal(receivedDate({ channel: 'letter', signedOn: '2024-02-29', confirmedOn: '2024-03-01' }), '2024-03-01');
  assert.equal(receivedDate({ channel: 'online', submittedOn: '2024-02-29', confirmedOn: '2024-03-04' }), '2024-03-04');
  assert.equal(receivedDate({ channel: 'fax', confirmedOn: '2024-03-05' }), '2024-03-05');
  // the date the applicant posted it is not the received date
  assert.throws(() => receivedDate({ channel: 'post', submittedOn: '2024-02-26' }), /签收之日/);
  assert.throws(() => receivedDate({ channel: 'online', submittedOn: '2024-02-26' }), /双方确认之日/);
});

test('a plain case: open, then closed by a decision', () => {
  const { c } = run(make(), []);
  const s = caseState(c, cal);
  assert.equal(s.status, 'open');
  assert.equal(s.deadline?.due, '2024-10-30');
  assert.equal(s.correctionNoticeBy, '2024-10-12'); // 7 working days: 29 Sep, 30 Sep, 8–11 Oct, Saturday 12 Oct
  const done = run(c, [{ kind: 'decision', date: '2024-10-25', data: { decision: 'granted' } }]).c;
  const s2 = caseState(done, cal);
  assert.equal(s2.status, 'closed');
  assert.equal(s2.closedOn, '2024-10-25');
  assert.throws(() => appendEvent(done, { kind: 'extension', date: '2024-10-26', data: { days: 5, approver: 'x' } }, cal), /已于 2024-10-25 办结/);
});

test('补正: waiting on the applicant, then the clock restarts from the 补正', () => {
  let { c, warnings } = run(make(), [{ kind: 'correctionNotice', date: '2024-10-14' }]);
  assert.equal(warnings.length, 1, 'notice after the 7th working day is flagged');
  let s = caseState(c, cal);
  assert.equal(s.status, 'waitingApplicant');
  assert.equal(s.deadline?.due, null);
  assert.equal(s.waitingFor?.kind, 'correction');
  assert.equal(s.waitingFor?.until, '2024-11-04'); // 15 working days after 14 Oct
  ({ c } = run(c, [{ kind: 'correctionReceived', date: '2024-10-21' }]));
  s = caseState(c, cal);
  assert.equal(s.status, 'open');
  assert.equal(s.deadline?.start, '2024-10-21');
  assert.equal(s.deadline?.due, '2024-11-18');
});

test('补正 + third-party consultation without reply + extension + fee pause, combined', () => {
  const { c } = run(make(), [
    { kind: 'correctionNotice', date: '2024-09-30' },
    { kind: 'correctionReceived', date: '2024-10-09' },
    { kind: 'thirdPartyConsult', date: '2024-10-21', data: { party: '某公司' } },
  ]);
  // no reply: the pause lasts the third party's 15 working days (22 Oct – 11 Nov) and ends 11 Nov
  let s = caseState(c, cal);
  assert.equal(s.status, 'open');
  // counted: 10, 11, 12 (Saturday, 调休), 14–18 Oct = 8; paused 21 Oct – 11 Nov; then 12 more from 12 Nov
  assert.equal(s.deadline?.due, '2024-11-27');
  const more = run(c, [
    { kind: 'thirdPartyReply', date: '2024-10-25' },
    { kind: 'extension', date: '2024-11-08', data: { days: 10, approver: '王科长' } },
  ]).c;
  s = caseState(more, cal);
  assert.equal(s.deadline?.due, '2024-11-26');
  const fee = run(more, [
    { kind: 'feeNotice', date: '2024-11-11', data: { mode: 'volume', pages: 45 } },
    { kind: 'feePaid', date: '2024-11-15' },
  ]).c;
  s = caseState(fee, cal);
  // 11–15 Nov (5 working days) left out as well
  assert.equal(s.deadline?.due, '2024-12-03');
  assert.equal(s.fee?.amount, 150);
  assert.deepEqual(s.payments, [{ date: '2024-11-15', amount: 150 }]);
  const noPause = caseState(fee, cal, { ...defaultSettings(), feePauses: false });
  assert.equal(noPause.deadline?.due, '2024-11-26');
});

test('event rules: order, extension limit and approver, one fee method, payment deadline', () => {
  const c = make();
  assert.throws(() => appendEvent(c, { kind: 'decision', date: '2024-09-26', data: { decision: 'granted' } }, cal), /早于收到申请之日/);
  const e = run(c, [{ kind: 'extension', date: '2024-10-28', data: { days: 15, approver: '李主任' } }]).c;
  assert.throws(() => appendEvent(e, { kind: 'extension', date: '2024-10-29', data: { days: 6, approver: '李主任' } }, cal), /不得超过20/);
  assert.throws(() => appendEvent(c, { kind: 'extension', date: '2024-10-29', data: { days: 5 } }, cal), /批准的负责人/);
  assert.throws(() => appendEvent(e, { kind: 'decision', date: '2024-10-27', data: { decision: 'granted' } }, cal), /早于本案最后一个事件/);
  const f = run(c, [{ kind: 'feeNotice', date: '2024-10-08', data: { mode: 'piece', ordinal: 12 } }]).c;
  assert.equal(caseState(f, cal).fee?.amount, 100);
  assert.throws(() => appendEvent(f, { kind: 'feeLapsed', date: '2024-11-04' }, cal), /尚未届满/);
  const lapsed = run(f, [{ kind: 'feeLapsed', date: '2024-11-05' }]).c; // payBy = 4 Nov (20 working days from 9 Oct)
  assert.equal(caseState(lapsed, cal).decision, 'feeLapsed');
  const g = run(c, [
    { kind: 'feeNotice', date: '2024-10-08', data: { mode: 'piece', ordinal: 12 } },
    { kind: 'feePaid', date: '2024-10-10' },
  ]).c;
  assert.throws(() => appendEvent(g, { kind: 'feeNotice', date: '2024-10-11', data: { mode: 'volume', pages: 50 } }, cal), /不得同时按件和按量/);
  assert.throws(() => appendEvent(c, { kind: 'correctionReceived', date: '2024-10-10' }, cal), CaseError);
  assert.throws(() => appendEvent(c, { kind: 'decision', date: '2024-10-10', data: { decision: 'maybe' } }, cal), /未知的办理结果/);
});

test('decision mapping is data with defaults and overrides', () => {
  assert.equal(rowFor('alreadyPublic', '2021'), 'granted');
  assert.equal(rowFor('notExist', '2021'), 'unavailable.notHeld');
  assert.equal(rowFor('notThisOrgan', '2021'), 'unavailable.notHeld');
  assert.equal(rowFor('duplicate', '2021'), 'notProcessed.duplicate');
  assert.equal(rowFor('noCorrection', '2021'), 'other.noCorrection');
  assert.equal(rowFor('noCorrection', '2019'), 'other');
  assert.equal(rowFor('specialLaw', '2021'), 'other.other');
  const m = mergeDecisionMap({ specialLaw: 'denied.inquiry' });
  assert.equal(rowFor('specialLaw', '2021', m), 'denied.inquiry');
  assert.throws(() => mergeDecisionMap({ specialLaw: 'total' }), /不是表三办理结果的行/);
  assert.throws(() => mergeDecisionMap({ nope: 'granted' }), /未知的办理结果类型/);
});

test('按件 ordinal counts the same applicant’s applications in the calendar month', () => {
  const base = make('2024-03-01');
  const all: CaseRecord[] = [];
  for (let i = 0; i < 12; i++) {
    const d = `2024-03-${String(1 + i).padStart(2, '0')}`;
    all.push({ ...base, id: `a${i}`, caseNo: `2024-${String(i + 1).padStart(4, '0')}`, receivedOn: d });
  }
  all.push({ ...base, id: 'apr', caseNo: '2024-0100', receivedOn: '2024-04-01' });
  all.push({ ...base, id: 'other', caseNo: '2024-0101', receivedOn: '2024-03-20', applicant: { ...base.applicant, idNumber: '999' } });
  assert.equal(pieceOrdinal(all[10], all), 11);
  assert.equal(pieceOrdinal(all[12], all), 1);
  assert.equal(pieceOrdinal(all[13], all), 1);
});
