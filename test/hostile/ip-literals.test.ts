// loopbackOnly holds for IP literals: Node connects to a literal without any lookup, so the
// guard must refuse it before a socket is opened. Every connect call is spied on, and one to an
// address off this machine throws instead of connecting: no test may send traffic away.
import net from 'node:net';
import tls from 'node:tls';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HostMap, isLoopback } from '../../src/net/hosts.ts';
import { forward, HttpClient } from '../../src/net/http.ts';

const attempted: string[] = [];
const realNet = net.connect.bind(net);
const realTls = tls.connect.bind(tls);
const hostOf = (args: unknown[]) => {
  const o = args[0] as { host?: string; hostname?: string } | number;
  return typeof o === 'object' ? (o.host ?? o.hostname ?? '') : String(args[1] ?? '');
};
const guard =
  <F extends (...a: never[]) => unknown>(real: F) =>
  (...args: unknown[]) => {
    const host = hostOf(args).replace(/^\[|\]$/g, '');
    if (net.isIP(host) && !isLoopback(host)) {
      attempted.push(host);
      throw new Error(`test guard: refused to connect to ${host}`);
    }
    return (real as unknown as (...a: unknown[]) => unknown)(...args);
  };

let port = 0;
const server = createServer((req, res) => {
  const to = new URL(req.url!, 'http://x').searchParams.get('to');
  if (to) res.writeHead(302, { location: to }).end();
  else res.end('<html>ok</html>');
});

beforeAll(async () => {
  vi.spyOn(net, 'connect').mockImplementation(guard(realNet) as never);
  vi.spyOn(tls, 'connect').mockImplementation(guard(realTls) as never);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await new Promise((ok) => server.close(ok));
});

const LITERALS = [
  'http://10.255.255.1/',
  'http://[2001:db8::1]/',
  'http://0x0afffe03/', // 10.255.254.3 in hex
  'http://167772161/', // 10.0.0.1 as one number
  'http://012.0.0.1/', // 10.0.0.1 in octal
  'https://[::ffff:10.0.0.1]/', // IPv4-mapped IPv6
  'http://0.0.0.0/',
];

const opts = { timeoutMs: 2000, maxRedirects: 5, userAgent: 'zwgk-audit-test' };

describe('the loopback guard and IP literals', () => {
  it('refuses every spelling of an outside address, before any socket', async () => {
    const client = new HttpClient(new HostMap({}, true));
    for (const url of LITERALS) {
      const o = await client.fetch(url, opts);
      expect(o.errorClass, url).toBe('policy');
      expect(o.error).toMatch(/仅允许本机回环地址/);
    }
    await client.close();
    expect(attempted).toEqual([]);
  });

  it('refuses a redirect from a loopback site to an outside literal', async () => {
    const client = new HttpClient(new HostMap({}, true));
    for (const to of LITERALS) {
      const o = await client.fetch(`http://127.0.0.1:${port}/?to=${encodeURIComponent(to)}`, opts);
      expect(o.errorClass, to).toBe('policy');
      expect(o.redirects).toHaveLength(1);
    }
    await client.close();
    expect(attempted).toEqual([]);
  });

  it("refuses the browser's requests too (they go through forward)", async () => {
    const client = new HttpClient(new HostMap({}, true));
    for (const url of LITERALS) {
      const r = await forward(client, url, {
        method: 'GET',
        headers: {},
        timeoutMs: 2000,
        userAgent: 'zwgk-audit-test',
        maxBytes: 1024,
      });
      expect(r, url).toMatchObject({ errorClass: 'policy' });
    }
    await client.close();
    expect(attempted).toEqual([]);
  });

  it('still reaches loopback in every spelling', async () => {
    const client = new HttpClient(new HostMap({}, true));
    for (const host of ['127.0.0.1', '127.1', '2130706433', '0x7f000001']) {
      const o = await client.fetch(`http://${host}:${port}/`, opts);
      expect(o.status, host).toBe(200);
    }
    await client.close();
  });

  it('knows loopback in its mapped and long forms, and nothing else', () => {
    for (const a of ['127.0.0.1', '127.9.9.9', '::1', '0:0:0:0:0:0:0:1', '::ffff:7f00:1'])
      expect(isLoopback(a), a).toBe(true);
    for (const a of ['10.0.0.1', '0.0.0.0', '::', '::ffff:a00:1', '2001:db8::1', 'localhost'])
      expect(isLoopback(a), a).toBe(false);
  });

  it('without loopbackOnly, a literal is a host like any other (checked, not refused)', () => {
    expect(new HostMap({}, false).refuses('http://10.0.0.1/')).toBeUndefined();
    expect(new HostMap({}, true).refuses('http://10.0.0.1/')?.code).toBe('EPOLICY');
  });
});
