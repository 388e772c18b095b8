// The network a config allows: its hosts override and loopbackOnly, its proxy, and the
// User-Agent that names the office. One place, for the audit and the server's monitoring.
import type { LoadedConfig } from '../config/load.ts';
import { HostMap } from '../net/hosts.ts';
import { HttpClient } from '../net/http.ts';
import { proxyFor } from '../net/proxy.ts';
import { toolInfo } from '../version.ts';

export function userAgent(contact: string): string {
  // Header values must be Latin-1: a Chinese contact is percent-encoded.
  const safe = /^[\x20-\x7e]*$/.test(contact) ? contact : encodeURIComponent(contact);
  return `zwgk-audit/${toolInfo().version} (+government website disclosure audit; ${safe})`;
}

export function networkFor(config: LoadedConfig): {
  hosts: HostMap;
  client: HttpClient;
  ua: string;
} {
  const hosts = new HostMap({}, config.units.network.loopbackOnly);
  for (const u of config.units.units) if (u.hosts) hosts.add(u.hosts);
  const { proxy, ca } = config.units.network;
  const client = new HttpClient(hosts, { proxy: proxyFor(proxy), ca });
  return { hosts, client, ua: userAgent(config.units.contact) };
}
