// Every request a rendered page makes is answered by our HTTP client: the hosts override, the
// loopback-only guard and the honest user agent hold in the browser too, and Chromium itself
// resolves no name (see chromium.ts). Images, fonts and media are refused unless a screenshot
// is being taken: they cost most of a page's bytes and tell the checks nothing. A page the crawl
// has just fetched is handed over as it was read: the site is not asked for it twice.
import type { BrowserContext } from 'playwright-core';
import { decodeHtml } from '../extract/charset.ts';
import { forward, type HttpClient } from '../net/http.ts';

const HEAVY = new Set(['image', 'font', 'media']);

export interface RouteStats {
  inflight: number;
  lastActivity: number;
  requests: number;
  refused: number;
}

/** A page the crawl has already fetched: its navigation is answered from it, not fetched again. */
export interface Prefetched {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Headers that described the bytes on the wire, not the decoded body the crawl kept. */
const WIRE = /^(content-encoding|content-length|transfer-encoding|connection|keep-alive)$/i;

export async function routeThroughClient(
  context: BrowserContext,
  client: HttpClient,
  /** `heavy` and `document` may change between pages of a reused tab: they are read per request. */
  opts: {
    userAgent: string;
    timeoutMs: number;
    heavy: boolean;
    document?: Prefetched;
    signal?: AbortSignal;
  },
): Promise<RouteStats> {
  const stats: RouteStats = {
    inflight: 0,
    lastActivity: performance.now(),
    requests: 0,
    refused: 0,
  };
  await context.route('**/*', async (route) => {
    const req = route.request();
    const url = req.url();
    try {
      if (!/^https?:/i.test(url) || (!opts.heavy && HEAVY.has(req.resourceType()))) {
        stats.refused++;
        await route.abort('blockedbyclient');
        return;
      }
      const doc = opts.document;
      if (doc && req.isNavigationRequest() && !req.frame().parentFrame() && sameUrl(url, doc.url)) {
        // Once: a reload or a script's own navigation to the same address goes to the site.
        opts.document = undefined;
        stats.lastActivity = performance.now();
        const headers = Object.fromEntries(
          Object.entries(doc.headers).filter(([k]) => !WIRE.test(k)),
        );
        await route.fulfill({
          status: doc.status,
          ...asUtf8Html(headers, doc.body, req.resourceType()),
        });
        return;
      }
      stats.inflight++;
      stats.requests++;
      let r;
      try {
        r = await forward(client, url, {
          method: req.method(),
          headers: await req.allHeaders(),
          body: req.postDataBuffer(),
          timeoutMs: opts.timeoutMs,
          userAgent: opts.userAgent,
          maxBytes: 10 * 1024 * 1024,
          signal: opts.signal,
        });
      } finally {
        stats.inflight--;
        stats.lastActivity = performance.now();
      }
      if ('errorClass' in r) {
        await route.abort(
          r.errorClass === 'timeout'
            ? 'timedout'
            : r.errorClass === 'policy'
              ? 'blockedbyclient'
              : 'failed',
        );
      } else {
        await route.fulfill({
          status: r.status,
          ...asUtf8Html(r.headers, r.body, req.resourceType()),
        });
      }
    } catch {
      // The page was closed while its request was in flight: nothing to answer.
    }
  });
  return stats;
}

const sameUrl = (a: string, b: string) =>
  new URL(a).href.replace(/#.*$/, '') === new URL(b).href.replace(/#.*$/, '');

/**
 * A page is handed to Chromium as the UTF-8 text our own decoder read, with the charset in the
 * header (which beats a <meta> for the browser): the same page reads the same in both modes, also
 * when it declares nothing, declares the wrong charset or is UTF-16.
 */
function asUtf8Html(headers: Record<string, string>, body: Buffer, type: string) {
  const ctKey = Object.keys(headers).find((k) => k.toLowerCase() === 'content-type');
  const ct = ctKey ? headers[ctKey] : '';
  const isHtml = /html/i.test(ct) || (!ct && (type === 'document' || type === 'iframe'));
  if (!isHtml) return { headers, body };
  const rest = Object.fromEntries(
    Object.entries(headers).filter(([k]) => !/^content-(type|length)$/i.test(k)),
  );
  const text = decodeHtml(body, ct).text;
  return {
    headers: { ...rest, 'content-type': 'text/html; charset=utf-8' },
    body: Buffer.from(text, 'utf8'),
  };
}
