// The probes: what is gathered about a unit besides its pages, listed in one place. Each runs
// after the crawl when the homepage answered, and stores plain facts the checks read
// (ctx.probes.<name>); a check names the probes it requires. A new probe is its gatherer (a file
// in this folder), its facts' type in contract/probes.ts (Probes) and one entry below: the
// record is keyed by ProbeName, so a probe without an entry does not compile.
import type { Renderer } from '../browser/renderer.ts';
import { probeAccessibility } from './accessibility.ts';
import type { NotMeasured, ProbeName, Probes } from '../contract/probes.ts';
import type { PageRecord } from '../contract/page.ts';
import type { HostMap } from '../net/hosts.ts';
import type { HttpClient } from '../net/http.ts';
import { probeCloaking } from './cloaking.ts';
import { probeHttps } from './https.ts';
import { probeIpv6 } from './ipv6.ts';
import { probeSearch } from './search.ts';
import { bypassesProxy } from '../net/proxy.ts';

export interface ProbeInput {
  site: string;
  /** The site's own HTTP/HTTPS ports, when not the standard ones. */
  ports?: { http?: number; https?: number };
  homepage: PageRecord;
  hosts: HostMap;
  client: HttpClient;
  userAgent: string;
  timeoutMs: number;
  /** Stored pages of the unit at these depths (a sample to probe further). */
  sample(depths: number[], limit: number): string[];
  ipv6LinkSample: number;
  accessibilitySample: number;
  renderer?: Renderer;
}

type Gatherers = { [K in ProbeName]: (i: ProbeInput) => Promise<Probes[K]> | undefined };

/** In the order they run. */
export const PROBES: Gatherers = {
  ipv6: (i) =>
    probeIpv6({
      site: i.site,
      hosts: i.hosts,
      client: i.client,
      userAgent: i.userAgent,
      timeoutMs: i.timeoutMs,
      sample: i.sample([1, 2], i.ipv6LinkSample),
    }),
  cloaking: (i) =>
    probeCloaking({
      site: i.site,
      client: i.client,
      userAgent: i.userAgent,
      timeoutMs: i.timeoutMs,
    }),
  https: (i) =>
    probeHttps({
      site: i.site,
      ports: i.ports,
      client: i.client,
      userAgent: i.userAgent,
      timeoutMs: i.timeoutMs,
    }),
  search: (i) =>
    probeSearch({
      homepage: i.homepage,
      client: i.client,
      userAgent: i.userAgent,
      timeoutMs: i.timeoutMs,
    }),
  // Only with a browser; without one the check says why it could not run.
  accessibility: (i) =>
    i.renderer
      ? probeAccessibility(i.renderer, [
          i.homepage.finalUrl,
          ...i.sample([1], i.accessibilitySample),
        ])
      : undefined,
};

/**
 * Probes a proxy makes meaningless: whether the site answers over IPv6 is a fact of the path
 * from this machine, which the proxy replaces; what the site shows a search engine and a browser
 * may be what the proxy cached. They say so rather than report a wrong result.
 */
const NOT_THROUGH_PROXY: Partial<Record<ProbeName, string>> = {
  ipv6: '本机经代理访问网站，无法从本机检测网站的 IPv6 可达性；请在可直接上网的机器上测评',
  cloaking: '本机经代理访问网站，代理可能缓存或改写页面，无法比较搜索引擎与浏览器看到的内容',
};

/** Runs every probe for a unit, one after another (they share the unit's politeness budget). */
export async function gatherProbes(
  input: ProbeInput,
  save: <K extends ProbeName>(name: K, data: Probes[K] | NotMeasured) => void,
): Promise<void> {
  const proxy = input.client.proxy;
  const proxied = proxy && !bypassesProxy(proxy, new URL(input.site).hostname);
  for (const name of Object.keys(PROBES) as ProbeName[]) {
    const why = proxied ? NOT_THROUGH_PROXY[name] : undefined;
    const data = why
      ? { notMeasured: `${why}（代理 ${proxy!.url.replace(/\/\/[^@/]*@/, '//')}）` }
      : await PROBES[name](input);
    if (data !== undefined) save(name, data);
  }
}
