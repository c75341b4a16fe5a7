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

/**
 * Code points that share one glyph in the simplified-Chinese CJK fonts PDF writers embed: the
 * ToUnicode map then names the traditional one (Chromium with Noto Sans/Serif CJK SC writes 戶
 * for 户). Only pairs seen in such files; reports are in simplified Chinese.
 */
const SHARED_GLYPH: Record<string, string> = { '戶': '户' };

/** What a Kangxi radical's NFKC form (traditional) stands for in a simplified-Chinese text. */
const KANGXI_SIMPLIFIED: Record<string, string> = {
  '戶': '户', '門': '门', '見': '见', '貝': '贝', '車': '车', '馬': '马', '魚': '鱼', '鳥': '鸟', '長': '长', '頁': '页', '風': '风',
  '飛': '飞', '麥': '麦', '黃': '黄', '齊': '齐', '齒': '齿', '龍': '龙', '龜': '龟', '韋': '韦', '鹵': '卤', '黽': '黾', '鬥': '斗',
};

const SPECIAL = /[\u2e80-\u2fdf\uf900-\ufaff\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd\u00ad\u200b\ufeff戶]/;
const SPECIAL_G = new RegExp(SPECIAL.source, 'g');

/** Radicals and compatibility ideographs → unified ideographs; control characters and soft hyphens dropped. */
export function normalizeCjk(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(SPECIAL_G, (c) => {
    const code = c.charCodeAt(0);
    const shared = SHARED_GLYPH[c];
    if (shared) return shared;
    if (code < 0x20 || c === '\ufffd' || c === '\u00ad' || c === '\u200b' || c === '\ufeff') return '';
    if (code >= 0x2e80 && code <= 0x2eff) return SUPPLEMENT[c] ?? c;
    // Kangxi radicals (U+2F00–U+2FDF) and compatibility ideographs: NFKC gives the ideograph,
    // the traditional form where the radical has two (⼾ → 戶): reports are in simplified Chinese
    const n = c.normalize('NFKC');
    return code >= 0x2f00 && code <= 0x2fdf ? (KANGXI_SIMPLIFIED[n] ?? n) : n;
  });
}
