// Everything the checks need from one HTML page, taken in one parse: title, meta tags, publish
// date, links with their text and area, dated list items, the metadata block, attachments,
// site-identity facts, and signs that the page is filled by script.
import type { AnyNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { firstDate } from './dates.ts';
import { hiddenHow, hiddenSelectors, scriptLinks } from './hidden.ts';
import { extractIdentity } from './identity.ts';
import { extractMetadata, METADATA_ALIASES, METADATA_HINT } from './metadata.ts';
import { publishDate } from './publish-date.ts';
import { boardRows, readsLikeBoard } from './board.ts';
import { squash, truncate } from './normalize.ts';
import { Resolver } from './resolver.ts';
import type { LinkArea, ListItem, PageArtifacts, PageLink } from '../contract/page.ts';

export const ATTACHMENT_RE =
  /\.(docx?|wps|pdf|xlsx?|et|pptx?|zip|rar|7z|ofd|txt|csv|jpg|jpeg|png|gif|mp4|mp3)$/i;

const FOOTER_HINT = /foot|bottom|copyright|banquan|bqxx/i;
const NAV_HINT =
  /(^|[-_\s])(nav|menu|header|head|top|lanmu|column|channel|dh)([-_\s]|$)|^nav|nav$|menu/i;
const SKIP_SCHEMES = /^(javascript:|mailto:|tel:|#|data:)/i;
const NO_TEXT = new Set(['script', 'style', 'noscript', 'template']);

// Elements whose text must not run into the next one's: 「张三」「3418…」 in two cells are two words.
const BLOCK = new Set([
  'td',
  'th',
  'tr',
  'li',
  'p',
  'div',
  'br',
  'dd',
  'dt',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'ul',
  'ol',
  'section',
  'article',
  'option',
  'header',
  'footer',
  'nav',
]);

/** Visible text of a subtree (no script or style), blocks and cells separated by a space. */
export function textOf(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  const el = node as Element;
  if ((el.type !== 'tag' && (el.type as string) !== 'root') || NO_TEXT.has(el.name)) return '';
  let out = '';
  for (const c of el.children) out += textOf(c);
  return BLOCK.has(el.name) ? `${out} ` : out;
}

/** An image link's words: its image's alt (a 领导信箱 button is often only a picture). */
function imageAlt(el: Element): string {
  for (const c of el.children) {
    if (c.type !== 'tag') continue;
    const e = c as Element;
    if (e.name === 'img' && e.attribs.alt) return squash(e.attribs.alt);
    const inner = imageAlt(e);
    if (inner) return inner;
  }
  return '';
}

/**
 * Whether every link in the container is this item's: the same URL, or its attachment (a
 * 「下载」 link in the same table row). A container with another article's link holds that
 * article's date, not this one's.
 */
function holdsOnly(container: AnyNode, url: string, absolute: Resolver): boolean {
  const stack: AnyNode[] = [container];
  let seen = 0;
  while (stack.length) {
    const el = stack.pop() as Element;
    if (el.type !== 'tag') continue;
    if (el.name === 'a' && el.attribs.href !== undefined) {
      if (++seen > 4) return false;
      const other = absolute.url(el.attribs.href.trim());
      if (other !== undefined && other !== url && !ATTACHMENT_RE.test(other.split('?')[0]))
        return false;
    }
    for (const c of el.children) stack.push(c);
  }
  return true;
}

/**
 * The short label that names a link from before it: 「相关解读：<a>…</a>」 (text ending in a colon
 * right before the link), or, for the first link of a list, a short heading just over the list
 * (「<h3>相关解读</h3><ul><li><a>…」). A link's own text often says nothing of what it is.
 */
function labelBefore(el: Element): string | undefined {
  let before = '';
  // Bounded: a long block before the link is read no further than a label could be.
  for (let n = el.prev; n && before.length < 24; n = n.prev) {
    const text =
      n.type === 'text'
        ? (n as unknown as { data: string }).data.slice(-24)
        : textLength(n, 64) > 64
          ? '…' // a block before the link: no label (its end is not read)
          : textOf(n);
    before = text + before;
  }
  before = squash(before);
  // The words since the last break (「…部署，相关解读：」 → 「相关解读：」).
  if (before) return before.match(/[^，。；、,;\s]{1,12}[:：]$/)?.[0];
  // First in its item: climb to the list, then look at what stands just before it.
  let node: AnyNode = el;
  for (let depth = 0; depth < 3 && node.parent; depth++) {
    node = node.parent;
    const name = (node as Element).name;
    if (name === 'body' || name === 'html') break; // <head> is no heading over a list
    let prev = node.prev;
    while (prev && textLength(prev, 64) <= 64 && !squash(textOf(prev))) prev = prev.prev;
    if (!prev) continue;
    if (textLength(prev, 64) > 64) return undefined; // a block of text, not a heading
    const heading = squash(textOf(prev));
    return heading.length <= 12 ? heading : undefined;
  }
  return undefined;
}

/** The length of `textOf(node)`, or once it passes `limit` any length above it (a cheap test). */
function textLength(node: AnyNode, limit: number): number {
  if (node.type === 'text') return (node as unknown as { data: string }).data.length;
  const el = node as Element;
  if ((el.type !== 'tag' && (el.type as string) !== 'root') || NO_TEXT.has(el.name)) return 0;
  let n = 0;
  for (const c of el.children) {
    n += textLength(c, limit - n);
    if (n > limit) return n;
  }
  return BLOCK.has(el.name) ? n + 1 : n;
}

function countLinks(node: AnyNode, limit: number): number {
  const el = node as Element;
  if (el.type !== 'tag') return 0;
  let n = el.name === 'a' && el.attribs.href !== undefined ? 1 : 0;
  for (const c of el.children) {
    if (n > limit) break;
    n += countLinks(c, limit);
  }
  return n;
}

function areaHint(el: Element): LinkArea | undefined {
  if (el.name === 'footer') return 'footer';
  if (el.name === 'nav' || el.name === 'header') return 'nav';
  const hint = `${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`;
  if (hint.length <= 1) return undefined;
  if (FOOTER_HINT.test(hint)) return 'footer';
  if (NAV_HINT.test(hint)) return 'nav';
  return undefined;
}

/**
 * One walk over the parsed document (an explicit stack: garbage HTML can nest very deep)
 * collects what the rest needs: anchors with their page area, meta tags, <title>, <base>, and
 * the outermost footer containers. Written by hand because cheerio's wrappers and selector
 * engine cost most of the extraction time on 30 KB pages (profiled with `npm run bench`).
 */
function walk(root: AnyNode, selectors: Map<string, string>) {
  const anchors: { el: Element; area: LinkArea; hidden?: string }[] = [];
  const footers: Element[] = [];
  const hiddenEls: { el: Element; how: string }[] = [];
  const scripts: string[] = [];
  const meta: Record<string, string> = {};
  let title: string | undefined;
  let base: string | undefined;
  // Three stacks side by side, not one of objects: an object a node was 86 KB a page, and
  // garbage collection is a third of the extraction's CPU (allocation 1.29 → 1.23 MB a page).
  const nodes: AnyNode[] = [root];
  const areas: LinkArea[] = ['body'];
  const hiddens: (string | undefined)[] = [undefined];
  while (nodes.length) {
    const node = nodes.pop()!;
    const area = areas.pop()!;
    const hidden = hiddens.pop();
    const el = node as Element;
    if ((el.type as string) === 'script') {
      const code = textOfScript(el);
      if (code) scripts.push(code);
      continue;
    }
    if (el.type !== 'tag' && (el.type as string) !== 'root') continue;
    let a = area;
    let h = hidden;
    if (el.type === 'tag') {
      if (el.name === 'style' || el.name === 'template') continue;
      if (a === 'body') {
        a = areaHint(el) ?? 'body';
        if (a === 'footer') footers.push(el);
      }
      if (!h) {
        h = hiddenHow(el, selectors);
        if (h && hiddenEls.length < 40) hiddenEls.push({ el, how: h });
      }
      if (el.name === 'a' || el.name === 'area') {
        if (el.attribs.href !== undefined) anchors.push({ el, area: a, hidden: h });
      } else if (el.name === 'meta') {
        const name = (el.attribs.name ?? el.attribs.property ?? '').toLowerCase();
        // The first tag with content: a template may write an empty one before the filled one.
        if (name && el.attribs.content !== undefined && !meta[name])
          meta[name] = el.attribs.content.trim();
      } else if (el.name === 'title' && title === undefined) {
        title = squash(textOf(el));
      } else if (el.name === 'base' && base === undefined && el.attribs.href) {
        base = el.attribs.href;
      }
    }
    for (let i = el.children.length - 1; i >= 0; i--) {
      nodes.push(el.children[i]);
      areas.push(a);
      hiddens.push(h);
    }
  }
  // The stack visits in document order, so anchors are in page order.
  return { anchors, footers, hiddenEls, scripts, meta, title: title ?? '', base };
}

function textOfScript(el: Element): string {
  let out = '';
  for (const c of el.children)
    if (c.type === 'text') out += (c as unknown as { data: string }).data;
  return out;
}

export function extractPage(html: string, pageUrl: string): PageArtifacts {
  return extractPageAndText(html, pageUrl).artifacts;
}

/** The artifacts, and the page's whole visible text (stored apart: the text checks read it). */
export function extractPageAndText(
  html: string,
  pageUrl: string,
): { artifacts: PageArtifacts; text: string } {
  const doc = parseDocument(html, { decodeEntities: true });
  const {
    anchors,
    footers,
    hiddenEls,
    scripts,
    meta,
    title,
    base: baseHref,
  } = walk(doc, hiddenSelectors(html));
  // The root, not <body>: CMS templates often leave content after </html>, which the parser puts outside body.
  const bodyText = squash(textOf(doc));

  const base = baseOf(baseHref, pageUrl);
  const absolute = new Resolver(base);
  const { links, listItems } = linksAndItems(anchors, absolute);

  let footerText = '';
  for (const el of footers) {
    if (footerText.length >= 3000) break;
    footerText += ` ${textOf(el)}`;
  }
  footerText = squash(footerText) || bodyText.slice(-1500);

  const cellScripts: string[] = [];
  const metadata = METADATA_HINT.test(bodyText) ? extractMetadata(doc, cellScripts) : {};
  const { date: pubDate, from: pubDateFrom } = publishDate({
    metadata,
    meta,
    text: bodyText,
    url: pageUrl,
    title,
  });

  const hidden = hiddenBlocks(hiddenEls);
  const written: { url: string; text: string }[] = [];
  for (const code of scripts) written.push(...scriptLinks(code, base));
  // Tables are kept for 年度报告 pages only (the annual-report check reads them cell by cell).
  const tables =
    /年度报告|年报/.test(title) && /本年新收|上年结转|主动公开/.test(bodyText) ? tablesOf(doc) : [];
  const scriptedFields = [...new Set([...cellScripts, ...scriptedMetadata(scripts, metadata)])];
  const rows = readsLikeBoard(bodyText) ? boardRows(doc, absolute) : [];

  const artifacts: PageArtifacts = {
    title,
    meta,
    pubDate,
    ...(pubDateFrom ? { pubDateFrom } : {}),
    links,
    listItems,
    metadata,
    identity: extractIdentity(`${bodyText} ${footerText}`, html, meta),
    footerText: truncate(footerText, 600),
    textLength: bodyText.length,
    visibleText: bodyText.slice(0, 300),
    scriptFilled: detectScriptFilled(html, bodyText, title),
    ...(hidden.length ? { hidden } : {}),
    ...(written.length ? { scriptLinks: written } : {}),
    ...(scriptedFields.length ? { scriptedFields } : {}),
    ...(tables.length ? { tables } : {}),
    ...(rows.length ? { boardRows: rows } : {}),
  };
  return { artifacts, text: bodyText };
}

/** The text of a node without the text of the links in it: an item's date is never a link's. */
function textOutsideLinks(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  const el = node as Element;
  if (el.type !== 'tag' || el.name === 'a') return '';
  return el.children.map(textOutsideLinks).join(' ');
}

const EMPTY_LIST =
  /<(ul|ol|tbody|dl)\b[^>]*>\s*<\/\1>|<div\b[^>]*(id|class)=["'][^"']*(list|lb|content|data)[^"']*["'][^>]*>\s*<\/div>/i;
const LOADS_DATA =
  /\bfetch\s*\(|\$\.(ajax|get|post|getJSON)\s*\(|XMLHttpRequest|axios[.(]|\.load\s*\(\s*["']/;

/**
 * Signs that a page's content is written by script, so its static HTML must not be judged
 * as empty: a near-empty body with scripts (SPA or anti-bot shell), or list templates of the
 * MVVM frameworks government CMSs use (avalon ms-repeat, Vue v-for, Angular ng-repeat).
 */
export function detectScriptFilled(
  html: string,
  bodyText: string,
  title: string,
): PageArtifacts['scriptFilled'] {
  // Only a near-empty page is asked whether it has scripts: most pages are not.
  const scripts = bodyText.length < 200 && /<script\b/i.test(html);
  if (scripts && (title === '' || /enable\s+javascript|id=["']app["']/i.test(html))) return 'shell';
  if (scripts && bodyText.length < 80) return 'shell';
  if (/\b(ms-repeat|ms-for|v-for|ng-repeat|x-for)\s*=/.test(html)) return 'template';
  // An empty list container and a script that loads data: the list arrives after the page.
  if (EMPTY_LIST.test(html) && LOADS_DATA.test(html)) return 'ajax';
  return undefined;
}

// The functions below walk with loops and top-level functions, not closures made at each call:
// V8 keeps a closure's optimized code only while the closure lives, and the extraction threads
// compiled such closures again after each of their full collections (`--log-code`).

/** The hidden blocks' text (200 characters) and how many links they hold. */
function hiddenBlocks(els: { el: Element; how: string }[]): NonNullable<PageArtifacts['hidden']> {
  const out: NonNullable<PageArtifacts['hidden']> = [];
  for (const { el, how } of els) {
    let text = '';
    for (const c of el.children) text += textOf(c);
    const block = { how, text: truncate(squash(text), 200), links: countLinks(el, 1000) };
    if (block.text || block.links) out.push(block);
  }
  return out;
}

/** Every <table> (outermost first) as rows of the cells each row holds itself (rowspan cells appear once). */
function tablesOf(node: AnyNode, out: string[][][] = []): string[][][] {
  const el = node as Element;
  if (el.type !== 'tag' && (el.type as string) !== 'root') return out;
  if (el.type === 'tag' && el.name === 'table') {
    const rows: string[][] = [];
    for (const c of el.children) rowsOf(c, el, rows);
    out.push(rows);
  }
  for (const c of el.children) tablesOf(c, out);
  return out;
}

/** The rows under `node` that are `table`'s own: nested tables are their own. */
function rowsOf(node: AnyNode, table: Element, rows: string[][]): void {
  const e = node as Element;
  if (e.type !== 'tag') return;
  if (e.name === 'table' && e !== table) return;
  if (e.name === 'tr') {
    const cells: string[] = [];
    for (const c of e.children)
      if (c.type === 'tag' && (c.name === 'td' || c.name === 'th'))
        cells.push(squash(textOf(c)).replace(/\u00a0/g, ''));
    rows.push(cells);
    return;
  }
  for (const c of e.children) rowsOf(c, table, rows);
}

/** Canonical metadata fields missing from the static page whose label a script writes. */
function scriptedMetadata(scripts: string[], metadata: Record<string, string>): string[] {
  if (scripts.length === 0) return [];
  const code = scripts.join('\n').replace(/\s+/g, '');
  const out: string[] = [];
  for (const canonical in METADATA_ALIASES) {
    if (metadata[canonical]) continue;
    for (const a of METADATA_ALIASES[canonical])
      if (code.includes(a)) {
        out.push(canonical);
        break;
      }
  }
  return out;
}

/** The page's attachments (doc, docx, wps, pdf, xls…): links whose path names such a file. */
export function attachmentsOf(a: PageArtifacts): PageLink[] {
  return a.links.filter((l) => ATTACHMENT_RE.test(new URL(l.url).pathname));
}

/** The page's base for its relative links: its <base> when it has a valid one. */
function baseOf(baseHref: string | undefined, pageUrl: string): string {
  let base = pageUrl;
  if (baseHref) {
    try {
      base = new URL(baseHref, pageUrl).href;
    } catch {
      /* a broken <base> is ignored, as browsers do */
    }
  }
  return base;
}

/**
 * Links (each URL and text once) and dated list items: a list item is the nearest container
 * around a link with a date outside any link text; walk up while the ancestor still holds only
 * this item (<dl><dd>link</dd><dd>date</dd></dl>).
 */
function linksAndItems(
  anchors: ReturnType<typeof walk>['anchors'],
  absolute: Resolver,
): { links: PageLink[]; listItems: ListItem[] } {
  const links: PageLink[] = [];
  const listItems: ListItem[] = [];
  const seenLinks = new Set<string>();
  const seenItems = new Set<string>();
  for (const { el, area, hidden } of anchors) {
    const href = el.attribs.href.trim();
    if (!href || SKIP_SCHEMES.test(href)) continue;
    const url = absolute.url(href);
    if (url === undefined || !/^https?:/.test(url)) continue;
    const anchorText = squash(textOf(el)) || squash(el.attribs.title ?? '') || imageAlt(el);
    const text = truncate(anchorText, 80);
    const key = `${url}\u0000${text}`;
    if (!seenLinks.has(key)) {
      seenLinks.add(key);
      const label = labelBefore(el);
      links.push({ url, text, area, ...(hidden ? { hidden } : {}), ...(label ? { label } : {}) });
    }
    // A list item: the nearest container around the link with a date outside any link text;
    // walk up while the ancestor still holds only this item (<dl><dd>link</dd><dd>date</dd></dl>).
    if (area === 'footer' || seenItems.has(url)) continue;
    let date: string | undefined;
    let container: AnyNode | null = el.parent;
    for (
      let depth = 0;
      container && container.type === 'tag' && depth < 4;
      depth++, container = container.parent
    ) {
      if (textLength(container, 600) > 600 || !holdsOnly(container, url, absolute)) break;
      date = firstDate(textOutsideLinks(container));
      if (date) break;
    }
    if (!date) continue;
    seenItems.add(url);
    listItems.push({ title: truncate(el.attribs.title?.trim() || anchorText, 120), url, date });
  }
  return { links, listItems };
}
