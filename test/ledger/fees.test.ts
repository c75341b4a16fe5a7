import { test } from 'node:test';
import assert from 'node:assert/strict';
import { feeNoticeText, feeSentence, pieceRate, pieceTotal, volumeFee } from '../../src/ledger/fees.js';

test('按件: band edges per applicant per calendar month', () => {
  const cases: [number, number][] = [
    [1, 0], [10, 0], [11, 100], [30, 100], [31, 200], [40, 200], [41, 300], [50, 300], [51, 400], [60, 400], [61, 500],
  ];
  for (const [n, rate] of cases) assert.equal(pieceRate(n), rate, `第${n}件`);
  assert.equal(pieceTotal(10), 0);
  assert.equal(pieceTotal(11), 100);
  assert.equal(pieceTotal(30), 2000);
  assert.equal(pieceTotal(31), 2200);
  assert.equal(pieceTotal(40), 4000);
  assert.equal(pieceTotal(41), 4300);
  assert.throws(() => pieceRate(0), RangeError);
});

test('按量: progressive page bands at their edges', () => {
  const cases: [number, number][] = [
    [0, 0], [1, 0], [30, 0], [31, 10], [100, 700], [101, 720], [200, 2700], [201, 2740], [250, 4700],
  ];
  for (const [pages, fee] of cases) assert.equal(volumeFee(pages), fee, `${pages}页`);
  assert.throws(() => volumeFee(-1), RangeError);
  assert.throws(() => volumeFee(1.5), RangeError);
});

test('收费通知 states basis, standard, amount, payment and the deadline', () => {
  const text = feeNoticeText({
    organ: '示例区人民政府办公室', applicantName: '张某', caseNo: '2024-0007', received: '2024-03-04',
    mode: 'volume', pages: 120, noticeDate: '2024-03-20', payBy: '2024-04-18', payment: '通过非税收入缴款码缴纳', pauses: true,
  });
  assert.match(text, /国办函〔2020〕109号/);
  assert.match(text, /70页×10元＋20页×20元/);
  assert.match(text, /应缴金额：1100元/);
  assert.match(text, /2024-04-18（星期四）前/);
  assert.match(text, /视为放弃申请/);
  assert.match(text, /不计算在答复期限内/);
  const piece = feeNoticeText({
    organ: 'X', applicantName: '李某', caseNo: '1', received: '2024-03-04', mode: 'piece', ordinal: 31,
    noticeDate: '2024-03-05', payBy: '2024-04-02', payment: '现场缴纳', pauses: false,
  });
  assert.match(piece, /第31件申请，适用每件200元/);
  assert.doesNotMatch(piece, /不计算在答复期限内/);
});

test('section 六 sentence from what was collected', () => {
  assert.equal(feeSentence(2024, { cases: 0, amount: 0 }), '2024年度，本机关未收取政府信息公开信息处理费。');
  assert.match(feeSentence(2024, { cases: 2, amount: 1300 }), /对2件政府信息公开申请收取信息处理费，共计1300元。/);
});
