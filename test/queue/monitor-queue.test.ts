// Homepage monitoring on the Redis workers: the server's schedule puts each unit's visits on the
// queue, two workers take them (each visit made once, through the unit's hosts override), the
// samples wait in Redis and the server's drain keeps them: a 503 homepage's samples say so.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unitsFileSchema } from '../../src/config/schema.ts';
import type { MonitorSample } from '../../src/contract/probes.ts';
import { serveSite, type RunningSite } from '../../src/demo/site-server.ts';
import { startMonitorWorker, startQueuedMonitor } from '../../src/queue/monitor-queue.ts';
import { startRedis, type TestRedis } from '../helpers/redis.ts';
import { describeWith, whenFound } from '../helpers/system.ts';

let redis: TestRedis;
let up: RunningSite;
let down: RunningSite;
beforeAll(
  whenFound('redis', async () => {
    redis = await startRedis();
    up = await serveSite({ '/index.html': '<html><body>首页</body></html>' }, ['127.0.0.1']);
    down = await serveSite({ '/index.html': { status: 503, body: 'busy' } }, ['127.0.0.1']);
  }),
);
afterAll(
  whenFound('redis', async () => {
    await Promise.all([up?.close(), down?.close(), redis?.stop()]);
  }),
);

describeWith('redis', 'monitoring on workers', () => {
  it('samples every unit on schedule from two workers, once a visit, kept by the server', async () => {
    const file = unitsFileSchema.parse({
      contact: 'test',
      network: { loopbackOnly: true },
      units: [
        {
          id: 'up',
          name: '甲',
          kind: 'department',
          site: `http://up.test.gov.cn:${up.port}/`,
          hosts: { 'up.test.gov.cn': ['127.0.0.1'] },
        },
        {
          id: 'down',
          name: '乙',
          kind: 'department',
          site: `http://down.test.gov.cn:${down.port}/`,
          hosts: { 'down.test.gov.cn': ['127.0.0.1'] },
        },
      ],
    });
    const kept = new Map<string, MonitorSample[]>();
    const told: string[] = [];
    // A visit every 300 ms (the config's floor is one a minute; the function takes any).
    const options = { visitsPerDay: 86_400_000 / 300, timeoutSec: 2 };
    const started = Date.now();
    const server = await startQueuedMonitor(
      redis.url,
      file,
      options,
      (unitId, s) => kept.set(unitId, [...(kept.get(unitId) ?? []), s]),
      async (units) => void told.push(...units),
      100,
    );
    const workers = [
      startMonitorWorker(redis.url, () => {}),
      startMonitorWorker(redis.url, () => {}),
    ];
    await expect
      .poll(() => Math.min(kept.get('up')?.length ?? 0, kept.get('down')?.length ?? 0), {
        timeout: 15_000,
      })
      .toBeGreaterThanOrEqual(4);
    await Promise.all(workers.map((w) => w.stop()));
    await server.stop();
    const slots = Math.floor((Date.now() - started) / 300) + 1;
    expect(kept.get('up')!.every((s) => s.ok && s.status === 200)).toBe(true);
    expect(kept.get('down')!.every((s) => !s.ok && s.error === 'HTTP 503')).toBe(true);
    // Each scheduled visit made once, whichever worker took it: never more samples than the
    // 300 ms slots the test lasted (a visit made late by a busy machine only makes fewer).
    for (const id of ['up', 'down']) expect(kept.get(id)!.length).toBeLessThanOrEqual(slots);
    expect(up.hits.get('/') ?? up.hits.get('/index.html')).toBe(kept.get('up')!.length);
    expect(new Set(told)).toEqual(new Set(['up', 'down']));
  });
});
