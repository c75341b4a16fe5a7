/**
 * PDF text layers often carry CJK radicals and compatibility ideographs instead of the usual
 * characters (⼈ for 人, ⺠ for 民): the font's glyph maps back to the radical's code point.
 * These are mapped to the unified ideographs; everything else (full-width punctuation included)
 * is left as written, so prose keeps its own characters.
 */

/** CJK Radicals Supplement (U+2E80–U+2EFF) has no NFKC mapping: this table gives the characters they stand for. */
const SUPPLEMENT: Record<string, string> = {
  '⺁': '厂', '⺇': '几', '⺊': '卜', '⺌': '小', '⺍': '小', '⺎': '兀', '⺏': '尢', '⺐': '尢', '⺑': '尢', '⺒': '巳', '⺓': '幺',
  '⺔': '彑', '⺕': '彐', '⺖': '忄', '⺗': '心', '⺘': '扌', '⺙': '攵', '⺛': '旡', '⺜': '日', '⺝': '月', '⺞': '歺', '⺟': '母',
  '⺠': '民', '⺡': '氵', '⺢': '氵', '⺣': '灬', '⺤': '爫', '⺥': '爫', '⺦': '丬', '⺧': '牛', '⺨': '犭', '⺩': '王', '⺪': '疋',
  '⺫': '罒', '⺬': '示', '⺭': '礻', '⺮': '竹', '⺯': '糸', '⺰': '纟', '⺱': '网', '⺲': '罒', '⺳': '网', '⺴': '网', '⺵': '网',
  '⺶': '羊', '⺷': '羊', '⺸': '羊', '⺹': '耂', '⺺': '聿', '⺻': '聿', '⺼': '肉', '⺽': '臼', '⺾': '艹', '⺿': '艹', '⻀': '艹',
  '⻁': '虎', '⻂': '衤', '⻃': '覀', '⻄': '西', '⻅': '见', '⻆': '角', '⻇': '角', '⻈': '讠', '⻉': '贝', '⻊': '足', '⻋': '车',
  '⻌': '辶', '⻍': '辶', '⻎': '辶', '⻏': '阝', '⻐': '钅', '⻑': '長', '⻒': '镸', '⻓': '长', '⻔': '门', '⻖': '阝', '⻗': '雨',
  '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食', '⻞': '食', '⻟': '食', '⻠': '饣', '⻢': '马', '⻣': '骨',
  '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻫': '齐', '⻬': '齐', '⻭': '齿', '⻮': '齿',
  '⻯': '龙', '⻰': '龙', '⻱': '龜', '⻲': '亀', '⻳': '龟',
};

const SPECIAL = /[\u2e80-\u2fdf\uf900-\ufaff\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd\u00ad\u200b\ufeff]/;
const SPECIAL_G = new RegExp(SPECIAL.source, 'g');

/** Radicals and compatibility ideographs → unified ideographs; control characters and soft hyphens dropped. */
export function normalizeCjk(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(SPECIAL_G, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20 || c === '\ufffd' || c === '\u00ad' || c === '\u200b' || c === '\ufeff') return '';
    if (code >= 0x2e80 && code <= 0x2eff) return SUPPLEMENT[c] ?? c;
    // Kangxi radicals (U+2F00–U+2FDF) and compatibility ideographs: NFKC gives the ideograph
    return c.normalize('NFKC');
  });
}
