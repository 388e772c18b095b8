// The cloaking probe: the homepage fetched again as a search-engine spider and as a visitor
// arriving from a search engine. Hacked templates often show their spam links only then.
// (This is the one place the tool does not name itself in the User-Agent: the test is whether
// the site answers a spider differently; the honest UA is used for every other request.)
import { decodeHtml } from '../extract/charset.ts';
import { extractPageAndText } from '../extract/page.ts';
import type { HttpClient } from '../net/http.ts';
import type { CloakView, CloakingProbe } from '../contract/probes.ts';

const SPIDER_UA =
  'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)';
const BROWSER_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

async function view(
  client: HttpClient,
  site: string,
  userAgent: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<CloakView> {
  const o = await client.fetch(site, { timeoutMs, maxRedirects: 5, userAgent, headers });
  if (o.errorClass || !o.body)
    return { status: o.status, finalUrl: o.finalUrl, error: o.error, offsite: [] };
  const { artifacts, text } = extractPageAndText(
    decodeHtml(o.body, o.contentType).text,
    o.finalUrl,
  );
  const host = new URL(site).host;
  const offsite = [...artifacts.links, ...(artifacts.scriptLinks ?? [])]
    .filter((l) => new URL(l.url).host !== host)
    .map((l) => ({ url: l.url, text: l.text }));
  return {
    status: o.status,
    finalUrl: o.finalUrl,
    title: artifacts.title,
    offsite,
    text: text.slice(0, 20_000),
  };
}

export async function probeCloaking(input: {
  site: string;
  client: HttpClient;
  userAgent: string;
  timeoutMs: number;
}): Promise<CloakingProbe> {
  const { site, client, timeoutMs } = input;
  return {
    normal: await view(client, site, input.userAgent, {}, timeoutMs),
    spider: await view(client, site, SPIDER_UA, {}, timeoutMs),
    referer: await view(
      client,
      site,
      BROWSER_UA,
      { referer: `https://www.baidu.com/s?wd=${encodeURIComponent(new URL(site).hostname)}` },
      timeoutMs,
    ),
  };
}
