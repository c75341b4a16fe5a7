/**
 * Table II from a register with documents made, revised, amended in place, expired and repealed
 * across year ends (on 1 January and 31 December), checked against counts worked out by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../src/check/index.js';
import { blankReport } from '../../src/server/drafts.js';
import { validateDocument, type DocumentInput, type RegisterDocument } from '../../src/register/documents.js';
import { deriveTable2, type YearCounts } from '../../src/register/table2.js';

const organ = '示例市示例区司法局';
let nextId = 1;
function doc(p: Partial<DocumentInput> & { docNo: string; madeOn: string }): RegisterDocument {
  const d = validateDocument({
    organ, kind: 'normative', title: `关于${p.docNo}的规定`, publishedOn: null, endKind: null, endedOn: null, amendedOn: null, replaces: null, note: null, ...p,
  });
  return { ...d, id: String(nextId++) };
}

const register: RegisterDocument[] = [
  doc({ docNo: 'A', madeOn: '2019-03-01', publishedOn: '2019-03-05' }),
  doc({ docNo: 'B', madeOn: '2020-06-10', publishedOn: '2021-01-05', endKind: 'repealed', endedOn: '2022-05-01' }),
  doc({ docNo: 'C', madeOn: '2021-12-31', endKind: 'revised', endedOn: '2023-01-01' }),
  doc({ docNo: 'C2', madeOn: '2023-01-01', replaces: 'C' }),
  doc({ docNo: 'D', madeOn: '2022-12-31', endKind: 'repealed', endedOn: '2022-12-31' }),
  doc({ docNo: 'E', madeOn: '2021-01-01', endKind: 'expired', endedOn: '2024-01-01' }),
  doc({ docNo: 'F', madeOn: '2022-03-03', amendedOn: '2023-07-01' }),
  doc({ docNo: 'G', madeOn: '2023-12-31', endKind: 'repealed', endedOn: '2024-12-31' }),
  doc({ docNo: 'R1', kind: 'regulation', madeOn: '2020-12-31', endKind: 'repealed', endedOn: '2021-01-01' }),
  doc({ docNo: 'R2', kind: 'regulation', madeOn: '2021-06-01' }),
];

// Worked out by hand, year by year (in force = made by 31 Dec and not ended by 31 Dec):
//   2021 制发 C, E; 废止 —; 现行有效 A B C E
//   2022 制发 D, F; 废止 B, D (made and repealed on 31 Dec); 现行有效 A C E F
//   2023 制发 C2, G; 废止 C (replaced by its revision C2 on 1 Jan); 现行有效 A C2 E F G (F amended in place: still one)
//   2024 制发 —; 废止 E (expired 1 Jan), G (repealed 31 Dec); 现行有效 A C2 F
//   规章: 2021 制发 R2, 废止 R1 (1 Jan), 现行有效 R2; 2022 0 0 1
const HAND: Record<number, { normative: [number, number, number]; regulations: [number, number, number] }> = {
  2021: { normative: [2, 0, 4], regulations: [1, 1, 1] },
  2022: { normative: [2, 2, 4], regulations: [0, 0, 1] },
  2023: { normative: [2, 1, 5], regulations: [0, 0, 1] },
  2024: { normative: [0, 2, 3], regulations: [0, 0, 1] },
};

test('table II counts match the hand-worked counts for 2021–2024', () => {
  for (const [year, want] of Object.entries(HAND)) {
    const t = deriveTable2(register, null, Number(year));
    assert.equal(t.layout, '2021');
    const n = t.active.normativeDocuments;
    const r = t.active.regulations;
    assert.deepEqual([n.issued, n.repealed, n.inForce], want.normative, `行政规范性文件 ${year}`);
    assert.deepEqual([r.issued, r.repealed, r.inForce], want.regulations, `规章 ${year}`);
  }
});

test('each count names the documents behind it', () => {
  const t = deriveTable2(register, null, 2023);
  const repealed = t.sources.find((s) => s.row === 'normativeDocuments' && s.field === 'repealed')!;
  assert.deepEqual(repealed.documents!.map((d) => [d.docNo, d.date, d.why]), [['C', '2023-01-01', '被修订文本替代']]);
  const inForce = t.sources.find((s) => s.row === 'normativeDocuments' && s.field === 'inForce')!;
  assert.deepEqual(inForce.documents!.map((d) => d.docNo).sort(), ['A', 'C2', 'E', 'F', 'G']);
});

test('derived years never trip continuity.in-force, and a wrong figure does', () => {
  for (let year = 2022; year <= 2024; year++) {
    const report = blankReport(organ, year);
    report.active = deriveTable2(register, null, year).active;
    const previous = blankReport(organ, year - 1);
    previous.active = deriveTable2(register, null, year - 1).active;
    assert.deepEqual(checkReport(report, { previous, only: ['continuity.in-force'] }), [], String(year));
    report.active.normativeDocuments.inForce = (report.active.normativeDocuments.inForce as number) + 1;
    assert.equal(checkReport(report, { previous, only: ['continuity.in-force'] }).length, 1);
  }
});

test('in force last year + made − ended = in force this year, for random registers', () => {
  let seed = 20240131;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const day = (y: number) => `${y}-${String(1 + rand(12)).padStart(2, '0')}-${String(1 + rand(28)).padStart(2, '0')}`;
  for (let trial = 0; trial < 50; trial++) {
    const docs: RegisterDocument[] = [];
    for (let i = 0; i < 30; i++) {
      const made = day(2015 + rand(10));
      const ends = rand(3) === 0 ? null : day(Number(made.slice(0, 4)) + rand(4));
      const endedOn = ends && ends >= made ? ends : null;
      docs.push(doc({ docNo: `T${trial}-${i}`, kind: rand(2) ? 'normative' : 'regulation', madeOn: made, endKind: endedOn ? (['repealed', 'revised', 'expired'] as const)[rand(3)] : null, endedOn }));
    }
    for (let year = 2022; year <= 2028; year++) {
      const now = deriveTable2(docs, null, year).active;
      const before = deriveTable2(docs, null, year - 1).active;
      for (const row of ['regulations', 'normativeDocuments']) {
        assert.equal(now[row].inForce, (before[row].inForce as number) + (now[row].issued as number) - (now[row].repealed as number), `${trial} ${year} ${row}`);
      }
    }
  }
});

test('the yearly counts fill the decisions and the fee amount', () => {
  const counts: YearCounts = { organ, year: 2023, licensing: 12, penalty: 3, coercion: 0, feesAmount: 1.25, source: 'entered' };
  const t = deriveTable2(register, counts, 2023);
  assert.deepEqual(t.active.licensing, { decisions: 12 });
  assert.deepEqual(t.active.penalty, { decisions: 3 });
  assert.deepEqual(t.active.coercion, { decisions: 0 });
  assert.deepEqual(t.active.fees, { amount: 1.25 });
  const without = deriveTable2(register, null, 2023);
  assert.deepEqual(without.active.licensing, { decisions: null }, 'no counts: blank, never 0');
});

test('2020 uses the 2019 layout: made, published and published-and-in-force', () => {
  const t = deriveTable2(register, null, 2020);
  assert.equal(t.layout, '2019');
  // made in 2020: B; published in 2020: R1 (no publication date: its making date); published by 31 Dec and in force: A, R1
  assert.deepEqual(t.active.normativeDocuments, { made: 1, published: 0, total: 1 });
  assert.deepEqual(t.active.regulations, { made: 1, published: 1, total: 1 });
});

test('a document cannot end before it was made, nor be published before it was made', () => {
  assert.throws(() => doc({ docNo: 'X', madeOn: '2023-05-01', endKind: 'repealed', endedOn: '2023-04-30' }), /早于制发日期/);
  assert.throws(() => doc({ docNo: 'X', madeOn: '2023-05-01', publishedOn: '2023-04-30' }), /公开日期/);
  assert.throws(() => doc({ docNo: 'X', madeOn: '2023-05-01', endKind: 'repealed' }), /没有废止日期/);
});
