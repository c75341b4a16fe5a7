/**
 * The report laid out as the official document reads, independent of the output form: title,
 * the opening paragraph (statistics period, contact), then the six sections in order, each with
 * its paragraphs and, for sections 二, 三 and 四, its table. Every renderer walks this outline.
 */
import { SECTIONS } from '../model/layouts.js';
import type { Report } from '../model/report.js';
import { gridForSection, type Grid } from './grid.js';

export interface OutlineSection {
  no: number;
  heading: string;
  /** Paragraphs of the section's text, in order (text split at line breaks, blank lines dropped). */
  paragraphs: string[];
  /** The table printed after the text, if the section has one. */
  grid: Grid | null;
}

export interface Outline {
  title: string;
  /** Paragraphs between the title and 一、总体情况. */
  preface: string[];
  sections: OutlineSection[];
}

export function reportTitle(report: Report): string {
  if (report.meta.title) return report.meta.title;
  const agency = report.meta.agency ?? '';
  const year = report.meta.year !== null ? `${report.meta.year}年` : '';
  return `${agency}${year}政府信息公开工作年度报告`;
}

/** "2023-01-01" → "2023年1月1日"; anything else as it is. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

export function prefaceParagraphs(report: Report): string[] {
  const out: string[] = [];
  const { period, contact, agency } = report.meta;
  if (period) out.push(`本报告中所列数据的统计期限自${chineseDate(period.start)}起至${chineseDate(period.end)}止。`);
  if (contact) {
    const parts: string[] = [];
    if (contact.address) parts.push(`地址：${contact.address}`);
    if (contact.postcode) parts.push(`邮编：${contact.postcode}`);
    if (contact.phone) parts.push(`电话：${contact.phone}`);
    if (contact.email) parts.push(`电子邮箱：${contact.email}`);
    if (parts.length) out.push(`如对本报告有任何疑问，请与${agency ?? '本机关'}联系（${parts.join('；')}）。`);
  }
  return out;
}

export function splitParagraphs(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

export function buildOutline(report: Report): Outline {
  const sections: OutlineSection[] = report.sections.map((s) => ({
    no: s.no,
    heading: s.heading,
    paragraphs: splitParagraphs(s.text),
    grid: null,
  }));
  // Each table goes with the first section of its number; a table whose section is missing gets
  // the official heading, in the official order.
  for (const no of [2, 3, 4]) {
    const grid = gridForSection(report, no);
    if (!grid) continue;
    const host = sections.find((s) => s.no === no && s.grid === null);
    if (host) {
      host.grid = grid;
      continue;
    }
    const heading = SECTIONS.find((s) => s.no === no)!.heading;
    const at = sections.findIndex((s) => s.no > no);
    const section = { no, heading, paragraphs: [], grid };
    if (at < 0) sections.push(section);
    else sections.splice(at, 0, section);
  }
  return { title: reportTitle(report), preface: prefaceParagraphs(report), sections };
}
