// Everything the checks need from one HTML page, taken in one parse: title, meta tags, publish
// date, links with their text and area, dated list items, the metadata block, attachments,
// site-identity facts, and signs that the page is filled by script.
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { dateFromUrl, firstDate } from './dates.ts';
import { extractIdentity, type IdentityFacts } from './identity.ts';
import { extractMetadata } from './metadata.ts';
import { squash, truncate } from './normalize.ts';

export type LinkArea = 'nav' | 'footer' | 'body';

export interface PageLink {
  url: string;
  text: string;
  area: LinkArea;
}

export interface ListItem {
  title: string;
  url: string;
  date: string;
}

export interface PageArtifacts {
  title: string;
  /** Lower-cased meta names → content (SiteIDCode → siteidcode, PubDate → pubdate…). */
  meta: Record<string, string>;
  pubDate?: string;
  links: PageLink[];
  listItems: ListItem[];
  metadata: Record<string, string>;
  identity: IdentityFacts;
  footerText: string;
  textLength: number;
  /** The start of the visible text (title included), for block-page detection and evidence. */
  visibleText: string;
  /** Why this page's static HTML cannot be trusted to show its content, if it cannot. */
  scriptFilled?: 'shell' | 'template';
}

export const ATTACHMENT_RE = /\.(docx?|wps|pdf|xlsx?|et|pptx?|zip|rar|7z|ofd|txt|csv|jpg|jpeg|png|gif|mp4|mp3)$/i;

const FOOTER_HINT = /foot|bottom|copyright|banquan|bqxx/i;
const NAV_HINT = /(^|[-_\s])(nav|menu|header|head|top|lanmu|column|channel|dh)([-_\s]|$)|^nav|nav$|menu/i;
const SKIP_SCHEMES = /^(javascript:|mailto:|tel:|#|data:)/i;

/** cheerio with htmlparser2: about 2.7× faster than parse5 and forgiving enough for these pages. */
export function parseHtml(html: string): CheerioAPI {
  return load(html, { xml: { xmlMode: false, decodeEntities: true } });
}

function textOf($: CheerioAPI, el: AnyNode): string {
  return squash($(el).text());
}

export function extractPage(html: string, pageUrl: string): PageArtifacts {
  const $ = parseHtml(html);
  $('script, style, noscript, template').remove();
  // Keep scripts for identity facts (jiucuo, conac) and shell detection: read them from raw HTML.

  const meta: Record<string, string> = {};
  $('meta[name], meta[property]').each((_, el) => {
    const name = ($(el).attr('name') ?? $(el).attr('property') ?? '').toLowerCase();
    const content = $(el).attr('content');
    if (name && content !== undefined && !(name in meta)) meta[name] = content.trim();
  });

  const title = squash($('title').first().text());
  // The root, not <body>: CMS templates often leave content after </html>, which the parser puts outside body.
  const bodyText = squash($.root().text());
  const areaCache = new Map<AnyNode, LinkArea>();
  const areaOf = (node: AnyNode | null): LinkArea => {
    const chain: AnyNode[] = [];
    let area: LinkArea = 'body';
    for (let n: AnyNode | null = node; n && n.type !== 'root'; n = n.parent) {
      const cached = areaCache.get(n);
      if (cached) {
        area = cached;
        break;
      }
      chain.push(n);
      const el = n as Element;
      if (el.type === 'tag') {
        if (el.name === 'footer') {
          area = 'footer';
          break;
        }
        if (el.name === 'nav' || el.name === 'header') {
          area = 'nav';
          break;
        }
        const hint = `${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`;
        if (hint.length > 1) {
          if (FOOTER_HINT.test(hint)) {
            area = 'footer';
            break;
          }
          if (NAV_HINT.test(hint)) {
            area = 'nav';
            break;
          }
        }
      }
    }
    for (const n of chain) areaCache.set(n, area);
    return area;
  };

  const links: PageLink[] = [];
  const listItems: ListItem[] = [];
  const seenLinks = new Set<string>();
  const seenItems = new Set<string>();
  let base = pageUrl;
  const baseHref = $('base[href]').attr('href');
  if (baseHref) {
    try {
      base = new URL(baseHref, pageUrl).href;
    } catch {
      /* a broken <base> is ignored, as browsers do */
    }
  }
  $('a[href], area[href]').each((_, el) => {
    const href = (el as Element).attribs.href.trim();
    if (!href || SKIP_SCHEMES.test(href)) return;
    let url: string;
    try {
      const u = new URL(href, base);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return;
      u.hash = '';
      url = u.href;
    } catch {
      return;
    }
    const anchorText = textOf($, el) || squash((el as Element).attribs.title ?? '');
    const text = truncate(anchorText, 80);
    const area = areaOf(el.parent);
    const key = `${url}\u0000${text}`;
    if (!seenLinks.has(key)) {
      seenLinks.add(key);
      links.push({ url, text, area });
    }
    // A list item: the nearest li/tr/dd/p/div around the link with a date outside the link text.
    if (area === 'footer' || seenItems.has(url)) return;
    // Walk up while the ancestor still holds only this item (<dl><dd>link</dd><dd>date</dd></dl>).
    let date: string | undefined;
    let container: AnyNode | null = el.parent;
    for (let depth = 0; container && container.type === 'tag' && depth < 4; depth++, container = container.parent) {
      const containerText = textOf($, container);
      if (containerText.length > 300 || $(container).find('a[href]').length > 2) break;
      date = firstDate(textOutsideLinks(container));
      if (date) break;
    }
    if (!date) return;
    seenItems.add(url);
    listItems.push({ title: truncate((el as Element).attribs.title?.trim() || anchorText, 120), url, date });
  });

  let footerText = '';
  $('footer, [id*=foot i], [class*=foot i], [id*=bottom i], [class*=bottom i], [class*=copyright i]').each((_, el) => {
    if (footerText.length < 3000) footerText += ` ${textOf($, el)}`;
  });
  footerText = squash(footerText) || bodyText.slice(-1500);

  const metadata = /索\s*引\s*号|发文字号|文\s*号|成文日期|发布机构|生成日期|有效性/.test(html) ? extractMetadata($) : {};
  const pubDate =
    firstDate(meta.pubdate) ?? firstDate(meta.publishdate) ?? firstDate(metadata.发布日期) ?? dateFromUrl(pageUrl) ?? undefined;

  return {
    title,
    meta,
    pubDate,
    links,
    listItems,
    metadata,
    identity: extractIdentity(`${bodyText} ${footerText}`, html, meta),
    footerText: truncate(footerText, 3000),
    textLength: bodyText.length,
    visibleText: bodyText.slice(0, 2000),
    scriptFilled: detectScriptFilled(html, bodyText, title),
  };
}

/** The text of a node without the text of the links in it: an item's date is never a link's. */
function textOutsideLinks(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  const el = node as Element;
  if (el.type !== 'tag' || el.name === 'a') return '';
  return el.children.map(textOutsideLinks).join(' ');
}

/**
 * Signs that a page's content is written by script, so its static HTML must not be judged
 * as empty: a near-empty body with scripts (SPA or anti-bot shell), or list templates of the
 * MVVM frameworks government CMSs use (avalon ms-repeat, Vue v-for, Angular ng-repeat).
 */
export function detectScriptFilled(html: string, bodyText: string, title: string): PageArtifacts['scriptFilled'] {
  const scripts = (html.match(/<script\b/gi) ?? []).length;
  if (scripts > 0 && bodyText.length < 200 && (title === '' || /enable\s+javascript|id=["']app["']/i.test(html))) return 'shell';
  if (scripts > 0 && bodyText.length < 80) return 'shell';
  if (/\b(ms-repeat|ms-for|v-for|ng-repeat|x-for)\s*=/.test(html)) return 'template';
  return undefined;
}

/** The dates of a page's list items and its own publish date, newest first. */
export function pageDates(a: PageArtifacts): string[] {
  const dates = a.listItems.map((i) => i.date);
  if (a.pubDate) dates.push(a.pubDate);
  return dates.sort().reverse();
}


