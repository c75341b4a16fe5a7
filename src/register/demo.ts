/** Demo data for `npm start`: a 主动公开 register for one organ, with documents made, revised and repealed across the years. */
import { Register, type RegisterDb } from './store.js';
import type { DocumentInput } from './documents.js';

const OPERATOR = { name: 'demo', role: 'operator' as const };

export async function loadRegisterDemo(db: RegisterDb, organ: string, log: (line: string) => void): Promise<void> {
  const reg = new Register(db);
  if ((await reg.documentsOf(organ)).length) return;
  const base = { organ, kind: 'normative' as const, publishedOn: null, endKind: null, endedOn: null, amendedOn: null, replaces: null, note: null };
  const docs: DocumentInput[] = [
    { ...base, docNo: '宝七政规〔2019〕1号', title: '七星街道网格化管理工作规定', madeOn: '2019-04-10', publishedOn: '2019-04-15', endKind: 'revised', endedOn: '2023-03-01' },
    { ...base, docNo: '宝七政规〔2023〕1号', title: '七星街道网格化管理工作规定（2023年修订）', madeOn: '2023-03-01', publishedOn: '2023-03-06', replaces: '宝七政规〔2019〕1号' },
    { ...base, docNo: '宝七政规〔2020〕2号', title: '七星街道居民公约管理办法', madeOn: '2020-06-01', publishedOn: '2020-06-05', amendedOn: '2022-09-01' },
    { ...base, docNo: '宝七政规〔2021〕1号', title: '七星街道临时救助实施细则', madeOn: '2021-01-01', publishedOn: '2021-01-08', endKind: 'expired', endedOn: '2024-01-01' },
    { ...base, docNo: '宝七政规〔2022〕1号', title: '七星街道老旧小区改造资金管理办法', madeOn: '2022-12-31', publishedOn: '2023-01-04', endKind: 'repealed', endedOn: '2024-12-31' },
    { ...base, docNo: '宝七政规〔2024〕1号', title: '七星街道公共空间管理规定', madeOn: '2024-05-20', publishedOn: '2024-05-24' },
  ];
  for (const d of docs) await reg.addDocument(OPERATOR, d);
  for (const [year, licensing, penalty, coercion, feesAmount] of [[2021, 12, 3, 0, 0], [2022, 15, 5, 1, 0], [2023, 18, 4, 0, 0.2], [2024, 21, 6, 0, 0.35]] as const) {
    await reg.setCounts(OPERATOR, { organ, year, licensing, penalty, coercion, feesAmount, source: 'imported' });
  }
  log(`演示数据：${organ} 的主动公开台账已载入 ${docs.length} 件行政规范性文件（含修订、修正、失效、废止）和 2021–2024 年的处理决定数量。`);
}
