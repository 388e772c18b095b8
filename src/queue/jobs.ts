// Province scale: a run's units as jobs on Redis (BullMQ), taken by `zwgk worker`s on any number
// of machines. A job is one unit, or every unit that shares a host with another (a platform's
// sub-sites), so one worker keeps that host's politeness without a distributed rate limiter.
// The queue's name carries the tool's version and commit: a worker of another version never
// takes the job (a run is judged by one rule set), and checks again when it does.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { UsageError } from '../errors.ts';
import type { Profile, UnitConfig, UnitsFile, CrawlOptions } from '../config/schema.ts';

export interface UnitJob {
  runId: string;
  asOf: string;
  tool: { version: string; commit: string; rules: string };
  /** The units file as loaded (its hosts overrides, network, crawl and browser settings). */
  file: UnitsFile;
  profile: Profile;
  profileHash: string;
  unitIds: string[];
  crawl?: Partial<CrawlOptions>;
  browser?: boolean;
}

/** What a worker hands back: where each unit's bundle waits in Redis, and who did it. */
export interface UnitJobResult {
  worker: string;
  bundles: Record<string, string>;
}

/** Progress a worker reports while it crawls: pages per unit. */
export type JobProgress = Record<string, { fetched: number; failed: number }>;

export const queueName = (tool: { version: string; commit: string; rules: string }) =>
  `zwgk-units-${tool.version}-${tool.commit}-${tool.rules}`.replace(/[^\w.-]/g, '_');

/** Why a worker must not judge a job: made by another version or by other rule code. */
export function refusal(
  job: UnitJob['tool'],
  mine: { version: string; commit: string; rules: string },
): string | undefined {
  if (job.version !== mine.version || job.commit !== mine.commit)
    return (
      `工作进程版本 ${mine.version}（${mine.commit}）` +
      `与测评发起方 ${job.version}（${job.commit}）不同，拒绝执行`
    );
  if (job.rules !== mine.rules)
    return (
      `工作进程的规则代码（${mine.rules}）与测评发起方（${job.rules}）不同` +
      `（如有未提交的修改），拒绝执行`
    );
  return undefined;
}

export const profileHash = (profile: Profile) =>
  createHash('sha1').update(JSON.stringify(profile)).digest('hex').slice(0, 12);

/** A job's id: the run and its first unit (BullMQ refuses ':' in custom ids). */
export const jobId = (runId: string, unitIds: string[]) => `${runId}__${unitIds[0]}`;

/** How long a worker's hold on a job lasts without renewal: a killed worker's job goes to another. */
export const LOCK_MS = Number(process.env.ZWGK_QUEUE_LOCK_MS ?? 30_000);

/** Units grouped so that units sharing a host, or a platform with its owner, go to one worker. */
export function groupUnits(units: UnitConfig[], file: UnitsFile): UnitConfig[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const r = find(p);
    parent.set(x, r);
    return r;
  };
  const first = new Map<string, string>();
  for (const u of units) {
    const hosts = [u.site, u.disclosure]
      .filter((x): x is string => Boolean(x))
      .map((x) => new URL(x).hostname);
    const tokens = [
      ...hosts,
      ...file.platforms
        .filter((p) => p.owner === u.id || hosts.some((h) => p.hosts.includes(h)))
        .map((p) => `@${p.id}`),
    ];
    for (const t of tokens) {
      const seen = first.get(t);
      if (seen) parent.set(find(u.id), find(seen));
      else first.set(t, u.id);
    }
  }
  const groups = new Map<string, UnitConfig[]>();
  for (const u of units) groups.set(find(u.id), [...(groups.get(find(u.id)) ?? []), u]);
  return [...groups.values()];
}

/** A connection for BullMQ (it needs maxRetriesPerRequest: null to wait out a lost Redis). */
export function connect(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/** Redis must answer at the start: otherwise a clear error (exit 2), not a hang. */
export async function checkRedis(url: string): Promise<void> {
  let r: Redis | undefined;
  try {
    r = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: 3000,
    });
    r.on('error', () => undefined);
    await r.connect();
    await r.ping();
  } catch (err) {
    throw new UsageError(`无法连接 Redis（${url}）：${(err as Error).message}`);
  } finally {
    r?.disconnect();
  }
}
