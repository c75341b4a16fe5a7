import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HolidayUtil } from 'lunar-javascript';
import { CalendarGapError, defaultCalendar, parseCalendarOverrides, validateCalendarYear } from '../../src/ledger/calendar.js';
import { HAND, handIsWorkday, nextDay } from './holidays-table.js';

const cal = defaultCalendar();

test('every day of 2019–2026 agrees with the hand table typed from the State Council notices', () => {
  let days = 0;
  for (let y = 2019; y <= 2026; y++) {
    for (let d = `${y}-01-01`; d.startsWith(String(y)); d = nextDay(d)) {
      assert.equal(cal.isWorkday(d), handIsWorkday(d), d);
      days++;
    }
  }
  assert.equal(days, 2922);
});

test('every day of 2019–2026 agrees with lunar-javascript’s holiday data', () => {
  for (let y = 2019; y <= 2026; y++) {
    for (let d = `${y}-01-01`; d.startsWith(String(y)); d = nextDay(d)) {
      const h = HolidayUtil.getHoliday(y, Number(d.slice(5, 7)), Number(d.slice(8, 10)));
      const w = new Date(`${d}T00:00:00Z`).getUTCDay();
      const expected = h ? h.isWork() : w !== 0 && w !== 6;
      assert.equal(cal.isWorkday(d), expected, d);
    }
  }
});

test('make-up working days and holidays are named; the hand table lists every 调休 day', () => {
  assert.deepEqual(cal.day('2024-09-29'), { date: '2024-09-29', work: true, kind: 'makeup', name: '国庆节' });
  assert.deepEqual(cal.day('2024-10-12'), { date: '2024-10-12', work: true, kind: 'makeup', name: '国庆节' });
  assert.equal(cal.day('2024-10-03').kind, 'holiday');
  assert.equal(cal.day('2024-10-19').kind, 'weekend');
  // 2020: the working Saturday 1 February was cancelled by the extended Spring Festival
  assert.equal(cal.isWorkday('2020-02-01'), false);
  for (let y = 2019; y <= 2026; y++) {
    assert.deepEqual(Object.keys(cal.year(y).workdays).sort(), [...HAND[y].work].sort(), String(y));
  }
});

test('a year without data is an error, never a plain weekend rule', () => {
  assert.throws(() => cal.isWorkday('2027-01-04'), CalendarGapError);
  assert.throws(() => cal.isWorkday('2018-12-29'), CalendarGapError);
  assert.throws(() => cal.addWorkdays('2026-12-20', 20), /2027年/);
  assert.deepEqual(cal.coveredYears(), [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
});

test('adding next year’s notice is a data change that gives a new calendar version', () => {
  const y2027 = parseCalendarOverrides(
    JSON.stringify({
      year: 2027,
      source: { title: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）', issued: '2026-11-01' },
      holidays: { '2027-01-01': '元旦' },
      workdays: { '2027-01-02': '元旦' },
    }),
  );
  const c2 = cal.with(y2027);
  assert.notEqual(c2.version, cal.version);
  assert.equal(c2.isWorkday('2027-01-01'), false);
  assert.equal(c2.isWorkday('2027-01-02'), true); // a Saturday, declared a working day
  assert.equal(c2.isWorkday('2027-01-03'), false);
  assert.equal(c2.addWorkdays('2026-12-31', 1), '2027-01-02');
  // the built-in calendar is unchanged
  assert.throws(() => cal.isWorkday('2027-01-01'), CalendarGapError);
});

test('override records are validated', () => {
  const bad = validateCalendarYear({ year: 2027, source: { title: 'x', issued: '2026-11-01' }, holidays: {}, workdays: { '2027-01-04': '元旦' } });
  assert.equal(bad.ok, false);
  assert.match(!bad.ok ? bad.errors.join() : '', /星期一/);
  assert.throws(() => parseCalendarOverrides('{'), /JSON/);
  assert.throws(() => parseCalendarOverrides(JSON.stringify({ year: 2027, source: { title: 'x', issued: '2026-11-01' }, holidays: { '2026-01-01': 'x' } })), /不是2027年/);
});
