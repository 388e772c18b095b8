// A request in the host's politeness: a 429/503 with a short Retry-After is waited for and asked
// again (twice at most), a timeout or an overloaded answer slows the host down, a good answer
// lets it recover. Every request of a crawl goes through here: pages, attachments, off-site links.
import type { CrawlOptions } from '../config/schema.ts';
import { answered } from '../contract/page.ts';
import { retryAfterSeconds, type FetchOutcome, type HttpClient } from '../net/http.ts';
import type { HostQueues } from './host-queues.ts';

export type PoliteFetch = (
  url: string,
  method: 'GET' | 'HEAD',
  readBody?: boolean,
  maxBytes?: number,
) => Promise<FetchOutcome>;

export function politeFetch(d: {
  client: HttpClient;
  queues: HostQueues;
  options: CrawlOptions;
  userAgent: string;
  signal?: AbortSignal;
  /** The crawl stopped (budget): a Retry-After is no longer waited for. */
  stopped: () => boolean;
}): PoliteFetch {
  const { options } = d;
  return async (url, method, readBody = method === 'GET', maxBytes) => {
    const host = new URL(url).host;
    for (let attempt = 0; ; attempt++) {
      const o = await d.client.fetch(url, {
        method,
        timeoutMs: options.timeoutMs,
        maxRedirects: options.maxRedirects,
        userAgent: d.userAgent,
        readBody,
        signal: d.signal,
        ...(maxBytes ? { maxBytes } : {}),
      });
      const wait = retryAfterSeconds(o.headers['retry-after']);
      const busy = o.status === 429 || o.status === 503;
      if (busy && wait !== undefined && wait <= options.maxRetryAfterSec && attempt < 2) {
        if (!d.stopped()) {
          d.queues.pause(host, wait);
          await new Promise((r) => setTimeout(r, wait * 1000));
          continue;
        }
      }
      if (o.errorClass === 'timeout' || busy) d.queues.backOff(host);
      else if (answered(o)) d.queues.recovered(host);
      return o;
    }
  };
}
