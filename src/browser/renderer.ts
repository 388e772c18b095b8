// A small pool of Chromium tabs for the crawl and the evidence step. Tabs are reused (opening
// a context and a tab costs ~250 ms, more than rendering a typical page) and recycled after
// `recycleAfter` pages so a leaking renderer cannot grow without bound. Each task has a hard
// time limit: a hung tab is closed, and if closing hangs too the browser is relaunched.
import PQueue from 'p-queue';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HttpClient } from '../net/http.ts';
import { launchChromium } from './chromium.ts';
import { findHiddenInPage, type ComputedHidden } from './computed-hidden.ts';
import { READ_PENDING, trackActivityInPage, whenIdle } from './page-activity.ts';
import { routeThroughClient, type Prefetched, type RouteStats } from './route-through-client.ts';

export interface RendererOptions {
  poolSize: number;
  pageTimeoutMs: number;
  /** Pages a tab serves before it is closed and a fresh one opened. */
  recycleAfter: number;
  userAgent: string;
  signal?: AbortSignal;
}

export interface Rendered {
  finalUrl: string;
  status: number | null;
  html: string;
  hidden: ComputedHidden;
  elapsedMs: number;
  /** Nothing was pending in the page when it was read (false: read at the cap). */
  idle?: boolean;
  error?: string;
}

export interface PageTask {
  page: Page;
  stats: RouteStats;
  deadline: number;
}

interface Tab {
  context: BrowserContext;
  page: Page;
  stats: RouteStats;
  route: {
    userAgent: string;
    timeoutMs: number;
    heavy: boolean;
    document?: Prefetched;
    signal?: AbortSignal;
  };
  uses: number;
}

const VIEWPORT = { width: 1280, height: 900 };
// tsx/esbuild wrap named functions in __name(); the page has no such helper.
const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((f) => f);';
/**
 * Timers due within 800 ms are waited for (a list drawn after a short delay); a 1-second clock,
 * a carousel or a pop-up is not. Three timers deep, so a marquee that reschedules itself ends.
 */
const TRACK_ACTIVITY = `(${trackActivityInPage.toString()})(800, 3)`;

/**
 * What is read from a rendered page, in one round trip once it has nothing left in hand: what it
 * hides by computed style, and its DOM as HTML (what page.content() returns). A round trip of its
 * own cost ~40 ms a page under load (bench:browser).
 */
interface Snapshot {
  waitedMs: number;
  pendingLeft: number;
  hidden: ComputedHidden;
  html: string;
}
const snapshot = (capMs: number) => `(async () => {
  const waitedMs = await ${whenIdle(capMs)};
  const pendingLeft = ${READ_PENDING};
  const hidden = (${findHiddenInPage.toString()})();
  const d = document.doctype;
  const html = (d ? new XMLSerializer().serializeToString(d) : '') + document.documentElement.outerHTML;
  return { waitedMs, pendingLeft, hidden, html };
})()`;

export class Renderer {
  private browser: Promise<Browser> | undefined;
  private readonly queue: PQueue;
  private idle: Tab[] = [];
  closed = false;
  /** Where rendering time went, summed over pages: waiting for a tab, loading, waiting, reading. */
  readonly spent = { pages: 0, queueMs: 0, loadMs: 0, settleMs: 0, readMs: 0 };

  constructor(
    private readonly client: HttpClient,
    readonly options: RendererOptions,
  ) {
    this.queue = new PQueue({ concurrency: options.poolSize });
  }

  /** Launches Chromium now, so a missing browser is known before the crawl starts. */
  async start(): Promise<this> {
    await this.getBrowser();
    return this;
  }

  private getBrowser(): Promise<Browser> {
    if (!this.browser) {
      const launching = launchChromium();
      this.browser = launching;
      launching.then(
        (b) => b.on('disconnected', () => this.browser === launching && (this.browser = undefined)),
        () => (this.browser = undefined),
      );
    }
    return this.browser;
  }

  private async relaunch(): Promise<void> {
    const old = this.browser;
    this.browser = undefined;
    this.idle = [];
    if (old) await old.then((b) => withTimeout(b.close(), 10_000)).catch(() => undefined);
  }

  private async openTab(): Promise<Tab> {
    const browser = await this.getBrowser();
    const context = await browser.newContext({
      viewport: VIEWPORT,
      locale: 'zh-CN',
      serviceWorkers: 'block',
      userAgent: this.options.userAgent,
    });
    await context.addInitScript(NAME_SHIM);
    await context.addInitScript(TRACK_ACTIVITY);
    const route = {
      userAgent: this.options.userAgent,
      timeoutMs: Math.min(this.options.pageTimeoutMs, 15_000),
      heavy: false,
      signal: this.options.signal,
    };
    const stats = await routeThroughClient(context, this.client, route);
    const page = await context.newPage();
    return { context, page, stats, route, uses: 0 };
  }

  private async closeTab(tab: Tab): Promise<void> {
    const closed = await withTimeout(tab.context.close(), 5_000).then(
      () => true,
      () => false,
    );
    if (!closed) await this.relaunch(); // a hung renderer: start over rather than wait
  }

  /** Runs `fn` on a pooled tab within the time limit; heavy resources load only when asked. */
  withPage<T>(
    fn: (t: PageTask) => Promise<T>,
    opts: { heavy?: boolean; timeoutMs?: number; document?: Prefetched } = {},
  ): Promise<T> {
    return this.queue.add(async () => {
      if (this.closed) throw new Error('浏览器已关闭');
      const limit = opts.timeoutMs ?? this.options.pageTimeoutMs;
      let tab = this.idle.pop();
      if (tab?.page.isClosed()) tab = undefined;
      tab ??= await this.openTab();
      tab.route.heavy = Boolean(opts.heavy);
      tab.route.document = opts.document;
      tab.page.setDefaultTimeout(limit);
      let ok = false;
      try {
        const result = await withTimeout(
          fn({ page: tab.page, stats: tab.stats, deadline: performance.now() + limit }),
          limit + 2_000,
          `页面渲染超过 ${Math.round(limit / 1000)} 秒`,
        );
        ok = true;
        return result;
      } finally {
        tab.uses++;
        // A tab that failed or timed out is closed; the next navigation replaces a good one's page.
        const reusable = ok && tab.uses < this.options.recycleAfter && !this.closed;
        if (reusable) this.idle.push(tab);
        else await this.closeTab(tab);
      }
    }) as Promise<T>;
  }

  /**
   * The page once it has nothing left in hand (see settle), with what it hides by computed
   * style. `document`: the page as the crawl already fetched it, so the site is not asked twice.
   */
  render(url: string, document?: Prefetched): Promise<Rendered> {
    const started = performance.now();
    // A failure is thrown out of the task, so the tab that failed (perhaps still spinning) is closed.
    return this.withPage(
      async ({ page, stats, deadline }) => {
        const t0 = performance.now();
        const res = await page.goto(url, { waitUntil: 'load' });
        const t1 = performance.now();
        const snap = await settle<Snapshot>(page, stats, deadline, snapshot);
        const t2 = performance.now();
        if (!snap) throw new Error('页面在渲染中关闭或跳转');
        const { hidden, html, waitedMs, pendingLeft } = snap.value;
        const spent = this.spent;
        spent.pages++;
        spent.queueMs += t0 - started;
        spent.loadMs += t1 - t0;
        spent.settleMs += snap.networkMs + waitedMs;
        spent.readMs += t2 - t1 - snap.networkMs - waitedMs;
        return {
          finalUrl: page.url(),
          status: res?.status() ?? null,
          html,
          hidden,
          elapsedMs: Math.round(t2 - started),
          idle: pendingLeft === 0,
        };
      },
      { document },
    ).catch((err: Error) => ({
      finalUrl: url,
      status: null,
      html: '',
      hidden: { links: [], blocks: [] },
      elapsedMs: Math.round(performance.now() - started),
      error: err.message.split('\n')[0],
    }));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.clear();
    this.idle = [];
    const b = this.browser;
    this.browser = undefined;
    if (b) await b.then((x) => withTimeout(x.close(), 10_000)).catch(() => undefined);
  }
}

/**
 * A response that came after the load event is given this long to be used: a kind of request
 * the page does not count (see page-activity.ts). The load event waited for the earlier ones.
 */
const NETWORK_QUIET_MS = 50;
/** The page's own pending work is waited for this long at most (a request that never ends). */
const PAGE_WORK_CAP_MS = 2_000;

/**
 * Waits, from the load event on, until the page has nothing left in hand: no request in flight
 * or just answered, and no short timer, request, body read or inserted script pending inside it
 * (page-activity.ts); then evaluates `read` there, in the same round trip as the wait. Should a
 * request start meanwhile, it waits and reads again. Undefined if the page closed or navigated.
 */
export async function settle<T = number>(
  page: Page,
  stats: RouteStats,
  deadline: number,
  read: (capMs: number) => string = whenIdle,
): Promise<{ value: T; networkMs: number } | undefined> {
  const loaded = performance.now();
  const end = Math.min(loaded + PAGE_WORK_CAP_MS, deadline - 200);
  let networkMs = 0;
  for (;;) {
    const t = performance.now();
    while (performance.now() < deadline - 200) {
      const since = performance.now() - stats.lastActivity;
      if (stats.inflight === 0 && (stats.lastActivity <= loaded || since >= NETWORK_QUIET_MS))
        break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const asked = performance.now();
    networkMs += asked - t;
    const value = (await page.evaluate(read(end - asked)).catch(() => undefined)) as T | undefined;
    if (value === undefined) return undefined;
    const calm = stats.inflight === 0 && stats.lastActivity <= asked;
    if (calm || performance.now() >= end) return { value, networkMs };
  }
}

export function withTimeout<T>(
  p: Promise<T>,
  ms: number,
  message = `超时（${ms} 毫秒）`,
): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, fail) => {
      timer = setTimeout(() => fail(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
