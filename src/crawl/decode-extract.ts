// The CPU-heavy part of reading a page: decoding its bytes (any charset), telling noise and
// block pages apart, extracting its artifacts and text, and packing them as the store keeps
// them. Pure, so it runs in a worker thread as well as here.
import { decodeHtml } from '../extract/charset.ts';
import { extractPageAndText } from '../extract/page.ts';
import type { PageArtifacts } from '../contract/page.ts';
import { packArtifacts, packText, partBytes, type Packed } from '../contract/packed.ts';
import { utf8Text } from '../utf8.ts';
import { blockedReason } from './blocked.ts';
import { garbageReason } from './garbage.ts';

export interface DecodeInput {
  body: Uint8Array;
  contentType: string | null;
  status: number;
  finalUrl: string;
  /**
   * Answer only what the crawl itself uses of the page (see `Found`): the packed parts hold the
   * rest. Copying full artifacts and text back from a worker cost the main thread more than the
   * worker saved it (10,000 pages: ~3 s of the audit's CPU). The artifacts and the text come
   * back as the bytes they are packed from, for the caller to pack: the worker limits the crawl,
   * and bytes, unlike strings, cost the fetching thread no garbage collection.
   */
  lean?: boolean;
}

/** What the crawl uses of a page's artifacts: where it leads, and whether script fills it. */
export type Found = Pick<PageArtifacts, 'links' | 'scriptFilled' | 'scriptedFields'>;

export interface Decoded {
  charset: string;
  /** Why the answer is not a page at all (binary noise, an empty shell…). */
  garbage?: string;
  /** Absent in a lean answer, as is the text. */
  artifacts?: PageArtifacts;
  text?: string;
  found?: Found;
  /** Why the static page is a firewall's or an anti-bot's answer, if it is. */
  blocked?: string;
  /**
   * The HTML, artifacts and text as the store keeps them. The HTML is left out when the page's
   * bytes are its HTML in UTF-8 (most pages): the caller has them and packs them as they are.
   */
  packed?: Packed;
  verbatim?: boolean;
  /** A lean answer's artifacts and text as bytes (`partBytes`), left for the caller to pack. */
  unpacked?: { artifacts: Uint8Array; text: Uint8Array };
}

export function decodeAndExtract(i: DecodeInput): Decoded {
  const body = Buffer.from(i.body.buffer, i.body.byteOffset, i.body.byteLength);
  const decoded = decodeHtml(body, i.contentType);
  const garbage = i.status < 400 ? garbageReason(body, decoded.text) : undefined;
  if (garbage) return { charset: decoded.charset, garbage };
  const html = decoded.text;
  const verbatim = decoded.verbatim;
  const { artifacts, text } = extractPageAndText(html, i.finalUrl);
  const blocked = blockedReason(i.status, { text: artifacts.visibleText, html });
  const { links, scriptFilled, scriptedFields } = artifacts;
  return {
    charset: decoded.charset,
    ...(i.lean
      ? {
          unpacked: {
            artifacts: partBytes('artifacts', JSON.stringify(artifacts)),
            text: partBytes('text', text),
          },
        }
      : { artifacts, text }),
    found: { links, scriptFilled, scriptedFields },
    ...(blocked ? { blocked } : {}),
    ...(verbatim ? { verbatim } : {}),
    packed: {
      // The page's bytes are its HTML when verbatim; else its HTML as UTF-8 goes to the store.
      ...(verbatim ? {} : { rawHtml: Buffer.from(html) }),
      ...(i.lean ? {} : { artifacts: packArtifacts(artifacts), text: packText(text) }),
    },
  };
}

/** A stored page read again with today's extractors (`zwgk recheck`): its HTML (UTF-8) in, packed artifacts and text out. */
export function repack(i: { html: Uint8Array; finalUrl: string }): {
  artifacts: Uint8Array;
  text: Uint8Array;
} {
  const html = utf8Text(Buffer.from(i.html.buffer, i.html.byteOffset, i.html.byteLength));
  const { artifacts, text } = extractPageAndText(html, i.finalUrl);
  return { artifacts: packArtifacts(artifacts), text: packText(text) };
}
