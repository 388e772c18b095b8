// Whether the auditor reaches the outside: reference hosts mapped to loopback (nothing leaves
// this machine): a closed port is a network that does not answer, a live server one that does.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostMap } from '../../src/net/hosts.ts';
import { HttpClient } from '../../src/net/http.ts';
import { probeOutside } from '../../src/probes/outside.ts';

let live: ReturnType<typeof createServer>;
let livePort = 0;
let closedPort = 0;
beforeAll(async () => {
  live = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((ok) => live.listen(0, '127.0.0.1', ok));
  livePort = (live.address() as AddressInfo).port;
  const probe = createServer();
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((ok) => probe.close(ok));
});
afterAll(() => new Promise((ok) => live.close(ok)));

const client = () =>
  new HttpClient(
    new HostMap({ 'ref-a.example': ['127.0.0.1'], 'ref-b.example': ['127.0.0.1'] }, true),
  );

describe('probeOutside', () => {
  it('says the outside is unreachable when no reference answers, naming each', async () => {
    const c = client();
    const r = await probeOutside(
      c,
      [`http://ref-a.example:${closedPort}/`, `http://ref-b.example:${closedPort}/`],
      'test',
      2000,
    );
    await c.close();
    expect(r.reachable).toBe(false);
    expect(r.reason).toMatch(
      /^本机无法访问外部网络（ref-a\.example:\d+：.*；ref-b\.example:\d+：.*），外部链接未检测$/,
    );
  });

  it('is reachable when one reference answers, and undecided hosts (outside the policy) count for nothing', async () => {
    const c = client();
    expect(
      (
        await probeOutside(
          c,
          [`http://ref-a.example:${closedPort}/`, `http://ref-b.example:${livePort}/`],
          'test',
          2000,
        )
      ).reachable,
    ).toBe(true);
    expect((await probeOutside(c, ['https://www.gov.cn/'], 'test', 2000)).reachable).toBe(true);
    await c.close();
  });
});
