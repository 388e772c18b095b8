// How injected content hides: inline styles and <style> rules that take an element out of
// sight (display:none, visibility:hidden, font-size 0/1px, height 0 with overflow hidden,
// off-screen positioning, text coloured as its background), <marquee>, <noscript>, and links
// written by script (document.write, often percent-encoded). Facts only: a hidden block is
// common and harmless (a dropdown menu); the spam-injection check judges what is inside.
import type { Element } from 'domhandler';

const HIDING: [RegExp, string][] = [
  [/display\s*:\s*none/i, 'display:none'],
  [/visibility\s*:\s*hidden/i, 'visibility:hidden'],
  [/font-size\s*:\s*[01](\.0+)?\s*(px|pt|em)?\s*(;|!|$)/i, 'font-size:0'],
  [/(left|top|text-indent|margin-left|margin-top)\s*:\s*-\d{3,}/i, 'off-screen'],
];

export function hidingStyle(style: string): string | undefined {
  for (const [re, how] of HIDING) if (re.test(style)) return how;
  if (
    /(^|[;\s])(height|max-height)\s*:\s*[01](px)?\s*(;|!|$)/i.test(style) &&
    /overflow\s*:\s*hidden/i.test(style)
  )
    return 'height:0';
  const color = style.match(/(?:^|[;\s])color\s*:\s*([#\w]+)/i)?.[1]?.toLowerCase();
  const bg = style.match(/background(?:-color)?\s*:\s*([#\w]+)/i)?.[1]?.toLowerCase();
  if (color && bg && color === bg) return 'same-color';
  return undefined;
}

/** Class and id selectors that <style> blocks hide: `.a{display:none}` then `<div class="a">`. */
export function hiddenSelectors(html: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!html.includes('<style') && !html.includes('<STYLE')) return out;
  for (const block of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) {
    for (const rule of block[1].matchAll(/([^{}]+)\{([^}]*)\}/g)) {
      const how = hidingStyle(rule[2]);
      if (!how) continue;
      for (const sel of rule[1].split(',')) {
        const m = sel.trim().match(/^[\w-]*([.#][\w-]+)$/);
        if (m) out.set(m[1], how);
      }
    }
  }
  return out;
}

export function hiddenHow(el: Element, selectors: Map<string, string>): string | undefined {
  if (el.name === 'marquee') return 'marquee';
  if (el.name === 'noscript') return 'noscript';
  if (el.attribs.hidden !== undefined) return 'hidden';
  const style = el.attribs.style;
  const inline = style ? hidingStyle(style) : undefined;
  if (inline) return inline;
  if (selectors.size) {
    if (el.attribs.id && selectors.has(`#${el.attribs.id}`))
      return selectors.get(`#${el.attribs.id}`);
    for (const c of (el.attribs.class ?? '').split(/\s+/))
      if (c && selectors.has(`.${c}`)) return selectors.get(`.${c}`);
  }
  return undefined;
}

/** Links a script writes into the page (document.write / innerHTML), decoded from %xx and \xNN. */
export function scriptLinks(script: string, base: string): { url: string; text: string }[] {
  if (!/document\.write|innerHTML|insertAdjacentHTML/.test(script)) return [];
  let code = script.replace(/\\x([0-9a-f]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
  if (/unescape\s*\(|decodeURIComponent\s*\(/.test(code)) {
    code = code.replace(/(%[0-9a-f]{2})+/gi, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return unescape(m);
      }
    });
  }
  const out: { url: string; text: string }[] = [];
  for (const m of code.matchAll(
    /<a\b[^>]*?href\s*=\s*\\?["']?([^"'\\\s>]+)[^>]*>([\s\S]{0,200}?)<\/a>/gi,
  )) {
    try {
      const u = new URL(m[1], base);
      if (u.protocol === 'http:' || u.protocol === 'https:')
        out.push({
          url: u.href,
          text: m[2]
            .replace(/<[^>]*>/g, '')
            .trim()
            .slice(0, 80),
        });
    } catch {
      /* not a URL */
    }
  }
  return out;
}
