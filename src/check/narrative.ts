/**
 * The figures the prose states about requests and reviews, found by phrase, with the table
 * figure each one must agree with. Used by the narrative.mismatch rule.
 *
 * The patterns follow how reports word these figures (共收到…申请39件, 办结38件, 予以公开28件,
 * 不予公开（属于行政查询事项）2件, 结转下年度2件, 行政复议和行政诉讼0件). A phrase only counts when
 * nothing but words stands between its keyword and the number (no comma, no other number), and
 * never after a comparison (较上年, 同比) or in a clause about another year: prose that compares
 * with last year must not be read as this year's figure.
 */
import { LAYOUTS, REVIEW_ROWS, type RequestRowDef } from '../model/layouts.js';
import type { CellRef, Report } from '../model/report.js';
import { compact, labelKey, nfkc } from '../parse/normalize.js';
import type { RuleContext } from './rule.js';
import { REQUEST_TOTAL, REVIEW_TOTAL, compactSections, rowName, sumCells } from './cells.js';

export interface Statement {
  /** The words of the prose, as written (normalised widths). */
  phrase: string;
  stated: number;
  /** The cell the figure is compared with (for a sum: its first row). */
  where: CellRef;
  /** What the table says, in words, e.g. 表三“（七）总计”总计. */
  tableName: string;
  /** The table's figure; null when the table has no figure there. */
  table: number | null;
  /** Further table figures the prose may mean (e.g. total less withdrawn requests). */
  alsoAccepted: number[];
}

const CLAUSE = /[^。;!?\n]+/g;
/** A clause can state a count only if a number with its unit is in it (most clauses hold none). */
const HAS_COUNT = /\d\s*[件宗个份条起]/;
/** Between a keyword and its number: words only. */
const GAP = (n: number): string => `[^,，、。;；\\d]{0,${n}}?`;
const COUNT = '(\\d{1,7})\\s*(?:件|宗|个|份|条)(?!次?[/／])';
/** Words that make a figure a comparison rather than this year's count. */
const COMPARISON = /较|同比|环比|比上|上年同期|去年|与上一?年|增长|减少|下降|增加/;
const OTHER_TOPIC = /复议|诉讼|建议|提案|信访|举报|投诉|热线|咨询|留言/;

interface Pattern {
  /** Words one of which the clause must hold before the expression is tried (most clauses hold none). */
  keys: string[];
  /**
   * What the clause must be about for the figure to be a table III figure: 'any' (the words of the
   * match say it: 收到…申请, 办结), 'requests' (申请 named in the clause or the one it continues:
   * 予以公开, 不予公开 …), or 'review' (table IV, whose own words 行政复议/行政诉讼 say it).
   */
  subject: 'any' | 'requests' | 'review';
  re: RegExp;
  /** Resolve the match into the statements it makes (none when it does not apply). */
  resolve(m: RegExpExecArray, report: Report, withdrawnCount: number): Statement[];
}

function requestTotal(report: Report, row: string): number | null {
  const v = report.requests[row]?.[REQUEST_TOTAL];
  return typeof v === 'number' ? v : null;
}

function groupTotal(report: Report, rows: RequestRowDef[]): number | null {
  return sumCells(rows.map((r) => report.requests[r.key]?.[REQUEST_TOTAL]));
}

function reviewTotal(report: Report, keys: string[]): number | null {
  return sumCells(keys.map((k) => report.review[k]?.[REVIEW_TOTAL]));
}

function statement(
  m: RegExpExecArray,
  report: Report,
  row: string,
  table: number | null,
  tableName: string,
  alsoAccepted: number[] = [],
  tableId: 'requests' | 'review' = 'requests',
): Statement {
  const stated = Number(m[m.length - 1]);
  return {
    phrase: m[0],
    stated,
    where: { table: tableId, row, col: tableId === 'requests' ? REQUEST_TOTAL : REVIEW_TOTAL },
    tableName,
    table,
    alsoAccepted,
  };
}

const rowWords = (report: Report, row: string): string => `表三“${rowName(report, row)}”总计`;

/** Requests withdrawn by the applicant, as the prose states them (办结 often leaves them out). */
function withdrawn(clauseText: string): number {
  const m = /撤[回销件诉][^,，。;；\d]{0,8}?(\d{1,6})\s*件/.exec(clauseText);
  return m ? Number(m[1]) : 0;
}

/** The outcome groups （三）…（六） of the report's layout, with the sub-rows each names. */
function outcomeGroups(report: Report): Array<{ word: string; rows: RequestRowDef[] }> {
  const rows = LAYOUTS[report.meta.template].requests;
  const groups: Array<{ word: string; rows: RequestRowDef[] }> = [];
  for (const word of ['不予公开', '无法提供', '不予处理', '其他处理']) {
    const own = rows.filter((r) => r.group?.endsWith(word) || (r.numbering === '（六）' && r.label === word));
    if (own.length) groups.push({ word, rows: own });
  }
  return groups;
}

/** The short form of a sub-row label as prose quotes it: up to the first 、 or bracket. */
function shortLabel(row: RequestRowDef): string {
  return labelKey(row.label).split(/[、(（]/)[0].replace(/[“”"]/g, '');
}

const PATTERNS = new Map<string, Pattern[]>();

/** The patterns for a layout, built once: they differ only in the outcome sub-rows they name. */
function patternsFor(report: Report): Pattern[] {
  let list = PATTERNS.get(report.meta.template);
  if (!list) {
    list = patterns(report);
    PATTERNS.set(report.meta.template, list);
  }
  return list;
}

function patterns(report: Report): Pattern[] {
  const out: Pattern[] = [
    {
      // 一、本年新收 (the prose sometimes counts last year's carried-over requests in)
      keys: ['新收', '收到', '受理', '接收', '接到', '共收', '办理'],
      subject: 'any',
      re: new RegExp(`(?:新收|收到|受理|接收|接到|共收|办理)(${GAP(24)})${COUNT}`, 'g'),
      resolve(m, r) {
        const gap = m[1];
        if (!/申请/.test(m[0]) || OTHER_TOPIC.test(gap) || /结转|办结|答复/.test(gap)) return [];
        if (/^办理/.test(m[0]) && !/新收|收到/.test(gap)) return [];
        const fresh = requestTotal(r, 'newReceived');
        const carried = requestTotal(r, 'carriedOver') ?? 0;
        return [statement(m, r, 'newReceived', fresh, rowWords(r, 'newReceived'), fresh === null ? [] : [fresh + carried])];
      },
    },
    {
      // （七）总计: 办结 (less withdrawn requests when the prose says so)
      keys: ['办结', '办理完毕', '已办理'],
      subject: 'any',
      re: new RegExp(`(?:办结|办理完毕|已办理)(${GAP(12)})${COUNT}`, 'g'),
      resolve(m, r, withdrawnCount) {
        if (OTHER_TOPIC.test(m[1]) || /结转|撤/.test(m[1])) return [];
        const total = requestTotal(r, 'total');
        const also = total === null ? [] : [total - withdrawnCount];
        return [statement(m, r, 'total', total, rowWords(r, 'total'), also)];
      },
    },
    {
      // （七）总计 as 答复…N件, in a clause about requests; "同意公开答复数1条" counts one kind of answer only
      keys: ['答复'],
      subject: 'requests',
      re: new RegExp(`(?<!公开)答复(?!数)(${GAP(12)})${COUNT}`, 'g'),
      resolve(m, r, withdrawnCount) {
        if (OTHER_TOPIC.test(m[1]) || /结转|撤|数/.test(m[1])) return [];
        const total = requestTotal(r, 'total');
        const also = total === null ? [] : [total - withdrawnCount];
        return [statement(m, r, 'total', total, rowWords(r, 'total'), also)];
      },
    },
    {
      // （一）予以公开 (or 予以公开和部分公开 together)
      keys: ['予以公开', '同意公开', '全部公开'],
      subject: 'requests',
      re: new RegExp(`(?<!部分|不予|不)(?:予以公开|同意公开|全部公开)(${GAP(16)})${COUNT}`, 'g'),
      resolve(m, r) {
        // "同意公开答复数1条": one kind of 予以公开 answer (the 2019 sub-rows), not the row itself
        if (OTHER_TOPIC.test(m[1]) || /答复数/.test(m[1])) return [];
        if (/部分公开/.test(m[1])) {
          const both = sumCells([r.requests.granted?.[REQUEST_TOTAL], r.requests.partiallyGranted?.[REQUEST_TOTAL]]);
          return [statement(m, r, 'granted', both, `表三“${rowName(r, 'granted')}”与“${rowName(r, 'partiallyGranted')}”总计之和`)];
        }
        return [statement(m, r, 'granted', requestTotal(r, 'granted'), rowWords(r, 'granted'))];
      },
    },
    {
      keys: ['部分公开'],
      subject: 'requests',
      re: new RegExp(`(?<!或|和|及|与)部分公开(${GAP(10)})${COUNT}`, 'g'),
      resolve(m, r) {
        if (OTHER_TOPIC.test(m[1])) return [];
        return [statement(m, r, 'partiallyGranted', requestTotal(r, 'partiallyGranted'), rowWords(r, 'partiallyGranted'))];
      },
    },
    {
      // 四、结转下年度继续办理, in either order: "结转下年度2件", "另有2件申请顺延到下年度答复"
      keys: ['结转', '顺延', '转入', '转至'],
      subject: 'any',
      re: new RegExp(`(?:结转|顺延|转入|转至)(?:至|到)?下一?年度?(${GAP(12)})${COUNT}`, 'g'),
      resolve(m, r) {
        if (OTHER_TOPIC.test(m[1])) return [];
        return [statement(m, r, 'carriedForward', requestTotal(r, 'carriedForward'), rowWords(r, 'carriedForward'))];
      },
    },
    {
      keys: ['结转', '顺延', '转入', '转至'],
      subject: 'any',
      re: new RegExp(`(\\d{1,7})\\s*件(${GAP(16)})(?:结转|顺延|转入|转至)(?:至|到)?下一?年度?`, 'g'),
      resolve(m, r) {
        if (OTHER_TOPIC.test(m[2])) return [];
        const s = statement(m, r, 'carriedForward', requestTotal(r, 'carriedForward'), rowWords(r, 'carriedForward'));
        s.stated = Number(m[1]);
        return [s];
      },
    },
    {
      // 二、上年结转
      keys: ['结转', '转结'],
      subject: 'any',
      re: new RegExp(`上一?年度?(?:结转|转结)(${GAP(12)})${COUNT}`, 'g'),
      resolve(m, r) {
        if (OTHER_TOPIC.test(m[1])) return [];
        return [statement(m, r, 'carriedOver', requestTotal(r, 'carriedOver'), rowWords(r, 'carriedOver'))];
      },
    },
    {
      // 表四: 行政复议和行政诉讼 together, then each on its own
      keys: ['行政复议'],
      subject: 'review',
      re: new RegExp(`行政复议(?:和|与|及|、|或)行政诉讼(${GAP(10)})(\\d{1,6})\\s*(?:件|起|宗)`, 'g'),
      resolve(m, r) {
        const keys = REVIEW_ROWS.map((x) => x.key);
        return [statement(m, r, 'reconsideration', reviewTotal(r, keys), '表四行政复议与行政诉讼“总计”之和', [], 'review')];
      },
    },
    {
      keys: ['行政复议'],
      subject: 'review',
      re: new RegExp(`行政复议(?!(?:和|与|及|、|或)行政诉讼)(${GAP(12)})(\\d{1,6})\\s*(?:件|起|宗)`, 'g'),
      resolve(m, r) {
        if (/诉讼|建议|提案/.test(m[1])) return [];
        return [statement(m, r, 'reconsideration', reviewTotal(r, ['reconsideration']), '表四行政复议“总计”', [], 'review')];
      },
    },
    {
      keys: ['行政诉讼'],
      subject: 'review',
      re: new RegExp(`(?<!复议(?:和|与|及|、|或))行政诉讼(${GAP(12)})(\\d{1,6})\\s*(?:件|起|宗)`, 'g'),
      resolve(m, r) {
        if (/复议|建议|提案/.test(m[1])) return [];
        const keys = ['litigationDirect', 'litigationAfterReconsideration'];
        return [statement(m, r, 'litigationDirect', reviewTotal(r, keys), '表四行政诉讼（未经复议直接起诉与复议后起诉）“总计”之和', [], 'review')];
      },
    },
  ];

  for (const group of outcomeGroups(report)) {
    const labels = group.rows.filter((x) => x.numbering !== '（六）').map((x) => ({ row: x, key: shortLabel(x) }));
    out.push({
      // 不予公开 2件, 不予公开（属于行政查询事项）2件: the group, or the sub-row named in brackets
      keys: [group.word],
      subject: 'requests',
      re: new RegExp(`${group.word}(${GAP(30)})${COUNT}`, 'g'),
      resolve(m, r) {
        if (OTHER_TOPIC.test(m[1])) return [];
        const named = labels.find((l) => l.key && compact(nfkc(m[1])).includes(l.key));
        if (named) return [statement(m, r, named.row.key, requestTotal(r, named.row.key), rowWords(r, named.row.key))];
        if (group.rows.length === 1) return [statement(m, r, group.rows[0].key, requestTotal(r, group.rows[0].key), rowWords(r, group.rows[0].key))];
        const first = group.rows[0];
        return [statement(m, r, first.key, groupTotal(r, group.rows), `表三“${first.group}”各项总计之和`)];
      },
    });
    for (const l of labels) {
      if (l.key.length < 4) continue; // "其他" and the like say nothing on their own
      out.push({
        keys: [l.key],
        subject: 'requests',
        re: new RegExp(`${escape(l.key)}(${GAP(8)})${COUNT}`, 'g'),
        resolve(m, r) {
          return [statement(m, r, l.row.key, requestTotal(r, l.row.key), rowWords(r, l.row.key))];
        },
      });
    }
  }
  return out;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every figure the prose states that the tables can confirm, in the order of the text. */
export function statements(context: RuleContext): Statement[] {
  const { report } = context;
  const year = report.meta.year;
  const found: Statement[] = [];
  const seen = new Set<string>();
  const texts = compactSections(context);
  const pats = patternsFor(report);
  const withdrawnCount = withdrawn(texts.join('。'));
  for (const text of texts) {
    if (!text) continue;
    let previous = '';
    for (const clause of text.match(CLAUSE) ?? []) {
      // "其中，予以公开28件": a clause that goes on from the one before is about what that one is about
      const lead = CONTINUES.test(clause) ? previous : '';
      previous = clause;
      if (!HAS_COUNT.test(clause)) continue;
      for (const p of pats) {
        if (!p.keys.some((k) => clause.includes(k))) continue;
        p.re.lastIndex = 0;
        for (let m = p.re.exec(clause); m; m = p.re.exec(clause)) {
          const before = clause.slice(Math.max(0, m.index - 6), m.index);
          if (COMPARISON.test(before)) continue;
          if (year && mentionsOtherYear(clause.slice(0, m.index + m[0].length), year)) continue;
          if (p.subject !== 'review' && !aboutRequests(lead + clause.slice(0, m.index + m[0].length), lead + clause, p.subject === 'requests')) continue;
          for (const s of p.resolve(m, report, withdrawnCount)) {
            const key = `${s.where.table}|${s.where.row}|${s.stated}|${s.tableName}`;
            if (seen.has(key)) continue;
            seen.add(key);
            found.push(s);
          }
        }
      }
    }
  }
  return found;
}

/** A clause that goes on from the one before it. */
const CONTINUES = /^(?:其中|另有|另|此外|包括)/;
/** Words of clauses that count documents or items published on the organ's own initiative, not requests. */
const NOT_REQUESTS = /公文|发文|印发|制发|文件|主动公开/g;

/**
 * Is the figure at the end of `upto` about information disclosure requests? Not when the nearest
 * subject named before it is documents or 主动公开 items ("全年印发公文432条，其中…不予公开22条",
 * "属于已主动公开答复数1条"); and, where the words of the match do not say it themselves, only
 * when the clause names 申请.
 */
function aboutRequests(upto: string, whole: string, mustNameRequests: boolean): boolean {
  let lastOther = -1;
  NOT_REQUESTS.lastIndex = 0;
  for (let m = NOT_REQUESTS.exec(upto); m; m = NOT_REQUESTS.exec(upto)) lastOther = m.index;
  if (lastOther >= 0 && upto.lastIndexOf('申请') < lastOther) return false;
  return !mustNameRequests || whole.includes('申请');
}

/** Does the clause, up to the figure, speak of a year other than the report's (2022年, 2022年度)? */
function mentionsOtherYear(upto: string, year: number): boolean {
  const re = /((?:19|20)\d{2})\s*年/g;
  let other = false;
  for (let m = re.exec(upto); m; m = re.exec(upto)) {
    if (Number(m[1]) === year) other = false;
    else other = true;
  }
  return other;
}
