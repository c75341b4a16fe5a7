/**
 * Which organ and region a fetched report belongs to, with how sure we are: from the organ the
 * report names itself, the article's title, the site's name and its host, matched against the
 * organs and regions already in the store. Below the threshold a person confirms or picks.
 */
import { inferRegions, organKey } from '../store/organs.js';

/**
 * The store's identity of an organ name: its key and the regions its name shows. The one place
 * this module reaches into the store's naming rules, so it follows them when they change.
 */
export function organIdentity(name: string): { key: string; regions: string[] } {
  return { key: organKey(name), regions: inferRegions(name).map((r) => r.name) };
}

/** A key's two parts: the place it was written under (code or name, '' when the name shows none) and the organ. */
function keyParts(key: string): { place: string; organ: string } {
  const bar = key.indexOf('|');
  return { place: bar < 0 ? '' : key.slice(0, bar), organ: key.slice(bar + 1).replace(/#\d+$/, '') };
}

/** `fuller` is the organ `bare` names, with the place `bare` leaves out ("宝山区七星街道办事处" for "七星街道办事处"). */
function namesMoreFully(fuller: string, bare: string): boolean {
  const f = keyParts(fuller);
  const b = keyParts(bare);
  return f.organ === b.organ && b.place === '' && f.place !== '';
}

function sameOrgan(a: string, b: string): boolean {
  return a === b || namesMoreFully(a, b) || namesMoreFully(b, a);
}

export interface KnownOrgan {
  name: string;
  key: string;
  /** Region path, '/'-joined from the top, or null. */
  region: string | null;
}

export interface OrganDirectory {
  organs: KnownOrgan[];
  /** Region paths known to the store. */
  regions: string[];
}

export interface OrganCandidate {
  organ: string;
  region: string | null;
  /** 0–1. */
  confidence: number;
  /** Why, in Chinese. */
  basis: string;
  /** The organ is already in the store. */
  known: boolean;
}

export interface OrganPlacement extends OrganCandidate {
  /** Other choices, best first (the chosen one included first). */
  candidates: OrganCandidate[];
}

export interface PageClues {
  /** The organ named in the report. */
  agency: string | null;
  /** The article's title. */
  title?: string;
  siteName?: string;
  host?: string;
}

/** Default: below this a person confirms the organ before the report is stored. */
export const ORGAN_THRESHOLD = 0.8;

const REPORT_WORDS = /^关于|(?:19|20)\d{2}\s*年度?|政府信息公开(?:工作)?(?:年度)?报告|政务公开(?:工作)?(?:年度)?报告|信息公开(?:工作)?年度报告|年度报告|年报|[（(][^)）]*[)）]|[《》“”"]/g;

/** The organ a report's title names: "宝山区七星街道办事处2023年政府信息公开工作年度报告" → 宝山区七星街道办事处. */
export function organOfTitle(title: string): string | null {
  const t = title.replace(/\s+/g, '').replace(REPORT_WORDS, '').replace(/^[，,。.、：:\-—_]+|[，,。.、：:\-—_]+$/g, '');
  return t.length >= 3 && t.length <= 40 && /(?:政府|办事处|街道|委员会|局|办|厅|院|中心|署|室|所|镇|乡|委|会|部|站|队|处|馆|区|县|市|省)$/.test(t) ? t : null;
}

/** The region a site's name shows: "上海市宝山区人民政府" → 上海市/宝山区. */
export function regionOfSite(siteName: string | undefined): string[] {
  if (!siteName) return [];
  const cleaned = siteName.replace(/门户网站|政府网站|官方网站|网站|官网|政务网|政府网$/g, '').replace(/^中国[·•]?/, '');
  return organIdentity(cleaned.endsWith('人民政府') ? cleaned : `${cleaned}人民政府`).regions;
}

/** Whether one region path lies along another (one is a tail of the other's names). */
function regionsAgree(a: string[], b: string[]): boolean {
  if (!a.length || !b.length) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  // compare from the most specific name: 宝山区 agrees with 上海市/宝山区
  for (let i = 1; i <= shorter.length; i++) if (shorter[shorter.length - i] !== longer[longer.length - i]) return false;
  return true;
}

/** The region path a directory knows ending with the given names, if exactly one does. */
function knownRegionPath(names: string[], directory: OrganDirectory): string | null {
  if (!names.length) return null;
  const tail = names.join('/');
  const hits = directory.regions.filter((p) => p === tail || p.endsWith(`/${tail}`));
  return hits.length === 1 ? hits[0] : tail;
}

function candidatesFor(name: string, siteRegions: string[], directory: OrganDirectory, base: number, what: string): OrganCandidate[] {
  const id = organIdentity(name);
  const exact = directory.organs.find((o) => o.key === id.key);
  if (exact) {
    const agree = regionsAgree(exact.region ? exact.region.split('/') : [], siteRegions);
    return [{ organ: exact.name, region: exact.region, confidence: agree ? base : base - 0.25, basis: `${what}“${name}”与报告库中的机关一致${agree ? '' : '，但网站所属地区不同'}`, known: true }];
  }
  // the report names the organ without its district ("七星街道办事处"): known organs whose
  // name ends with it, told apart by the site's region
  const tails = directory.organs.filter((o) => namesMoreFully(o.key, id.key));
  const fitting = tails.filter((o) => siteRegions.length && regionsAgree(o.region ? o.region.split('/') : [], siteRegions));
  const out: OrganCandidate[] = [];
  if (fitting.length === 1) {
    out.push({ organ: fitting[0].name, region: fitting[0].region, confidence: base - 0.1, basis: `${what}“${name}”加上网站所属地区，即报告库中的“${fitting[0].name}”`, known: true });
  } else {
    for (const o of tails) out.push({ organ: o.name, region: o.region, confidence: base - 0.4, basis: `${what}“${name}”可能是报告库中的“${o.name}”`, known: true });
  }
  const own = id.regions;
  const agree = regionsAgree(own, siteRegions);
  const regionNames = own.length >= siteRegions.length ? own : agree ? siteRegions : own;
  const region = regionNames.length ? knownRegionPath(regionNames, directory) : null;
  // nothing against the name the report gives itself: its region stays open; but a short name
  // that several known organs end with may be one of them, which a person decides
  const confidence = !agree ? base - 0.3 : own.length ? base - 0.05 : siteRegions.length ? base - 0.1 : tails.length ? base - 0.3 : base - 0.2;
  const basis = !agree
    ? `${what}“${name}”所属地区（${own.join('/')}）与网站（${siteRegions.join('/')}）不一致`
    : own.length
      ? `${what}“${name}”，地区取自名称`
      : siteRegions.length
        ? `${what}“${name}”，地区取自网站名称`
        : `${what}“${name}”，地区不明`;
  out.push({ organ: name, region, confidence, basis: `${basis}（新机关）`, known: false });
  return out.sort((a, b) => b.confidence - a.confidence);
}

export function placeOrgan(clues: PageClues, directory: OrganDirectory): OrganPlacement {
  const siteRegions = regionOfSite(clues.siteName);
  const all: OrganCandidate[] = [];
  const fromTitle = clues.title ? organOfTitle(clues.title) : null;
  let agency = clues.agency;
  if (agency && fromTitle) {
    const a = organIdentity(agency).key;
    const t = organIdentity(fromTitle).key;
    // the title names the same organ more fully ("宝山区七星街道办事处" for "七星街道办事处"): take the full name
    if (namesMoreFully(t, a)) agency = fromTitle;
  }
  if (agency) all.push(...candidatesFor(agency, siteRegions, directory, 1, agency === clues.agency ? '报告中的机关' : '报告中的机关（全称取自网页标题）'));
  if (fromTitle && (!agency || !sameOrgan(organIdentity(agency).key, organIdentity(fromTitle).key))) {
    // a title naming another organ than the report does lowers the report's own candidate
    if (agency) for (const c of all) c.confidence -= 0.15;
    all.push(...candidatesFor(fromTitle, siteRegions, directory, 0.75, '网页标题中的机关'));
  }
  if (!all.length && clues.siteName) {
    const site = clues.siteName.replace(/门户网站|网站|官网$/g, '');
    all.push({ organ: site, region: knownRegionPath(siteRegions, directory), confidence: 0.3, basis: `只有网站名称“${clues.siteName}”`, known: false });
  }
  if (!all.length) all.push({ organ: '', region: null, confidence: 0, basis: clues.host ? `网页和报告都没有写明机关（网站 ${clues.host}）` : '网页和报告都没有写明机关', known: false });
  // one organ may come up twice: keep its best
  const best = new Map<string, OrganCandidate>();
  for (const c of all) {
    c.confidence = Math.max(0, Math.min(1, Math.round(c.confidence * 100) / 100));
    const key = c.organ ? organIdentity(c.organ).key : '';
    const had = best.get(key);
    if (!had || c.confidence > had.confidence) best.set(key, c);
  }
  const candidates = [...best.values()].sort((a, b) => b.confidence - a.confidence);
  return { ...candidates[0], candidates };
}
