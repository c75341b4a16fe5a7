/**
 * A reviewer's corpus: organs in the districts of two cities reporting over several years, each
 * writing its name a little differently from one year to the next (the city before the district
 * or not, 人民政府 before the 街道, 办事处 or not, 政府办公室 / 人民政府办公室, a space, a bracketed
 * aside), some skipping a year, with planted carry-over breaks and cells left blank — and prose
 * of their own from a grammar with real variety (measures, channels, topics, places, figures,
 * phrasing), so that honest reports of the same district, year and kind share only what is
 * everyone's. Copies of two kinds can be planted: a whole report's prose taken with the names,
 * places and some figures replaced, and a few sentences taken from a neighbour.
 *
 * Deterministic: the same options give the same corpus.
 */
import { generateReport, rng } from '../../src/model/generate.js';
import type { Report } from '../../src/model/report.js';

export interface CorpusOrgan {
  id: number;
  city: string;
  district: string;
  kind: 'street' | 'town' | 'office' | 'bureau';
  /** The organ's own part: "城北街道", "城关镇", "财政局". */
  own: string;
  /** The names it writes, one chosen per year. */
  spellings: string[];
  years: number[];
}

export interface CorpusReport {
  organ: CorpusOrgan;
  year: number;
  name: string;
  report: Report;
}

export interface Corpus {
  organs: CorpusOrgan[];
  reports: CorpusReport[];
  /** Organ and year whose 上年结转 does not match the year before. */
  breaks: Array<{ organ: number; year: number }>;
  /** Organ and year whose tables have a blank cell. */
  blanks: Array<{ organ: number; year: number }>;
  /** Planted copies: [copier, source] reports by index into `reports`. */
  wholeCopies: Array<[number, number]>;
  passageCopies: Array<[number, number]>;
}

export interface CorpusOptions {
  seed?: number;
  cities?: Array<{ name: string; districts: string[] }>;
  organsPerDistrict?: number;
  years?: number[];
  wholeCopies?: number;
  passageCopies?: number;
}

const CITIES = [
  { name: '德水市', districts: ['临谷县', '黎谷区', '德川区'] },
  { name: '庆谷市', districts: ['德堡区', '青林县', '南屏区'] },
];

const STREETS = ['城北', '城南', '东关', '西关', '新华', '和平', '向阳', '长安', '文昌', '永安', '清河', '兴隆', '凤鸣', '金桥'];
const TOWNS = ['城关', '柳河', '石门', '白塔', '桃源', '双桥', '龙泉', '杨柳', '马坊', '河西'];
const BUREAUS = ['财政局', '教育局', '司法局', '市场监督管理局', '卫生健康委员会', '自然资源局', '住房和城乡建设局', '农业农村局', '民政局', '人力资源和社会保障局'];
const ASIDES: Record<string, string> = { 司法局: '法制办', 市场监督管理局: '知识产权局', 农业农村局: '乡村振兴局', 卫生健康委员会: '中医药管理局' };

function spellingsOf(city: string, district: string, kind: CorpusOrgan['kind'], own: string): string[] {
  switch (kind) {
    case 'street': {
      const t = own.replace(/街道$/, '');
      return [`${district}${t}街道办事处`, `${city}${district}人民政府${t}街道办事处`, `${district}${t}街道`, `${city}${district}${t}街道办事处`, `${district}人民政府${t}街道办事处`];
    }
    case 'town':
      return [`${district}${own}`, `${district}${own}人民政府`, `${city}${district}${own}人民政府`, `${district} ${own}人民政府`];
    case 'office':
      return [`${district}政府办公室`, `${district}人民政府办公室`, `${city}${district}人民政府办公室`, `${city}${district}政府办公室`];
    case 'bureau': {
      const aside = ASIDES[own];
      return [`${district}${own}`, `${city}${district}${own}`, `${district} ${own}`, ...(aside ? [`${district}${own}（${district}${aside}）`] : [`${city} ${district}${own}`])];
    }
  }
}

// ---------------------------------------------------------------- prose with real variety

const P = {
  subject: ['我{o}', '{o}', '本机关', '我们', '{o}党组', '{o}政务公开工作领导小组', '班子成员', '各科室（站所）', '信息公开专职人员', '分管负责同志', '办公室'],
  adverb: ['始终', '持续', '进一步', '扎实', '认真', '切实', '不断', '全面', '着力', '积极', '主动', '深入', '坚持', '大力', '稳步', '有序'],
  verb: ['完善', '规范', '推进', '健全', '优化', '落实', '加强', '细化', '梳理', '改进', '拓展', '强化', '压实', '做好'],
  object: [
    '信息发布审核流程', '公开目录编制工作', '政策解读机制', '依申请公开办理台账', '政务新媒体管理', '基层公开标准目录', '公开平台栏目设置', '保密审查制度', '回应关切机制',
    '重点领域信息公开', '办事指南动态更新', '行政执法公示', '财政预决算公开', '民生事项公开', '公共服务事项清单', '政府开放日活动', '意见征集反馈', '网站内容保障',
    '政务公开考核办法', '公文公开属性认定', '政策文件清理', '会议公开制度', '信息公开年报编制', '档案查阅服务',
  ],
  way: ['通过{ch}', '依托{ch}', '借助{ch}', '结合{ch}', '围绕{topic}', '聚焦{topic}', '针对{topic}', '在{ch}上', '以{topic}为重点'],
  channel: ['门户网站专栏', '政务微信公众号', '公开栏', '便民服务大厅电子屏', '村（居）务公开栏', '12345政务服务热线', '新闻发布会', '社区网格微信群', '线上问卷', '宣传折页', '政务微博', '短视频平台', '广播站', '入户走访'],
  topic: [
    '群众关心的热点问题', '惠民惠农补贴发放', '城镇老旧小区改造', '义务教育招生入学', '医保报销政策', '就业创业扶持', '安全生产检查', '人居环境整治', '乡村振兴项目', '征地补偿安置',
    '市场主体登记', '食品安全抽检', '防汛抗旱', '营商环境优化', '居家养老服务', '低保救助审批', '农村危房改造', '校外培训治理', '燃气管道改造', '垃圾分类',
  ],
  result: [
    '全年发布相关信息{n}条', '累计更新内容{n}项', '组织专题培训{n}场次', '收集群众意见建议{n}条', '解读政策文件{n}件', '办理群众诉求{n}件，办结率{p}%', '覆盖{place}等{n}个社区（村）',
    '在{place}设立公开点{n}处', '编印发放资料{n}份', '开展专项督查{n}轮', '受益群众{n}余人次', '整改问题{n}个', '访问量达{n}万次', '回复网民留言{n}条',
  ],
  problem: ['{obj}还不够完善', '{topic}方面的公开深度不足', '工作人员业务能力有待提升', '政策解读形式较为单一', '部分栏目更新不够及时', '与群众的互动回应还不充分', '{ch}的作用发挥不够'],
  fix: ['下一步将{verb}{obj}', '计划{verb}{obj}，重点做好{topic}的公开', '将通过{ch}加大公开力度', '拟组织{n}次业务培训，提升队伍能力', '将把{topic}作为明年的公开重点'],
};

const CHARS = '安宝昌丰福广和华吉嘉锦康乐利隆茂明宁平庆瑞盛泰通旺祥新兴阳永裕泽振中';

function placeNames(r: () => number, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`${CHARS[Math.floor(r() * CHARS.length)]}${CHARS[Math.floor(r() * CHARS.length)]}${r() < 0.5 ? '社区' : '村'}`);
  return out;
}

/** Prose of one report: its own sentences from the grammar, with the organ's name and places. */
export function honestProse(seed: number, organ: string, places: string[]): { overview: string; problems: string; other: string } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const short = organ.replace(/^.*?[市区县](?=.)/, '');
  const fill = (s: string): string =>
    s
      .replace(/\{o\}/g, short)
      .replace(/\{ch\}/g, () => pick(P.channel))
      .replace(/\{topic\}/g, () => pick(P.topic))
      .replace(/\{obj\}/g, () => pick(P.object))
      .replace(/\{verb\}/g, () => pick(P.verb))
      .replace(/\{place\}/g, () => pick(places))
      .replace(/\{n\}/g, () => String(1 + Math.floor(r() * 300)))
      .replace(/\{p\}/g, () => String(80 + Math.floor(r() * 20)));
  const sentence = (): string => {
    const parts = [pick(P.subject), pick(P.adverb), pick(P.verb), pick(P.object)];
    let s = r() < 0.5 ? `${fill(pick(P.way))}，${parts.join('')}` : `${parts.join('')}，${fill(pick(P.way))}`;
    if (r() < 0.8) s += `，${fill(pick(P.result))}`;
    return fill(s);
  };
  const n = 10 + Math.floor(r() * 8);
  const overview = Array.from({ length: n }, sentence).join('。') + '。';
  const problems = Array.from({ length: 2 + Math.floor(r() * 2) }, () => fill(pick(P.problem))).join('；') + '。' + Array.from({ length: 2 + Math.floor(r() * 2) }, () => fill(pick(P.fix))).join('；') + '。';
  const other = r() < 0.5 ? '本年度未收取信息处理费。' : `本机关${pick(['严格执行', '认真落实'])}信息处理费收费标准，全年未收取信息处理费。`;
  return { overview, problems, other };
}

// ---------------------------------------------------------------- the corpus

export function organCorpus(options: CorpusOptions = {}): Corpus {
  const seed = options.seed ?? 1;
  const r = rng(seed * 31 + 7);
  const years = options.years ?? [2021, 2022, 2023, 2024, 2025];
  const perDistrict = options.organsPerDistrict ?? 10;
  const organs: CorpusOrgan[] = [];
  for (const city of options.cities ?? CITIES) {
    for (const district of city.districts) {
      const streets = STREETS.slice().sort(() => r() - 0.5);
      const bureaus = BUREAUS.slice().sort(() => r() - 0.5);
      // every district has its 城关镇: two 城关镇 in different counties are two organs
      const towns = ['城关', ...TOWNS.filter((t) => t !== '城关').sort(() => r() - 0.5)];
      const kinds: Array<[CorpusOrgan['kind'], string]> = [
        ['street', `${streets[0]}街道`], ['street', `${streets[1]}街道`], ['street', `${streets[2]}街道`],
        ['town', `${towns[0]}镇`], ['town', `${towns[1]}镇`], ['office', '人民政府办公室'],
        ...bureaus.map((b): [CorpusOrgan['kind'], string] => ['bureau', b]),
      ];
      for (const [kind, own] of kinds.slice(0, perDistrict)) {
        organs.push({ id: organs.length, city: city.name, district, kind, own, spellings: spellingsOf(city.name, district, kind, own), years: [] });
      }
    }
  }
  // most organs report every year; some start late, skip a year, or stop
  for (const o of organs) {
    const x = r();
    o.years = years.filter((y, i) => {
      if (x < 0.08) return i !== 2; // a gap in the middle
      if (x < 0.13) return i > 0; // from the second year on
      if (x < 0.17) return i < years.length - 1; // not in the last year
      return true;
    });
  }
  const reports: CorpusReport[] = [];
  const breaks: Corpus['breaks'] = [];
  const blanks: Corpus['blanks'] = [];
  let n = 0;
  for (const o of organs) {
    const places = placeNames(rng(seed * 1000 + o.id), 4);
    let previous: Report | undefined;
    let previousYear = 0;
    for (const year of o.years) {
      const name = o.spellings[Math.floor(r() * o.spellings.length)];
      const report = generateReport({ seed: seed * 100_000 + n++, layout: '2021', year, agency: name, scale: 10 + Math.floor(r() * 60) });
      // contact of an invented place: no postcode or telephone that would place it somewhere real
      report.meta.contact = { address: `${o.district}${places[0].replace(/社区|村$/, '')}路${1 + Math.floor(r() * 200)}号` };
      const consecutive = previous && previousYear === year - 1;
      if (consecutive) {
        report.requests.carriedOver = [...previous!.requests.carriedForward];
        const plant = r() < 0.04;
        if (plant) {
          report.requests.carriedOver[0] = (report.requests.carriedOver[0] ?? 0) + 1 + Math.floor(r() * 3);
          breaks.push({ organ: o.id, year });
        }
      } else if (previous) {
        // after a gap: figures that would look broken if checked against the report two years before
        report.requests.carriedOver = previous.requests.carriedForward.map((v) => (v ?? 0) + 2);
      }
      // 一 + 二 = （七） + 四: the balance holds, whatever was carried over
      report.requests.carriedForward = report.requests.carriedForward.map((_, c) => report.requests.newReceived[c]! + report.requests.carriedOver[c]! - report.requests.total[c]!);
      if (report.requests.carriedForward.some((v) => v! < 0)) {
        report.requests.newReceived = report.requests.newReceived.map((v, c) => v! - Math.min(0, report.requests.carriedForward[c]!));
        report.requests.carriedForward = report.requests.carriedForward.map((v) => Math.max(0, v!));
        report.requests.newReceived[6] = report.requests.newReceived.slice(0, 6).reduce((s, v) => s! + v!, 0);
        report.requests.carriedForward[6] = report.requests.carriedForward.slice(0, 6).reduce((s, v) => s! + v!, 0);
      }
      const prose = honestProse(seed * 7919 + o.id * 31 + year, name, places);
      report.sections[0].text = `${year}年，${prose.overview}全年共收到政府信息公开申请${report.requests.newReceived[6]}件。`;
      report.sections[4].text = prose.problems;
      report.sections[5].text = prose.other;
      if (r() < 0.02) {
        report.review.reconsideration[2] = null;
        blanks.push({ organ: o.id, year });
      }
      reports.push({ organ: o, year, name, report });
      previous = report;
      previousYear = year;
    }
  }
  const wholeCopies: Corpus['wholeCopies'] = [];
  const passageCopies: Corpus['passageCopies'] = [];
  const used = new Set<number>();
  const pickPair = (): [number, number] | undefined => {
    for (let tries = 0; tries < 200; tries++) {
      const a = Math.floor(r() * reports.length);
      const candidates = reports.map((x, i) => i).filter((i) => i !== a && reports[i].year === reports[a].year && reports[i].organ.id !== reports[a].organ.id && reports[i].organ.kind === reports[a].organ.kind);
      const b = candidates[Math.floor(r() * candidates.length)];
      if (b === undefined || used.has(a) || used.has(b)) continue;
      used.add(a);
      used.add(b);
      return [a, b];
    }
    return undefined;
  };
  for (let i = 0; i < (options.wholeCopies ?? 0); i++) {
    const pair = pickPair();
    if (!pair) break;
    const [copier, source] = pair;
    copyWhole(reports[copier], reports[source], rng(seed + i));
    wholeCopies.push(pair);
  }
  for (let i = 0; i < (options.passageCopies ?? 0); i++) {
    const pair = pickPair();
    if (!pair) break;
    const [copier, source] = pair;
    copyPassage(reports[copier], reports[source], rng(seed * 3 + i));
    passageCopies.push(pair);
  }
  return { organs, reports, breaks, blanks, wholeCopies, passageCopies };
}

/** Names of the source organ's places as they appear in its prose. */
function replaceNames(text: string, from: CorpusReport, to: CorpusReport): string {
  let t = text.split(from.name).join(to.name);
  const shortFrom = from.name.replace(/^.*?[市区县](?=.)/, '');
  const shortTo = to.name.replace(/^.*?[市区县](?=.)/, '');
  t = t.split(shortFrom).join(shortTo).split(from.organ.district).join(to.organ.district).split(from.organ.city).join(to.organ.city);
  return t;
}

/** The copier's prose becomes the source's, with names, places and some figures replaced. */
function copyWhole(copier: CorpusReport, source: CorpusReport, r: () => number): void {
  const placeSwap = (s: string) => s.replace(/[\u4e00-\u9fff]{2}(社区|村)/g, (m) => (r() < 0.7 ? `${CHARS[Math.floor(r() * CHARS.length)]}${CHARS[Math.floor(r() * CHARS.length)]}${m.slice(2)}` : m));
  const figureSwap = (s: string) => s.replace(/\d+/g, (m) => (r() < 0.3 ? String(Number(m) + 1 + Math.floor(r() * 9)) : m));
  for (const i of [0, 4, 5]) copier.report.sections[i].text = figureSwap(placeSwap(replaceNames(source.report.sections[i].text, source, copier)));
}

/** A few of the source's sentences (about a sixth of the prose) put in the copier's overview. */
function copyPassage(copier: CorpusReport, source: CorpusReport, r: () => number): void {
  const theirs = source.report.sections[0].text.split('。').filter((s) => s.length > 25);
  const mine = copier.report.sections[0].text.split('。').filter(Boolean);
  const total = mine.join('').length + copier.report.sections[4].text.length;
  const taken: string[] = [];
  let length = 0;
  const start = Math.floor(r() * Math.max(1, theirs.length - 4));
  for (let i = start; i < theirs.length && length < total * 0.17; i++) {
    taken.push(replaceNames(theirs[i], source, copier));
    length += theirs[i].length;
  }
  const at = 1 + Math.floor(r() * (mine.length - 2));
  copier.report.sections[0].text = [...mine.slice(0, at), ...taken, ...mine.slice(at)].join('。') + '。';
}
