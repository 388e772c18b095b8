// One unit within an audit run: crawled, probed, judged and photographed, each step's outcome
// stored as it is known. A unit whose crawl throws is still judged on what was stored (its
// checks say 无法检测); evidence pictures are a bonus whose failure changes no finding.
import type { LoadedConfig } from '../config/load.ts';
import type { CrawlOptions, UnitConfig } from '../config/schema.ts';
import type { PeerReport } from '../contract/check.ts';
import { answered, type Attempt, type CrawlSummary, type PageRecord } from '../contract/page.ts';
import type { UnitResult } from '../contract/run.ts';
import type { Renderer } from '../browser/renderer.ts';
import { crawlUnit, type RenderMode } from '../crawl/crawl-unit.ts';
import type { ExtractPool } from '../crawl/extract-pool.ts';
import type { HostQueues } from '../crawl/host-queues.ts';
import type { SharedFetches } from '../crawl/shared-fetches.ts';
import { foreignTo } from '../judge/platform.ts';
import type { HostMap } from '../net/hosts.ts';
import type { HttpClient } from '../net/http.ts';
import { gatherProbes } from '../probes/registry.ts';
import type { Store } from '../store/db.ts';
import { captureEvidence } from './evidence.ts';
import type { Progress } from './progress.ts';

/** Where a run's time went, summed over its units (the bench prints it; not in run.json). */
export interface RunTiming {
  crawlMs: number;
  probeMs: number;
  judgeMs: number;
  evidenceMs: number;
  reportMs: number;
  /** Thread time the extraction took, on the workers and here (it overlaps the crawl). */
  extractMs: number;
}

export const noTime = (): RunTiming => ({
  crawlMs: 0,
  probeMs: 0,
  judgeMs: 0,
  evidenceMs: 0,
  reportMs: 0,
  extractMs: 0,
});

/** What every unit of a run shares. */
export interface RunContext {
  config: LoadedConfig;
  store: Store;
  runId: string;
  asOf: string;
  outDir: string;
  units: UnitConfig[];
  net: { hosts: HostMap; client: HttpClient; ua: string };
  queues: HostQueues;
  shared: SharedFetches;
  pool: ExtractPool;
  renderer?: Renderer;
  /** Why the run has no browser, when it has none. */
  browserNote?: string;
  /** Why off-site links cannot be checked from this machine, if so. */
  offsiteSkip?: string;
  optionsOf: Map<string, CrawlOptions>;
  modeOf: (unit: UnitConfig) => RenderMode;
  /** A resumed run: each unit's stored pages are read again, not fetched. */
  resuming: boolean;
  progress: Progress;
  signal?: AbortSignal;
  onProgress?: (unitId: string, fetched: number, failed: number) => void;
  judge: (unit: UnitConfig, peers?: PeerReport[]) => Promise<UnitResult>;
  timing: RunTiming;
}

/** Adds the time `work` takes to the run's `phase`. */
export async function timed<T>(
  timing: RunTiming,
  phase: keyof RunTiming,
  work: () => Promise<T>,
): Promise<T> {
  const t = performance.now();
  try {
    return await work();
  } finally {
    timing[phase] += performance.now() - t;
  }
}

export async function auditUnit(ctx: RunContext, unit: UnitConfig): Promise<void> {
  if (ctx.signal?.aborted) return;
  const { store, runId } = ctx;
  store.setUnit(runId, unit.id, unit, 'crawling');
  try {
    const summary = await timed(ctx.timing, 'crawlMs', () => crawlOne(ctx, unit));
    store.flush();
    const home = summary.homepage;
    if (answered(home) && !ctx.signal?.aborted)
      await timed(ctx.timing, 'probeMs', () => probeOne(ctx, unit, home));
    summary.browser = browserNoteFor(ctx, unit);
    const status = summary.interrupted ? 'interrupted' : 'crawled';
    store.setUnit(runId, unit.id, unit, status, summary);
  } catch (err) {
    store.setUnit(runId, unit.id, unit, `error: ${(err as Error).message}`);
  }
  const result = await ctx.judge(unit);
  store.saveResult(runId, result);
  await timed(ctx.timing, 'evidenceMs', () => photograph(ctx, unit, result));
  ctx.progress.done(unit.id);
}

const rendererOf = (ctx: RunContext, unit: UnitConfig) =>
  ctx.modeOf(unit) === 'http' ? undefined : ctx.renderer;

function crawlOne(ctx: RunContext, unit: UnitConfig): Promise<CrawlSummary> {
  const { store, runId, config } = ctx;
  const resume = ctx.resuming
    ? {
        pages: store.pages(runId, unit.id),
        homepageAttempts: store.homepageAttempts<Attempt>(runId, unit.id),
      }
    : undefined;
  const crawl = () =>
    crawlUnit({
      renderer: rendererOf(ctx, unit),
      render: ctx.modeOf(unit),
      site: unit.site,
      disclosure: unit.disclosure,
      scope: unit.scope,
      foreign: foreignTo(ctx.units, unit),
      queues: ctx.queues,
      shared: ctx.shared,
      extract: ctx.pool.extract,
      resume,
      options: ctx.optionsOf.get(unit.id)!,
      availability: config.profile.availability,
      client: ctx.net.client,
      userAgent: ctx.net.ua,
      signal: ctx.signal,
      offsiteSkip: ctx.offsiteSkip,
      sink: (record, html, packed) => store.addPage(runId, unit.id, record, html, packed),
      onHomepage: (attempts) => store.setHomepageAttempts(runId, unit.id, attempts),
      onProgress: (p) => {
        ctx.progress.update(unit.id, p.fetched, p.failed);
        ctx.onProgress?.(unit.id, p.fetched, p.failed);
      },
    });
  return ctx.pool.crawling(crawl);
}

function probeOne(ctx: RunContext, unit: UnitConfig, homepage: PageRecord): Promise<void> {
  const { store, runId, config } = ctx;
  const input = {
    site: unit.site,
    ports: unit.ports,
    homepage,
    hosts: ctx.net.hosts,
    client: ctx.queues.politeClient(ctx.net.client),
    userAgent: ctx.net.ua,
    timeoutMs: ctx.optionsOf.get(unit.id)!.timeoutMs,
    sample: (depths: number[], limit: number) => store.sampleUrls(runId, unit.id, depths, limit),
    ipv6LinkSample: config.profile.ipv6.linkSample,
    accessibilitySample: config.units.browser.accessibilitySample,
    renderer: rendererOf(ctx, unit),
  };
  return gatherProbes(input, (name, data) => store.setProbe(runId, unit.id, name, data));
}

/** How the unit's pages were read, for its report. */
function browserNoteFor(ctx: RunContext, unit: UnitConfig): string | undefined {
  const mode = ctx.modeOf(unit);
  if (mode === 'http')
    return ctx.config.units.browser.enabled
      ? '本单位配置为仅 HTTP 抓取（render: http）'
      : '浏览器模式已关闭（browser.enabled: false）';
  if (!ctx.renderer) return ctx.browserNote;
  return mode === 'browser' ? '全部页面由浏览器渲染' : '脚本填充的页面由浏览器渲染';
}

/** Screenshots of the findings, as evidence; a failure here (disk, browser) changes nothing. */
async function photograph(ctx: RunContext, unit: UnitConfig, result: UnitResult): Promise<void> {
  const { renderer, config } = ctx;
  const max = config.units.browser.screenshots;
  if (!renderer || ctx.modeOf(unit) === 'http' || max <= 0 || ctx.signal?.aborted) return;
  const own = new Set([unit.site, unit.disclosure].filter(Boolean).map((u) => new URL(u!).host));
  await captureEvidence(renderer, unit.id, result.findings, {
    outDir: ctx.outDir,
    max,
    ownHosts: own,
    asOf: ctx.asOf,
    signal: ctx.signal,
  })
    .then(() => ctx.store.saveResult(ctx.runId, result))
    .catch(() => undefined);
}
