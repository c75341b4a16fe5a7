/**
 * Which organ a report is from, and where that organ is, from the structure of its name: a chain
 * of places (省 / 市 / 区县, and the 乡镇街道 when the organ is one) and the organ itself. Real
 * names add and drop parts from one year to the next — the city before a district, 人民政府
 * between a district and its 街道 ("临谷县人民政府城北街道办事处"), 办事处 after 街道, 人民政府
 * after 镇, 人民 in 人民政府办公室, spaces and brackets — so the key keeps only what tells two
 * organs apart: the lowest place written (or its GB/T 2260 code when the division data places it)
 * and the organ's own name in one spelling. Two 城关镇 of different counties keep two keys.
 */
import { compact, nfkc } from '../parse/normalize.js';
import { divisionChain, placeDivision, type Division, type PlaceHints } from './places.js';

export type { PlaceHints } from './places.js';

export type RegionLevel = '省' | '市' | '区县';

export interface RegionPart {
  name: string;
  level: RegionLevel | null;
}

export interface OrganName {
  /** Places written before the organ, from the top down (乡镇街道 not included). */
  places: RegionPart[];
  /** The 乡镇/街道 the organ is, or is part of, in one spelling ("城北街道", "城关镇"); null for others. */
  town: string | null;
  /** The organ's own name in one spelling: "城北街道" for a 街道办事处, "人民政府办公室", "财政局". */
  own: string;
}

export interface OrganIdentity extends OrganName {
  /** Same key, same organ. */
  key: string;
  /** The region the organ belongs to, from the top down. */
  region: RegionPart[];
  /** GB/T 2260 code of the lowest region, when the division data places it. */
  regionCode: string | null;
}

const PROVINCE = /^(.{2,7}?(?:省|自治区))/;
const CITY = /^([^区县]{1,7}?(?:市|自治州|地区|盟))/;
const COUNTY = /^(.{1,8}?(?:区|县|旗|市))/;
/** A 街道/镇/乡 that is the organ itself, with the suffixes its name may carry. */
const TOWN = /^(.{1,10}?(?:街道|镇|乡))(?:办事处|人民政府|政府)?$/;
/** Words that show a match ran into the organ's own name ("市场监督管理局" is no 市). */
const NOT_A_PLACE = /市场|城区管理|社区|园区|开发区|管委|小区|街道|委员会|局|办公|中心|城乡|政府|人民/;

/** The name with widths, spaces, quotes and bracketed asides removed: "（区政务服务中心）" is no part of who it is. */
function plain(name: string): string {
  const flat = compact(nfkc(name)).replace(/[“”"'‘’《》]/g, '');
  const unbracketed = flat.replace(/[(（[【〔][^)）\]】〕]*[)）\]】〕]/g, '');
  return (unbracketed || flat).replace(/[()（）[\]【】〔〕]/g, '');
}

/** Places, town and own name of an organ's name as written. */
export function parseOrganName(name: string): OrganName {
  let rest = plain(name);
  const places: RegionPart[] = [];
  for (const [re, level] of [[PROVINCE, '省'], [CITY, '市'], [COUNTY, '区县']] as const) {
    const m = re.exec(rest);
    if (!m) continue;
    let place = m[1];
    // "红旗区": the shortest match stopped at the 旗 of the name
    if (level === '区县' && /[旗市]$/.test(place) && /^[区县]/.test(rest.slice(place.length))) place = rest.slice(0, place.length + 1);
    const after = rest.slice(place.length).replace(/^(?:人民)?政府(?=.)(?!办|工作|信息|采购|法制|研究|督查|服务)/, '');
    // a place needs something after it, or the organ is that place's government ("临谷县人民政府")
    if (NOT_A_PLACE.test(place) || !rest.slice(place.length)) continue;
    places.push({ name: place, level });
    rest = after;
  }
  let town: string | null = null;
  let own = rest;
  const t = TOWN.exec(rest);
  if (t && !NOT_A_PLACE.test(t[1].replace(/街道$/, ''))) {
    town = t[1];
    own = t[1];
  }
  // "政府办公室" / "人民政府办公室"; "政府" / "人民政府" (the government of the last place)
  own = own.replace(/^(?:人民)?政府/, '人民政府');
  if (!own && places.length) own = '人民政府';
  return { places, town, own };
}

/**
 * Which organ a name (and what its report tells of its place) stands for. The division data
 * places the chain when it can; otherwise the chain stays as written and the key uses the
 * lowest written place, so "德堡区X街道" and "庆谷市德堡区X街道" are one organ.
 */
export function identifyOrgan(name: string, hints: PlaceHints = {}): OrganIdentity {
  const parsed = parseOrganName(name);
  const written = parsed.places.map((p) => p.name);
  const division = written.length || parsed.town ? placeDivision(written, parsed.town, hints) : undefined;
  const region = division ? regionOfDivision(division, written) : partlyPlaced(parsed.places, hints);
  const where = division ? division.code : written[written.length - 1] ?? '';
  const organ = parsed.town && parsed.own !== parsed.town ? `${parsed.town}/${parsed.own}` : parsed.own;
  return { ...parsed, key: `${where}|${organ}`, region, regionCode: division?.code ?? null };
}

function regionOfDivision(d: Division, _written: string[]): RegionPart[] {
  return divisionChain(d).map((x) => ({ name: x.name, level: x.level }));
}

/** A chain whose lowest place the data does not know: the known places above it, then the rest as written. */
function partlyPlaced(places: RegionPart[], hints: PlaceHints): RegionPart[] {
  for (let n = places.length - 1; n > 0; n--) {
    const d = placeDivision(places.slice(0, n).map((p) => p.name), null, hints);
    if (d) return [...divisionChain(d).map((x) => ({ name: x.name, level: x.level })), ...places.slice(n)];
  }
  return places;
}

/** The key under which two spellings of one organ's name are the same (no hints from the report). */
export function organKey(name: string): string {
  return identifyOrgan(name).key;
}

/** The administrative areas above the organ, from the top down, as far as its name shows them. */
export function inferRegions(organ: string): RegionPart[] {
  return identifyOrgan(organ).region;
}

export function regionPath(parts: Array<{ name: string }>): string {
  return parts.map((p) => p.name).join('/');
}
