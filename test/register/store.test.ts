/**
 * The register in the database (all migrations applied): who may read and change it, re-import of a
 * list updating by 文号, table II from stored documents, and the import of lists as organs keep
 * them — a GB18030 CSV with a title row, and an XLSX written by another library — with every row it
 * cannot take reported by its row number and reason.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import writeXlsxFile from 'write-excel-file/node';
import { openDb, type Db } from '../../src/store/db.js';
import { Register } from '../../src/register/store.js';
import { planCountsImport, planDocumentImport, readSheet } from '../../src/register/import.js';
import type { RegisterActor } from '../../src/register/access.js';
import { InputError } from '../../src/errors.js';

const ORGAN = '示例市示例区司法局';
const clerk: RegisterActor = { name: 'web:clerk', role: 'clerk', organ: '示例市示例区司法局' };
const otherClerk: RegisterActor = { name: 'web:other', role: 'clerk', organ: '示例市示例区财政局' };
const reviewer: RegisterActor = { name: 'web:rev', role: 'reviewer', region: '示例区' };
const farReviewer: RegisterActor = { name: 'web:far', role: 'reviewer', region: '别的区' };
const anonymous: RegisterActor = { name: 'anonymous', role: 'anonymous' };
const operatorActor: RegisterActor = { name: 'cli:test', role: 'operator' };

let db: Db;
let reg: Register;
before(async () => {
  db = await openDb({ dataDir: 'memory://' });
  reg = new Register(db);
});
after(async () => {
  await db.close();
});

function gb18030(text: string): Uint8Array {
  // TextEncoder writes UTF-8 only: the two-byte GB18030 codes of the characters used are found by decoding every code
  const table = new Map<string, number[]>();
  for (let b1 = 0x81; b1 <= 0xfe; b1++) {
    for (let b2 = 0x40; b2 <= 0xfe; b2++) {
      if (b2 === 0x7f) continue;
      const ch = new TextDecoder('gb18030').decode(new Uint8Array([b1, b2]));
      if (ch.length === 1 && text.includes(ch) && !table.has(ch)) table.set(ch, [b1, b2]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const bytes = table.get(ch);
      assert.ok(bytes, `no GB18030 bytes for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

test('a list saved by Excel on Chinese Windows (GB18030 CSV, title row, blank line) imports, and bad rows are named by row number', async () => {
  const csv = [
    '示例区司法局行政规范性文件目录（截至2024年12月31日）',
    '序号,文号,文件名称,成文日期,发布日期,效力状态,废止日期',
    '1,示司规〔2020〕1号,关于甲事项的规定,2020.3.1,2020.3.5,有效,',
    '',
    '2,示司规〔2021〕2号,关于乙事项的规定,2021年6月1日,2021年6月3日,已废止,2023年12月31日',
    '3,示司规〔2022〕3号,关于丙事项的规定,2022-01-01,,已废止,',
    '4,示司规〔2022〕4号,关于丁事项的规定,2022-02-30,,有效,',
    '5,示司规〔2020〕1号,关于甲事项的规定（重复）,2020-03-01,,有效,',
    '6,示司规〔2023〕6号,关于戊事项的规定,2023-05-01,,有效,2023-06-01',
  ].join('\r\n');
  const rows = await readSheet(gb18030(csv), '目录.csv');
  const plan = planDocumentImport(rows, ORGAN, '目录.csv', { kind: 'normative' });
  assert.deepEqual(plan.rows.map((r) => [r.line, r.document.docNo, r.document.madeOn, r.document.endKind, r.document.endedOn]), [
    [3, '示司规〔2020〕1号', '2020-03-01', null, null],
    [5, '示司规〔2021〕2号', '2021-06-01', 'repealed', '2023-12-31'],
  ]);
  assert.deepEqual(plan.rejected, [
    { line: 6, reason: '状态为“废止”，但没有废止日期' },
    { line: 7, reason: '制发日期“2022-02-30”不是有效日期（应为 YYYY-MM-DD）' },
    { line: 8, reason: '文号“示司规〔2020〕1号”与第3行重复' },
    { line: 9, reason: '状态为“有效”，却有废止日期 2023-06-01' },
  ]);
  assert.deepEqual(plan.ignored, ['序号']);
  const written = await reg.importDocuments(clerk, ORGAN, plan.rows);
  assert.deepEqual(written, { created: 2, updated: 0, failed: [] });
});

test('an XLSX list with real date cells and Excel serial numbers; re-import updates by 文号', async () => {
  const s = (value: string) => ({ value, type: String });
  const data = [
    [s('类型'), s('文号'), s('标题'), s('印发日期'), s('状态'), s('修订日期'), s('失效日期')],
    [s('规范性文件'), s('示司规〔2020〕1号'), s('关于甲事项的规定'), { value: new Date(Date.UTC(2020, 2, 1)), type: Date, format: 'yyyy-mm-dd' }, s('已修订'), { value: new Date(Date.UTC(2024, 0, 1)), type: Date, format: 'yyyy-mm-dd' }, null],
    [s('行政规范性文件'), s('示司规〔2024〕1号'), s('关于甲事项的规定（修订）'), { value: 45292, type: Number }, s('现行有效'), null, null],
    [s('规章'), s('示府令第3号'), s('示例区某管理办法'), { value: new Date(Date.UTC(2019, 5, 1)), type: Date, format: 'yyyy-mm-dd' }, s('失效'), null, { value: new Date(Date.UTC(2024, 11, 31)), type: Date, format: 'yyyy-mm-dd' }],
    [s('通知'), s('示司发〔2024〕9号'), s('不是规范性文件'), { value: 45300, type: Number }, s('现行有效'), null, null],
  ];
  const bytes = new Uint8Array(await writeXlsxFile(data as never).toBuffer());
  const plan = planDocumentImport(await readSheet(bytes, '目录.xlsx'), ORGAN, '目录.xlsx');
  assert.deepEqual(plan.rejected, [{ line: 5, reason: '类型“通知”无法识别（应为规章或行政规范性文件）' }]);
  assert.deepEqual(plan.rows.map((r) => [r.document.kind, r.document.madeOn, r.document.endKind, r.document.endedOn]), [
    ['normative', '2020-03-01', 'revised', '2024-01-01'],
    ['normative', '2024-01-01', null, null],
    ['regulation', '2019-06-01', 'expired', '2024-12-31'],
  ]);
  assert.deepEqual(await reg.importDocuments(clerk, ORGAN, plan.rows), { created: 2, updated: 1, failed: [] });
  // 2024: made 示司规〔2024〕1号; ended 〔2020〕1号 (revised on 1 Jan); in force 〔2024〕1号 only (〔2021〕2号 was repealed in 2023)
  const t = await reg.table2(clerk, ORGAN, 2024);
  assert.deepEqual(t.active.normativeDocuments, { issued: 1, repealed: 1, inForce: 1 });
  assert.deepEqual(t.active.regulations, { issued: 0, repealed: 1, inForce: 0 });
  const t23 = await reg.table2(clerk, ORGAN, 2023);
  assert.deepEqual(t23.active.normativeDocuments, { issued: 0, repealed: 1, inForce: 1 });
  assert.deepEqual(t23.active.regulations, { issued: 0, repealed: 0, inForce: 1 });
});

test('a list exported from a law database: 时效性 “已被修改” with its 修改日期, “部分失效” still in force', async () => {
  const csv = '文件字号,标题,类型,发布日期,时效性,修改日期\n示规〔2020〕1号,甲,规范性文件,2020-01-02,已被修改,2023-05-06\n示规〔2021〕1号,乙,规范性文件,2021-01-02,部分失效,\n示规〔2022〕1号,丙,规范性文件,2022-01-02,修改,\n';
  const plan = planDocumentImport(await readSheet(new TextEncoder().encode(csv), 'db.csv'), ORGAN, 'db.csv');
  assert.deepEqual(plan.rows.map((r) => [r.document.docNo, r.document.madeOn, r.document.endKind, r.document.endedOn, r.document.amendedOn]), [
    ['示规〔2020〕1号', '2020-01-02', 'revised', '2023-05-06', null],
    ['示规〔2021〕1号', '2021-01-02', null, null, null],
  ]);
  assert.deepEqual(plan.rejected.map((r) => r.line), [4], '“修改” alone says neither revised nor amended in place: asked for');
});

test('a file that is not a list: one clear message, nothing written', async () => {
  await assert.rejects(async () => planDocumentImport(await readSheet(new TextEncoder().encode('a,b\n1,2\n'), 'x.csv'), ORGAN, 'x.csv'), (e: unknown) => e instanceof InputError && /找不到列名行/.test(e.message));
  await assert.rejects(() => readSheet(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), 'old.xls'), /旧版 Excel/);
  await assert.rejects(() => readSheet(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), 'broken.xlsx'), (e: unknown) => e instanceof InputError && /无法读取 XLSX/.test(e.message));
});

test('yearly counts import: numbers with units and thousands separators; bad rows reported', async () => {
  const csv = '年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）\n2023,"1,204件",35,0,12.5\n2024,120,3.5,0,\n2022,abc,1,1,1\n2023,1,1,1,1\n';
  const plan = planCountsImport(await readSheet(new TextEncoder().encode(csv), 'n.csv'), ORGAN, 'n.csv');
  assert.deepEqual(plan.rows.map((r) => [r.line, r.counts.year, r.counts.licensing, r.counts.feesAmount]), [[2, 2023, 1204, 12.5]]);
  assert.deepEqual(plan.rejected.map((r) => r.line), [3, 4, 5]);
  assert.match(plan.rejected[0].reason, /行政处罚“3\.5”应为整数/);
  assert.match(plan.rejected[2].reason, /2023年度与第2行重复/);
  for (const row of plan.rows) await reg.setCounts(clerk, row.counts);
  const t = await reg.table2(reviewer, ORGAN, 2023);
  assert.deepEqual([t.active.licensing.decisions, t.active.penalty.decisions, t.active.fees.amount], [1204, 35, 12.5]);
  assert.equal(t.sources.find((s) => s.row === 'licensing')!.counts!.source, 'imported');
});

test('access: the organ’s clerk writes; another organ’s clerk, a reviewer elsewhere and anonymous see nothing', async () => {
  const input = { organ: ORGAN, kind: 'normative' as const, docNo: '示司规〔2025〕1号', title: '关于己事项的规定', madeOn: '2025-01-02', publishedOn: null, endKind: null, endedOn: null, amendedOn: null, replaces: null, note: null };
  await assert.rejects(() => reg.addDocument(otherClerk, input), /无权修改/);
  await assert.rejects(() => reg.addDocument(reviewer, input), /无权修改/);
  await assert.rejects(() => reg.listDocuments(otherClerk, ORGAN), /无权查看/);
  await assert.rejects(() => reg.listDocuments(farReviewer, ORGAN), /无权查看/);
  await assert.rejects(() => reg.table2(anonymous, ORGAN, 2024), /无权查看/);
  assert.ok((await reg.listDocuments(reviewer, ORGAN)).length >= 3, 'the region’s reviewer reads');
  const made = await reg.addDocument(clerk, input);
  await assert.rejects(() => reg.addDocument(clerk, input), /文号“示司规〔2025〕1号”已在台账中/);
  const changed = await reg.updateDocument(clerk, made.id, { ...input, endKind: 'repealed', endedOn: '2025-06-30' });
  assert.equal(changed.endedOn, '2025-06-30');
  await assert.rejects(() => reg.deleteDocument(otherClerk, made.id), /无权/);
  await reg.deleteDocument(clerk, made.id);
  await assert.rejects(() => reg.getDocument(clerk, made.id), /不存在/);
});

test('the same SQL on a PostgreSQL server: 文号 uniqueness, updates, NUMERIC amounts, kinds and dates upserted', async (t) => {
  const { startPostgres } = await import('../store/support.js');
  const server = startPostgres();
  if (!server) return t.skip('PostgreSQL is not installed here');
  const pg = await openDb({ databaseUrl: server.url });
  try {
    const r = new Register(pg);
    const base = { organ: ORGAN, kind: 'normative' as const, publishedOn: null, endKind: null, endedOn: null, amendedOn: null, replaces: null, note: null };
    const old = await r.addDocument(clerk, { ...base, docNo: 'P1', title: '甲', madeOn: '2022-02-01' });
    await r.addDocument(clerk, { ...base, docNo: 'P2', title: '甲（修订）', madeOn: '2024-01-01', replaces: 'P1' });
    await assert.rejects(() => r.addDocument(clerk, { ...base, docNo: 'P2', title: '重复', madeOn: '2024-01-01' }), /文号“P2”已在台账中/);
    await r.updateDocument(clerk, old.id, { ...base, docNo: 'P1', title: '甲', madeOn: '2022-02-01', endKind: 'revised', endedOn: '2024-01-01' });
    await r.setCounts(clerk, { organ: ORGAN, year: 2024, source: 'entered', licensing: 3, penalty: null, coercion: 0, feesAmount: 12.3456 });
    const t2 = await r.table2(clerk, ORGAN, 2024);
    assert.deepEqual(t2.active.normativeDocuments, { issued: 1, repealed: 1, inForce: 1 });
    assert.deepEqual([t2.active.licensing.decisions, t2.active.penalty.decisions, t2.active.fees.amount], [3, null, 12.3456]);
    await r.setOrganKind(operatorActor, ORGAN, 'township');
    await r.setOrganKind(operatorActor, ORGAN, 'department');
    assert.deepEqual(await r.organKind(ORGAN), { kind: 'department', source: 'set' });
    await r.setPublished(operatorActor, ORGAN, 2024, '2025-01-20');
    assert.equal((await r.publications(2024)).size, 1);
    assert.equal(await r.hasRegister(ORGAN), true);
  } finally {
    await pg.close();
    server.stop();
  }
});
