// Which links and text blocks the rendered page keeps out of sight, by computed style: what
// the static parse cannot see when the hiding rule sits in an external stylesheet or is set by
// script. Runs inside the page (page.evaluate), so it is plain browser JavaScript; it marks each
// hidden root with data-zwgk-hidden so a screenshot can reveal it later.
import type { PageArtifacts } from '../contract/page.ts';

export interface ComputedHidden {
  links: { url: string; text: string; how: string }[];
  blocks: { how: string; text: string; links: number }[];
}

export function findHiddenInPage(): ComputedHidden {
  const SKIP = new Set([
    'SCRIPT',
    'STYLE',
    'NOSCRIPT',
    'TEMPLATE',
    'HEAD',
    'META',
    'LINK',
    'TITLE',
    'BR',
    'OPTION',
    'SELECT',
  ]);
  const docW = Math.max(document.documentElement.scrollWidth, window.innerWidth);
  const docH = Math.max(document.documentElement.scrollHeight, window.innerHeight);
  const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
  const rgba = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
  // An element's background, remembered: every leaf asks, and its ancestors are shared.
  const backgrounds = new Map<Element, string>();
  const background = (el: Element | null): string => {
    if (!el) return '255,255,255';
    let bg = backgrounds.get(el);
    if (bg === undefined) {
      const v = rgba(getComputedStyle(el).backgroundColor);
      bg =
        v.length >= 3 && (v.length < 4 || v[3] > 0.5)
          ? v.slice(0, 3).join(',')
          : background(el.parentElement);
      backgrounds.set(el, bg);
    }
    return bg;
  };
  /** How the element's box keeps its content out of sight, or '' (text or not). */
  const boxed = (el: Element, s: CSSStyleDeclaration): string => {
    if (parseFloat(s.fontSize) <= 1) return 'font-size:0';
    if (
      /rect\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\)/.test(s.clip) ||
      /inset\(50%|inset\(100%/.test(s.clipPath)
    )
      return 'clip';
    const r = el.getBoundingClientRect();
    const x = r.left + window.scrollX;
    const y = r.top + window.scrollY;
    if (
      r.width > 0 &&
      r.height > 0 &&
      (x + r.width <= 0 || y + r.height <= 0 || x >= docW || y >= docH + 2000)
    )
      return 'off-screen';
    if ((s.overflow === 'hidden' || s.overflowY === 'hidden') && (r.height < 2 || r.width < 2))
      return 'height:0';
    const fg = rgba(s.color).slice(0, 3).join(',');
    if (el.children.length === 0 && fg === background(el)) return 'same-color';
    return '';
  };
  /**
   * Why this element itself hides what it holds (not its ancestors), or ''. A box that hides
   * only counts with text in it; the text is read last, since reading every element's text
   * (the body's is the whole page) cost more than the rest of the walk.
   */
  const why = (el: Element): string => {
    const s = getComputedStyle(el);
    if (s.display === 'none') return 'display:none';
    if (s.visibility === 'hidden' || s.visibility === 'collapse') return 'visibility:hidden';
    if (Number(s.opacity) === 0) return 'opacity:0';
    const how = boxed(el, s);
    return how && /\S/.test(el.textContent ?? '') ? how : '';
  };
  const out: ComputedHidden = { links: [], blocks: [] };
  const roots: Element[] = [];
  const all = document.body ? document.body.querySelectorAll('*') : [];
  for (const el of Array.from(all)) {
    if (SKIP.has(el.tagName) || roots.some((r) => r.contains(el))) continue;
    const how = why(el);
    if (!how) continue;
    const text = squash(el.textContent);
    const links = el.querySelectorAll('a[href]').length + (el.tagName === 'A' ? 1 : 0);
    if (!text && !links) continue;
    roots.push(el);
    el.setAttribute('data-zwgk-hidden', how);
    if (out.blocks.length < 40) out.blocks.push({ how, text: text.slice(0, 200), links });
    const anchors =
      el.tagName === 'A'
        ? [el as HTMLAnchorElement]
        : Array.from(el.querySelectorAll<HTMLAnchorElement>('a[href]'));
    for (const a of anchors) {
      if (/^https?:/i.test(a.href) && out.links.length < 400)
        out.links.push({
          url: a.href.replace(/#.*$/, ''),
          text: squash(a.textContent).slice(0, 80),
          how,
        });
    }
  }
  return out;
}

/**
 * Adds what Chromium's computed styles hid to the artifacts taken from the rendered DOM: a
 * link the static parse saw as visible gets its `hidden` reason, a hidden block with text is
 * added once. A page the scripts have now filled is no longer 'script-filled'.
 */
export function mergeComputedHidden(a: PageArtifacts, hidden: ComputedHidden): void {
  a.rendered = true;
  // The scripts have run: a field still missing is missing for every reader too.
  delete a.scriptedFields;
  // After its scripts ran, a page is a shell only if it still shows nothing: no links, no text.
  if (a.scriptFilled !== 'shell' || a.links.length > 0 || a.textLength >= 80) delete a.scriptFilled;
  const how = new Map(hidden.links.map((l) => [l.url, l.how]));
  for (const l of a.links) if (!l.hidden && how.has(l.url)) l.hidden = how.get(l.url);
  const blocks = a.hidden ?? [];
  const known = new Set(blocks.map((b) => b.text));
  for (const b of hidden.blocks) {
    if (blocks.length >= 40) break;
    if (known.has(b.text)) continue;
    known.add(b.text);
    blocks.push(b);
  }
  if (blocks.length) a.hidden = blocks;
}
