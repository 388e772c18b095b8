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
import { answered } from '../contract/page.ts';
import PQueue from 'p-queue';
import { crawlOptionsFor, type LoadedConfig } from '../config/load.ts';
import type { CrawlOptions, UnitConfig } from '../config/schema.ts';
import { crawlUnit, type RenderMode } from '../crawl/crawl-unit.ts';
import { BrowserUnavailable } from '../browser/chromium.ts';
import { Renderer } from '../browser/renderer.ts';
import { captureEvidence } from './evidence.ts';
import { networkFor } from './network.ts';
import type { HttpClient } from '../net/http.ts';
import { probeOutside } from '../probes/outside.ts';
import { gatherProbes, type ProbeInput } from '../probes/registry.ts';
import { Store } from '../store/db.ts';
import { toolInfo } from '../version.ts';
import { judgeUnit } from '../judge/judge.ts';
import { Progress } from './progress.ts';
import { loadRunJson, writeRunOutputs } from './outputs.ts';
import type { RunJson, UnitResult } from '../contract/run.ts';
import type { Attempt } from '../contract/page.ts';
import { HostQueues } from '../crawl/host-queues.ts';
import { SharedFetches } from '../crawl/shared-fetches.ts';
import { ExtractPool } from '../crawl/extract-pool.ts';
import { foreignTo, hostedOn, platformOf, sharedHosts } from '../judge/platform.ts';
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
): Promise<{ runId: string; run: RunJson; outDir: string }> {
  const { config } = opts;
  const plan = opts.resume ? resumePlan(opts.dbFile, opts.resume) : undefined;
  const units = plan
    ? selectUnits({ config, unitIds: plan.units, url: plan.url })
    : selectUnits(opts);
  const crawlCli = plan?.crawl ?? opts.crawl;
  const { hosts, client, ua } = networkFor(config);
  const modeOf = (u: UnitConfig): RenderMode =>
    opts.browser ? 'browser' : !config.units.browser.enabled ? 'http' : (u.render ?? 'auto');
  // On workers, the coordinator neither crawls nor renders: Redis must answer before a run starts.
  // The queue's modules (BullMQ, ioredis: ~20 MB) are loaded only for a run that uses them.
  if (opts.redis) await (await import('../queue/jobs.ts')).checkRedis(opts.redis);
  const { renderer, browserNote } = opts.redis
    ? {}
    : await startBrowser(config, units.map(modeOf), client, ua, opts);
  let store: Store;
  try {
    store = new Store(opts.dbFile);
  } catch (err) {
    await renderer?.close();
    throw err;
  }
  const runId = plan?.runId ?? newRunId();
  const outDir = resolve(opts.outDir ?? plan?.outDir ?? runOutDir(runId));
  if (!opts.outDir && !plan?.outDir) markLatest(outDir);
  const tool = toolInfo();
  if (plan) store.reopenRun(runId);
  else
    store.startRun({
      id: runId,
      as_of: opts.asOf,
      started_at: new Date().toISOString(),
      tool_version: tool.version,
      tool_commit: tool.commit,
      tool_rules: tool.rules,
      profile: config.profile.name,
      options: JSON.stringify({
        config: config.file,
        crawl: opts.crawl,
        units: opts.url ? undefined : units.map((u) => u.id),
        url: opts.url,
        outDir,
      }),
    });
  const asOf = plan?.asOf ?? opts.asOf;
  // Each request in flight listens to the run's signal (units × hosts × concurrency): not a leak.
  if (opts.signal) setMaxListeners(0, opts.signal);
  opts.onStart?.(runId);
  // Once per run: whether off-site links can be checked from this machine at all.
  const references = (config.units.network.referenceHosts ?? []).map((h) => `https://${h}/`);
  const outside = opts.redis
    ? { reachable: true, reason: '' }
    : await probeOutside(client, references, ua);
  const progress = new Progress(units.length, process.stderr, opts.progress ?? false);
  progress.start();
  // Pages are written in batches; once a second the batch goes out anyway, so a running audit's
  // progress is visible in the store (the report server reads it) and a crash loses little.
  const flusher = setInterval(() => store.flush(), 1000);
  flusher.unref();
  // Politeness is per host for the whole run, however many units live on a host.
  const base = crawlOptionsFor(
    config.units,
    { id: '-', name: '-', kind: '-', site: 'http://x/' },
    crawlCli,
  );
  const queues = new HostQueues(base);
  const optionsOf = new Map(units.map((u) => [u.id, crawlOptionsFor(config.units, u, crawlCli)]));
  for (const u of units)
    for (const site of [u.site, u.disclosure])
      if (site) queues.limit(new URL(site).host, optionsOf.get(u.id)!);
  const shared = new SharedFetches(sharedHosts(config.units, units));
  const pool = new ExtractPool(opts.redis ? 0 : opts.extractThreads);
  const parallel =
    opts.parallelUnits ??
    config.units.crawl?.parallelUnits ??
    Math.min(units.length, MAX_DEFAULT_PARALLEL);
  const queue = new PQueue({ concurrency: parallel });
  const before = new Map(store.units(runId).map((r) => [r.unit_id, r]));
  // Judged, and crawled to the end: a resumed run keeps these as they are.
  const finished = (id: string) =>
    before.get(id)?.status === 'crawled' && Boolean(before.get(id)?.result);
  // Hosted units judged after their platform's owner need no second judging at the end.
  const ownerWasJudged = new Set<string>();
  const judgeOne = (unit: UnitConfig, peers?: PeerReport[]) => {
    const owner = platformOf(config.units, unit)?.owner;
    if (owner && store.result(runId, owner)) ownerWasJudged.add(unit.id);
    return judgeUnit(
      store,
      runId,
      unit,
      config.profile,
      asOf,
      config.units.waivers,
      hostedOn(config.units, unit, store, runId),
      pool,
      peers,
    );
  };
  try {
    // Rows in the config's order: run.json lists the units in it, whoever finishes first.
    for (const unit of units)
      if (!finished(unit.id)) store.setUnit(runId, unit.id, unit, 'pending');
    if (opts.redis) {
      const { runOnWorkers } = await import('../queue/coordinator.ts');
      const together = await runOnWorkers({
        redis: opts.redis,
        store,
        runId,
        asOf,
        units,
        config,
        crawl: crawlCli,
        browser: opts.browser,
        outDir,
        progress,
        signal: opts.signal,
        say: (line) => process.stderr.write(`${line}\n`),
        finished,
      });
      for (const id of together) ownerWasJudged.add(id);
    }
    for (const unit of opts.redis ? [] : spreadByHost(units)) {
      if (finished(unit.id)) {
        progress.done(unit.id);
        continue;
      }
      void queue.add(async () => {
        if (opts.signal?.aborted) return;
        const options = optionsOf.get(unit.id)!;
        const mode = modeOf(unit);
        const unitRenderer = mode === 'http' ? undefined : renderer;
        const resume = plan
          ? {
              pages: store.pages(runId, unit.id),
              homepageAttempts: store.homepageAttempts<Attempt>(runId, unit.id),
            }
          : undefined;
        store.setUnit(runId, unit.id, unit, 'crawling');
        try {
          const summary = await crawlUnit({
            renderer: unitRenderer,
            render: mode,
            site: unit.site,
            disclosure: unit.disclosure,
            scope: unit.scope,
            foreign: foreignTo(units, unit),
            queues,
            shared,
            extract: pool.extract,
            resume,
            options,
            availability: config.profile.availability,
            client,
            userAgent: ua,
            signal: opts.signal,
            offsiteSkip: outside.reachable ? undefined : outside.reason,
            sink: (record, html, packed) => store.addPage(runId, unit.id, record, html, packed),
            onHomepage: (attempts) => store.setHomepageAttempts(runId, unit.id, attempts),
            onProgress: (p) => {
              progress.update(unit.id, p.fetched, p.failed);
              opts.onProgress?.(unit.id, p.fetched, p.failed);
            },
          });
          store.flush();
          const home = summary.homepage;
          if (answered(home) && !opts.signal?.aborted) {
            const input: ProbeInput = {
              site: unit.site,
              ports: unit.ports,
              homepage: home,
              hosts,
              client: queues.politeClient(client),
              userAgent: ua,
              timeoutMs: options.timeoutMs,
              sample: (depths, limit) => store.sampleUrls(runId, unit.id, depths, limit),
              ipv6LinkSample: config.profile.ipv6.linkSample,
              accessibilitySample: config.units.browser.accessibilitySample,
              renderer: unitRenderer,
            };
            await gatherProbes(input, (name, data) => store.setProbe(runId, unit.id, name, data));
          }
          summary.browser =
            mode === 'http'
              ? config.units.browser.enabled
                ? '本单位配置为仅 HTTP 抓取（render: http）'
                : '浏览器模式已关闭（browser.enabled: false）'
              : unitRenderer
                ? mode === 'browser'
                  ? '全部页面由浏览器渲染'
                  : '脚本填充的页面由浏览器渲染'
                : browserNote;
          store.setUnit(
            runId,
            unit.id,
            unit,
            summary.interrupted ? 'interrupted' : 'crawled',
            summary,
          );
        } catch (err) {
          store.setUnit(runId, unit.id, unit, `error: ${(err as Error).message}`);
        }
        const result = await judgeOne(unit);
        store.saveResult(runId, result);
        if (
          renderer &&
          modeOf(unit) !== 'http' &&
          config.units.browser.screenshots > 0 &&
          !opts.signal?.aborted
        ) {
          const own = new Set(
            [unit.site, unit.disclosure].filter(Boolean).map((u) => new URL(u!).host),
          );
          // Evidence is a bonus: a failure here (disk, browser) leaves the findings as they are.
          await captureEvidence(renderer, unit.id, result.findings, {
            outDir,
            max: config.units.browser.screenshots,
            ownHosts: own,
            asOf,
            signal: opts.signal,
          })
            .then(() => store.saveResult(runId, result))
            .catch(() => undefined);
        }
        progress.done(unit.id);
      });
    }
    await queue.onIdle();
    // Units never reached (interrupted before their turn) are judged too: their checks say why.
    // A unit hosted on a platform is judged again once the platform's owner has been, so the
    // template's problems the owner shows are the platform's, in whatever order units finished.
    store.flush();
    for (const unit of units) {
      const row = store.units(runId).find((u) => u.unit_id === unit.id);
      const again = platformOf(config.units, unit) && !ownerWasJudged.has(unit.id);
      if (!row?.result || again)
        store.saveResult(runId, keepShots(row?.result, await judgeOne(unit)));
    }
    // 年报雷同 between units: only when every unit is in, the units whose report repeats
    // another's are judged again with those reports beside theirs.
    if (!opts.signal?.aborted)
      for (const [id, peers] of peerReports(store, runId, units, config.profile)) {
        const unit = units.find((u) => u.id === id)!;
        const before = store.units(runId).find((u) => u.unit_id === id)?.result;
        store.saveResult(runId, keepShots(before, await judgeOne(unit, peers)));
      }
    store.finishRun(runId, opts.signal?.aborted ? 'interrupted' : 'complete');
    const run = loadRunJson(store, runId);
    await writeRunOutputs(run, outDir);
    return { runId, run, outDir };
  } finally {
    progress.stop();
    clearInterval(flusher);
    queues.close();
    await pool.close();
    store.close();
    await renderer?.close();
    await client.close();
  }
}

/** A unit judged again keeps the screenshots its findings already have. */
/** A unit judged again keeps what its first judging had from elsewhere: pictures, its worker. */
function keepShots(before: string | null | undefined, after: UnitResult): UnitResult {
  if (!before) return after;
  const prev = JSON.parse(before) as UnitResult;
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
