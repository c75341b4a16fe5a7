/**
 * What a government web page says about the report on it: its title, the site's name, the date it
 * was published, the attachments it links, the container holding the article body (navigation,
 * footers and side columns left out), and — for a column (栏目) page — the links to reports and to
 * the column's following pages. Shapes of the common government CMSs: TRS (createPageHTML,
 * TRS_Editor), Hanweb/大汉 (<publishtime>, lists inside <script type="text/xml">), the national
 * site meta tags (SiteName, ArticleTitle, PubDate, ColumnName).
 */
import { parse, parseFragment, serializeOuter, type DefaultTreeAdapterTypes as T } from 'parse5';

type Node = T.ChildNode;
type Element = T.Element;

export interface PageLink {
  url: string;
  text: string;
}

export interface PageInfo {
  /** The article's title (ArticleTitle, og:title, the heading), else the page title. */
  title: string;
  /** The <title> as written. */
  pageTitle: string;
  siteName?: string;
  columnName?: string;
  /** YYYY-MM-DD, the date the page says it was published. */
  published?: string;
  /** Links to files: PDF, Word, WPS, ZIP (a report may be any of them). */
  attachments: PageLink[];
  /** Every other link (pages), absolute. */
  links: PageLink[];
  /** The article body as a page of its own (UTF-8), or null when the page has no body to speak of. */
  body: string | null;
  /** Characters of text in the body. */
  bodyChars: number;
  /** Links to the column's other pages (下一页, index_1.html, ?page=2, createPageHTML). */
  pages: string[];
  /** <meta http-equiv="refresh"> target, when the page only sends on. */
  refresh?: string;
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'select', 'option', 'textarea', 'head']);
const CHROME_TAGS = new Set(['nav', 'footer', 'aside', 'form', 'header']);
const CHROME_WORDS = /(?:^|[\s_-])(?:nav|navbar|navigation|menu|menus|submenu|breadcrumb|crumbs?|position|location|footer|foot|bottom|copyright|share|bdshare|print|sidebar|side|left|right|toolbar|topbar|top|header|head|search|banner|logo|friendlink|links|related|xgwz|xgxx|fxd|dy|wza|ewm|qrcode)(?:$|[\s_\-\d])/i;
/** Containers the common CMSs put the article body in. */
const BODY_WORDS = /(?:^|[\s_-])(?:zoom|trs_editor|trs_ueditor|custom_unionstyle|article|article-content|articlecontent|art_con|art-con|content|con|contents|news_content|newscontent|detail|details|xxgk_content|pages_content|wzcon|con_text|main-text|maintext|text|bt_content|info_content|zwgk_content|view|article_con|main_content|mainContent)(?:$|[\s_\-\d])/i;

export const ATTACHMENT_EXT = /\.(pdf|docx?|wps|zip|rar|7z|ofd|xlsx?|txt|rtf|odt)$/i;

function attr(el: Element, name: string): string | undefined {
  for (const a of el.attrs) if (a.name === name) return a.value;
  return undefined;
}

function isElement(n: Node | T.ParentNode): n is Element {
  return (n as Element).tagName !== undefined;
}

function children(n: T.ParentNode): Node[] {
  return n.childNodes;
}

function textOf(n: Node, out: string[] = []): string[] {
  if (n.nodeName === '#text') out.push((n as T.TextNode).value);
  else if (isElement(n) && !SKIP.has(n.tagName)) for (const c of children(n)) textOf(c, out);
  return out;
}

export function collapse(s: string): string {
  return s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

function isChrome(el: Element): boolean {
  if (CHROME_TAGS.has(el.tagName)) return true;
  const words = `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`;
  return words.trim() !== '' && CHROME_WORDS.test(words) && !BODY_WORDS.test(words);
}

function hidden(el: Element): boolean {
  const style = attr(el, 'style');
  return attr(el, 'hidden') !== undefined || (style !== undefined && /display\s*:\s*none/i.test(style));
}

function resolveUrl(href: string | undefined, base: URL): string | undefined {
  if (!href) return undefined;
  const h = href.trim();
  if (!h || /^(?:javascript|mailto|tel|data):/i.test(h) || h.startsWith('#')) return undefined;
  try {
    const u = new URL(h, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    u.hash = '';
    return u.href;
  } catch {
    return undefined;
  }
}

/** The file a link points at, if it is one: from the path, a `file=`/`filename=` parameter, or the text. */
export function attachmentName(url: string, text = ''): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const last = decodeURIComponentSafe(u.pathname.split('/').pop() ?? '');
  if (ATTACHMENT_EXT.test(last)) return last;
  for (const [k, v] of u.searchParams) {
    if (/^(?:file|filename|name|fileName|path|url|attachName)$/i.test(k) && ATTACHMENT_EXT.test(v.split(/[?#]/)[0])) return v.split('/').pop();
  }
  const t = collapse(text);
  if (ATTACHMENT_EXT.test(t)) return t;
  return undefined;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const DATE = /(20\d{2}|19\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/;

function isoDate(m: RegExpExecArray | null): string | undefined {
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const PUBLISHED_META = ['pubdate', 'publishdate', 'publish_date', 'publishtime', 'firstpublishedtime', 'article:published_time', 'dc.date.issued', 'dcterms.issued', 'dc.date', 'og:release_date', 'releasedate'];

/** The publication date a page states: its meta tags, a <publishtime> element, else a 发布日期/发布时间/日期 line. */
export function publishedDate(metas: Map<string, string>, special: string | undefined, text: string): string | undefined {
  for (const name of PUBLISHED_META) {
    const v = metas.get(name);
    const d = v ? isoDate(DATE.exec(v)) : undefined;
    if (d) return d;
  }
  if (special) {
    const d = isoDate(DATE.exec(special));
    if (d) return d;
  }
  const labelled = [
    /(?:发布|公开|发表)(?:日期|时间)\s*[:：]?\s*(?:<[^>]*>\s*)*/g,
    /(?<![成印]文|生成|修改|更新|截止|有效)(?:日期|时间)\s*[:：]\s*/g,
  ];
  for (const re of labelled) {
    for (const m of text.matchAll(re)) {
      const d = isoDate(DATE.exec(text.slice(m.index! + m[0].length, m.index! + m[0].length + 24)));
      if (d) return d;
    }
  }
  return undefined;
}

/** Pages a CMS paging script names: TRS createPageHTML(pages, current, "index", "html"). */
function scriptedPages(script: string, base: URL): string[] {
  const out: string[] = [];
  const m = /createPageHTML\(\s*['"]?(\d+)['"]?\s*,\s*['"]?(\d+)['"]?\s*,\s*['"]([\w-]+)['"]\s*,\s*['"](\w+)['"]/.exec(script);
  if (m) {
    const total = Math.min(Number(m[1]), 500);
    for (let i = 0; i < total; i++) {
      const name = i === 0 ? `${m[3]}.${m[4]}` : `${m[3]}_${i}.${m[4]}`;
      const u = resolveUrl(name, base);
      if (u) out.push(u);
    }
  }
  return out;
}

const NEXT_TEXT = /^(?:下一?页|后一?页|下页|next|›|»|>)$/i;
const PAGE_HREF = /(?:[/_-](?:index|page|list|default)[_-]?\d+\.s?html?$)|(?:[?&](?:page|pageno|pageindex|currentpage|pagenum|curpage|p|pn)=\d+)/i;

function elementsWithin(root: T.ParentNode, visit: (el: Element, chrome: boolean) => boolean | void, chrome = false): void {
  for (const c of children(root)) {
    if (!isElement(c)) continue;
    const inChrome = chrome || isChrome(c);
    if (visit(c, inChrome) === false) continue;
    if (c.tagName === 'template') continue;
    elementsWithin(c, visit, inChrome);
  }
}

interface Measure {
  text: number;
  linkText: number;
}

/** Characters of text outside and inside links, chrome and hidden parts left out, per element. */
function measure(root: Element, into: Map<Element, Measure>): Measure {
  let text = 0;
  let linkText = 0;
  const walk = (n: Node, inLink: boolean): void => {
    if (n.nodeName === '#text') {
      const len = collapse((n as T.TextNode).value).length;
      if (inLink) linkText += len;
      else text += len;
      return;
    }
    if (!isElement(n) || SKIP.has(n.tagName) || hidden(n) || isChrome(n)) return;
    if (n.tagName === 'a') {
      for (const c of children(n)) walk(c, true);
      return;
    }
    const m = measure(n, into);
    if (inLink) linkText += m.text + m.linkText;
    else {
      text += m.text;
      linkText += m.linkText;
    }
  };
  for (const c of children(root)) walk(c, false);
  const m = { text, linkText };
  into.set(root, m);
  return m;
}

/**
 * The element holding the article: a container named as CMSs name it when it holds most of the
 * page's text, else the smallest element that holds four fifths of the text of its parent, going
 * down from the body while a single child keeps that share.
 */
function findBody(body: Element): Element | null {
  const sizes = new Map<Element, Measure>();
  const total = measure(body, sizes);
  if (total.text < 20) return null;
  let named: Element | null = null;
  elementsWithin(body, (el, chrome) => {
    if (chrome || hidden(el)) return false;
    const words = `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`;
    const m = sizes.get(el);
    if (!m || !BODY_WORDS.test(words)) return;
    // the innermost named container that still holds most of the page's prose
    if (m.text >= total.text * 0.5 && (!named || (sizes.get(named)!.text >= m.text && m.text >= sizes.get(named)!.text * 0.8))) named = el;
  });
  if (named) return named;
  let current = body;
  for (;;) {
    const own = sizes.get(current)!;
    let next: Element | null = null;
    for (const c of children(current)) {
      if (!isElement(c) || SKIP.has(c.tagName) || isChrome(c)) continue;
      const m = sizes.get(c);
      if (m && m.text >= own.text * 0.8) next = c;
    }
    if (!next || ['tr', 'td', 'th', 'tbody', 'table', 'p', 'span', 'font', 'li', 'ul'].includes(next.tagName)) break;
    current = next;
  }
  return current;
}

/** Lists a Hanweb/大汉 CMS keeps as HTML inside <script type="text/xml"> (<datastore><recordset><record><![CDATA[…]]>). */
function embeddedRecords(script: string): string[] {
  const out: string[] = [];
  for (const m of script.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)) out.push(m[1]);
  return out;
}

function linksIn(root: T.ParentNode, base: URL, into: PageLink[], skipChrome: boolean): void {
  elementsWithin(root, (el, chrome) => {
    if (skipChrome && chrome) return false;
    const tag = el.tagName;
    const href = tag === 'a' || tag === 'area' ? attr(el, 'href') : tag === 'iframe' || tag === 'embed' ? attr(el, 'src') : tag === 'object' ? attr(el, 'data') : undefined;
    const url = resolveUrl(href, base);
    if (url) {
      const text = collapse(textOf(el).join(''));
      const title = attr(el, 'title') ?? '';
      // lists cut long titles short ("…"); the title attribute holds the whole
      into.push({ url, text: title.length > text.replace(/[.…]+$/, '').length ? collapse(title) : text });
    }
  });
}

function firstHeading(root: Element): string | undefined {
  let found: string | undefined;
  elementsWithin(root, (el, chrome) => {
    if (found || chrome) return false;
    if (/^h[1-3]$/.test(el.tagName) || /(?:^|[\s_-])(?:title|tit|biaoti|art_title|article-title|news_title)(?:$|[\s_-])/i.test(`${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`)) {
      const t = collapse(textOf(el).join(''));
      if (t.length >= 6 && t.length <= 120) found = t;
    }
  });
  return found;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

export function analysePage(html: string, address: string): PageInfo {
  const doc = parse(html);
  let base = new URL(address);
  const htmlEl = doc.childNodes.find((c): c is Element => isElement(c) && c.tagName === 'html');
  const head = htmlEl?.childNodes.find((c): c is Element => isElement(c) && c.tagName === 'head');
  const body = htmlEl?.childNodes.find((c): c is Element => isElement(c) && c.tagName === 'body');
  const metas = new Map<string, string>();
  let pageTitle = '';
  let refresh: string | undefined;
  let publishTag: string | undefined;
  const scripts: string[] = [];
  const walkAll = (n: T.ParentNode) => {
    for (const c of children(n)) {
      if (!isElement(c)) continue;
      if (c.tagName === 'meta') {
        const name = (attr(c, 'name') ?? attr(c, 'property') ?? '').toLowerCase();
        const content = attr(c, 'content');
        if (name && content !== undefined && !metas.has(name)) metas.set(name, content);
        const equiv = (attr(c, 'http-equiv') ?? '').toLowerCase();
        if (equiv === 'refresh' && content) {
          const m = /^\s*(\d+)\s*[;,]\s*url\s*=\s*['"]?([^'"]+)/i.exec(content);
          if (m && Number(m[1]) <= 5) refresh = resolveUrl(m[2], base);
        }
      } else if (c.tagName === 'title' && !pageTitle) pageTitle = collapse(textOf(c, []).join('') || c.childNodes.map((x) => (x as T.TextNode).value ?? '').join(''));
      else if (c.tagName === 'base') {
        const b = resolveUrl(attr(c, 'href'), base);
        if (b) base = new URL(b);
      } else if (c.tagName === 'publishtime' || c.tagName === 'pubtime') publishTag ??= collapse(textOf(c).join(''));
      else if (c.tagName === 'script') scripts.push(c.childNodes.map((x) => (x as T.TextNode).value ?? '').join(''));
      if (c.tagName !== 'script') walkAll(c);
    }
  };
  walkAll(doc);
  // <title> inside <head> keeps its text as a text node; textOf skips 'head', so read it directly
  if (!pageTitle && head) {
    const t = head.childNodes.find((c): c is Element => isElement(c) && c.tagName === 'title');
    if (t) pageTitle = collapse(t.childNodes.map((x) => (x as T.TextNode).value ?? '').join(''));
  }

  const links: PageLink[] = [];
  if (body) linksIn(body, base, links, false);
  for (const s of scripts) for (const record of embeddedRecords(s)) linksIn(parseFragment(record), base, links, false);

  const main = body ? findBody(body) : null;
  const heading = body ? firstHeading(body) : undefined;
  const title = collapse(metas.get('articletitle') ?? metas.get('og:title') ?? heading ?? pageTitle.split(/\s*[-_|—]+\s*/)[0] ?? '');
  const siteName = metas.get('sitename') ?? metas.get('og:site_name') ?? (pageTitle.includes('_') || pageTitle.includes('-') || pageTitle.includes('|') ? pageTitle.split(/\s*[-_|—]+\s*/).pop() : undefined);
  const pageText = body ? collapse(textOf(body).join(' ')) : '';
  const published = publishedDate(metas, publishTag, pageText);

  // attachments: anywhere in the page but the site's navigation and footer
  const attachments: PageLink[] = [];
  const seenAttachment = new Set<string>();
  for (const l of links) {
    if (attachmentName(l.url, l.text)) {
      if (!seenAttachment.has(l.url)) attachments.push(l);
      seenAttachment.add(l.url);
    }
  }
  const chromeFree: PageLink[] = [];
  if (body) linksIn(body, base, chromeFree, true);
  const inChrome = new Set(links.map((l) => l.url).filter((u) => !chromeFree.some((c) => c.url === u)));
  for (let i = attachments.length - 1; i >= 0; i--) if (inChrome.has(attachments[i].url) && !/年|报告|附件/.test(attachments[i].text)) attachments.splice(i, 1);

  const paging = new Set<string>();
  for (const l of links) {
    if (seenAttachment.has(l.url)) continue;
    if (NEXT_TEXT.test(l.text) || (PAGE_HREF.test(l.url) && /^(?:\d{1,3}|下一?页|尾页|末页|上一?页|首页|\[\d+\])$/.test(l.text))) paging.add(l.url);
  }
  for (const s of scripts) for (const p of scriptedPages(s, base)) paging.add(p);

  let bodyHtml: string | null = null;
  let bodyChars = 0;
  if (main) {
    const sizes = new Map<Element, Measure>();
    bodyChars = measure(main, sizes).text;
    const inner = serializeOuter(main);
    const mainText = collapse(textOf(main).join(''));
    const withTitle = title && !mainText.includes(title.slice(0, 12)) ? `<h1>${escapeHtml(title)}</h1>\n` : '';
    bodyHtml = `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title || pageTitle)}</title></head>\n<body>\n${withTitle}${inner}\n</body></html>\n`;
  }

  return {
    title,
    pageTitle,
    siteName: siteName ? collapse(siteName) : undefined,
    columnName: metas.get('columnname') ? collapse(metas.get('columnname')!) : undefined,
    published,
    attachments,
    links: links.filter((l) => !seenAttachment.has(l.url)),
    body: bodyHtml,
    bodyChars,
    pages: [...paging],
    refresh,
  };
}

/** The report year a title names: "2023年政府信息公开工作年度报告" → 2023. */
export function yearOfTitle(text: string): number | undefined {
  const t = collapse(text).replace(/\s/g, '');
  const m = /(20\d{2}|19\d{2})年度?(?:[^年]{0,30})(?:年度报告|年报)/.exec(t) ?? /(20\d{2})年度/.exec(t);
  return m ? Number(m[1]) : undefined;
}

/** Whether a link's text reads like an annual report's title (lists cut long titles short: "…政府信息公开工作年…"). */
export function looksLikeReportTitle(text: string): boolean {
  const t = collapse(text).replace(/\s/g, '');
  if (/(?:政府信息公开|政务公开|信息公开).{0,12}(?:年度报告|年报)|(?:年度报告|年报).{0,6}(?:政府信息公开|信息公开)|信息公开年报/.test(t)) return true;
  // a title cut short after the year and 政府信息公开
  return /(?:19|20)\d{2}年度?.{0,4}(?:政府信息公开|政务公开)(?:工作)?(?:年度?|年度报?)?(?:…|\.{2,})$/.test(t);
}
