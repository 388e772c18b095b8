// How a page's HTML, artifacts and text are kept: deflated at the fastest level (a page
// of the bench's site: 10 KB instead of 34). One place for the format, so the extraction worker
// can pack a page where it was read and the main thread only writes the bytes.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { PageArtifacts } from './page.ts';
import { utf8Text } from '../utf8.ts';

/** A page's parts as stored; a part left out is packed by the store itself. */
export interface Packed {
  html?: Uint8Array;
  artifacts?: Uint8Array;
  text?: Uint8Array;
}

const deflate = (b: Buffer) => deflateRawSync(b, { level: 1 });

/** Deflates a part's bytes as they are: a UTF-8 page as it came, or `partBytes` from a worker. */
export const packBytes = (bytes: Uint8Array) =>
  deflate(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
/** A page's bytes as they came, when they are its HTML in UTF-8 (see `Decoded.verbatim`). */
export const packHtmlBytes = packBytes;
export const packHtml = (html: string) => deflate(Buffer.from(html));
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

export const packArtifacts = (a: PageArtifacts) => deflate(Buffer.from(JSON.stringify(a)));
export const packText = (text: string) => deflate(Buffer.from(text, ENCODING.text));

export const unpackHtml = (b: Uint8Array) => utf8Text(inflateRawSync(b));
export const unpackArtifacts = (b: Uint8Array) =>
  JSON.parse(utf8Text(inflateRawSync(b))) as PageArtifacts;
export const unpackText = (b: Uint8Array) => inflateRawSync(b).toString('utf16le');
