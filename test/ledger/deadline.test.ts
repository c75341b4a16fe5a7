import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCalendar } from '../../src/ledger/calendar.js';
import { DeadlineError, computeDeadline } from '../../src/ledger/deadline.js';
import { HAND, handAddWorkdays, nextDay } from './holidays-table.js';

const cal = defaultCalendar();
const due = (received: string, more: Partial<Parameters<typeof computeDeadline>[0]> = {}) => computeDeadline({ received, ...more }, cal).due;

test('the three worked examples', () => {
  assert.equal(due('2024-09-27'), '2024-10-30');
  assert.equal(due('2024-09-27', { extensions: [{ days: 20, approver: '李主任' }] }), '2024-11-27');
  assert.equal(due('2025-01-24'), '2025-02-27');
});

test('hand-computed deadlines across holidays and 调休', () => {
  // 2019 劳动节 as changed in March 2019: Sunday 28 April and Sunday 5 May were working days
  assert.equal(due('2019-04-26'), '2019-05-27');
  // 2020 Spring Festival extended to 2 February; Saturday 1 February no longer a working day
  assert.equal(due('2020-01-22'), '2020-02-27');
  // 2023 中秋国庆: 29 Sep – 6 Oct off, Saturday 7 and Sunday 8 October working
  assert.equal(due('2023-09-27'), '2023-10-31');
  // across the year end into 2026 (Sunday 4 January 2026 a working day)
  assert.equal(due('2025-12-25'), '2026-01-23');
  // received on a holiday: counting still starts the next day
  assert.equal(due('2024-10-03'), '2024-11-01');
});

test('deadlines from every day around every holiday period of 2019–2026 agree with the hand table', () => {
  let n = 0;
  for (let y = 2019; y <= 2026; y++) {
    for (const [from] of HAND[y].off) {
      // every received date from 10 days before the holiday to 3 days into it
      let d = from;
      for (let i = 0; i < 10; i++) d = new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      if (d < '2019-01-01') d = '2019-01-01';
      for (let i = 0; i < 14; i++, d = nextDay(d)) {
        assert.equal(due(d), handAddWorkdays(d, 20), `received ${d}`);
        if (d < '2026-10-01') assert.equal(due(d, { extensions: [{ days: 20 }] }), handAddWorkdays(d, 40), `received ${d} +20`);
        n++;
      }
    }
  }
  assert.ok(n > 600);
});

test('a pause leaves out the working days on and between its two dates', () => {
  const r = computeDeadline({ received: '2024-09-27', pauses: [{ from: '2024-10-08', to: '2024-10-15', reason: '征求第三方意见' }] }, cal);
  // 8–11 Oct, Saturday 12 Oct (调休), 14–15 Oct: 7 working days not counted
  assert.equal(r.pausedWorkdays, 7);
  assert.equal(r.due, '2024-11-08');
  assert.ok(r.steps.some((s) => s.includes('2024-10-08至2024-10-15 征求第三方意见，其间7个工作日不计入')));
  // a pause on non-working days only changes nothing
  assert.equal(due('2024-09-27', { pauses: [{ from: '2024-10-01', to: '2024-10-07', reason: 'x' }] }), '2024-10-30');
  // a pause before day 0 changes nothing
  assert.equal(due('2024-09-27', { pauses: [{ from: '2024-09-20', to: '2024-09-27', reason: 'x' }] }), '2024-10-30');
  // overlapping pauses count a day once
  assert.equal(
    due('2024-09-27', {
      pauses: [
        { from: '2024-10-08', to: '2024-10-11', reason: 'a' },
        { from: '2024-10-10', to: '2024-10-15', reason: 'b' },
      ],
    }),
    '2024-11-08',
  );
});

test('an open pause stops the clock: no due date until it ends', () => {
  const r = computeDeadline({ received: '2024-09-27', pauses: [{ from: '2024-10-08', to: null, reason: '征求其他机关意见' }] }, cal);
  assert.equal(r.due, null);
  assert.equal(r.openPause?.reason, '征求其他机关意见');
  // an open pause after the due date does not matter
  assert.equal(due('2024-09-27', { pauses: [{ from: '2024-11-01', to: null, reason: 'x' }] }), '2024-10-30');
});

test('补正 restarts the clock, with a pause and an extension after it', () => {
  // 补正 received Wednesday 9 Oct 2024: day 1 is 10 Oct, Saturday 12 Oct is a working day;
  // third party consulted 21–25 Oct (5 working days left out); 20th counted day 12 Nov; +10 → 26 Nov
  const r = computeDeadline(
    {
      received: '2024-09-27',
      restartedOn: '2024-10-09',
      pauses: [{ from: '2024-10-21', to: '2024-10-25', reason: '征求第三方意见' }],
      extensions: [{ days: 10, approver: '王科长', date: '2024-11-08' }],
    },
    cal,
  );
  assert.equal(r.start, '2024-10-09');
  assert.equal(r.statutoryDue, '2024-11-12');
  assert.equal(r.due, '2024-11-26');
  const skip = (d: string) => d >= '2024-10-21' && d <= '2024-10-25';
  assert.equal(r.due, handAddWorkdays('2024-10-09', 30, skip));
  assert.ok(r.steps[1].includes('重新计算'));
  assert.ok(r.steps.some((s) => s.includes('经王科长同意（2024-11-08）延长答复期限10个工作日')));
});

test('extensions are limited to 20 working days in all', () => {
  assert.throws(() => computeDeadline({ received: '2024-09-27', extensions: [{ days: 15 }, { days: 10 }] }, cal), DeadlineError);
  assert.equal(due('2024-09-27', { extensions: [{ days: 10 }, { days: 10 }] }), '2024-11-27');
  assert.throws(() => computeDeadline({ received: '2024-09-27', extensions: [{ days: 0 }] }, cal), DeadlineError);
});

test('article 35 delayed date replaces the computed one; the derivation names the calendar source', () => {
  const r = computeDeadline({ received: '2024-09-27', delayedUntil: { date: '2024-12-31', reason: '申请数量明显超过合理范围' } }, cal);
  assert.equal(r.due, '2024-12-31');
  assert.equal(r.statutoryDue, '2024-10-30');
  assert.ok(r.steps.at(-1)!.includes('国办发明电〔2023〕7号'));
  assert.ok(r.steps.some((s) => s.includes('2024-09-29（星期日）为国庆节调休上班日')));
});

test('a deadline running into a year without calendar data is an error', () => {
  assert.throws(() => computeDeadline({ received: '2026-12-20' }, cal), /2027年/);
});
