// The IPv6 probe: AAAA records (override or resolver), the homepage fetched over IPv6 and over
// IPv4 for comparison, and a sample of the site's 二级/三级 pages over IPv6. It stores plain
// outcomes; the ipv6 check judges them. Our side's failures (no IPv6 route on this machine) are
// told apart from the site's by the error code.
import { decodeHtml } from '../extract/charset.ts';
import type { HostMap } from '../net/hosts.ts';
import type { FetchOutcome, HttpClient } from '../net/http.ts';
import type { Ipv6Fetch, Ipv6Probe } from '../contract/probes.ts';

const OUR_SIDE = new Set(['ENETUNREACH', 'EADDRNOTAVAIL', 'EAFNOSUPPORT']);

function summarize(o: FetchOutcome): Ipv6Fetch {
  const title = o.body
    ? decodeHtml(o.body, o.contentType)
        .text.match(/<title[^>]*>([\s\S]*?)<\/title>/i)?.[1]
        ?.replace(/\s+/g, ' ')
        .trim()
    : undefined;
  return {
    url: o.url,
    status: o.status,
    title,
    error: o.error,
    errorClass: o.errorClass,
    ourSide: Boolean(o.errorCode && OUR_SIDE.has(o.errorCode)) || o.errorClass === 'policy',
  };
}

export async function probeIpv6(input: {
  site: string;
  hosts: HostMap;
  client: HttpClient;
  userAgent: string;
  timeoutMs: number;
  sample: string[];
}): Promise<Ipv6Probe> {
  const host = new URL(input.site).hostname;
  const probe: Ipv6Probe = { host, aaaa: [], links: [] };
  try {
    probe.aaaa = (await input.hosts.resolve(host, 6)).map((a) => a.address);
  } catch (err) {
    probe.aaaaError = (err as { code?: string }).code ?? String(err);
  }
  const opts = { timeoutMs: input.timeoutMs, maxRedirects: 5, userAgent: input.userAgent };
  probe.v4 = summarize(await input.client.fetch(input.site, { ...opts, family: 4 }));
  if (probe.aaaa.length === 0) return probe;
  probe.v6 = summarize(await input.client.fetch(input.site, { ...opts, family: 6 }));
  for (const url of input.sample) {
    probe.links.push(
      summarize(await input.client.fetch(url, { ...opts, family: 6, readBody: false })),
    );
  }
  return probe;
}
