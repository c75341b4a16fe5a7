/**
 * The document model every reader produces, whatever the form: an ordered list of paragraphs and
 * tables. Readers know nothing about annual reports; the parser never looks at bytes.
 */

/** Where a block or cell came from, so a finding can point at the spot in the original file. */
export interface SourcePos {
  /** 1-based line numbers (text). */
  line?: number;
  endLine?: number;
  /** 1-based page and box in PDF points [x0, y0, x1, y1] (PDF). */
  page?: number;
  box?: [number, number, number, number];
  /** Element path (HTML) or paragraph index (DOCX). */
  path?: string;
}

export interface Paragraph {
  kind: 'paragraph';
  text: string;
  source?: SourcePos;
}

export interface TableCell {
  /** Cell text; line breaks inside the cell kept as '\n'. */
  text: string;
  rowSpan: number;
  colSpan: number;
  source?: SourcePos;
  /**
   * The reader saw figures here but cannot tell which of them belongs in this cell (digits of
   * several cells laid out so that more than one reading fits): the cell is left empty and the
   * parser reports it as unreadable instead of reading a figure that may be another cell's.
   */
  unreadable?: true;
}

export interface Table {
  kind: 'table';
  /** Rows as they appear in the source: a cell covered by a span from above or the left is not repeated. */
  rows: TableCell[][];
  source?: SourcePos;
}

export type Block = Paragraph | Table;

/** 'report': the file was a report itself (JSON or YAML), not a document to parse. */
export type DocumentForm = 'text' | 'html' | 'docx' | 'doc' | 'pdf' | 'report';

export interface Document {
  form: DocumentForm;
  blocks: Block[];
}

export function cell(text: string, source?: SourcePos, rowSpan = 1, colSpan = 1): TableCell {
  return { text, rowSpan, colSpan, source };
}
