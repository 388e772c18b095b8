// How a page's HTML, artifacts and text are kept: compressed with brotli at quality 1 (a page
// of the bench's site: ~10 KB instead of ~58). One place for the format, so the extraction worker
// can pack a page where it was read and the main thread only writes the bytes.
import { brotliCompressSync, brotliDecompressSync, constants, inflateRawSync } from 'node:zlib';
import type { PageArtifacts } from './page.ts';
import { utf8Text } from '../utf8.ts';

/** A page's parts as stored; a part left out is packed by the store itself. */
export interface Packed {
  /** The HTML packed alone (older stores; a page added without `rawHtml`). */
  html?: Uint8Array;
  /** The HTML as UTF-8, for the store to pack with its site's other pages (store/html-packs.ts). */
  rawHtml?: Uint8Array;
  artifacts?: Uint8Array;
  text?: Uint8Array;
}

/**
 * Marks a brotli blob. Rows stored before were raw deflate, and no deflate stream starts with this
 * byte (its block type would be 3, which is reserved), so they read as they were.
 */
const BROTLI = 0xff;

/**
 * Brotli at quality 1 rather than deflate at level 1: as small on the bench's pages (9.8 KB a
 * page against 9.6) and on the corpus's, and faster to pack (bench pages: 218 µs against 306; the
 * corpus's larger pages: 341 against 578); reading back is ~10% slower (text 58 µs against 53).
 */
function compress(b: Buffer): Buffer {
  const z = brotliCompressSync(b, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: b.length },
  });
  const out = Buffer.allocUnsafe(z.length + 1);
  out[0] = BROTLI;
  z.copy(out, 1);
  return out;
}

const inflate = (b: Uint8Array): Buffer =>
  b[0] === BROTLI ? brotliDecompressSync(b.subarray(1)) : inflateRawSync(b);

/** Packs a part's bytes as they are: a UTF-8 page as it came, or `partBytes` from a worker. */
export const packBytes = (bytes: Uint8Array) =>
  compress(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
export const packHtml = (html: string) => compress(Buffer.from(html));
// UTF-16 compresses as well as UTF-8 and decodes faster (measured on the bench's pages).
const ENCODING = { artifacts: 'utf8', text: 'utf16le' } as const;

/**
 * The bytes a part is packed from (artifacts as UTF-8 JSON, text as UTF-16), in a buffer of
 * their own: a worker sends them to be packed where there is time, and a pooled buffer's view
 * would carry its whole 8 KB pool across.
 */
export function partBytes(part: keyof typeof ENCODING, value: string): Uint8Array {
  const b = Buffer.allocUnsafeSlow(Buffer.byteLength(value, ENCODING[part]));
  b.write(value, ENCODING[part]);
  return b;
}

export const packArtifacts = (a: PageArtifacts) => compress(Buffer.from(JSON.stringify(a)));
export const packText = (text: string) => compress(Buffer.from(text, ENCODING.text));

export const unpackHtml = (b: Uint8Array) => utf8Text(inflate(b));
/** A page's HTML packed alone, as its UTF-8 bytes. */
export const unpackHtmlBytes = (b: Uint8Array): Buffer => inflate(b);
export const unpackArtifacts = (b: Uint8Array) => JSON.parse(utf8Text(inflate(b))) as PageArtifacts;
export const unpackText = (b: Uint8Array) => inflate(b).toString('utf16le');
