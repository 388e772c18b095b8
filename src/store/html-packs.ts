// Pages' HTML kept in packs: the pages of one site built from one template compressed together,
// so that each page after the first costs little more than what is its own (the corpus's ten
// pingtan.gov.cn pages: 15.2 KB a page compressed alone, 5.9 together). A page's row says which
// pack holds its HTML and where; a pack is written before the rows that point into it, so a
// row never points at a pack that is not there.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/** Where a page's HTML is in its pack once unpacked. */
export interface PackedAt {
  pack: number;
  from: number;
  length: number;
}

/** A pack closes at this much HTML or this many pages, whichever comes first. */
const PACK_BYTES = 1 << 20;
const PACK_PAGES = 32;
/** All open packs together hold at most this much; past it the fullest closes. */
const OPEN_BYTES = 16 << 20;

interface OpenPack {
  parts: Uint8Array[];
  bytes: number;
  opened: number;
  /** What to do with each page once its pack is written: queue its row. */
  done: ((at: PackedAt) => void)[];
}

/**
 * What pages of a site share a template, from the stylesheets and scripts its head names: pages
 * built from one template name the same ones, and a different template mostly others. Read off
 * the bytes rather than parsed (a parse costs ~100 times more), as the key only groups pages for
 * compression: a wrong one costs size, never content.
 */
export function templateOf(html: Uint8Array): string {
  const head = Buffer.from(html.buffer, html.byteOffset, Math.min(html.byteLength, 16_384));
  const text = head.toString('latin1');
  const refs =
    text.match(/<(?:link|script)\b[^>]{0,400}?\b(?:href|src)\s*=\s*["']?[^"'\s>]+/gi) ?? [];
  return refs.map((r) => r.replace(/^.*?(?:href|src)\s*=\s*["']?/i, '')).join(' ');
}

export class HtmlPacks {
  private readonly open = new Map<string, OpenPack>();
  private openBytes = 0;

  /** `write` stores a pack's compressed bytes and returns its id. */
  constructor(private readonly write: (data: Buffer) => number) {}

  /** Adds a page's HTML (UTF-8) to the open pack of its site's template. */
  add(site: string, html: Uint8Array, done: (at: PackedAt) => void): void {
    const key = `${site}\n${templateOf(html)}`;
    let pack = this.open.get(key);
    if (!pack) this.open.set(key, (pack = { parts: [], bytes: 0, opened: Date.now(), done: [] }));
    pack.parts.push(html);
    pack.bytes += html.byteLength;
    pack.done.push(done);
    this.openBytes += html.byteLength;
    if (pack.bytes >= PACK_BYTES || pack.parts.length >= PACK_PAGES) this.close(key);
    while (this.openBytes > OPEN_BYTES) this.close(this.fullest());
  }

  /** Closes the packs opened before `before` (all of them without it). */
  closeAll(before = Infinity): void {
    for (const [key, pack] of this.open) if (pack.opened < before) this.close(key);
  }

  private fullest(): string {
    let best: [string, number] = ['', -1];
    for (const [key, pack] of this.open) if (pack.bytes > best[1]) best = [key, pack.bytes];
    return best[0];
  }

  private close(key: string): void {
    const pack = this.open.get(key)!;
    this.open.delete(key);
    this.openBytes -= pack.bytes;
    const id = this.write(compressPack(Buffer.concat(pack.parts)));
    let from = 0;
    pack.parts.forEach((part, k) => {
      pack.done[k]({ pack: id, from, length: part.byteLength });
      from += part.byteLength;
    });
  }
}

export function compressPack(raw: Buffer): Buffer {
  return brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: PACK_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
}

export const unpackPack = (data: Uint8Array): Buffer => brotliDecompressSync(data);

// Quality 3 of packs: smaller and faster than quality 1 a page alone (2,000 of the bench's pages: 3.5
// KB at 0.21 ms a page, against 16.8 KB at 0.26 ms; the ten pingtan.gov.cn pages: 5.9 KB against 15.2).
const PACK_QUALITY = 3;
