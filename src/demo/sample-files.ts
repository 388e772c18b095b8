// Small real documents for the sample sites and the tests: a .docx and an .xlsx (zip files of
// Office XML) and a one-page PDF with a text object, so attachment readers meet real formats.
import JSZip from 'jszip';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const S = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const DOC_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

const wPara = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
const wTable = (rows: string[][]) =>
  `<w:tbl>${rows.map((r) => `<w:tr>${r.map((c) => `<w:tc>${wPara(c)}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`;

/** A .docx of paragraphs and, optionally, one table (rows of cell texts) after them. */
export async function docx(paragraphs: string[], table?: string[][]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      `<Override PartName="/word/document.xml" ContentType="${DOC_TYPE}"/></Types>`,
  );
  const body = paragraphs.map(wPara).join('') + (table ? wTable(table) : '');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

export async function xlsx(rows: string[][]): Promise<Buffer> {
  const zip = new JSZip();
  const strings = rows.flat();
  const shared = strings.map((s) => `<si><t>${s}</t></si>`).join('');
  zip.file('xl/sharedStrings.xml', `<?xml version="1.0"?><sst xmlns="${S}">${shared}</sst>`);
  let k = 0;
  const sheet = rows
    .map((r, i) => `<row r="${i + 1}">${r.map(() => `<c t="s"><v>${k++}</v></c>`).join('')}</row>`)
    .join('');
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0"?><worksheet xmlns="${S}"><sheetData>${sheet}</sheetData></worksheet>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** A valid one-page PDF showing an ASCII line (Helvetica), with a correct xref table. */
export function pdf(line: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${line}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
