/**
 * Register figures on one core: table II derived from a large register, planning the import of a
 * long list, writing it to the store (PGlite in memory), and a district government's 汇总 over
 * 40 units' reports. Reproduce with `npm run bench -- register`.
 */
import { openStore } from '../src/store/index.js';
import { rng, generateReport } from '../src/model/generate.js';
import { renderText } from '../src/render/text.js';
import { validateDocument, type RegisterDocument } from '../src/register/documents.js';
import { planDocumentImport, readSheet } from '../src/register/import.js';
import { Register } from '../src/register/store.js';
import { deriveTable2 } from '../src/register/table2.js';
import { governmentRollup } from '../src/register/government-rollup.js';

const line = (label: string, value: string) => console.log(`${label.padEnd(56)} ${value.padStart(12)}`);

function register(n: number): RegisterDocument[] {
  const r = rng(5);
  const day = (y: number) => `${y}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  return Array.from({ length: n }, (_, i) => {
    const madeOn = day(2012 + Math.floor(r() * 13));
    const ends = r() < 0.5 ? day(Number(madeOn.slice(0, 4)) + Math.floor(r() * 5)) : null;
    const endedOn = ends && ends >= madeOn ? ends : null;
    const d = validateDocument({
      organ: '基准测试局', kind: r() < 0.2 ? 'regulation' : 'normative', docNo: `基规〔${madeOn.slice(0, 4)}〕${i}号`, title: `文件${i}`, madeOn, publishedOn: null,
      endKind: endedOn ? 'repealed' : null, endedOn, amendedOn: null, replaces: null, note: null,
    });
    return { ...d, id: String(i + 1) };
  });
}

export async function run(): Promise<void> {
  const docs = register(10_000);
  let t = performance.now();
  for (let y = 2015; y <= 2024; y++) deriveTable2(docs, null, y);
  line('table II, 10 000 documents, 10 years', `${(performance.now() - t).toFixed(0)} ms`);

  const csv = ['文号,标题,类型,成文日期,状态,废止日期', ...docs.slice(0, 5000).map((d) => `${d.docNo},${d.title},${d.kind === 'regulation' ? '规章' : '规范性文件'},${d.madeOn},${d.endedOn ? '已废止' : '现行有效'},${d.endedOn ?? ''}`)].join('\n');
  t = performance.now();
  const plan = planDocumentImport(await readSheet(new TextEncoder().encode(csv), 'bench.csv'), '基准测试局', 'bench.csv');
  const ms = performance.now() - t;
  line(`plan a 5 000-row CSV list (${plan.rows.length} taken)`, `${(5000 / (ms / 1000)).toFixed(0)} rows/s`);

  const store = await openStore({ dataDir: 'memory://' });
  const reg = new Register(store.db);
  const actor = { name: 'bench', role: 'operator' as const };
  t = performance.now();
  const written = await reg.importDocuments(actor, '基准测试局', plan.rows.slice(0, 2000));
  line(`store: import 2 000 documents (PGlite, in memory)`, `${(written.created / ((performance.now() - t) / 1000)).toFixed(0)} docs/s`);
  t = performance.now();
  await reg.table2(actor, '基准测试局', 2024);
  line('store: table II from 2 000 stored documents', `${(performance.now() - t).toFixed(0)} ms`);

  const kinds = ['教育局', '司法局', '财政局', '卫生健康委员会', '自然资源局', '市场监督管理局', '人力资源和社会保障局', '住房和城乡建设局'];
  let seed = 1;
  for (let i = 0; i < 40; i++) {
    const organ = i < 32 ? `基准区${kinds[i % kinds.length]}${i >= kinds.length ? `第${i}分局` : ''}` : `基准区第${i}街道办事处`;
    const report = generateReport({ seed: seed++, layout: '2021', year: 2024, agency: organ, scale: 30 });
    await store.importBytes(new TextEncoder().encode(renderText(report)), `${organ}.txt`);
  }
  await store.importBytes(new TextEncoder().encode(renderText(generateReport({ seed: 999, layout: '2021', year: 2024, agency: '基准区人民政府', scale: 30 }))), 'gov.txt');
  t = performance.now();
  const r = await governmentRollup(store, reg, '基准区人民政府', 2024);
  line(`汇总: ${r.units.length} units summed and compared (${r.published?.findings.length ?? 0} differences)`, `${(performance.now() - t).toFixed(0)} ms`);
  await store.close();
  console.log('reproduce: npm run bench -- register');
}
