// The `hosts` override of units.yaml, applied to every connection the tool makes (crawler,
// link checks, IPv6 probe), and the loopback-only guard used by the demo and the tests.
import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { LookupFunction } from 'node:net';

export type Family = 4 | 6;

export class LookupError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

// Loopback in every spelling a URL or a resolver can give: 127/8, ::1, and IPv4-mapped IPv6
// (::ffff:127.0.0.1 is also written ::ffff:7f00:1). BlockList matches the mapped forms.
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export function isLoopback(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && LOOPBACK.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** The address a URL's host names literally (the URL parser has already read 0x0a.1, 167772161…). */
export function ipLiteral(url: string | URL): string | undefined {
  let host: string;
  try {
    host = (typeof url === 'string' ? new URL(url) : url).hostname;
  } catch {
    return undefined;
  }
  const bare = host.replace(/^\[|\]$/g, '');
  return isIP(bare) ? bare : undefined;
}

const refusal = (host: string) =>
  new LookupError(`${host} 指向非本机地址，已拒绝（仅允许本机回环地址）`, 'EPOLICY');

export class HostMap {
  private readonly map = new Map<string, string[]>();

  constructor(
    entries: Record<string, string[]> = {},
    readonly loopbackOnly = false,
  ) {
    this.add(entries);
  }

  add(entries: Record<string, string[]>): void {
    for (const [host, addrs] of Object.entries(entries)) this.map.set(host.toLowerCase(), addrs);
  }

  has(host: string): boolean {
    return this.map.has(host.toLowerCase());
  }

  /** Addresses of a host from the override only (undefined when not overridden). */
  overridden(host: string, family?: Family): string[] | undefined {
    const addrs = this.map.get(host.toLowerCase());
    if (!addrs) return undefined;
    return family ? addrs.filter((a) => isIP(a) === family) : addrs;
  }

  /**
   * The loopback guard for a URL whose host is an IP literal: Node connects to a literal without
   * asking any lookup function, so it is refused here, before a socket is opened.
   */
  refuses(url: string | URL): LookupError | undefined {
    if (!this.loopbackOnly) return undefined;
    const literal = ipLiteral(url);
    return literal && !isLoopback(literal) ? refusal(literal) : undefined;
  }

  /** Resolves a host honouring the override, the family and the loopback guard. */
  resolve(host: string, family?: Family): Promise<{ address: string; family: Family }[]> {
    const bare = host.replace(/^\[|\]$/g, '');
    const literal = isIP(bare);
    if (literal) return this.guard(bare, [{ address: bare, family: literal as Family }], family);
    const over = this.overridden(bare, family);
    if (over) {
      if (over.length === 0)
        return Promise.reject(new LookupError(`${host} 无 IPv${family} 地址`, 'ENODATA'));
      return this.guard(
        bare,
        over.map((a) => ({ address: a, family: isIP(a) as Family })),
        family,
      );
    }
    if (this.loopbackOnly) {
      return Promise.reject(
        new LookupError(`${host} 不在 hosts 映射中（仅允许本机回环地址）`, 'EPOLICY'),
      );
    }
    return new Promise((ok, fail) => {
      dnsLookup(bare, { all: true, family: family ?? 0 }, (err, addrs) => {
        if (err) fail(err);
        else ok(addrs.map((a) => ({ address: a.address, family: a.family as Family })));
      });
    });
  }

  private guard(host: string, addrs: { address: string; family: Family }[], family?: Family) {
    const list = family ? addrs.filter((a) => a.family === family) : addrs;
    if (list.length === 0)
      return Promise.reject(new LookupError(`${host} 无 IPv${family} 地址`, 'ENODATA'));
    if (this.loopbackOnly && list.some((a) => !isLoopback(a.address)))
      return Promise.reject(refusal(host));
    return Promise.resolve(list);
  }

  /** A dns.lookup-compatible function for net/tls/undici `connect.lookup`. */
  lookupFunction(family?: Family): LookupFunction {
    return ((
      hostname: string,
      options: { all?: boolean },
      callback: (...args: unknown[]) => void,
    ) => {
      this.resolve(hostname, family).then(
        (addrs) => {
          if (options?.all) callback(null, addrs);
          else callback(null, addrs[0].address, addrs[0].family);
        },
        (err) => callback(err),
      );
    }) as unknown as LookupFunction;
  }
}
