// What an HTTPS page loads over plain HTTP (mixed content), read with the HTML parser: a regex
// had missed <link href=… rel=stylesheet> (rel after href), srcset, <object data> and form
// actions, and counted lazy-loading placeholders (data-src) a browser never fetches.
import { Parser } from 'htmlparser2';

/** Attributes whose URL a browser loads (or, for a form, sends to) as the page is used. */
const LOADS: Record<string, string[]> = {
  script: ['src'],
  img: ['src', 'srcset'],
  iframe: ['src'],
  frame: ['src'],
  embed: ['src'],
  object: ['data'],
  source: ['src', 'srcset'],
  audio: ['src'],
  video: ['src', 'poster'],
  track: ['src'],
  input: ['src'], // <input type=image>
  form: ['action'],
  link: ['href'],
};

/** <link> loads only as one of these; others (canonical, alternate) are links, not resources. */
const LOADED_LINK = /\b(stylesheet|icon|preload|modulepreload|prefetch|manifest)\b/i;

const urlsOf = (attr: string, value: string) =>
  attr === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0]) : [value.trim()];

/** The http:// URLs a page loads, in document order, each once. */
export function mixedContent(html: string): string[] {
  const found = new Set<string>();
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const watched = LOADS[name];
        if (!watched) return;
        if (name === 'link' && !LOADED_LINK.test(attrs.rel ?? '')) return;
        for (const attr of watched) {
          const value = attrs[attr];
          if (value === undefined) continue;
          for (const url of urlsOf(attr, value)) if (/^http:\/\//i.test(url)) found.add(url);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return [...found];
}
