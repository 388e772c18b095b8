// Homepage monitoring on the Redis workers (province scale, `queue` in the units file): the
// server keeps one BullMQ job scheduler a unit (every 24 h / visitsPerDay, at the unit's own
// offset); whichever `zwgk worker` takes a visit makes it through that unit's network settings
// and leaves the sample in a Redis list; the server drains the list into its store. Samples wait
// in Redis while the server is down, and a province samples from as many machines as it runs.
import { Queue, Worker } from 'bullmq';
import type { UnitConfig, UnitsFile } from '../config/schema.ts';
import type { MonitorSample } from '../contract/probes.ts';
import { offsetOf, visit, type MonitorOptions } from '../monitor/sampler.ts';
import { HostMap } from '../net/hosts.ts';
import { HttpClient } from '../net/http.ts';
import { proxyFor } from '../net/proxy.ts';
import { userAgent } from '../run/network.ts';
import { connect } from './jobs.ts';

export const MONITOR_QUEUE = 'zwgk-monitor';
const SAMPLES = 'zwgk:monitor:samples';
/** Samples kept while no server drains them: a month of 20 a day for 1,500 units. */
const MAX_WAITING = 1_000_000;

export interface VisitJob {
  unit: Pick<UnitConfig, 'id' | 'site' | 'hosts'>;
  network: UnitsFile['network'];
  contact: string;
  timeoutSec: number;
}

/** Puts (or updates) every unit's visit schedule on the queue; units no longer in the file lose theirs. */
export async function scheduleMonitor(
  redisUrl: string,
  file: UnitsFile,
  options: MonitorOptions,
): Promise<{ stop: () => Promise<void> }> {
  const connection = connect(redisUrl);
  const queue = new Queue<VisitJob>(MONITOR_QUEUE, { connection });
  const every = Math.floor(86_400_000 / options.visitsPerDay);
  const wanted = new Set(file.units.map((u) => `visit:${u.id}`));
  for (const s of await queue.getJobSchedulers())
    if (s.key && !wanted.has(s.key)) await queue.removeJobScheduler(s.key);
  for (const u of file.units)
    await queue.upsertJobScheduler(
      `visit:${u.id}`,
      { every, offset: offsetOf(u.id, every) },
      {
        name: 'visit',
        data: {
          unit: { id: u.id, site: u.site, ...(u.hosts ? { hosts: u.hosts } : {}) },
          network: file.network,
          contact: file.contact,
          timeoutSec: options.timeoutSec,
        },
        opts: { removeOnComplete: true, removeOnFail: 100 },
      },
    );
  return {
    stop: async () => {
      await queue.close();
      connection.disconnect();
    },
  };
}

/** A worker's visits: each through the unit's hosts override, loopback rule and proxy. */
export function startMonitorWorker(redisUrl: string, log: (line: string) => void) {
  const redis = connect(redisUrl);
  const connection = connect(redisUrl);
  const worker = new Worker<VisitJob>(
    MONITOR_QUEUE,
    async (job) => {
      const d = job.data;
      const hosts = new HostMap(d.unit.hosts ?? {}, d.network.loopbackOnly);
      const client = new HttpClient(hosts, {
        proxy: proxyFor(d.network.proxy),
        ca: d.network.ca,
      });
      try {
        const sample = await visit(client, d.unit.site, d.timeoutSec, userAgent(d.contact));
        await redis
          .multi()
          .lpush(SAMPLES, JSON.stringify({ unitId: d.unit.id, sample }))
          .ltrim(SAMPLES, 0, MAX_WAITING - 1)
          .exec();
      } finally {
        await client.close();
      }
    },
    { connection, concurrency: 4 },
  );
  worker.on('error', (err) => log(`监测队列连接问题：${err.message}（等待恢复）`));
  return {
    stop: async () => {
      await worker.close();
      connection.disconnect();
      redis.disconnect();
    },
  };
}

/** Moves the samples waiting in Redis into the store, oldest first; returns the units sampled. */
export async function drainSamples(
  redis: ReturnType<typeof connect>,
  keep: (unitId: string, sample: MonitorSample) => void,
): Promise<Set<string>> {
  const units = new Set<string>();
  for (;;) {
    const batch = await redis.rpop(SAMPLES, 500);
    if (!batch?.length) return units;
    for (const raw of batch) {
      const { unitId, sample } = JSON.parse(raw) as { unitId: string; sample: MonitorSample };
      keep(unitId, sample);
      units.add(unitId);
    }
  }
}

/** The server's side: schedules the visits, drains the samples every few seconds until stopped. */
export async function startQueuedMonitor(
  redisUrl: string,
  file: UnitsFile,
  options: MonitorOptions,
  keep: (unitId: string, sample: MonitorSample) => void,
  sampled: (unitIds: Set<string>) => Promise<void>,
  everyMs = 5000,
  log: (line: string) => void = () => undefined,
): Promise<{ stop: () => Promise<void> }> {
  // Not awaited: a Redis that is away at start-up must not hold the server up; it schedules
  // when Redis answers (ioredis retries), and says why when it fails.
  const schedule = scheduleMonitor(redisUrl, file, options).catch((err: Error) => {
    log(`监测任务未能排入队列：${err.message}`);
    return undefined;
  });
  const redis = connect(redisUrl);
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void drainSamples(redis, keep)
      .then((units) => (units.size ? sampled(units) : undefined))
      .catch(() => undefined) // Redis away: the samples wait there for the next drain
      .finally(() => (busy = false));
  }, everyMs);
  timer.unref?.();
  return {
    stop: async () => {
      clearInterval(timer);
      await drainSamples(redis, keep).catch(() => undefined);
      redis.disconnect();
      await (await schedule)?.stop();
    },
  };
}
