// Decodes a page's bytes to text. Order: BOM (UTF-8 or UTF-16), then the declared charset (header, then <meta>),
// then sniffing. Government pages often declare gb2312 while serving UTF-8 (a re-saved template)
// or the reverse, so a declaration is trusted only if the bytes agree with it.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { utf8Text } from '../utf8.ts';

const GB_FAMILY = /^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn|hz-gb-2312)$/i;

export interface Decoded {
  text: string;
  /** The charset used to decode. */
  charset: string;
  /** The charset the page declared (header or meta), if any. */
  declared?: string;
  /** The bytes are exactly the text in UTF-8: they can be stored as they came. */
  verbatim?: boolean;
}

function fromContentType(ct: string | null | undefined): string | undefined {
  return ct?.match(/charset\s*=\s*["']?([\w-]+)/i)?.[1]?.toLowerCase();
}

function fromMeta(head: string): string | undefined {
  return head.match(/<meta[^>]+charset\s*=\s*["']?([\w-]+)/i)?.[1]?.toLowerCase() ?? undefined;
}

/** The UTF-8 text, or undefined if the bytes are not valid UTF-8 (isUtf8 is SIMD-fast). */
function asUtf8(bytes: Buffer): string | undefined {
  return isUtf8(bytes) ? utf8Text(bytes) : undefined;
}

/** UTF-16 by its byte-order mark, or without one by NULs in every other byte of ASCII markup. */
function utf16Of(bytes: Buffer, declared: string | undefined): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes.length < 8 || (declared && !/^utf-?16/i.test(declared))) return undefined;
  if (bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return 'utf-16le';
  if (bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 && bytes[3] !== 0) return 'utf-16be';
  return undefined;
}

export function decodeHtml(bytes: Buffer, contentType?: string | null): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: utf8Text(bytes.subarray(3)), charset: 'utf-8' };
  const utf16 = utf16Of(bytes, fromContentType(contentType));
  if (utf16)
    return {
      text: iconv.decode(bytes, utf16).replace(/^\ufeff/, ''),
      charset: utf16,
      declared: fromContentType(contentType),
    };
  // Meta tags sit in the first few KB; ASCII-safe in every charset we care about.
  const head = bytes.subarray(0, 4096).toString('latin1');
  const declared = fromContentType(contentType) ?? fromMeta(head);
  const text = asUtf8(bytes);
  // Any non-ASCII byte sequence that is valid UTF-8 is almost never GBK text, so bytes beat labels.
  if (text !== undefined) return { text, charset: 'utf-8', declared, verbatim: true };
  if (declared && !/^utf-?8$/i.test(declared) && iconv.encodingExists(declared)) {
    // GB2312 and GBK labels are decoded as GB18030, their superset (browsers do the same).
    const cs = GB_FAMILY.test(declared) ? 'gb18030' : declared;
    return { text: iconv.decode(bytes, cs), charset: cs, declared };
  }
  // Invalid UTF-8 with no usable label: Chinese government pages are then GB-family.
  return { text: iconv.decode(bytes, 'gb18030'), charset: 'gb18030', declared };
}
