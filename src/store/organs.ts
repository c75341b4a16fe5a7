/**
 * Organs and the regions they belong to, from the organ's name: "杭州市拱墅区人民政府上塘街道办事处"
 * is 上塘街道 in 杭州市 / 拱墅区. Names are normalised so that spellings of one organ meet:
 * widths and spaces, 人民政府 inside a name, 办事处 and 人民政府 at the end of a 街道/镇/乡.
 */
import { compact, nfkc } from '../parse/normalize.js';

/** The key under which two spellings of one organ's name are the same. */
export function organKey(name: string): string {
  let k = compact(nfkc(name)).replace(/[()（）“”"]/g, '');
  // "拱墅区人民政府上塘街道办事处" and "拱墅区上塘街道办事处" are one organ
  k = k.replace(/人民政府(?=.)/g, '');
  // "上塘街道办事处" / "上塘街道"; "平原镇人民政府" / "平原镇政府" / "平原镇"
  k = k.replace(/(街道)办事处$/, '$1').replace(/([镇乡])(?:人民)?政府$/, '$1');
  return k;
}

export type RegionLevel = '省' | '市' | '区县';

export interface RegionPart {
  name: string;
  level: RegionLevel;
}

const PROVINCE = /^(.{2,7}?(?:省|自治区))/;
const CITY = /^([^区县]{1,7}?(?:市|自治州|地区|盟))/;
const COUNTY = /^(.{2,8}?(?:区|县|旗|市))/;
const GOVERNMENT = /^人民政府/;
/** Words that show a match ran into the organ's own name ("市场监督管理局" is no 市). */
const NOT_A_PLACE = /市场|城区管理|社区|园区|开发区管委|小区|街道|委员会|局|办公|中心/;

/** The administrative areas above the organ, from the top down, as far as its name shows them. */
export function inferRegions(organ: string): RegionPart[] {
  let rest = compact(nfkc(organ));
  const out: RegionPart[] = [];
  for (const [re, level] of [[PROVINCE, '省'], [CITY, '市'], [COUNTY, '区县']] as const) {
    const m = re.exec(rest);
    if (!m) continue;
    const name = m[1];
    if (NOT_A_PLACE.test(name) || name.length >= rest.length - 1 && !/人民政府$/.test(rest)) continue;
    out.push({ name, level });
    rest = rest.slice(name.length).replace(GOVERNMENT, '');
    if (!rest) break;
  }
  return out;
}

export function regionPath(parts: Array<{ name: string }>): string {
  return parts.map((p) => p.name).join('/');
}
