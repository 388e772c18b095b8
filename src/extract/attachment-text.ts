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

/**
 * How much XML of one attachment is inflated at most, each entry and all together: a real
 * 公示 list's sheet is a few MB of XML; a zip bomb of 1–3 MB declares or inflates to gigabytes.
 */
export const ZIP_LIMITS = { entry: 32 * 1024 * 1024, total: 64 * 1024 * 1024 };

class ZipBomb extends Error {}

const bombWhy = (limit: number) =>
  `解压后超过 ${Math.round(limit / 1024 / 1024)} MB，疑似压缩炸弹，未读取其文字`;

/**
 * One entry's bytes, inflated chunk by chunk and stopped at the cap (jszip inflates in chunks
 * of its compressed data; `async('string')` would inflate the whole entry first).
 */
function inflateCapped(file: JSZip.JSZipObject, cap: number): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stream = file.nodeStream('nodebuffer') as NodeJS.ReadableStream & { destroy(): void };
    stream
      .on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= cap) return void chunks.push(chunk);
        stream.destroy();
        fail(new ZipBomb(bombWhy(cap)));
      })
      .on('error', (err: Error) => fail(err))
      .on('end', () => ok(Buffer.concat(chunks)));
  });
}

/** The size an entry says it inflates to (read from the zip's directory, before inflating). */
const declaredSize = (f: JSZip.JSZipObject) =>
  (f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;

async function officeText(bytes: Buffer, e: 'docx' | 'xlsx'): Promise<AttachmentText> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) =>
    e === 'docx'
      ? /^word\/(document|header\d*|footer\d*)\.xml$/.test(n)
      : /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/.test(n),
  );
  if (names.length === 0) return { unsupported: `不是有效的 ${e} 文件` };
  const files = names.sort().map((n) => zip.file(n)!);
  const declared = files.map(declaredSize);
  if (declared.some((n) => n > ZIP_LIMITS.entry)) return { unsupported: bombWhy(ZIP_LIMITS.entry) };
  if (declared.reduce((a, b) => a + b, 0) > ZIP_LIMITS.total)
    return { unsupported: bombWhy(ZIP_LIMITS.total) };
  // Sizes can lie: each entry is also stopped while it inflates, one at a time.
  const parts: string[] = [];
  let total = 0;
  for (const f of files) {
    const xml = await inflateCapped(f, Math.min(ZIP_LIMITS.entry, ZIP_LIMITS.total - total));
    total += xml.length;
    parts.push(xmlText(xml.toString('utf8')));
  }
  return { text: parts.join('\n') };
}

export async function attachmentText(bytes: Buffer, ext: string): Promise<AttachmentText> {
  const e = ext.toLowerCase();
  try {
    if (e === 'docx' || e === 'xlsx') return await officeText(bytes, e);
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
    if (err instanceof ZipBomb) return { unsupported: err.message };
    return { unsupported: `无法解析附件：${(err as Error).message}` };
  }
}

/** Attachment types whose text we read. */
export const TEXT_ATTACHMENT = /\.(docx|xlsx|pdf)$/i;
