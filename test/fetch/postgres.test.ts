/**
 * What fetching keeps in the store, on a real PostgreSQL server (the same SQL as the embedded
 * store): the migration, the address ledger, the source and publication date of a report, the
 * publication calendar's query.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { publicationDates, recordSource, StoreLedger } from '../../src/fetch/ledger.js';
import { startPostgres } from '../store/support.js';

const pg = startPostgres();
after(() => pg?.stop());

test('ledger, source and publication date on PostgreSQL', { skip: pg ? false : 'PostgreSQL is not installed here' }, async () => {
  const store = await openStore({ databaseUrl: pg!.url });
  try {
    const seed = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'seeds', '004_93eb2dffc0d9e55f.txt'));
    const r = await store.importBytes(new Uint8Array(seed), '上塘.txt', { organ: '杭州市拱墅区人民政府上塘街道办事处' });
    await recordSource(store.db, r.id, { url: 'http://www.example.gov.cn/a.zip', page: 'http://www.example.gov.cn/a.html', fetchedAt: '2024-02-01T08:00:00.000Z', published: '2024-01-25' });
    await recordSource(store.db, r.id, { url: 'http://other.gov.cn/b.html', page: 'http://other.gov.cn/b.html', fetchedAt: '2024-03-01T08:00:00.000Z', published: '2024-03-01' });
    const dates = await publicationDates(store.db, { year: 2023 });
    assert.deepEqual(dates.map((d) => [d.organ, d.published, d.url]), [['杭州市拱墅区人民政府上塘街道办事处', '2024-01-25', 'http://www.example.gov.cn/a.zip']], 'the first source stays');
    await assert.rejects(store.db.query(`UPDATE store_reports SET published_on = '2024/01/25' WHERE id = $1`, [r.id]), 'a date in another form is refused');

    const ledger = new StoreLedger(store.db);
    await ledger.put({ address: 'http://www.example.gov.cn/a.html', outcome: 'failed', failure: 'timeout', reason: '超时', fetchedAt: '2024-02-01T07:00:00.000Z' });
    await ledger.put({ address: 'http://www.example.gov.cn/a.html', outcome: 'imported', sha256: 'ab'.repeat(32), reportId: r.id, organ: '上塘街道', confidence: 0.95, published: '2024-01-25', fetchedAt: '2024-02-01T08:00:00.000Z' });
    const got = await ledger.get('http://www.example.gov.cn/a.html');
    assert.equal(got?.outcome, 'imported');
    assert.equal(got?.confidence, 0.95);
    assert.equal(got?.fetchedAt, '2024-02-01T08:00:00.000Z');
    assert.equal((await ledger.bySha('ab'.repeat(32)))?.reportId, r.id);
    const [{ attempts }] = await store.db.query<{ attempts: number }>('SELECT attempts FROM fetch_addresses');
    assert.equal(attempts, 2);
  } finally {
    await store.close();
  }
});
