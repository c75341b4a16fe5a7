/**
 * Word (.docx) in the shape of a government document: A4, margins of GB/T 9704, 仿宋 body with the
 * East Asian font set (方正仿宋_GBK, falling back to 仿宋_GB2312 and 仿宋 through the font table),
 * 黑体 section headings, the title in 小标宋, page numbers "— n —" in the footer, and the three
 * tables with the merges of the official template written out cell by cell (w:gridSpan across,
 * w:vMerge restart/continue down), never left to the library to guess.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Report } from '../model/report.js';
import type { Grid, GridCell } from './grid.js';
import { buildOutline } from './outline.js';

/** Font names as written in the file, with the fallbacks given to Word/WPS through w:altName. */
export const DOCX_FONTS = {
  body: '方正仿宋_GBK',
  heading: '黑体',
  title: '方正小标宋简体',
  latin: 'Times New Roman',
};
const FONT_TABLE_EXTRA: { name: string; alt: string; panose: string; family: string; pitch: string }[] = [
  { name: '方正仿宋_GBK', alt: '仿宋_GB2312', panose: '02000000000000000000', family: 'script', pitch: 'fixed' },
  { name: '仿宋_GB2312', alt: '仿宋', panose: '02010609030101010101', family: 'modern', pitch: 'fixed' },
  { name: '仿宋', alt: 'FangSong', panose: '02010609060101010101', family: 'modern', pitch: 'fixed' },
  { name: '黑体', alt: 'SimHei', panose: '02010609060101010101', family: 'modern', pitch: 'fixed' },
  { name: '方正小标宋简体', alt: '方正小标宋_GBK', panose: '02000000000000000000', family: 'script', pitch: 'fixed' },
  { name: '方正小标宋_GBK', alt: '宋体', panose: '02000000000000000000', family: 'script', pitch: 'fixed' },
];

const mm = (x: number) => Math.round((x / 25.4) * 1440);
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

const font = (eastAsia: string) => ({ ascii: DOCX_FONTS.latin, hAnsi: DOCX_FONTS.latin, eastAsia, cs: DOCX_FONTS.latin });

/** Sizes in half-points: 二号 22pt, 三号 16pt, 小四 12pt, 五号 10.5pt, 小五 9pt. */
const SIZE = { title: 44, body: 32, tableII: 21, tableIII: 18, tableIV: 18, note: 16, footer: 28 };

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 640 },
    spacing: { line: 560, lineRule: LineRuleType.EXACT },
    children: [new TextRun({ text, font: font(DOCX_FONTS.body), size: SIZE.body })],
  });
}

function headingParagraph(text: string): Paragraph {
  return new Paragraph({
    indent: { firstLine: 640 },
    spacing: { line: 560, lineRule: LineRuleType.EXACT },
    keepNext: true,
    children: [new TextRun({ text, font: font(DOCX_FONTS.heading), size: SIZE.body })],
  });
}

function titleParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 320 },
    children: [new TextRun({ text, font: font(DOCX_FONTS.title), size: SIZE.title })],
  });
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

function cellParagraphs(cell: GridCell, size: number): Paragraph[] {
  const center = cell.kind !== 'row-header' && cell.kind !== 'note' && cell.kind !== 'block-header';
  const heading = cell.kind === 'col-header' || cell.kind === 'block-header';
  const lines = cell.text === '' ? [''] : cell.text.split('\n');
  return lines.map(
    (line) =>
      new Paragraph({
        alignment: center ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        children: [
          new TextRun({
            text: line,
            font: font(heading ? DOCX_FONTS.heading : DOCX_FONTS.body),
            size: cell.kind === 'note' ? SIZE.note : size,
          }),
        ],
      }),
  );
}

/**
 * One Word table from a grid. Each grid row becomes a w:tr holding, column by column, either the
 * cell that starts there (gridSpan = its colSpan, vMerge=restart when it spans rows) or, under a
 * cell spanning down, a continuation cell with the same gridSpan and vMerge=continue.
 */
export function gridTable(grid: Grid, size: number): Table {
  const total = grid.widths.reduce((a, b) => a + b, 0);
  const widths = grid.widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  const spanWidth = (col: number, span: number) => widths.slice(col, col + span).reduce((a, b) => a + b, 0);
  // covering[r][c]: the cell covering position (r, c) from an earlier row
  const covering: (GridCell | undefined)[][] = grid.rows.map(() => Array<GridCell | undefined>(grid.columns).fill(undefined));
  grid.rows.forEach((row, r) => {
    for (const cell of row) {
      for (let dr = 1; dr < cell.rowSpan && r + dr < grid.rows.length; dr++) covering[r + dr][cell.col] = cell;
    }
  });
  const rows = grid.rows.map((row, r) => {
    const cells: TableCell[] = [];
    const starts = new Map(row.map((c) => [c.col, c]));
    for (let c = 0; c < grid.columns; ) {
      const start = starts.get(c);
      const above = covering[r][c];
      if (start) {
        const shaded = start.kind === 'col-header' || start.kind === 'block-header';
        cells.push(
          new TableCell({
            children: cellParagraphs(start, size),
            columnSpan: start.colSpan > 1 ? start.colSpan : undefined,
            verticalMerge: start.rowSpan > 1 ? VerticalMergeType.RESTART : undefined,
            verticalAlign: VerticalAlignTable.CENTER,
            width: { size: spanWidth(c, start.colSpan), type: WidthType.DXA },
            shading: shaded ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } : undefined,
            margins: { left: 57, right: 57, top: 28, bottom: 28 },
          }),
        );
        c += start.colSpan;
      } else if (above) {
        cells.push(
          new TableCell({
            children: [new Paragraph({ children: [] })],
            columnSpan: above.colSpan > 1 ? above.colSpan : undefined,
            verticalMerge: VerticalMergeType.CONTINUE,
            width: { size: spanWidth(c, above.colSpan), type: WidthType.DXA },
          }),
        );
        c += above.colSpan;
      } else {
        // a hole in the grid (never produced by the layouts): an empty cell keeps the row whole
        cells.push(new TableCell({ children: [new Paragraph({ children: [] })], width: { size: widths[c], type: WidthType.DXA } }));
        c += 1;
      }
    }
    return new TableRow({ children: cells, tableHeader: r < grid.headerRows, cantSplit: true });
  });
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    alignment: AlignmentType.CENTER,
  });
}

const GRID_SIZE: Record<Grid['id'], number> = { active: SIZE.tableII, requests: SIZE.tableIII, review: SIZE.tableIV };

export async function renderDocx(report: Report): Promise<Uint8Array> {
  const outline = buildOutline(report);
  const children: (Paragraph | Table)[] = [titleParagraph(outline.title)];
  for (const p of outline.preface) children.push(bodyParagraph(p));
  for (const section of outline.sections) {
    children.push(headingParagraph(section.heading));
    for (const p of section.paragraphs) children.push(bodyParagraph(p));
    if (section.grid) {
      children.push(gridTable(section.grid, GRID_SIZE[section.grid.id]));
      // Word needs a paragraph between a table and what follows
      children.push(new Paragraph({ spacing: { line: 240, after: 0 }, children: [] }));
    }
  }
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font('宋体'), size: SIZE.footer }),
        ],
      }),
    ],
  });
  const doc = new Document({
    creator: 'nianbao',
    title: outline.title,
    description: '政府信息公开工作年度报告',
    styles: {
      default: {
        document: { run: { font: font(DOCX_FONTS.body), size: SIZE.body }, paragraph: { spacing: { line: 560, lineRule: LineRuleType.EXACT } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height },
            margin: { ...MARGIN, header: mm(15), footer: mm(20) },
          },
        },
        footers: { default: footer },
        children,
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  return addFontFallbacks(new Uint8Array(buffer));
}

/**
 * docx writes font names only; Word and WPS substitute a missing font by the font table's
 * altName, charset and panose. Declare the government document fonts there with their usual
 * fallbacks (方正仿宋_GBK → 仿宋_GB2312 → 仿宋) and the GB2312 charset.
 */
function addFontFallbacks(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const name = 'word/fontTable.xml';
  const xml = files[name] ? strFromU8(files[name]) : null;
  if (!xml || !xml.includes('</w:fonts>')) return bytes;
  const present = new Set([...xml.matchAll(/<w:font w:name="([^"]+)"/g)].map((m) => m[1]));
  const entries = FONT_TABLE_EXTRA.filter((f) => !present.has(f.name))
    .map(
      (f) =>
        `<w:font w:name="${f.name}"><w:altName w:val="${f.alt}"/><w:panose1 w:val="${f.panose}"/>` +
        `<w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
    )
    .join('');
  files[name] = strToU8(xml.replace('</w:fonts>', `${entries}</w:fonts>`));
  return zipSync(files, { level: 6 });
}
