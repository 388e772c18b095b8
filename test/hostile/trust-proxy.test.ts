// --trust-proxy: a few hops or named proxies; a value that trusts everyone (and so gives the
// login limit to whoever forges X-Forwarded-For) is refused with why, never a stack trace.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.ts';
import { parseTrustProxy } from '../../src/serve/trust-proxy.ts';

describe('--trust-proxy', () => {
  it('takes 1 to 5 hops, addresses and ranges no wider than /8 (IPv6 /32)', () => {
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('5')).toBe(5);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8')).toBe('127.0.0.1,10.0.0.0/8');
    expect(parseTrustProxy('fd00::/48,::1')).toBe('fd00::/48,::1');
    expect(parseTrustProxy(undefined)).toBeUndefined();
  });

  it.each([
    ['99999', /跳数应在 1 到 5 之间/],
    ['0', /跳数应在 1 到 5 之间/],
    ['0.0.0.0/1,128.0.0.0/1', /范围过大/],
    ['0.0.0.0/0', /范围过大/],
    ['::/0', /范围过大/],
    ['10.0.0.0/7', /范围过大/],
    ['abc', /不是 IP 地址或网段/],
    ['10.0.0.0/99', /前缀长度无效/],
    ['10.0.0.0/8/1', /不是 IP 地址或网段/],
    ['yes', /不是 IP 地址或网段/],
  ])('refuses %s, saying why', (v, why) => {
    expect(() => parseTrustProxy(v)).toThrow(UsageError);
    expect(() => parseTrustProxy(v)).toThrow(why);
  });
});
