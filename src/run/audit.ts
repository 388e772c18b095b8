// One audit run: crawl each unit, probe it, store everything, judge it, then write run.json
// (canonical) and render the reports from it. Units run a few at a time; a unit that crashes
// is judged on what was stored (its checks say 无法检测), and an interrupted run keeps what
// it had and says so.
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { UsageError } from '../errors.ts';
import { resolve } from 'node:path';
import { markLatest, runOutDir } from '../paths.ts';
import { beijingStamp } from '../time.ts';
import PQueue from 'p-queue';
import { crawlOptionsFor, runCrawlOptions, type LoadedConfig } from '../config/load.ts';
import type { CrawlOptions, UnitConfig } from '../config/schema.ts';
import type { RenderMode } from '../crawl/crawl-unit.ts';
import { BrowserUnavailable } from '../browser/chromium.ts';
import { Renderer } from '../browser/renderer.ts';
import { networkFor } from './network.ts';
import type { HttpClient } from '../net/http.ts';
import { probeOutside } from '../probes/outside.ts';
import { Store } from '../store/db.ts';
import { toolInfo } from '../version.ts';
import { judgeUnit } from '../judge/judge.ts';
import { Progress } from './progress.ts';
import { loadRunJson, writeRunOutputs } from './outputs.ts';
import type { RunJson, UnitResult } from '../contract/run.ts';
import { HostQueues } from '../crawl/host-queues.ts';
import { SharedFetches } from '../crawl/shared-fetches.ts';
import { ExtractPool } from '../crawl/extract-pool.ts';
import { hostedOn, platformOf, sharedHosts } from '../judge/platform.ts';
import { auditUnit, noTime, timed, type RunContext, type RunTiming } from './unit-audit.ts';
import { peerReports } from '../judge/peer-reports.ts';
import type { PeerReport } from '../contract/check.ts';

export interface AuditOptions {
  config: LoadedConfig;
  unitIds?: string[];
  url?: string;
  asOf: string;
  /** Where the reports go; by default the run's own folder in the data home (latest points there). */
  outDir?: string;
  dbFile: string;
  crawl?: Partial<CrawlOptions>;
  /** Units crawled at once (default: the config's `crawl.parallelUnits`, else enough for every host). */
  parallelUnits?: number;
  /** Continue this interrupted run: stored pages are read again, not fetched; judged units stay. */
  resume?: string;
  /** Worker threads that decode and extract pages (default: every core but one; 0: this thread). */
  extractThreads?: number;
  /** Hand the units to `zwgk worker`s through this Redis instead of crawling them here. */
  redis?: string;
  /** Told each unit's pages as the crawl goes (a worker reports them to its coordinator). */
  onProgress?: (unitId: string, fetched: number, failed: number) => void;
  /** Told the run's id as soon as it exists (a job records it, to resume after a crash). */
  onStart?: (runId: string) => void;
  signal?: AbortSignal;
  progress?: boolean;
  /** --browser: render every page of every unit in Chromium. */
  browser?: boolean;
}

export { userAgent } from './network.ts';

export function selectUnits(opts: Pick<AuditOptions, 'config' | 'unitIds' | 'url'>): UnitConfig[] {
  if (opts.url) {
    let u: URL;
    try {
      u = new URL(opts.url);
    } catch {
      throw new UsageError(`--url ${opts.url}: 不是有效的网址`);
    }
    const id = u.hostname.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
    return [{ id, name: u.hostname, kind: 'department', site: u.href }];
  }
  const all = opts.config.units.units;
  if (!opts.unitIds?.length) return all;
  return opts.unitIds.map((id) => {
    const unit = all.find((x) => x.id === id);
    if (!unit)
      throw new UsageError(
        `--unit ${id}: ${opts.config.file} 中没有这个单位（已有：${all.map((x) => x.id).join(', ')}）`,
      );
    return unit;
  });
}

export function newRunId(now = new Date()): string {
  return `${beijingStamp(now)}-${randomBytes(2).toString('hex')}`;
}

/** Most units crawled at once by default: each holds only its frontier, politeness bounds the rest. */
const MAX_DEFAULT_PARALLEL = 64;

/**
 * What `--resume` continues: the run, with the config, units and folder it was started with.
 *
 * The frontier is not written down as the crawl goes: it is rebuilt from the stored pages (their
 * links through the Frontier again). Measured here: crawlee's RequestQueue persisted to disk
 * cost 4.9 ms per page during the crawl (2,000 pages of 45 links each), twice what a whole page
 * costs us; rebuilding from the store (bench/resume-cost.ts) cost 0.045 ms per page, once, at
 * resume (11,655 pages of a bench:city run in 0.5 s), and nothing while crawling.
 */
export function resumePlan(dbFile: string, runId: string | undefined) {
  const store = new Store(dbFile);
  try {
    const id = runId || store.unfinishedRunId();
    if (!id) throw new UsageError(`数据库 ${dbFile} 中没有未完成的运行可以继续`);
    const row = store.getRun(id);
    if (!row) throw new UsageError(`数据库 ${dbFile} 中没有运行 ${id}`);
    if (row.status === 'complete') throw new UsageError(`运行 ${id} 已经完成，无需继续`);
    const saved = JSON.parse(row.options ?? '{}') as {
      config?: string;
      units?: string[];
      url?: string;
      outDir?: string;
      crawl?: Partial<CrawlOptions>;
    };
    return { runId: id, asOf: row.as_of, ...saved };
  } finally {
    store.close();
  }
}

/** Units in an order that starts every host early: one unit per host, then the next round. */
function spreadByHost(units: UnitConfig[]): UnitConfig[] {
  const byHost = new Map<string, UnitConfig[]>();
  for (const u of units) {
    const h = new URL(u.site).host;
    byHost.set(h, [...(byHost.get(h) ?? []), u]);
  }
  const lists = [...byHost.values()];
  const out: UnitConfig[] = [];
  for (let i = 0; out.length < units.length; i++) for (const l of lists) if (l[i]) out.push(l[i]);
  return out;
}

export async function audit(
  opts: AuditOptions,
): Promise<{ runId: string; run: RunJson; outDir: string; timing: RunTiming }> {
  const { config } = opts;
  const plan = opts.resume ? resumePlan(opts.dbFile, opts.resume) : undefined;
  const units = plan
    ? selectUnits({ config, unitIds: plan.units, url: plan.url })
    : selectUnits(opts);
  const crawlCli = plan?.crawl ?? opts.crawl;
  const net = networkFor(config);
  const modeOf = (u: UnitConfig): RenderMode =>
    opts.browser ? 'browser' : !config.units.browser.enabled ? 'http' : (u.render ?? 'auto');
  // On workers, the coordinator neither crawls nor renders: Redis must answer before a run starts.
  // The queue's modules (BullMQ, ioredis: ~20 MB) are loaded only for a run that uses them.
  if (opts.redis) await (await import('../queue/jobs.ts')).checkRedis(opts.redis);
  const { renderer, browserNote } = opts.redis
    ? {}
    : await startBrowser(config, units.map(modeOf), net.client, net.ua, opts);
  let store: Store;
  try {
    store = new Store(opts.dbFile);
  } catch (err) {
    await renderer?.close();
    throw err;
  }
  const { runId, outDir, asOf } = openRun(store, opts, plan, units);
  // Each request in flight listens to the run's signal (units × hosts × concurrency): not a leak.
  if (opts.signal) setMaxListeners(0, opts.signal);
  opts.onStart?.(runId);
  // Once per run: whether off-site links can be checked from this machine at all.
  const references = (config.units.network.referenceHosts ?? []).map((h) => `https://${h}/`);
  const outside = opts.redis ? undefined : await probeOutside(net.client, references, net.ua);
  const progress = new Progress(units.length, process.stderr, opts.progress ?? false);
  progress.start();
  // Pages are written in batches; once a second the batch goes out anyway, so a running audit's
  // progress is visible in the store (the report server reads it) and a crash loses little.
  const flusher = setInterval(() => store.flush(30_000), 1000);
  flusher.unref();
  const pool = new ExtractPool(
    opts.redis ? 0 : (opts.extractThreads ?? config.units.extractThreads),
  );
  // Hosted units judged after their platform's owner need no second judging at the end.
  const ownerWasJudged = new Set<string>();
  const timing = noTime();
  const ctx: RunContext = {
    ...{ config, store, runId, asOf, outDir, units, net, pool, renderer, browserNote },
    ...runQueues(config, units, crawlCli),
    shared: new SharedFetches(sharedHosts(config.units, units)),
    offsiteSkip: outside && !outside.reachable ? outside.reason : undefined,
    modeOf,
    resuming: Boolean(plan),
    progress,
    signal: opts.signal,
    onProgress: opts.onProgress,
    judge: (unit, peers) =>
      timed(timing, 'judgeMs', () => judgeOne(ctx, unit, ownerWasJudged, peers)),
    timing,
  };
  try {
    await auditAll(ctx, opts, crawlCli, ownerWasJudged);
    store.finishRun(runId, opts.signal?.aborted ? 'interrupted' : 'complete');
    const run = loadRunJson(store, runId);
    await timed(timing, 'reportMs', () => writeRunOutputs(run, outDir));
    timing.extractMs = pool.threadMs();
    return { runId, run, outDir, timing };
  } finally {
    progress.stop();
    clearInterval(flusher);
    ctx.queues.close();
    await pool.close();
    store.close();
    await renderer?.close();
    await net.client.close();
  }
}

/** The run's row: a new one, or the interrupted one reopened; its folder and assessment date. */
function openRun(
  store: Store,
  opts: AuditOptions,
  plan: ReturnType<typeof resumePlan> | undefined,
  units: UnitConfig[],
): { runId: string; outDir: string; asOf: string } {
  const runId = plan?.runId ?? newRunId();
  const outDir = resolve(opts.outDir ?? plan?.outDir ?? runOutDir(runId));
  if (!opts.outDir && !plan?.outDir) markLatest(outDir);
  if (plan) {
    store.reopenRun(runId);
    return { runId, outDir, asOf: plan.asOf };
  }
  const tool = toolInfo();
  store.startRun({
    id: runId,
    as_of: opts.asOf,
    started_at: new Date().toISOString(),
    tool_version: tool.version,
    tool_commit: tool.commit,
    tool_rules: tool.rules,
    profile: opts.config.profile.name,
    options: JSON.stringify({
      config: opts.config.file,
      crawl: opts.crawl,
      units: opts.url ? undefined : units.map((u) => u.id),
      url: opts.url,
      outDir,
    }),
  });
  return { runId, outDir, asOf: opts.asOf };
}

/** Politeness is per host for the whole run, however many units live on a host. */
function runQueues(config: LoadedConfig, units: UnitConfig[], cli?: Partial<CrawlOptions>) {
  const queues = new HostQueues(runCrawlOptions(config.units, cli));
  const optionsOf = new Map(units.map((u) => [u.id, crawlOptionsFor(config.units, u, cli)]));
  for (const u of units)
    for (const site of [u.site, u.disclosure])
      if (site) queues.limit(new URL(site).host, optionsOf.get(u.id)!);
  return { queues, optionsOf };
}

function judgeOne(
  ctx: RunContext,
  unit: UnitConfig,
  ownerWasJudged: Set<string>,
  peers?: PeerReport[],
): Promise<UnitResult> {
  const { config, store, runId } = ctx;
  const owner = platformOf(config.units, unit)?.owner;
  if (owner && store.result(runId, owner)) ownerWasJudged.add(unit.id);
  const hosted = hostedOn(config.units, unit, store, runId);
  const { waivers } = config.units;
  return judgeUnit(store, runId, unit, config.profile, ctx.asOf, waivers, hosted, ctx.pool, peers);
}

/** Every unit crawled (here or on workers) and judged, then judged again where others matter. */
async function auditAll(
  ctx: RunContext,
  opts: AuditOptions,
  crawlCli: Partial<CrawlOptions> | undefined,
  ownerWasJudged: Set<string>,
): Promise<void> {
  const { store, runId, units } = ctx;
  const before = new Map(store.units(runId).map((r) => [r.unit_id, r]));
  // Judged, and crawled to the end: a resumed run keeps these as they are.
  const finished = (id: string) =>
    before.get(id)?.status === 'crawled' && Boolean(before.get(id)?.result);
  // Rows in the config's order: run.json lists the units in it, whoever finishes first.
  for (const unit of units) if (!finished(unit.id)) store.setUnit(runId, unit.id, unit, 'pending');
  if (opts.redis) {
    const { runOnWorkers } = await import('../queue/coordinator.ts');
    const together = await runOnWorkers({
      ...{ redis: opts.redis, store, runId, asOf: ctx.asOf, units, config: ctx.config },
      ...{ crawl: crawlCli, browser: opts.browser, outDir: ctx.outDir, progress: ctx.progress },
      signal: opts.signal,
      say: (line) => process.stderr.write(`${line}\n`),
      finished,
    });
    for (const id of together) ownerWasJudged.add(id);
  } else {
    const parallel =
      opts.parallelUnits ??
      ctx.config.units.crawl?.parallelUnits ??
      Math.min(units.length, MAX_DEFAULT_PARALLEL);
    const queue = new PQueue({ concurrency: parallel });
    for (const unit of spreadByHost(units)) {
      if (finished(unit.id)) ctx.progress.done(unit.id);
      else void queue.add(() => auditUnit(ctx, unit));
    }
    await queue.onIdle();
  }
  store.flush();
  await judgeAgain(ctx, ownerWasJudged);
}

/**
 * Units never reached (interrupted before their turn) are judged too: their checks say why. A
 * unit hosted on a platform is judged again once the platform's owner has been, so the
 * template's problems the owner shows are the platform's, in whatever order units finished.
 * Then 年报雷同 between units: only when every unit is in, the units whose report repeats
 * another's are judged again with those reports beside theirs.
 */
async function judgeAgain(ctx: RunContext, ownerWasJudged: Set<string>): Promise<void> {
  const { store, runId, units, config } = ctx;
  const resultOf = (id: string) => store.result(runId, id);
  for (const unit of units) {
    const stored = resultOf(unit.id);
    const again = platformOf(config.units, unit) && !ownerWasJudged.has(unit.id);
    if (!stored || again) store.saveResult(runId, keepShots(stored, await ctx.judge(unit)));
  }
  if (ctx.signal?.aborted) return;
  for (const [id, peers] of peerReports(store, runId, units, config.profile)) {
    const unit = units.find((u) => u.id === id)!;
    store.saveResult(runId, keepShots(resultOf(id), await ctx.judge(unit, peers)));
  }
}

/** A unit judged again keeps what its first judging had from elsewhere: pictures, its worker. */
function keepShots(prev: UnitResult | undefined, after: UnitResult): UnitResult {
  if (!prev) return after;
  if (prev.coverage.worker) after.coverage.worker = prev.coverage.worker;
  const shots = new Map(prev.findings.filter((f) => f.screenshot).map((f) => [f.fingerprint, f]));
  for (const f of after.findings) {
    const s = shots.get(f.fingerprint);
    if (s)
      Object.assign(f, {
        screenshot: s.screenshot,
        screenshotShows: s.screenshotShows,
        locate: s.locate,
      });
  }
  return after;
}

/**
 * Chromium when some unit may need it. A unit configured `render: browser` or a --browser run
 * cannot go on without it; otherwise the run goes on over HTTP and says why in each report.
 */
async function startBrowser(
  config: LoadedConfig,
  modes: RenderMode[],
  client: HttpClient,
  ua: string,
  opts: AuditOptions,
): Promise<{ renderer?: Renderer; browserNote?: string }> {
  if (!modes.some((m) => m !== 'http')) return {};
  const b = config.units.browser;
  try {
    const renderer = await new Renderer(client, {
      poolSize: b.poolSize,
      pageTimeoutMs: b.pageTimeoutSec * 1000,
      recycleAfter: b.recycleAfter,
      userAgent: ua,
      signal: opts.signal,
    }).start();
    return { renderer };
  } catch (err) {
    if (!(err instanceof BrowserUnavailable)) throw err;
    if (modes.includes('browser')) throw new UsageError(`需要浏览器渲染，但${err.message}`);
    if (opts.progress)
      process.stderr.write(
        `注意：${err.message}；脚本填充的页面将标为无法检测，无障碍检测无法进行。\n`,
      );
    return { browserNote: `未使用浏览器：${err.message}` };
  }
}
