// The office's HTTP(S) proxy: `network.proxy` in units.yaml, else the usual HTTPS_PROXY /
// HTTP_PROXY variables, with NO_PROXY naming hosts reached directly. Every request goes through
// it, the browser's included (Chromium's requests are forwarded through our HTTP client).
export interface ProxySetting {
  url: string;
  /** Host names (or .suffixes, or *) reached without the proxy. */
  noProxy: string[];
}

export function proxyFor(
  configured: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ProxySetting | undefined {
  const url = configured ?? env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy;
  if (!url) return undefined;
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return { url, noProxy };
}

/** Whether a host is reached directly (NO_PROXY), not through the proxy. */
export function bypassesProxy(p: ProxySetting, hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return p.noProxy.some((n) => {
    if (n === '*') return true;
    const bare = n.replace(/^\*?\./, '').replace(/:\d+$/, '');
    return host === bare || host.endsWith(`.${bare}`);
  });
}
