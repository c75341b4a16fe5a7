/**
 * Render → read → parse gives back the same report JSON, for every form and both layouts: the
 * seeds (blank cells, contact lines, 2019 text in table II) and 200 generated reports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { generateReport } from '../../src/model/generate.js';
import type { Report } from '../../src/model/report.js';
import { render, type Format } from '../../src/render/index.js';
import { loadReportFromBytes } from '../../src/pipeline.js';

const SEEDS = new URL('../fixtures/seeds/', import.meta.url);
const seeds = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, SEEDS), 'utf8')) as Report);

function generated(n: number): Report[] {
  return Array.from({ length: n }, (_, i) => {
    const layout = i % 2 ? '2021' : '2019';
    return generateReport({ seed: 1000 + i, layout, year: layout === '2021' ? 2021 + (i % 4) : 2019 + (i % 2) });
  });
}

async function roundTrip(report: Report, format: Format): Promise<Report> {
  return (await loadReportFromBytes(await render(report, format), `report.${format}`)).report;
}

for (const format of ['docx', 'html', 'md', 'txt'] as const) {
  test(`${format}: the seeds and 50 generated reports read back to the same JSON`, async () => {
    const reports = [...seeds, ...generated(50)];
    for (const [i, report] of reports.entries()) {
      assert.deepEqual(await roundTrip(report, format), report, `report ${i} (${report.meta.agency} ${report.meta.year}, ${report.meta.template})`);
    }
  });
}

test('a changed figure survives the round trip as changed (the comparison can fail)', async () => {
  const report = generated(1)[0];
  const broken = structuredClone(report);
  broken.requests.granted[0] = (broken.requests.granted[0] ?? 0) + 7;
  const back = await roundTrip(broken, 'docx');
  assert.equal(back.requests.granted[0], broken.requests.granted[0]);
  assert.notDeepEqual(back, report);
});
