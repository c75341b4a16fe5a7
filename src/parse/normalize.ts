/**
 * Text normalisation for matching labels and reading numbers. Real reports write the same label
 * with full-width or half-width brackets, spaces and line breaks inside, quotes or not, and
 * numbering typed in half a dozen ways; none of that is content.
 */

/** CJK radicals and compatibility ideographs that PDF text layers produce instead of the usual characters. */
const RADICALS: Record<string, string> = {
  '⼈': '人', '⺠': '民', '⼀': '一', '⼆': '二', '⼊': '入', '⼋': '八', '⼝': '口', '⼟': '土', '⼤': '大', '⼥': '女',
  '⼦': '子', '⼯': '工', '⼴': '广', '⼼': '心', '⽂': '文', '⽅': '方', '⽇': '日', '⽉': '月', '⽬': '目', '⽣': '生',
  '⽤': '用', '⽥': '田', '⽩': '白', '⽪': '皮', '⾏': '行', '⾔': '言', '⾦': '金', '⻔': '门', '⾯': '面', '⾼': '高',
  '⻅': '见', '⻓': '长', '⻚': '页', '⻛': '风', '⻢': '马', '⻋': '车', '⾸': '首', '⽔': '水', '⽕': '火', '⽊': '木',
  '⼿': '手', '⽀': '支', '⽐': '比', '⽑': '毛', '⽒': '氏', '⽓': '气', '⼒': '力', '⼗': '十', '⼘': '卜', '⼜': '又',
  '⼩': '小', '⼭': '山', '⼰': '己', '⼲': '干', '⽆': '无', '⽌': '止', '⽍': '歹', '⽗': '父', '⽚': '片', '⽛': '牙',
  '⽜': '牛', '⽝': '犬', '⽞': '玄', '⽟': '玉', '⽠': '瓜', '⽡': '瓦', '⽢': '甘', '⽮': '矢', '⽯': '石', '⽰': '示',
  '⽳': '穴', '⽴': '立', '⽵': '竹', '⽶': '米', '⾁': '肉', '⾃': '自', '⾄': '至', '⾆': '舌', '⾈': '舟', '⾊': '色',
  '⾍': '虫', '⾎': '血', '⾐': '衣', '⾒': '見', '⾓': '角', '⾕': '谷', '⾖': '豆', '⾚': '赤', '⾛': '走', '⾜': '足',
  '⾝': '身', '⾥': '里', '⾬': '雨', '⾮': '非', '⾳': '音', '⾹': '香', '⿊': '黑', '⿎': '鼓', '⿐': '鼻', '⿒': '齿',
  '⻰': '龙', '⻳': '龟', '⻥': '鱼', '⻦': '鸟', '⻩': '黄', '⻬': '齐', '⻓ ': '长',
};
const RADICAL_RE = new RegExp(`[${Object.keys(RADICALS).join('').replace(/\s/g, '')}]`, 'g');
const HAS_WIDE = /[\uff00-\uffef\u2e80-\u2fdf\u3000\u00a0\ufeff]/;

/**
 * A short cell of ASCII and full-width ASCII ("０", "１２", "（一）" does not qualify) narrowed
 * character by character, which is what NFKC does to these characters; null when anything else
 * is in it. Cheaper than String.normalize for the many one-figure cells reports write in
 * full-width digits.
 */
function narrowShort(s: string): string | null {
  const codes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) codes.push(c);
    else if (c >= 0xff01 && c <= 0xff5e) codes.push(c - 0xfee0);
    else if (c === 0x3000 || c === 0xa0) codes.push(0x20);
    else return null;
  }
  return String.fromCharCode(...codes);
}

/** NFKC plus the radical table: full-width digits and brackets become ASCII, ⼈ becomes 人. */
export function nfkc(s: string): string {
  if (!HAS_WIDE.test(s)) return s;
  if (s.length <= 8) {
    const narrowed = narrowShort(s);
    if (narrowed !== null) return narrowed;
  }
  let out = s.normalize('NFKC');
  if (/[\u2e80-\u2fdf]/.test(out)) out = out.replace(RADICAL_RE, (c) => RADICALS[c] ?? c);
  return out.replace(/\ufeff/g, '');
}

const WHITESPACE = /[\s\u3000\u00a0\u200b\ufeff]+/g;
/** Whether a UTF-16 unit is one of WHITESPACE's (\s, and the zero-width space). */
function isSpaceUnit(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function compact(s: string): string {
  for (let i = 0; i < s.length; i++) if (isSpaceUnit(s.charCodeAt(i))) return s.replace(WHITESPACE, '');
  return s;
}

const QUOTES = /[“”"'‘’「」『』〝〞]/g;
const NUMBERING = /^(?:\(?[一二三四五六七八九十]{1,3}\)|\(?\d{1,2}\)|[一二三四五六七八九十]{1,3}[、,.．:]|\d{1,2}[、,.．:](?!\d)|[①-⑳]|第[一二三四五六七八九十]+[项部分]+[、,.．:]?)/;

/**
 * A label reduced to what identifies it: no spaces, ASCII brackets, no quotes, no leading
 * numbering ("（一）", "1.", "三、" …, repeated: "三、(一)予以公开" → "予以公开").
 */
export function labelKey(s: string): string {
  let k = compact(nfkc(s)).replace(QUOTES, '');
  for (let i = 0; i < 3; i++) {
    const m = NUMBERING.exec(k);
    if (!m) break;
    k = k.slice(m[0].length);
  }
  return k;
}

/** Text with spaces between CJK characters (and between CJK and digits) removed: "2023 年政府" → "2023年政府". */
export function tidyCjk(s: string): string {
  return nfkc(s)
    .replace(/[\s\u3000]+/g, ' ')
    .replace(/(?<=[\u3400-\u9fff\uff00-\uffef、，。：；（）《》“”])\s+|\s+(?=[\u3400-\u9fff\uff00-\uffef、，。：；（）《》“”])/g, '')
    .trim();
}
