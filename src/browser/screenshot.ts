// Screenshots as evidence: "show me where". On a page already rendered, the element a finding
// points at (a link, a text, the footer) is outlined in red and cropped with some context; a
// hidden element (an injected link) is first revealed in place and labelled as hidden. A
// finding without a place gets the top of the page.
import type { Page } from 'playwright-core';
import type { Locate } from '../contract/check.ts';

export interface Shot {
  png: Buffer;
  /** What the picture shows: the element, a revealed hidden element, or the page. */
  shows: 'element' | 'hidden' | 'page';
}

/** Runs in the page: finds the element, reveals it if hidden, outlines it; returns whether it was found and hidden. */
function markInPage(arg: { href?: string; text?: string; selector?: string; area?: string }): {
  found: boolean;
  hidden: boolean;
} {
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    return (
      r.width > 1 &&
      r.height > 1 &&
      el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    );
  };
  for (const old of Array.from(document.querySelectorAll<HTMLElement>('[data-zwgk-target]'))) {
    old.removeAttribute('data-zwgk-target');
    old.style.outline = '';
  }
  let target: Element | null = null;
  if (arg.href) {
    const want = arg.href.replace(/#.*$/, '');
    const anchors = Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]')).filter(
      (a) => a.href.replace(/#.*$/, '') === want,
    );
    target = anchors.find(visible) ?? anchors[0] ?? null;
  } else if (arg.text) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (
        n.textContent?.includes(arg.text) &&
        n.parentElement &&
        !/^(SCRIPT|STYLE|TITLE)$/.test(n.parentElement.tagName)
      ) {
        target = n.parentElement;
        if (visible(target)) break;
      }
    }
  } else if (arg.selector) {
    try {
      target = document.querySelector(arg.selector);
    } catch {
      target = null; // a selector from another page's structure
    }
  } else if (arg.area === 'footer') {
    const candidates = Array.from(
      document.querySelectorAll(
        'footer, #footer, .footer, [id*=foot i], [class*=foot i], [class*=bottom i], [id*=bottom i]',
      ),
    ).filter(visible);
    target =
      candidates.filter((c) => !candidates.some((o) => o !== c && o.contains(c))).pop() ?? null;
  }
  if (!target) return { found: false, hidden: false };
  let hidden = false;
  const root = target.closest('[data-zwgk-hidden]') as HTMLElement | null;
  if (root || !visible(target)) {
    hidden = true;
    const reveal = (root ?? target) as HTMLElement;
    for (let e: HTMLElement | null = reveal; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (
        s.display === 'none' ||
        s.visibility === 'hidden' ||
        Number(s.opacity) === 0 ||
        s.overflow === 'hidden' ||
        s.position === 'absolute' ||
        s.position === 'fixed'
      ) {
        e.style.cssText +=
          ';display:block!important;visibility:visible!important;opacity:1!important;position:static!important;' +
          'overflow:visible!important;height:auto!important;max-height:none!important;clip:auto!important;' +
          'clip-path:none!important;text-indent:0!important;';
      }
    }
    reveal.style.cssText +=
      ';font-size:14px!important;color:#b00!important;background:#fff3f3!important;';
    const label = document.createElement('div');
    label.textContent = '▼ 以下内容在页面上被隐藏，截图时已显示出来';
    label.style.cssText =
      'background:#b00;color:#fff;font:bold 13px sans-serif;padding:2px 6px;display:block;';
    reveal.parentElement?.insertBefore(label, reveal);
  }
  (target as HTMLElement).style.outline = '3px solid #e00';
  (target as HTMLElement).style.outlineOffset = '2px';
  target.setAttribute('data-zwgk-target', '1');
  target.scrollIntoView({ block: 'center' });
  return { found: true, hidden };
}

/**
 * Rewrites the page's text nodes that hold a long digit run with `rewrite` before any picture is
 * taken: the caller passes the report's own `redact`, so a screenshot never shows what the
 * report masks and never hides what it shows (a pattern of its own had masked a 索引号 as an ID
 * number). The text goes to Node and back: the detector is not code the page can run.
 */
export async function rewriteDigitText(
  page: Page,
  rewrite: (text: string) => string,
): Promise<number> {
  const texts = await page.evaluate(() => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode())
      if (/\d{11}/.test(t.textContent ?? '')) nodes.push(t as Text);
    (window as unknown as { zwgkMask: Text[] }).zwgkMask = nodes;
    return nodes.map((t) => t.textContent ?? '');
  });
  const masked = texts.map(rewrite);
  return page.evaluate((after) => {
    const nodes = (window as unknown as { zwgkMask: Text[] }).zwgkMask;
    let n = 0;
    nodes.forEach((t, i) => {
      if (t.textContent !== after[i]) [t.textContent, n] = [after[i], n + 1];
    });
    return n;
  }, masked);
}

export async function shoot(page: Page, locate: Locate | undefined): Promise<Shot> {
  const mark = locate
    ? await page.evaluate(markInPage, {
        href: locate.href,
        text: locate.text,
        selector: locate.selector,
        area: locate.area,
      })
    : { found: false, hidden: false };
  if (mark.found) {
    const box = await page.locator('[data-zwgk-target]').first().boundingBox();
    if (box && box.width > 0 && box.height > 0) {
      const vp = page.viewportSize() ?? { width: 1280, height: 900 };
      const pad = 48;
      const x = Math.max(0, box.x - pad);
      const y = Math.max(0, box.y - pad);
      const width = Math.min(vp.width - x, Math.max(box.width + 2 * pad, 640));
      const height = Math.min(vp.height - y, box.height + 2 * pad);
      const png = await page.screenshot({ type: 'png', clip: { x, y, width, height } });
      return { png, shows: mark.hidden ? 'hidden' : 'element' };
    }
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  return { png: await page.screenshot({ type: 'png' }), shows: 'page' };
}
