// The look of an office's Word documents, after 党政机关公文格式 (GB/T 9704-2012): A4, margins
// of 37/35/28/26 mm, title in 小标宋 二号, body in 仿宋 三号 at a fixed 28 pt line, level-one
// headings in 黑体, page numbers 「— 1 —」 at the foot. Built with the `docx` library: every piece
// of text stays editable, and tables repeat their header and never split a row across pages.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip as mm,
  type ISectionOptions,
} from 'docx';
import type { Paperwork } from '../src/config/paperwork.ts';

/** Sizes in half-points, as Word counts them: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt, 小五 9 pt. */
const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24, wu: 21, xiaowu: 18 };
const LINE = { line: 560, lineRule: LineRuleType.EXACT }; // 28 pt: 22 lines a page
/** A4 in twips as Word writes it (mm conversion rounds one short). */
const A4 = { width: 11906, height: 16838 };

export type Fonts = Paperwork['fonts'];

const font = (f: Fonts, east: string) => ({
  ascii: f.latin,
  hAnsi: f.latin,
  eastAsia: east,
  cs: f.latin,
});

/** Named styles, so the office restyles a whole document from Word's style pane. */
function styles(f: Fonts) {
  const style = (id: string, name: string, east: string, size: number, extra: object = {}) => ({
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: font(f, east), size },
    paragraph: { spacing: LINE, ...extra },
  });
  return {
    default: { document: { run: { font: font(f, f.body), size: SIZE.san } } },
    paragraphStyles: [
      style('GwTitle', '公文标题', f.title, SIZE.er, {
        alignment: AlignmentType.CENTER,
        spacing: { line: 700 },
      }),
      style('GwBody', '公文正文', f.body, SIZE.san, { indent: { firstLine: 640 } }),
      style('GwHeading1', '一级标题', f.heading, SIZE.san, {
        indent: { firstLine: 640 },
        keepNext: true,
      }),
      style('GwHeading2', '二级标题', f.subheading, SIZE.san, {
        indent: { firstLine: 640 },
        keepNext: true,
      }),
      style('GwTable', '表格文字', f.body, SIZE.xiaowu, { spacing: { line: 260 } }),
      style('GwHeader', '版头', f.title, 72, {
        alignment: AlignmentType.CENTER,
        spacing: { line: 1200 },
      }),
    ],
  };
}

const pageFooter = (f: Fonts) =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: font(f, '宋体'),
            size: SIZE.si,
          }),
        ],
      }),
    ],
  });

/** A page section: A4 with the 公文 margins, portrait for text and landscape for wide tables. */
export function section(
  f: Fonts,
  children: ISectionOptions['children'],
  landscape = false,
): ISectionOptions {
  return {
    properties: {
      page: {
        // The library swaps width and height itself for landscape.
        size: {
          ...A4,
          orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: landscape
          ? { top: mm(28), bottom: mm(26), left: mm(37), right: mm(35) }
          : { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
      },
    },
    footers: { default: pageFooter(f) },
    children,
  };
}

export function document(f: Fonts, title: string, sections: ISectionOptions[]): Document {
  return new Document({ creator: 'zwgk-audit', title, styles: styles(f), sections });
}

export const title = (text: string) => new Paragraph({ style: 'GwTitle', text });
export const body = (text: string) => new Paragraph({ style: 'GwBody', text });
export const heading1 = (text: string) => new Paragraph({ style: 'GwHeading1', text });
export const heading2 = (text: string) => new Paragraph({ style: 'GwHeading2', text });
/** 主送机关: flush left, no indent. */
export const addressee = (text: string) =>
  new Paragraph({ style: 'GwBody', indent: { firstLine: 0 }, text });
export const blank = () => new Paragraph({ style: 'GwBody', text: '' });
/** 落款 and date: right-aligned, four characters from the right edge. */
export const signature = (text: string) =>
  new Paragraph({
    style: 'GwBody',
    alignment: AlignmentType.RIGHT,
    indent: { firstLine: 0, right: 1280 },
    text,
  });

/** The 版头: the issuing office in red over a red rule, and the 文号 above the rule. */
export function letterhead(header: string, docNumber: string): Paragraph[] {
  const red = 'C00000';
  const out: Paragraph[] = [];
  if (header)
    out.push(
      new Paragraph({ style: 'GwHeader', children: [new TextRun({ text: header, color: red })] }),
    );
  out.push(
    new Paragraph({
      style: 'GwBody',
      alignment: AlignmentType.CENTER,
      indent: { firstLine: 0 },
      text: docNumber,
      border: header
        ? { bottom: { style: BorderStyle.SINGLE, size: 18, color: red, space: 8 } }
        : undefined,
    }),
    blank(),
  );
  return out;
}

const cellText = (text: string, bold = false) =>
  text.split('\n').map(
    (line) =>
      new Paragraph({
        style: 'GwTable',
        children: [new TextRun({ text: line, bold })],
      }),
  );

/** A table that repeats its header on every page and never splits a row across pages. */
/**
 * A table whose rows may come in groups, each under a row spanning every column that names it
 * once (a check, its rule and its fix: repeated on every row they had taken 17 pages for 40
 * problems). A group without a title is rows alone.
 */
export function groupedTable(
  header: string[],
  groups: { title?: string; rows: string[][] }[],
  widths: number[],
): Table {
  const total = widths.reduce((a, b) => a + b, 0);
  const margins = { left: 80, right: 80, top: 40, bottom: 40 };
  const cell = (text: string, i: number, bold = false) =>
    new TableCell({
      children: cellText(text, bold),
      width: { size: (widths[i] / total) * 100, type: WidthType.PERCENTAGE },
      verticalAlign: VerticalAlign.CENTER,
      margins,
    });
  const title = (text: string) =>
    new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          children: cellText(text, true),
          columnSpan: header.length,
          shading: { fill: 'EEF1F4' },
          margins,
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: header.map((h, i) => cell(h, i, true)),
      }),
      ...groups.flatMap((g) => [
        ...(g.title ? [title(g.title)] : []),
        ...g.rows.map(
          (r) => new TableRow({ cantSplit: true, children: r.map((t, i) => cell(t, i)) }),
        ),
      ]),
    ],
  });
}

export function table(header: string[], rows: string[][], widths: number[]): Table {
  return groupedTable(header, [{ rows }], widths);
}
