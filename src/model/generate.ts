/**
 * Random but consistent reports, for round-trip tests, benchmarks and demo data. Deterministic:
 * the same seed gives the same report. Every arithmetic rule holds on what this produces, and the
 * prose states the figures of the tables, so a correct checker finds nothing on it.
 */
import { LAYOUTS, REVIEW_ROWS, type LayoutId } from './layouts.js';
import { REPORT_SCHEMA_ID, type Report, type CountCell } from './report.js';

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DISTRICTS = ['宝山区', '尖山区', '岭东区', '四方台区', '拱墅区', '西湖区', '牧野区', '红旗区', '卫滨区', '凤泉区'];
const TOWNS = ['七星', '跃进', '红旗', '东山', '上塘', '卫北', '新华', '平原', '和平', '胜利', '光明', '建设', '长安', '城关'];
const KINDS = ['街道办事处', '人民政府', '司法局', '财政局', '教育局', '卫生健康委员会', '自然资源局', '市场监督管理局'];

export interface GenerateOptions {
  seed: number;
  layout?: LayoutId;
  year?: number;
  agency?: string;
  /** Rough size of the request figures (default 40). */
  scale?: number;
}

export function generateAgency(seed: number): string {
  const r = rng(seed * 7 + 3);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const district = pick(DISTRICTS);
  const kind = pick(KINDS);
  if (kind === '街道办事处') return `${district}${pick(TOWNS)}街道办事处`;
  if (kind === '人民政府') return `${district}${pick(TOWNS)}镇人民政府`;
  return `${district}${kind}`;
}

export function generateReport(options: GenerateOptions): Report {
  const r = rng(options.seed);
  const layoutId: LayoutId = options.layout ?? (r() < 0.5 ? '2021' : '2019');
  const layout = LAYOUTS[layoutId];
  const year = options.year ?? (layoutId === '2019' ? 2019 + Math.floor(r() * 2) : 2021 + Math.floor(r() * 4));
  const agency = options.agency ?? generateAgency(options.seed);
  const scale = options.scale ?? 40;
  const int = (max: number) => Math.floor(r() * (max + 1));
  const small = (max: number) => (r() < 0.6 ? 0 : int(max));

  // Table III: outcome rows per applicant column, then carried over/forward so that the balance holds.
  const requests: Record<string, CountCell[]> = {};
  const outcomeRows = layout.requests.filter((row) => row.outcome);
  const columnWeights = [1, 0.3, 0.05, 0.05, 0.1, 0.15];
  for (const row of outcomeRows) {
    const weight = row.key === 'granted' ? 1 : row.key === 'unavailable.notHeld' ? 0.5 : 0.12;
    const cells = columnWeights.map((w) => (r() < 0.5 ? 0 : small(Math.round(scale * weight * w))));
    requests[row.key] = [...cells, cells.reduce((a, b) => a + b, 0)];
  }
  const outcomeTotal = [0, 1, 2, 3, 4, 5].map((c) => outcomeRows.reduce((s, row) => s + (requests[row.key][c] as number), 0));
  const carriedForward = outcomeTotal.map(() => small(3));
  const carriedOver = outcomeTotal.map((t, c) => Math.min(t + carriedForward[c], small(3)));
  const newReceived = outcomeTotal.map((t, c) => t + carriedForward[c] - carriedOver[c]);
  const withTotal = (xs: number[]): CountCell[] => [...xs, xs.reduce((a, b) => a + b, 0)];
  const ordered: Record<string, CountCell[]> = {};
  for (const row of layout.requests) {
    if (row.key === 'newReceived') ordered[row.key] = withTotal(newReceived);
    else if (row.key === 'carriedOver') ordered[row.key] = withTotal(carriedOver);
    else if (row.key === 'total') ordered[row.key] = withTotal(outcomeTotal);
    else if (row.key === 'carriedForward') ordered[row.key] = withTotal(carriedForward);
    else ordered[row.key] = requests[row.key];
  }

  // Table IV
  const review: Record<string, CountCell[]> = {};
  for (const row of REVIEW_ROWS) {
    const cells = [small(3), small(2), small(2), small(2)];
    review[row.key] = [...cells, cells.reduce((a, b) => a + b, 0)];
  }

  // Table II
  const active: Report['active'] = {};
  for (const row of layout.active) {
    const values: Record<string, number | string | null> = {};
    for (const field of row.fields) {
      if (field.kind === 'count') values[field.key] = small(row.key === 'penalty' || row.key === 'licensing' ? 900 : 12);
      else if (field.kind === 'amount') values[field.key] = r() < 0.7 ? 0 : Math.round(r() * 5000) / 100;
      else values[field.key] = r() < 0.5 ? 0 : `增加${1 + int(4)}项`;
    }
    if (layoutId === '2021' && (row.key === 'regulations' || row.key === 'normativeDocuments')) {
      values.inForce = (values.issued as number) + int(30);
      values.repealed = Math.min(values.repealed as number, values.inForce as number);
    }
    if (layoutId === '2019' && (row.key === 'regulations' || row.key === 'normativeDocuments')) {
      // everything published this year is among what is published in all
      values.total = (values.published as number) + (values.total as number);
    }
    active[row.key] = values;
  }

  const received = ordered.newReceived[6] as number;
  const granted = ordered.granted[6] as number;
  const reconsiderations = review.reconsideration[4] as number;
  const lawsuits = (review.litigationDirect[4] as number) + (review.litigationAfterReconsideration[4] as number);
  const title = `${agency}${year}年政府信息公开工作年度报告`;
  const sections = [
    {
      no: 1,
      heading: '一、总体情况',
      text:
        `${year}年，${agency}坚持以公开为常态、不公开为例外，围绕中心工作推进政府信息公开。` +
        `（一）主动公开。通过门户网站和公开栏公开各类信息${20 + int(300)}条。` +
        `（二）依申请公开。全年共收到政府信息公开申请${received}件，其中予以公开${granted}件。` +
        `（三）政府信息管理。健全信息发布审核机制${1 + int(5)}项。` +
        `（四）平台建设。维护政务公开专栏${1 + int(9)}个。` +
        `（五）监督保障。开展培训${1 + int(6)}次，落实社会评议和考核制度，全年未发生责任追究情况。`,
    },
    { no: 2, heading: '二、主动公开政府信息情况', text: '' },
    { no: 3, heading: '三、收到和处理政府信息公开申请情况', text: '' },
    {
      no: 4,
      heading: '四、政府信息公开行政复议、行政诉讼情况',
      text: `${year}年，因政府信息公开被申请行政复议${reconsiderations}件，被提起行政诉讼${lawsuits}件。`,
    },
    {
      no: 5,
      heading: '五、存在的主要问题及改进情况',
      text: `存在的主要问题：一是公开内容的完整性有待提高${int(9)}处；二是解读形式较为单一。改进措施：加强培训，完善审核流程，丰富解读形式。`,
    },
    { no: 6, heading: '六、其他需要报告的事项', text: `${year}年，本机关未收取信息处理费。` },
  ];

  return {
    schema: REPORT_SCHEMA_ID,
    meta: {
      title,
      agency,
      year,
      template: layoutId,
      period: { start: `${year}-01-01`, end: `${year}-12-31` },
      contact: r() < 0.5 ? { address: `${agency.slice(0, 3)}人民路${1 + int(200)}号`, postcode: String(100000 + int(899999)), phone: `0${10 + int(989)}-${1000000 + int(8999999)}` } : null,
    },
    sections,
    active,
    requests: ordered,
    review,
  };
}
