/**
 * A report in the official layout as HTML, built from the layout data (src/model/layouts.ts):
 * read-only with every finding marked on its cell, or as the form a clerk fills in. Each data cell
 * carries `data-cell="table|row|col-or-field"`, the same key the browser script uses to move the
 * marks when findings change.
 */
import {
  BALANCE_NOTE,
  LAYOUTS,
  REQUEST_COLUMNS,
  REQUEST_TOTAL_COL,
  REVIEW_COLUMNS,
  REVIEW_ROWS,
  REVIEW_TOTAL_COL,
  SECTIONS,
  type LayoutId,
  type RequestRowDef,
} from '../model/layouts.js';
import type { Finding } from '../model/findings.js';
import { SEVERITY_ORDER, SEVERITY_ZH } from '../model/findings.js';
import type { CellRef, Report } from '../model/report.js';
import { h, type Safe } from './html.js';

export function cellKey(where: CellRef): string {
  if (where.table === 'active') return where.field ? `active|${where.row}|${where.field}` : `active|${where.row}`;
  return where.col === undefined ? `${where.table}|${where.row}` : `${where.table}|${where.row}|${where.col}`;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

interface Marks {
  byCell: Map<string, { n: number; f: Finding }[]>;
}

function indexFindings(findings: Finding[]): Marks {
  const byCell = new Map<string, { n: number; f: Finding }[]>();
  findings.forEach((f, i) => {
    if (!f.where) return;
    const key = cellKey(f.where);
    const list = byCell.get(key) ?? [];
    list.push({ n: i + 1, f });
    byCell.set(key, list);
  });
  return { byCell };
}

export interface ViewOptions {
  /** Render inputs instead of values. */
  editable?: boolean;
  /** Findings in list order (their numbers are their positions, from 1). */
  findings?: Finding[];
}

function markAttrs(marks: Marks, key: string): { cls: string; msg: string; badges: Safe[] } {
  const list = marks.byCell.get(key);
  if (!list?.length) return { cls: '', msg: '', badges: [] };
  const worst = list.reduce((w, x) => (SEVERITY_ORDER[x.f.severity] < SEVERITY_ORDER[w] ? x.f.severity : w), list[0].f.severity);
  return {
    cls: ` marked sev-${worst}`,
    msg: list.map((x) => `${x.n}. ${SEVERITY_ZH[x.f.severity]}：${x.f.message}`).join('\n'),
    badges: list.map((x) => h`<a class="badge sev-${x.f.severity}" href="#finding-${x.n}" aria-label="问题 ${x.n}">${x.n}</a>`),
  };
}

function displayValue(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

function dataCell(key: string, value: unknown, marks: Marks, opts: ViewOptions, computed = false, label = '', colspan = 1): Safe {
  const m = markAttrs(marks, key);
  const cls = `num${computed ? ' computed' : ''}${m.cls}`;
  const body = opts.editable
    ? computed
      ? h`<input class="cell-input" data-key="${key}" value="${displayValue(value)}" readonly tabindex="-1" aria-label="${label}（自动计算）">`
      : h`<input class="cell-input" data-key="${key}" name="${key}" value="${displayValue(value)}" inputmode="${key.startsWith('active|') ? 'text' : 'numeric'}" autocomplete="off" aria-label="${label}">`
    : h`<span class="v">${displayValue(value)}</span>`;
  return h`<td class="${cls}"${colspan > 1 ? h` colspan="${colspan}"` : ''} data-cell="${key}"${m.msg ? h` data-msg="${m.msg}" title="${m.msg}"` : ''}>${body}${m.badges}</td>`;
}

// ---------------------------------------------------------------- table II

function activeTable(report: Report, marks: Marks, opts: ViewOptions): Safe {
  const layout = LAYOUTS[report.meta.template];
  const width = 1 + Math.max(...layout.active.map((r) => r.fields.length));
  const rows: Safe[] = [];
  let article = '';
  let fieldsSig = '';
  for (const row of layout.active) {
    const sig = row.fields.map((f) => f.label).join('|');
    if (row.article !== article || sig !== fieldsSig) {
      if (row.article !== article) rows.push(h`<tr class="article"><th colspan="${width}" scope="colgroup">${row.article}</th></tr>`);
      rows.push(
        h`<tr class="fields"><th scope="col">信息内容</th>${row.fields.map((f, i) =>
          h`<th scope="col"${i === row.fields.length - 1 && row.fields.length < width - 1 ? h` colspan="${width - row.fields.length}"` : ''}>${f.label}</th>`,
        )}</tr>`,
      );
      article = row.article;
      fieldsSig = sig;
    }
    const values = report.active[row.key];
    const rowMark = markAttrs(marks, `active|${row.key}`);
    rows.push(
      h`<tr><th scope="row" class="rowlabel${rowMark.cls}" data-cell="active|${row.key}"${rowMark.msg ? h` data-msg="${rowMark.msg}" title="${rowMark.msg}"` : ''}>${row.labels[0]}${rowMark.badges}</th>${row.fields.map((f, i) =>
        dataCell(`active|${row.key}|${f.key}`, values?.[f.key], marks, opts, false, `${row.labels[0]} ${f.label}`, i === row.fields.length - 1 ? width - row.fields.length : 1),
      )}</tr>`,
    );
  }
  return h`<table class="official t2"><caption>二、主动公开政府信息情况</caption><tbody>${rows}</tbody></table>`;
}

// ---------------------------------------------------------------- table III

interface RowPlace {
  row: RequestRowDef;
  a: string | null;
  b: string | null;
}

function placeRows(layout: LayoutId): RowPlace[] {
  const out: RowPlace[] = [];
  let currentA: string | null = null;
  for (const row of LAYOUTS[layout].requests) {
    if (!row.group) {
      currentA = null;
      out.push({ row, a: null, b: null });
    } else if (row.group.startsWith('（')) {
      out.push({ row, a: currentA, b: row.group });
    } else {
      currentA = row.group;
      out.push({ row, a: row.group, b: null });
    }
  }
  return out;
}

function runLength<T>(items: T[], i: number, same: (x: T, y: T) => boolean): number {
  let n = 1;
  while (i + n < items.length && same(items[i], items[i + n])) n++;
  return n;
}

function requestsTable(report: Report, marks: Marks, opts: ViewOptions): Safe {
  const places = placeRows(report.meta.template);
  const body: Safe[] = [];
  places.forEach((p, i) => {
    const cells: Safe[] = [];
    const startsA = p.a !== null && (i === 0 || places[i - 1].a !== p.a);
    const startsB = p.b !== null && (i === 0 || places[i - 1].b !== p.b);
    if (startsA) cells.push(h`<th scope="rowgroup" class="grp" rowspan="${runLength(places, i, (x, y) => x.a === y.a)}">${p.a}</th>`);
    if (startsB) cells.push(h`<th scope="rowgroup" class="grp" rowspan="${runLength(places, i, (x, y) => x.b === y.b)}">${p.b}</th>`);
    const span = p.a === null ? 3 : p.b === null ? 2 : 1;
    const label = `${p.row.numbering}${p.row.label}`;
    const rm = markAttrs(marks, `requests|${p.row.key}`);
    cells.push(
      h`<th scope="row" class="rowlabel${rm.cls}" colspan="${span}" data-cell="requests|${p.row.key}"${rm.msg ? h` data-msg="${rm.msg}" title="${rm.msg}"` : ''}>${label}${rm.badges}</th>`,
    );
    const values = report.requests[p.row.key];
    REQUEST_COLUMNS.forEach((col, c) => {
      const computed = c === REQUEST_TOTAL_COL || p.row.key === 'total';
      cells.push(dataCell(`requests|${p.row.key}|${c}`, values?.[c], marks, opts, computed, `${label} ${col.label}`));
    });
    body.push(h`<tr${p.row.key === 'total' ? h` class="total"` : ''}>${cells}</tr>`);
  });
  const head = h`<thead>
<tr><th colspan="3" rowspan="3" class="note" scope="col">${BALANCE_NOTE}</th><th colspan="7" scope="colgroup">申请人情况</th></tr>
<tr><th rowspan="2" scope="col">自然人</th><th colspan="5" scope="colgroup">法人或其他组织</th><th rowspan="2" scope="col">总计</th></tr>
<tr>${REQUEST_COLUMNS.filter((c) => c.group).map((c) => h`<th scope="col">${c.label}</th>`)}</tr>
</thead>`;
  return h`<table class="official t3"><caption>三、收到和处理政府信息公开申请情况</caption><colgroup><col class="lab-a"><col class="lab-b"><col class="lab-c"></colgroup>${head}<tbody>${body}</tbody></table>`;
}

// ---------------------------------------------------------------- table IV

function reviewTable(report: Report, marks: Marks, opts: ViewOptions): Safe {
  const [reco, direct, after] = REVIEW_ROWS;
  const colHeads = REVIEW_COLUMNS.map((c) => h`<th scope="col">${c.label}</th>`);
  const head = h`<thead>
<tr><th colspan="5" scope="colgroup">${reco.label}</th><th colspan="10" scope="colgroup">${direct.group}</th></tr>
<tr>${REVIEW_COLUMNS.map((c) => h`<th rowspan="2" scope="col">${c.label}</th>`)}<th colspan="5" scope="colgroup">${direct.label}</th><th colspan="5" scope="colgroup">${after.label}</th></tr>
<tr>${colHeads}${colHeads}</tr>
</thead>`;
  const cells: Safe[] = [];
  for (const row of REVIEW_ROWS) {
    REVIEW_COLUMNS.forEach((col, c) => {
      cells.push(
        dataCell(`review|${row.key}|${c}`, report.review[row.key]?.[c], marks, opts, c === REVIEW_TOTAL_COL, `${row.group ?? ''}${row.label} ${col.label}`),
      );
    });
  }
  return h`<table class="official t4"><caption>四、政府信息公开行政复议、行政诉讼情况</caption>${head}<tbody><tr>${cells}</tr></tbody></table>`;
}

// ---------------------------------------------------------------- sections and the whole report

function prose(text: string): Safe[] {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => h`<p>${p}</p>`);
}


export function sectionText(report: Report, no: number): string {
  return report.sections.find((s) => s.no === no)?.text ?? '';
}

/** The report as it reads: title, prose of the six sections and the three tables in place. */
export function renderReportView(report: Report, opts: ViewOptions = {}): Safe {
  const marks = indexFindings(opts.findings ?? []);
  const tables: Record<number, Safe> = {
    2: activeTable(report, marks, opts),
    3: requestsTable(report, marks, opts),
    4: reviewTable(report, marks, opts),
  };
  const parts: Safe[] = [];
  for (const s of SECTIONS) {
    const found = report.sections.find((x) => x.no === s.no);
    const heading = found?.heading || s.heading;
    const text = found?.text ?? '';
    if (opts.editable) {
      parts.push(
        h`<section class="rsec" id="sec-${s.no}"><h3>${s.heading}</h3>${tables[s.no] ? h`<div class="table-wrap">${tables[s.no]}</div>` : ''}<label class="prose-label" for="section-${s.no}">${s.no === 2 || s.no === 3 || s.no === 4 ? '说明文字（可选）' : '正文'}</label><textarea id="section-${s.no}" name="section-${s.no}" data-section="${s.no}" rows="${s.no === 1 ? 8 : 4}" placeholder="${SECTIONS.find((x) => x.no === s.no)?.guidance ?? ''}">${text}</textarea></section>`,
      );
    } else {
      parts.push(
        h`<section class="rsec" id="sec-${s.no}"><h3>${heading}${found ? '' : h` <span class="missing">（报告中缺少本节）</span>`}</h3>${prose(text)}${tables[s.no] ? h`<div class="table-wrap">${tables[s.no]}</div>` : ''}</section>`,
      );
    }
  }
  return h`<div class="report${opts.editable ? ' editable' : ''}" data-template="${report.meta.template}">${parts}</div>`;
}

export function renderMeta(report: Report): Safe {
  const m = report.meta;
  const contact = m.contact ? [m.contact.address, m.contact.postcode && `邮编 ${m.contact.postcode}`, m.contact.phone && `电话 ${m.contact.phone}`, m.contact.email].filter(Boolean).join('，') : '';
  return h`<dl class="meta">
<dt>机关</dt><dd>${m.agency ?? '（未识别）'}</dd>
<dt>年度</dt><dd>${m.year ?? '（未识别）'}</dd>
<dt>表格版式</dt><dd>${m.template === '2021' ? '2021 版（国办公开办函〔2021〕30号）' : '2019 版（国办公开办函〔2019〕60号）'}</dd>
<dt>统计期限</dt><dd>${m.period ? `${m.period.start} 至 ${m.period.end}` : '（未写明）'}</dd>
${contact ? h`<dt>联系方式</dt><dd>${contact}</dd>` : ''}
</dl>`;
}

/** The list of findings, numbered as the badges on the cells. */
export function renderFindingList(findings: Finding[]): Safe {
  if (!findings.length) return h`<p class="ok-all">✓ 未发现问题</p>`;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return h`<p class="counts"><span class="pill sev-error">错误 ${counts.error}</span><span class="pill sev-warning">警告 ${counts.warning}</span><span class="pill sev-info">提示 ${counts.info}</span></p>
<ol class="findings">${findings.map(
    (f, i) =>
      h`<li id="finding-${i + 1}" class="sev-${f.severity}"${f.where ? h` data-cell="${cellKey(f.where)}"` : ''}><span class="sev">${SEVERITY_ZH[f.severity]}</span> ${f.where ? h`<a href="#" class="goto" data-target="${cellKey(f.where)}">${f.message}</a>` : f.message}<span class="rule">${f.rule}</span></li>`,
  )}</ol>`;
}
