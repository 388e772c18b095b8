// Decompression bombs, built by the tests themselves: a few KB or MB that inflate to far more
// than any page or attachment limit.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import JSZip from 'jszip';

/** `mb` megabytes of one byte, gzipped (~1 KB a MB). */
export const gzipBomb = (mb: number) => gzipSync(Buffer.alloc(mb * 1024 * 1024, 0x20));

/** `mb` megabytes of one byte, brotli at its fastest (a few KB for hundreds of MB). */
export const brotliBomb = (mb: number) =>
  brotliCompressSync(Buffer.alloc(mb * 1024 * 1024, 0x20), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 1 },
  });

/**
 * A docx or xlsx whose text part inflates to `mb` megabytes. With `lie`, the zip's directory
 * says the part is 1 KB, so only the inflating itself can catch it.
 */
export async function officeBomb(ext: 'docx' | 'xlsx', mb: number, lie = false): Promise<Buffer> {
  const zip = new JSZip();
  const part = ext === 'docx' ? 'word/document.xml' : 'xl/sharedStrings.xml';
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file(part, Buffer.alloc(mb * 1024 * 1024, 0x61));
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  if (lie) {
    // Local header (PK\3\4): uncompressed size at +22; central directory (PK\1\2): at +24.
    for (let i = 0; i < bytes.length - 4; i++) {
      const sig = bytes.readUInt32LE(i);
      if (sig === 0x04034b50) bytes.writeUInt32LE(1024, i + 22);
      if (sig === 0x02014b50) bytes.writeUInt32LE(1024, i + 24);
    }
  }
  return bytes;
}
