// One audit run: crawl each unit, probe it, store everything, judge it, then write run.json
// (canonical) and render the reports from it. Units run a few at a time; a unit that crashes
// is judged on what was stored (its checks say 无法检测), and an interrupted run keeps what
// it had and says so.
import { randomBytes } from 'node:crypto';
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
import { HostMap } from '../net/hosts.ts';
import { HttpClient } from '../net/http.ts';
import { probeOutside } from '../net/outside.ts';
import { gatherProbes, type ProbeInput } from './probes.ts';
import { Store } from '../store/db.ts';
import { toolInfo } from '../version.ts';
import { judgeUnit } from './judge.ts';
import { Progress } from './progress.ts';
import { loadRunJson, writeRunOutputs } from './outputs.ts';
import type { RunJson } from '../contract/run.ts';

export interface AuditOptions {
  config: LoadedConfig;
  unitIds?: string[];
  url?: string;
  asOf: string;
  /** Where the reports go; by default the run's own folder in the data home (latest points there). */
  outDir?: string;
  dbFile: string;
  crawl?: Partial<CrawlOptions>;
  parallelUnits?: number;
  signal?: AbortSignal;
  progress?: boolean;
  /** --browser: render every page of every unit in Chromium. */
  browser?: boolean;
}

export function userAgent(contact: string): string {
  // Header values must be Latin-1: a Chinese contact is percent-encoded.
  const safe = /^[\x20-\x7e]*$/.test(contact) ? contact : encodeURIComponent(contact);
  return `zwgk-audit/${toolInfo().version} (+government website disclosure audit; ${safe})`;
}

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

export async function audit(opts: AuditOptions): Promise<{ runId: string; run: RunJson; outDir: string }> {
  const { config } = opts;
  const units = selectUnits(opts);
  const hosts = new HostMap({}, config.units.network.loopbackOnly);
  for (const u of config.units.units) if (u.hosts) hosts.add(u.hosts);
  const client = new HttpClient(hosts);
  const ua = userAgent(config.units.contact);
  const modeOf = (u: UnitConfig): RenderMode =>
    opts.browser ? 'browser' : !config.units.browser.enabled ? 'http' : (u.render ?? 'auto');
  const { renderer, browserNote } = await startBrowser(config, units.map(modeOf), client, ua, opts);
  let store: Store;
  try {
    store = new Store(opts.dbFile);
  } catch (err) {
    await renderer?.close();
    throw err;
  }
  const runId = newRunId();
  const outDir = resolve(opts.outDir ?? runOutDir(runId));
  if (!opts.outDir) markLatest(outDir);
  const tool = toolInfo();
  store.startRun({
    id: runId,
    as_of: opts.asOf,
    started_at: new Date().toISOString(),
    tool_version: tool.version,
    tool_commit: tool.commit,
    profile: config.profile.name,
    options: JSON.stringify({
      config: config.file,
      crawl: opts.crawl,
      units: units.map((u) => u.id),
      outDir,
    }),
  });
  // Once per run: whether off-site links can be checked from this machine at all.
  const references = (config.units.network.referenceHosts ?? []).map((h) => `https://${h}/`);
  const outside = await probeOutside(client, references, ua);
  const progress = new Progress(units.length, process.stderr, opts.progress ?? false);
  progress.start();
  // Pages are written in batches; once a second the batch goes out anyway, so a running audit's
  // progress is visible in the store (the report server reads it) and a crash loses little.
  const flusher = setInterval(() => store.flush(), 1000);
  flusher.unref();
  const queue = new PQueue({ concurrency: opts.parallelUnits ?? 4 });
  try {
    for (const unit of units) {
      store.setUnit(runId, unit.id, unit, 'pending');
      void queue.add(async () => {
        if (opts.signal?.aborted) return;
        const options = crawlOptionsFor(config.units, unit, opts.crawl);
        const mode = modeOf(unit);
        const unitRenderer = mode === 'http' ? undefined : renderer;
        store.setUnit(runId, unit.id, unit, 'crawling');
        try {
          const summary = await crawlUnit({
            renderer: unitRenderer,
            render: mode,
            site: unit.site,
            disclosure: unit.disclosure,
            options,
            availability: config.profile.availability,
            client,
            userAgent: ua,
            signal: opts.signal,
            offsiteSkip: outside.reachable ? undefined : outside.reason,
            sink: (record, html) => store.addPage(runId, unit.id, record, html),
            onProgress: (p) => progress.update(unit.id, p.fetched, p.failed),
          });
          store.flush();
          const home = summary.homepage;
          if (answered(home) && !opts.signal?.aborted) {
            const input: ProbeInput = {
              site: unit.site,
              homepage: home,
              hosts,
              client,
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
          store.setUnit(runId, unit.id, unit, summary.interrupted ? 'interrupted' : 'crawled', summary);
        } catch (err) {
          store.setUnit(runId, unit.id, unit, `error: ${(err as Error).message}`);
        }
        const result = judgeUnit(store, runId, unit, config.profile, opts.asOf, config.units.waivers);
        store.saveResult(runId, result);
        if (renderer && modeOf(unit) !== 'http' && config.units.browser.screenshots > 0 && !opts.signal?.aborted) {
          const own = new Set([unit.site, unit.disclosure].filter(Boolean).map((u) => new URL(u!).host));
          // Evidence is a bonus: a failure here (disk, browser) leaves the findings as they are.
          await captureEvidence(renderer, unit.id, result.findings, {
            outDir,
            max: config.units.browser.screenshots,
            ownHosts: own,
          })
            .then(() => store.saveResult(runId, result))
            .catch(() => undefined);
        }
        progress.done(unit.id);
      });
    }
    await queue.onIdle();
    // Units never reached (interrupted before their turn) are judged too: their checks say why.
    for (const unit of units) {
      const row = store.units(runId).find((u) => u.unit_id === unit.id);
      if (!row?.result)
        store.saveResult(runId, judgeUnit(store, runId, unit, config.profile, opts.asOf, config.units.waivers));
    }
    store.finishRun(runId, opts.signal?.aborted ? 'interrupted' : 'complete');
    const run = loadRunJson(store, runId);
    await writeRunOutputs(run, outDir);
    return { runId, run, outDir };
  } finally {
    progress.stop();
    clearInterval(flusher);
    store.close();
    await renderer?.close();
    await client.close();
  }
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
      process.stderr.write(`注意：${err.message}；脚本填充的页面将标为无法检测，无障碍检测无法进行。\n`);
    return { browserNote: `未使用浏览器：${err.message}` };
  }
}
