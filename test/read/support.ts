/**
 * Test files written from report JSON in the forms reports are published in, independent of the
 * project's own renderers: web pages in the styles of government sites (the official merged
 * cells as rowspan/colspan, <p> inside cells, &nbsp; for blanks, the report inside site
 * navigation), and Word files written as OOXML by hand (gridSpan, vMerge, automatic numbering,
 * text boxes, a table split by a page break).
 */
import { strToU8, zipSync } from 'fflate';
import { BALANCE_NOTE, LAYOUTS, REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_ROWS, type RequestRowDef } from '../../src/model/layouts.js';
import type { Report } from '../../src/model/report.js';

export interface GridCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
}
export type GridRows = GridCell[][];

const v = (x: number | string | null | undefined): string => (x === null || x === undefined ? '' : String(x));

export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(iso)!;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Title, then the paragraphs before 一、: statistics period and contact. */
export function preface(report: Report): { title: string; paragraphs: string[] } {
  const { period, contact, agency, title } = report.meta;
  const paragraphs: string[] = [];
  if (period) paragraphs.push(`本报告中所列数据的统计期限自${chineseDate(period.start)}起至${chineseDate(period.end)}止。`);
  if (contact) {
    const parts: string[] = [];
    if (contact.address) parts.push(`地址：${contact.address}`);
    if (contact.postcode) parts.push(`邮编：${contact.postcode}`);
    if (contact.phone) parts.push(`电话：${contact.phone}`);
    if (contact.email) parts.push(`电子邮箱：${contact.email}`);
    paragraphs.push(`如对本报告有任何疑问，请与${agency}联系（${parts.join('；')}）。`);
  }
  return { title: title!, paragraphs };
}

// ------------------------------------------------------------------ the three tables, official merges

export function tableII(report: Report): GridRows {
  const layout = LAYOUTS[report.meta.template];
  const width = 1 + Math.max(...layout.active.map((d) => d.fields.length));
  const rows: GridRows = [];
  let article = '';
  for (const def of layout.active) {
    const values = report.active[def.key];
    if (!values) continue;
    const n = def.fields.length;
    // the last field takes the columns the row does not use
    const spans = def.fields.map((_, i) => (i === n - 1 ? width - 1 - (n - 1) : 1));
    if (def.article !== article) {
      rows.push([{ text: def.article, colSpan: width }]);
      rows.push([{ text: '信息内容' }, ...def.fields.map((f, i) => ({ text: f.label, colSpan: spans[i] }))]);
      article = def.article;
    }
    rows.push([{ text: def.labels[0] }, ...def.fields.map((f, i) => ({ text: v(values[f.key]), colSpan: spans[i] }))]);
  }
  return rows;
}

function requestLabelCells(rows: RequestRowDef[], report: Report): GridRows {
  const out: GridRows = [];
  const present = rows.filter((r) => report.requests[r.key]);
  const inGroup3 = (r: RequestRowDef) => r.group !== undefined;
  const group3Count = present.filter(inGroup3).length;
  let group3Done = false;
  const subDone = new Set<string>();
  for (const row of present) {
    const cells: GridCell[] = [];
    const label = `${row.numbering}${row.label}`;
    if (!row.group) {
      cells.push({ text: label, colSpan: 3 });
    } else {
      if (!group3Done) {
        cells.push({ text: '三、本年度办理结果', rowSpan: group3Count });
        group3Done = true;
      }
      if (row.group.startsWith('（')) {
        if (!subDone.has(row.group)) {
          cells.push({ text: row.group, rowSpan: present.filter((r) => r.group === row.group).length });
          subDone.add(row.group);
        }
        cells.push({ text: label });
      } else {
        cells.push({ text: label, colSpan: 2 });
      }
    }
    cells.push(...report.requests[row.key].map((x) => ({ text: v(x) })));
    out.push(cells);
  }
  return out;
}

export function tableIII(report: Report): GridRows {
  const layout = LAYOUTS[report.meta.template];
  const head: GridRows = [
    [{ text: BALANCE_NOTE, rowSpan: 3, colSpan: 3 }, { text: '申请人情况', colSpan: 7 }],
    [{ text: REQUEST_COLUMNS[0].label, rowSpan: 2 }, { text: '法人或其他组织', colSpan: 5 }, { text: REQUEST_COLUMNS[6].label, rowSpan: 2 }],
    REQUEST_COLUMNS.slice(1, 6).map((c) => ({ text: c.label })),
  ];
  return [...head, ...requestLabelCells(layout.requests, report)];
}

export function tableIV(report: Report): GridRows {
  const heads = REVIEW_COLUMNS.map((c) => c.label);
  return [
    [{ text: '行政复议', colSpan: 5 }, { text: '行政诉讼', colSpan: 10 }],
    [...heads.map((h) => ({ text: h, rowSpan: 2 })), { text: REVIEW_ROWS[1].label, colSpan: 5 }, { text: REVIEW_ROWS[2].label, colSpan: 5 }],
    [...heads, ...heads].map((h) => ({ text: h })),
    REVIEW_ROWS.flatMap((r) => (report.review[r.key] ?? [null, null, null, null, null]).map((x) => ({ text: v(x) }))),
  ];
}

export function tableFor(report: Report, no: number): GridRows | null {
  if (no === 2 && Object.keys(report.active).length) return tableII(report);
  if (no === 3 && Object.keys(report.requests).length) return tableIII(report);
  if (no === 4 && Object.keys(report.review).length) return tableIV(report);
  return null;
}

// ------------------------------------------------------------------ HTML as government sites publish it

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface HtmlOptions {
  /** Site chrome around the report: navigation, breadcrumbs, footer, scripts. */
  site?: boolean;
  /** Declared charset (the caller encodes accordingly). */
  charset?: string;
  /** Labels broken into several <p> inside the cell, blanks as &nbsp;. */
  wordStyle?: boolean;
}

function htmlTable(rows: GridRows, wordStyle: boolean): string {
  const out = ['<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%">', '<tbody>'];
  for (const row of rows) {
    out.push('<tr>');
    for (const c of row) {
      const attrs = `${c.rowSpan && c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan && c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
      let inner: string;
      if (!wordStyle) inner = esc(c.text);
      else if (c.text === '') inner = '<p align="center"><span style="font-size:10.5pt">&nbsp;</span></p>';
      else if (c.text.length > 8 && !/^\d+$/.test(c.text)) {
        // a long label broken over two paragraphs, as Word's "save as web page" leaves it
        const mid = Math.ceil(c.text.length / 2);
        inner = `<p class="MsoNormal"><span lang="EN-US">${esc(c.text.slice(0, mid))}</span></p>\n<p class="MsoNormal"><span>${esc(c.text.slice(mid))}<o:p></o:p></span></p>`;
      } else inner = `<p align="center" style="text-align:center"><span style="font-family:宋体">${esc(c.text)}</span></p>`;
      out.push(`<td valign="center"${attrs}>${inner}</td>`);
    }
    out.push('</tr>');
  }
  out.push('</tbody>', '</table>');
  return out.join('\n');
}

export function govHtml(report: Report, options: HtmlOptions = {}): string {
  const { title, paragraphs } = preface(report);
  const word = options.wordStyle === true;
  const body: string[] = [];
  body.push(`<div class="article-title"><h1>${esc(title)}</h1></div>`);
  body.push('<div class="TRS_Editor" id="zoom">');
  for (const p of paragraphs) body.push(`<p style="text-indent:2em">${esc(p)}</p>`);
  for (const s of report.sections) {
    body.push(word ? `<p style="text-indent:2em"><b><span style="font-family:黑体">${esc(s.heading)}</span></b></p>` : `<h3>${esc(s.heading)}</h3>`);
    for (const p of s.text.split('\n').filter(Boolean)) body.push(`<p style="text-indent:2em">${esc(p)}</p>`);
    const t = tableFor(report, s.no);
    if (t) body.push(htmlTable(t, word));
  }
  body.push('</div>');
  const charset = options.charset ?? 'utf-8';
  const head = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=${charset}" />
<title>${esc(title)}_政府信息公开年报_门户网站</title>
<style>.nav li{float:left}</style>
<script type="text/javascript">var _hmt = _hmt || []; if (false) document.write("<p>一、总体情况</p>");</script>
</head>
<body>`;
  if (!options.site) return `${head}\n${body.join('\n')}\n</body>\n</html>\n`;
  const nav = `<div class="header"><div class="logo">某某区人民政府门户网站</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul>
<form><input type="text" name="q" value="请输入关键字"><button>搜索</button></form>
<select><option>部门网站</option><option>一、总体情况</option></select></div>
<table width="1000" align="center"><tr><td width="200" valign="top">
<div class="left-menu"><h4>政府信息公开</h4><ul><li>政府信息公开指南</li><li>政府信息公开制度</li><li>政府信息公开年报</li></ul></div>
</td><td valign="top">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<div class="info">发布时间：2024-01-20 来源：区政府办 浏览次数：<span id="hits">1234</span></div>`;
  const foot = `<div class="share" style="display:none">分享到：一、总体情况 二、主动公开政府信息情况</div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
</td></tr></table>
<div class="footer"><p>主办：某某区人民政府办公室 承办：某某区大数据中心</p><p>网站标识码：1234567890 备案号：京ICP备12345678号</p>
<p>联系电话：010-12345678</p></div>
<script>document.getElementById("hits").innerHTML = "1235";</script>`;
  return `${head}\n${nav}\n${body.join('\n')}\n${foot}\n</body>\n</html>\n`;
}

// ------------------------------------------------------------------ Word files written as OOXML

export interface DocxOptions {
  /** Section headings numbered by Word (numbering.xml, chineseCounting "一、") rather than typed; table III sub-rows by decimal lists restarting per group. */
  autoNumbering?: boolean;
  /** Table III split in two by a page break after this many data rows. */
  splitTableIIIAfter?: number;
  /** A text box holding text that must not be read. */
  textBox?: boolean;
  /** The font for East Asian text (for PDF conversion). */
  font?: string;
  /** Tables drawn without any rules. */
  noBorders?: boolean;
}

const xmlEsc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function run(text: string, font: string, size = 21): string {
  return `<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="${font}"/><w:sz w:val="${size}"/></w:rPr><w:t xml:space="preserve">${xmlEsc(text)}</w:t></w:r>`;
}

function para(text: string, font: string, opts: { numId?: number; ilvl?: number; size?: number; center?: boolean } = {}): string {
  const pPr: string[] = [];
  if (opts.numId !== undefined) pPr.push(`<w:numPr><w:ilvl w:val="${opts.ilvl ?? 0}"/><w:numId w:val="${opts.numId}"/></w:numPr>`);
  if (opts.center) pPr.push('<w:jc w:val="center"/>');
  return `<w:p>${pPr.length ? `<w:pPr>${pPr.join('')}</w:pPr>` : ''}${text ? run(text, font, opts.size) : ''}</w:p>`;
}

/** Table cells to OOXML: gridSpan for colSpan, vMerge restart/continue for rowSpan (covered cells written out). */
function docxTable(rows: GridRows, font: string, cellPara: (text: string) => string, startRow = 0, endRow = rows.length, borders = true): string {
  // lay the rows onto the grid to know where the covered cells are
  const width = Math.max(...rows.map((r) => r.reduce((n, c) => n + (c.colSpan ?? 1), 0)));
  const occ: ({ cell: GridCell; r0: number } | null)[][] = rows.map(() => new Array(width).fill(null));
  rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      while (col < width && occ[r][col]) col++;
      for (let rr = 0; rr < (cell.rowSpan ?? 1) && r + rr < rows.length; rr++) {
        for (let k = 0; k < (cell.colSpan ?? 1); k++) occ[r + rr][col + k] = { cell, r0: r };
      }
      col += cell.colSpan ?? 1;
    }
  });
  const colW = Math.floor(9000 / width);
  const out: string[] = [
    '<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:tblBorders>',
    ...['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((b) => (borders ? `<w:${b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>` : `<w:${b} w:val="nil"/>`)),
    '</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>',
    `<w:tblGrid>${new Array(width).fill(`<w:gridCol w:w="${colW}"/>`).join('')}</w:tblGrid>`,
  ];
  for (let r = startRow; r < endRow; r++) {
    out.push('<w:tr>');
    let c = 0;
    while (c < width) {
      const g = occ[r][c];
      if (!g) {
        out.push(`<w:tc><w:tcPr><w:tcW w:w="${colW}" w:type="dxa"/></w:tcPr><w:p/></w:tc>`);
        c++;
        continue;
      }
      const cs = g.cell.colSpan ?? 1;
      const rs = g.cell.rowSpan ?? 1;
      const top = g.r0 === r;
      const vMerge = rs > 1 ? (top || r === startRow ? '<w:vMerge w:val="restart"/>' : '<w:vMerge/>') : '';
      const span = cs > 1 ? `<w:gridSpan w:val="${cs}"/>` : '';
      out.push(`<w:tc><w:tcPr><w:tcW w:w="${colW * cs}" w:type="dxa"/>${span}${vMerge}</w:tcPr>${cellPara(top ? g.cell.text : '')}</w:tc>`);
      c += cs;
    }
    out.push('</w:tr>');
  }
  out.push('</w:tbl>');
  return out.join('');
}

const TEXT_BOX = (font: string) =>
  `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="1828800" cy="457200"/><wp:wrapNone/><wp:docPr id="1" name="文本框 1"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>${para('六、其他需要报告的事项', font)}${para('本年新收政府信息公开申请数量 999 999 999 999 999 999 999', font)}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>${para('六、其他需要报告的事项', font)}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`;

const NUMBERING_XML = (groups: number) => {
  const nums: string[] = [];
  // numId 1: section headings 一、二、…; numIds 2…: one decimal list per table III group, each restarting at 1
  nums.push('<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>');
  for (let g = 0; g < groups; g++) {
    nums.push(`<w:num w:numId="${g + 2}"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`);
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="nothing"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>
${nums.join('\n')}
</w:numbering>`;
};

export function buildDocx(report: Report, options: DocxOptions = {}): Uint8Array {
  const font = options.font ?? 'Noto Serif CJK SC';
  const { title, paragraphs } = preface(report);
  const body: string[] = [];
  body.push(para(title, font, { size: 44, center: true }));
  for (const p of paragraphs) body.push(para(p, font, { size: 32 }));
  if (options.textBox) body.push(TEXT_BOX(font));
  // table III sub-group lists: numId per group, in order
  const groupNum = new Map<string, number>();
  if (options.autoNumbering) {
    for (const row of LAYOUTS[report.meta.template].requests) {
      if (row.group?.startsWith('（') && !groupNum.has(row.group)) groupNum.set(row.group, groupNum.size + 2);
    }
  }
  const numberedLabel = new Map<string, { numId: number; text: string }>();
  if (options.autoNumbering) {
    for (const row of LAYOUTS[report.meta.template].requests) {
      if (row.group?.startsWith('（') && /^\d\.$/.test(row.numbering)) numberedLabel.set(`${row.numbering}${row.label}`, { numId: groupNum.get(row.group)!, text: row.label });
    }
  }
  const cellPara = (text: string) => {
    const n = numberedLabel.get(text);
    if (n) return para(n.text, font, { numId: n.numId, size: 18 });
    return para(text, font, { size: 18 });
  };
  for (const s of report.sections) {
    const m = /^([一二三四五六])、(.*)$/.exec(s.heading);
    if (options.autoNumbering && m) body.push(para(m[2], font, { numId: 1, size: 32 }));
    else body.push(para(s.heading, font, { size: 32 }));
    for (const p of s.text.split('\n').filter(Boolean)) body.push(para(p, font, { size: 32 }));
    const t = tableFor(report, s.no);
    if (!t) continue;
    if (s.no === 3 && options.splitTableIIIAfter !== undefined) {
      const cut = 3 + options.splitTableIIIAfter;
      body.push(docxTable(t, font, cellPara, 0, cut, !options.noBorders));
      body.push('<w:p><w:r><w:br w:type="page"/></w:r></w:p>');
      body.push(docxTable(t, font, cellPara, cut, t.length, !options.noBorders));
    } else body.push(docxTable(t, font, cellPara, 0, t.length, !options.noBorders));
  }
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"><w:body>${body.join('')}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>${options.autoNumbering ? '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>' : ''}</Types>`,
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/_rels/document.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${options.autoNumbering ? '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>' : ''}</Relationships>`,
    ),
    'word/document.xml': strToU8(document),
  };
  if (options.autoNumbering) files['word/numbering.xml'] = strToU8(NUMBERING_XML(groupNum.size));
  return zipSync(files, { level: 6 });
}

// ------------------------------------------------------------------ a PDF with only a picture

/** A one-page PDF whose only content is an image (a "scan"): no text layer at all. */
export function imageOnlyPdf(): Uint8Array {
  const w = 64;
  const h = 64;
  const pixels = Buffer.alloc(w * h);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37) % 251;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
  ];
  const content = 'q 500 0 0 700 47 71 cm /Im1 Do Q';
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0].length;
  const push = (b: Buffer) => {
    parts.push(b);
    length += b.length;
  };
  objects.forEach((o, i) => {
    offsets.push(length);
    push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1'));
  });
  offsets.push(length);
  push(Buffer.from(`4 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n`, 'latin1'));
  offsets.push(length);
  push(Buffer.from(`5 0 obj\n<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n`, 'latin1'));
  push(pixels);
  push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  const xref = length;
  push(Buffer.from(`xref\n0 6\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

// ------------------------------------------------------------------ GBK bytes (Node has no GBK encoder)

let gbkTable: Map<string, number> | null = null;

/** Text as GBK bytes, through the inverse of the platform's GBK decoder. */
export function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    const pair = new Uint8Array(2);
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        pair[0] = lead;
        pair[1] = trail;
        const ch = dec.decode(pair);
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, (lead << 8) | trail);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const g = gbkTable.get(ch);
      if (g === undefined) throw new Error(`not in GBK: ${ch}`);
      out.push(g >> 8, g & 0xff);
    }
  }
  return new Uint8Array(out);
}

// ------------------------------------------------------------------ a web archive as Word saves it

/** The page as a Word "single file web page" (.mht): MIME, quoted-printable, in the given charset. */
export function mht(html: Uint8Array, charset: string): Uint8Array {
  const boundary = '----=_NextPart_01DA1234.56789ABC';
  let qp = '';
  let line = '';
  for (const byte of html) {
    const ch = byte === 0x0a ? '\n' : byte >= 0x20 && byte < 0x7f && byte !== 0x3d ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (ch === '\n') {
      qp += `${line}\r\n`;
      line = '';
      continue;
    }
    if (line.length + ch.length > 75) {
      qp += `${line}=\r\n`;
      line = '';
    }
    line += ch;
  }
  qp += line;
  const text = [
    'MIME-Version: 1.0',
    `Content-Type: multipart/related; boundary="${boundary}"`,
    '',
    'This document is a Single File Web Page, also known as a Web Archive file.',
    '',
    `--${boundary}`,
    'Content-Location: file:///C:/report.htm',
    'Content-Transfer-Encoding: quoted-printable',
    `Content-Type: text/html; charset="${charset}"`,
    '',
    qp,
    '',
    `--${boundary}`,
    'Content-Location: file:///C:/report.files/filelist.xml',
    'Content-Transfer-Encoding: quoted-printable',
    'Content-Type: text/xml; charset="utf-8"',
    '',
    '<xml/>',
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return new Uint8Array(Buffer.from(text, 'latin1'));
}
