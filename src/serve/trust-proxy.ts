// Which proxies the server believes about the client's address (X-Forwarded-For): a few hops,
// or named addresses and ranges. Anything wider lets any sender forge its address, and with it
// the login limit; so is refused, like every value that is not an address.
import { BlockList, isIP } from 'node:net';
import { UsageError } from '../errors.ts';

const MAX_HOPS = 5;
/** The widest range trusted: a /8 of IPv4, a /32 of IPv6 (an organisation's, not the world's). */
const WIDEST = { 4: 8, 6: 32 } as const;

const refuse = (v: string, why: string) =>
  new UsageError(
    `--trust-proxy 应为代理跳数（1–${MAX_HOPS}）或代理地址（如 127.0.0.1,10.0.0.0/8），` +
      `收到「${v}」：${why}`,
  );

/** Hops (a number) or proxy addresses, checked; throws a UsageError that says why. */
export function parseTrustProxy(v: string | undefined): number | string | undefined {
  if (v === undefined) return undefined;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops >= 1 && hops <= MAX_HOPS) return hops;
    throw refuse(v, `跳数应在 1 到 ${MAX_HOPS} 之间`);
  }
  const parts = v.split(',').map((p) => p.trim());
  for (const p of parts) {
    const [address, bits, ...rest] = p.split('/');
    const family = isIP(address);
    if (!family || rest.length) throw refuse(v, `「${p}」不是 IP 地址或网段`);
    if (bits === undefined) continue;
    const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    const widest = WIDEST[family as 4 | 6];
    if (!(prefix <= (family === 4 ? 32 : 128))) throw refuse(v, `「${p}」的前缀长度无效`);
    if (prefix < widest) throw refuse(v, `「${p}」范围过大（最宽 /${widest}），等于信任任何人`);
    try {
      new BlockList().addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
    } catch {
      throw refuse(v, `「${p}」不是有效网段`);
    }
  }
  return parts.join(',');
}
