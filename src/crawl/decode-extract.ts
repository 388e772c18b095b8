// The CPU-heavy part of reading a page: decoding its bytes (any charset), telling noise apart,
// and extracting its artifacts and text. Pure, so it runs in a worker thread as well as here.
import { decodeHtml } from '../extract/charset.ts';
import { extractPageAndText } from '../extract/page.ts';
import type { PageArtifacts } from '../contract/page.ts';
import { garbageReason } from './garbage.ts';

export interface DecodeInput {
  body: Uint8Array;
  contentType: string | null;
  status: number;
  finalUrl: string;
}

export interface Decoded {
  charset: string;
  /** Why the answer is not a page at all (binary noise, an empty shell…). */
  garbage?: string;
  html?: string;
  artifacts?: PageArtifacts;
  text?: string;
}

export function decodeAndExtract(i: DecodeInput): Decoded {
  const body = Buffer.from(i.body.buffer, i.body.byteOffset, i.body.byteLength);
  const decoded = decodeHtml(body, i.contentType);
  const garbage = i.status < 400 ? garbageReason(body, decoded.text) : undefined;
  if (garbage) return { charset: decoded.charset, garbage };
  const { artifacts, text } = extractPageAndText(decoded.text, i.finalUrl);
  return { charset: decoded.charset, html: decoded.text, artifacts, text };
}
