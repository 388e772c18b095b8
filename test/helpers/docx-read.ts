// Reads a .docx back the way a test needs it: its paragraphs' text and its tables' cells, from
// word/document.xml (a zip + XML reader, independent of the library that wrote the file).
import * as cheerio from 'cheerio';
import JSZip from 'jszip';

export interface DocxText {
  xml: string;
  paragraphs: string[];
  tables: string[][][];
  /** The section properties (page size, orientation) in order. */
  sections: { width: number; height: number }[];
}

export async function readDocx(buf: Buffer): Promise<DocxText> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  const $ = cheerio.load(xml, { xml: true });
  type El = Parameters<typeof $>[0];
  /** A paragraph's text: its runs' text joined. */
  const para = (p: El) =>
    $(p)
      .find('w\\:t')
      .toArray()
      .map((t) => $(t).text())
      .join('');
  const text = (el: El) => $(el).find('w\\:p').toArray().map(para).join('\n');
  const paragraphs = $('w\\:body > w\\:p').toArray().map(para);
  const tables = $('w\\:tbl')
    .toArray()
    .map((tbl) =>
      $(tbl)
        .find('w\\:tr')
        .toArray()
        .map((tr) =>
          $(tr)
            .find('w\\:tc')
            .toArray()
            .map((tc) => text(tc)),
        ),
    );
  const sections = $('w\\:sectPr w\\:pgSz')
    .toArray()
    .map((s) => ({ width: Number($(s).attr('w:w')), height: Number($(s).attr('w:h')) }));
  return { xml, paragraphs, tables, sections };
}
