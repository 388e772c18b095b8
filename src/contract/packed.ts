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

export const packHtml = (html: string) => deflate(Buffer.from(html));
/** A page's bytes as they came, when they are its HTML in UTF-8 (see `Decoded.verbatim`). */
export const packHtmlBytes = (bytes: Uint8Array) =>
  deflate(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
/** Artifacts already written as JSON (a worker's answer: a string copies cheaply, an object not). */
export const packArtifactsJson = (json: string) => deflate(Buffer.from(json));
export const packArtifacts = (a: PageArtifacts) => packArtifactsJson(JSON.stringify(a));
// UTF-16 compresses as well as UTF-8 and decodes faster (measured on the bench's pages).
export const packText = (text: string) => deflate(Buffer.from(text, 'utf16le'));

export const unpackHtml = (b: Uint8Array) => utf8Text(inflateRawSync(b));
export const unpackArtifacts = (b: Uint8Array) =>
  JSON.parse(utf8Text(inflateRawSync(b))) as PageArtifacts;
export const unpackText = (b: Uint8Array) => inflateRawSync(b).toString('utf16le');
