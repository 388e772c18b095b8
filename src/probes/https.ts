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

/**
 * The HTTPS and HTTP addresses of a site's homepage: the standard ports, or those the unit names
 * (`ports`); none when the site is on a port of its own and names no other.
 */
export function httpsAddresses(
  site: string,
  ports: { http?: number; https?: number } = {},
): { https: string; http: string } | undefined {
  const u = new URL(site);
  const own = u.port ? Number(u.port) : undefined;
  const at = (protocol: 'http' | 'https', port: number | undefined) => {
    const a = new URL(site);
    a.protocol = `${protocol}:`;
    a.port = port ? String(port) : '';
    return a.href;
  };
  const isHttps = u.protocol === 'https:';
  const httpsPort = isHttps ? own : ports.https;
  if (!isHttps && own && !ports.https) return undefined;
  return { https: at('https', httpsPort), http: at('http', isHttps ? ports.http : own) };
}

export async function probeHttps(input: {
  site: string;
  client: HttpClient;
  userAgent: string;
  timeoutMs: number;
  /** The unit's own ports (units.yaml `ports`). */
  ports?: { http?: number; https?: number };
  /** Explicit addresses (tests, or a site on its own ports); by default from the site's URL. */
  addresses?: { https: string; http: string };
}): Promise<HttpsProbe> {
  const at = input.addresses ?? httpsAddresses(input.site, input.ports);
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
