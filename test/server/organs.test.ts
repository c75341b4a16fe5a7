/** The reviewer's organ pages: names as written with their years, gaps; merge, split and set-region from the browser, with "未报送" following. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from './helpers.js';
import { repoOf } from '../../src/server/store-repo.js';
import { openStore } from '../../src/store/index.js';
import { generateReport } from '../../src/model/generate.js';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

test('a reviewer merges a renamed organ, splits it off again and places it; the overview follows', async () => {
  const store = await openStore({ dataDir: 'memory://' });
  const repo = repoOf(store);
  const t = await testApp({ reports: repo });
  await t.user('rev', 'reviewer', '德堡区');
  const put = async (agency: string, year: number, seed: number) =>
    repo.importFile(new TextEncoder().encode(JSON.stringify(generateReport({ seed, layout: '2021', year, agency }))), `${agency}${year}.json`);
  await put('德堡区城北街道办事处', 2022, 1);
  await put('庆谷市德堡区人民政府城北街道办事处', 2023, 2);
  await put('德堡区教育局', 2022, 3);
  await put('德堡区教育局', 2024, 4);
  await put('德堡区新城街道', 2024, 5); // 城北 renamed: the names do not join it
  const r = await t.login('rev');

  let page = await (await r.request('/review/organs')).text();
  assert.match(page, /德堡区城北街道办事处<\/td><td>庆谷市 \/ 德堡区<\/td><td><\/td><td>2022–2023<\/td>/);
  assert.match(page, /德堡区教育局<\/td><td>庆谷市 \/ 德堡区<\/td><td><\/td><td>2022、2024<\/td><td>2023<\/td>/);
  const organs = await repo.organs();
  const chengbei = organs.find((o) => o.name === '德堡区城北街道办事处')!.id!;
  const xincheng = organs.find((o) => o.name === '德堡区新城街道')!.id!;
  page = await (await r.request(`/review/organs/${chengbei}`)).text();
  assert.match(page, /庆谷市德堡区人民政府城北街道办事处<\/td><td>2023/);

  let overview = (await (await r.request('/api/review/overview?year=2024')).json()) as { totals: { organs: number; missing: number } };
  assert.deepEqual([overview.totals.organs, overview.totals.missing], [3, 1]);
  let res = await r.request(`/review/organs/${chengbei}/merge`, form({ _csrf: r.csrf, from: String(xincheng) }));
  assert.equal(res.status, 303);
  overview = (await (await r.request('/api/review/overview?year=2024')).json()) as { totals: { organs: number; missing: number } };
  assert.deepEqual([overview.totals.organs, overview.totals.missing], [2, 0], 'the renamed organ reported in 2024');
  page = await (await r.request(`/review/organs/${chengbei}`)).text();
  assert.match(page, /德堡区新城街道<\/td><td>2024/);

  res = await r.request(`/review/organs/${chengbei}/split`, form({ _csrf: r.csrf, name: '德堡区新城街道' }));
  assert.equal(res.status, 303);
  assert.equal((await repo.organs()).length, 3);
  const split = (await repo.organs()).find((o) => o.name === '德堡区新城街道')!.id!;
  res = await r.request(`/review/organs/${split}/region`, form({ _csrf: r.csrf, region: '庆谷市/德堡区/新城片区' }));
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location')!, /msg=/);
  assert.deepEqual((await repo.organs()).find((o) => o.id === split)!.regions, ['庆谷市', '德堡区', '新城片区']);
  // a reviewer of another region sees none of it
  await t.user('other', 'reviewer', '青林县');
  const o = await t.login('other');
  assert.equal((await o.request(`/review/organs/${chengbei}`)).status, 404);
  assert.equal((await o.request(`/review/organs/${chengbei}/merge`, form({ _csrf: o.csrf, from: String(split) }))).status, 404);
  await store.close();
});
