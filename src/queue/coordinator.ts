// The coordinator's side of a run on workers (`zwgk audit --redis URL`): it puts the run's jobs
// on the queue, shows the workers' progress, and takes each finished unit's bundle into its own
// store, once. Restarted (`--resume RUN --redis URL`), it finds the run's jobs where they are:
// done ones are collected, missing ones queued again. Redis lost mid-run: it waits and says so;
// a run is complete only when every unit has come back.
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { LoadedConfig } from '../config/load.ts';
import type { CrawlOptions, UnitConfig } from '../config/schema.ts';
import type { UnitResult } from '../contract/run.ts';
import type { Progress } from '../run/progress.ts';
import { importUnit } from '../store/bundle.ts';
import type { Store } from '../store/db.ts';
import { toolInfo } from '../version.ts';
import {
  connect,
  groupUnits,
  jobId,
  profileHash,
  queueName,
  type JobProgress,
  type UnitJob,
  type UnitJobResult,
} from './jobs.ts';

export interface CoordinatorInput {
  redis: string;
  store: Store;
  runId: string;
  asOf: string;
  units: UnitConfig[];
  config: LoadedConfig;
  crawl?: Partial<CrawlOptions>;
  browser?: boolean;
  outDir: string;
  progress: Progress;
  signal?: AbortSignal;
  /** Lines for the person running it (waiting for Redis, for workers). */
  say: (line: string) => void;
  /** Units already finished in this run (a resumed one): not queued again. */
  finished: (unitId: string) => boolean;
}

const POLL_MS = 500;

/** Runs the units on workers; returns the hosted units judged together with their platform's owner. */
export async function runOnWorkers(c: CoordinatorInput): Promise<Set<string>> {
  const tool = toolInfo();
  const connection: Redis = connect(c.redis);
  let redisDown = false;
  connection.on('error', (err) => {
    if (!redisDown) c.say(`Redis 连接中断（${err.message}），等待恢复；恢复前本次运行不会结束`);
    redisDown = true;
  });
  const queue = new Queue<UnitJob, UnitJobResult>(queueName(tool), { connection });
  const { groups, withOwner } = jobGroups(c);
  const data = (g: UnitConfig[]): UnitJob => ({
    runId: c.runId,
    asOf: c.asOf,
    tool: { version: tool.version, commit: tool.commit, rules: tool.rules },
    file: c.config.units,
    profile: c.config.profile,
    profileHash: profileHash(c.config.profile),
    unitIds: g.map((u) => u.id),
    crawl: c.crawl,
    browser: c.browser,
  });
  const pending = new Map(
    groups.map((g) => [
      jobId(
        c.runId,
        g.map((u) => u.id),
      ),
      g,
    ]),
  );
  let waitingSaid = false;
  const started = Date.now();
  try {
    for (;;) {
      if (c.signal?.aborted) return withOwner;
      try {
        for (const [id, g] of pending)
          if (await step(c, queue, connection, id, g, data)) pending.delete(id);
        if (redisDown) c.say('Redis 已恢复');
        redisDown = false;
      } catch (err) {
        if (!redisDown)
          c.say(`Redis 连接中断（${(err as Error).message}），等待恢复；恢复前本次运行不会结束`);
        redisDown = true;
      }
      if (pending.size === 0) return withOwner;
      if (!waitingSaid && Date.now() - started > 15_000 && !redisDown) {
        const counts = await queue.getJobCounts('active').catch(() => ({ active: 0 }));
        if (!counts.active)
          c.say(
            `等待工作进程（zwgk worker --redis ${c.redis}，版本 ${tool.version}（${tool.commit}））…`,
          );
        waitingSaid = true;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } finally {
    await queue.close().catch(() => undefined);
    connection.disconnect();
  }
}

/** Takes a finished job's bundles into the store, once per unit, recording the worker. */
async function collect(
  c: CoordinatorInput,
  redis: Redis,
  r: UnitJobResult,
  g: UnitConfig[],
): Promise<void> {
  for (const u of g) {
    if (c.finished(u.id)) continue;
    const key = r.bundles[u.id];
    const data = key ? await redis.getBuffer(key) : null;
    if (!data) {
      c.store.setUnit(c.runId, u.id, u, `error: 工作进程 ${r.worker} 的结果已不在 Redis 中`);
      continue;
    }
    importUnit(c.store, c.runId, data, c.outDir);
    const result = c.store.result(c.runId, u.id);
    if (result)
      c.store.saveResult(c.runId, {
        ...result,
        coverage: { ...result.coverage, worker: r.worker },
      } as UnitResult);
    await redis.del(key);
    c.progress.done(u.id);
  }
}

/** The run's jobs (a unit, or the units sharing a host), and the hosted units judged with their owner. */
function jobGroups(c: CoordinatorInput) {
  const withOwner = new Set<string>();
  const groups = groupUnits(c.units, c.config.units).filter((g) =>
    g.some((u) => !c.finished(u.id)),
  );
  for (const g of groups)
    for (const u of g) {
      const owner = c.config.units.platforms.find(
        (p) => p.owner !== u.id && p.hosts.includes(new URL(u.site).hostname),
      );
      if (owner && g.some((x) => x.id === owner.owner)) withOwner.add(u.id);
    }
  return { groups, withOwner };
}

/** One job's turn: queued if nobody holds it, collected when done, said when failed. True when it is over. */
async function step(
  c: CoordinatorInput,
  queue: Queue<UnitJob, UnitJobResult>,
  connection: Redis,
  id: string,
  g: UnitConfig[],
  data: (g: UnitConfig[]) => UnitJob,
): Promise<boolean> {
  let job = await queue.getJob(id);
  // A job nobody holds any more (never queued, or removed): queued (again).
  if (!job)
    job = await queue.add('units', data(g), {
      jobId: id,
      attempts: 3,
      backoff: { type: 'fixed', delay: 1000 },
    });
  const state = await job.getState();
  if (state === 'completed') {
    await collect(c, connection, job.returnvalue, g);
    return true;
  } else if (state === 'failed') {
    for (const u of g) {
      c.store.setUnit(c.runId, u.id, u, `error: ${job.failedReason ?? '工作进程执行失败'}`);
      c.progress.done(u.id);
    }
    c.say(`任务失败（${g.map((u) => u.id).join('、')}）：${job.failedReason}`);
    return true;
  } else if (state === 'active') {
    const p = (job.progress ?? {}) as JobProgress;
    for (const [unit, n] of Object.entries(p)) c.progress.update(unit, n.fetched, n.failed);
  }
  return false;
}
