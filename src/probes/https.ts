// The HTTPS probe: the homepage over HTTPS with its certificate checked against the trusted
// authorities and the site's name, the homepage over plain HTTP (does it lead to HTTPS?), and the
// resources the HTTPS homepage loads over plain HTTP. Facts only; the https check judges them.
import { decodeHtml } from '../extract/charset.ts';
import type { HttpsFetch, HttpsProbe } from '../contract/probes.ts';
import type { FetchOutcome, HttpClient } from '../net/http.ts';
import { mixedContent } from './mixed-content.ts';

const summary = (o: FetchOutcome): HttpsFetch => ({
  url: o.url,
  status: o.status,
  finalUrl: o.finalUrl,
  ...(o.errorClass ? { error: o.error, errorClass: o.errorClass } : {}),
});

/** The HTTPS and HTTP addresses of a site's homepage; none when its port says nothing of HTTPS. */
export function httpsAddresses(site: string): { https: string; http: string } | undefined {
  const u = new URL(site);
  if (u.port && u.protocol === 'http:') return undefined;
  const https = new URL(site);
  https.protocol = 'https:';
  const http = new URL(site);
  http.protocol = 'http:';
  http.port = '';
  return { https: https.href, http: http.href };
}

export async function probeHttps(input: {
  site: string;
  client: HttpClient;
  userAgent: string;
  timeoutMs: number;
  /** Explicit addresses (tests, or a site on its own ports); by default from the site's URL. */
  addresses?: { https: string; http: string };
}): Promise<HttpsProbe> {
  const at = input.addresses ?? httpsAddresses(input.site);
  if (!at) return { skipped: '网站使用非标准端口，无法推断其 HTTPS 地址' };
  const opts = { timeoutMs: input.timeoutMs, maxRedirects: 5, userAgent: input.userAgent };
  const [https, http] = await Promise.all([
    input.client.fetch(at.https, opts),
    input.client.fetch(at.http, { ...opts, readBody: false }),
  ]);
  const served =
    !https.errorClass &&
    https.body &&
    (https.status ?? 500) < 400 &&
    https.finalUrl.startsWith('https:');
  const mixed = served ? mixedContent(decodeHtml(https.body!, https.contentType).text) : [];
  return { https: summary(https), http: summary(http), mixed: mixed.slice(0, 20) };
}
