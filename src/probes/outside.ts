// Whether this machine reaches the outside at all. Without it every off-site link fails DNS and
// would be reported as the unit's dead link (and the run would wait on each): the auditor's
// network is established once per run, on reference hosts from the units file, and off-site
// links are then 未检测 with the reason rather than blamed on the unit.
import type { HttpClient } from '../net/http.ts';
import type { ErrorClass } from '../contract/page.ts';
import type { OutsideProbe } from '../contract/probes.ts';

const NETWORK: ErrorClass[] = [
  'dns',
  'refused',
  'reset',
  'unreachable',
  'timeout',
  'network',
  'tls',
];

/** `targets`: the reference hosts' homepages (https://www.gov.cn/ …). */
export async function probeOutside(
  client: HttpClient,
  targets: string[],
  userAgent: string,
  timeoutMs = 8000,
): Promise<OutsideProbe> {
  const tried = await Promise.all(
    targets.map(async (url) => {
      const o = await client.fetch(url, {
        method: 'HEAD',
        timeoutMs,
        maxRedirects: 3,
        userAgent,
        readBody: false,
      });
      return {
        host: new URL(url).host,
        status: o.status,
        error: o.error,
        errorClass: o.errorClass,
      };
    }),
  );
  // Hosts the policy forbids (loopback-only runs) say nothing about the network.
  const decisive = tried.filter((t) => t.errorClass !== 'policy');
  const down =
    decisive.length > 0 && decisive.every((t) => t.errorClass && NETWORK.includes(t.errorClass));
  if (!down) return { reachable: true, tried };
  const why = decisive.map((t) => `${t.host}：${t.error}`).join('；');
  return { reachable: false, reason: `本机无法访问外部网络（${why}），外部链接未检测`, tried };
}
