// `zwgk worker --redis URL`: takes jobs (a unit, or the units of one shared host) from the queue,
// crawls, renders, probes and judges them with the same code as a local run, in a store of its
// own, and hands each unit's bundle back through Redis. Killed mid-job, it loses nothing that
// matters: its lock lapses, BullMQ gives the job to another worker, and the half-done store of
// the killed one is never read.
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import { DEFAULT_PAPERWORK, type LoadedConfig } from '../config/load.ts';
import { audit } from '../run/audit.ts';
import { exportUnit } from '../store/bundle.ts';
import { Store } from '../store/db.ts';
import { startMonitorWorker } from './monitor-queue.ts';
import { toolInfo } from '../version.ts';
import {
  LOCK_MS,
  checkRedis,
  connect,
  queueName,
  refusal,
  type JobProgress,
  type UnitJob,
  type UnitJobResult,
} from './jobs.ts';

export interface WorkerOptions {
  redis: string;
  /** Jobs at once. */
  concurrency?: number;
  /** Chromium tabs for this worker (overrides the job's browser.poolSize). */
  browserTabs?: number;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/** Bundles wait a week for their coordinator (it may be restarted). */
const BUNDLE_TTL_SEC = 7 * 24 * 3600;

export async function runWorker(opts: WorkerOptions): Promise<void> {
  await checkRedis(opts.redis);
  const tool = toolInfo();
  const me = `${hostname()}:${process.pid}`;
  const log = opts.log ?? ((l: string) => console.log(l));
  const redis = connect(opts.redis);
  const process_ = async (
    job: Job<UnitJob, UnitJobResult>,
    token?: string,
  ): Promise<UnitJobResult> => {
    const d = job.data;
    const refused = refusal(d.tool, tool);
    if (refused) throw new UnrecoverableError(refused);
    log(`开始 ${d.runId}：${d.unitIds.join('、')}（第 ${job.attemptsMade + 1} 次）`);
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-worker-'));
    try {
      const file = opts.browserTabs
        ? { ...d.file, browser: { ...d.file.browser, poolSize: opts.browserTabs } }
        : d.file;
      const config: LoadedConfig = {
        file: `(队列 ${d.runId})`,
        units: file,
        profile: d.profile,
        profileFile: `(队列，规则 ${d.profileHash})`,
        paperworkFile: DEFAULT_PAPERWORK,
      };
      const progress: JobProgress = {};
      let last = 0;
      const outDir = join(dir, 'out');
      const done = await audit({
        config,
        unitIds: d.unitIds,
        asOf: d.asOf,
        outDir,
        dbFile: join(dir, 'worker.db'),
        crawl: d.crawl,
        browser: d.browser,
        signal: opts.signal,
        onProgress: (unit, fetched, failed) => {
          progress[unit] = { fetched, failed };
          if (Date.now() - last < 1000) return;
          last = Date.now();
          void job.updateProgress(progress).catch(() => undefined);
        },
      });
      // Stopped (Ctrl-C, a service manager): no half result goes back. The job goes back to the
      // queue at once for another worker, and a stop is not a failure: no attempt is used up.
      if (done.run.status !== 'complete' && opts.signal?.aborted) {
        await job.moveToWait(token);
        log(`已交回队列 ${d.runId}：${d.unitIds.join('、')}（本进程被停止）`);
        throw new WaitingError();
      }
      if (done.run.status !== 'complete') throw new Error('工作进程被停止，任务未完成');
      const bundles = await handBack(redis, d, job, dir, done.runId, outDir);
      log(`完成 ${d.runId}：${d.unitIds.join('、')}`);
      return { worker: me, bundles };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const connection = connect(opts.redis);
  const worker = new Worker<UnitJob, UnitJobResult>(queueName(tool), process_, {
    connection,
    concurrency: opts.concurrency ?? 1,
    lockDuration: LOCK_MS,
    stalledInterval: LOCK_MS,
    maxStalledCount: 3,
  });
  worker.on('error', (err) => log(`Redis 连接问题：${err.message}（等待恢复）`));
  // The server's homepage monitoring, when it runs on the queue: visits too are any worker's.
  const visits = startMonitorWorker(opts.redis, log);
  log(`工作进程 ${me} 已连接 ${opts.redis}，队列 ${queueName(tool)}`);
  await new Promise<void>((resolve) => {
    if (opts.signal?.aborted) return resolve();
    opts.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  await Promise.all([worker.close(), visits.stop()]);
  // A connection given to BullMQ stays ours to close.
  connection.disconnect();
  redis.disconnect();
}

/** Each unit's bundle into Redis for the coordinator (kept a week), by key. */
async function handBack(
  redis: ReturnType<typeof connect>,
  d: UnitJob,
  job: Job<UnitJob, UnitJobResult>,
  dir: string,
  runId: string,
  outDir: string,
): Promise<Record<string, string>> {
  const store = new Store(join(dir, 'worker.db'));
  const bundles: Record<string, string> = {};
  try {
    for (const id of d.unitIds) {
      const key = `zwgk:bundle:${d.runId}:${id}:${job.id}:${job.attemptsMade}`;
      await redis.set(key, exportUnit(store, runId, id, outDir), 'EX', BUNDLE_TTL_SEC);
      bundles[id] = key;
    }
  } finally {
    store.close();
  }
  return bundles;
}
