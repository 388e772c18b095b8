// Text of the attachments where personal data leaks most (公示 lists as xlsx, docx, pdf), for the
// privacy check. docx and xlsx are zip files of XML: their text is the XML's text nodes, read
// with jszip (no full Office parser needed for a text scan). PDFs go through unpdf (PDF.js).
// Old binary .doc/.xls/.wps are not parsed: the check says so instead of calling them clean.
import JSZip from 'jszip';

export type AttachmentText = { text: string } | { unsupported: string };

/** Text of Office XML. In Word tables a row is one line, its cells' paragraphs side by side. */
const xmlText = (xml: string) =>
  xml
    .replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, (tbl) =>
      tbl.replace(/<\/w:p>/g, ' ').replace(/<\/w:tr>/g, '\n'),
    )
    .replace(/<\/(w:p|a:p|row|si)>/g, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ');

export async function attachmentText(bytes: Buffer, ext: string): Promise<AttachmentText> {
  const e = ext.toLowerCase();
  try {
    if (e === 'docx' || e === 'xlsx') {
      const zip = await JSZip.loadAsync(bytes);
      const names = Object.keys(zip.files).filter((n) =>
        e === 'docx'
          ? /^word\/(document|header\d*|footer\d*)\.xml$/.test(n)
          : /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/.test(n),
      );
      if (names.length === 0) return { unsupported: `不是有效的 ${e} 文件` };
      const parts = await Promise.all(names.sort().map((n) => zip.file(n)!.async('string')));
      return { text: parts.map(xmlText).join('\n') };
    }
    if (e === 'pdf') {
      if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
        return { unsupported: '不是有效的 PDF 文件' };
      const { extractText, getDocumentProxy } = await import('unpdf');
      // verbosity 0: pdf.js's own warnings ("Indexing all PDF objects") never reach the user's terminal.
      const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
      const { text } = await extractText(pdf, { mergePages: true });
      return { text };
    }
    return { unsupported: `未解析 .${e} 格式（旧版二进制 Office / WPS 文件）` };
  } catch (err) {
    return { unsupported: `无法解析附件：${(err as Error).message}` };
  }
}

/** Attachment types whose text we read. */
export const TEXT_ATTACHMENT = /\.(docx|xlsx|pdf)$/i;
