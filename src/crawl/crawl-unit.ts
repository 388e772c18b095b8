// Crawls one unit's site over plain HTTP: the homepage (with retries, for site-availability),
// then breadth-first over the unit's own pages (its hosts, or its `scope` on a shared host)
// within the page, depth and time budgets, and a status check of every attachment and off-site
// link. Each outcome goes to `sink` as soon as it is known, so an interrupted run keeps what it
// had, and a resumed one starts from what was stored. Requests wait their turn in the run's
// per-host queues, shared with every other unit on the same host.
//
// Why not crawlee's CheerioCrawler: measured here at ~100 pages/s against ~700 for
// undici + htmlparser2 + p-queue (research/stack-probe.md §4, and `npm run bench`), because it
// parses every page twice and pays per-link request-queue costs. What it would give us
// (queue, retries, per-host limits, Retry-After) is a few dozen lines with p-queue.
import type { CrawlOptions } from '../config/schema.ts';
import type { Packed } from '../contract/packed.ts';
import {
  answered,
  type Attempt,
  type CrawlSummary,
  type PageArtifacts,
  type PageRecord,
} from '../contract/page.ts';
import type { FetchOutcome, HttpClient } from '../net/http.ts';
import { checkLink } from './check-link.ts';
import { Frontier, type Found, type Next } from './frontier.ts';
import { homepageAttempts } from './homepage-attempts.ts';
import { HostQueues } from './host-queues.ts';
import { politeFetch, type PoliteFetch } from './polite-fetch.ts';
import { readPage, type ReadPageInput } from './read-page.ts';
import { UnitScope } from './scope.ts';
import type { SharedFetches } from './shared-fetches.ts';
import { startTimeBudget } from './time-budget.ts';
import { UnitLines } from './unit-lines.ts';

export type { RenderMode } from './read-page.ts';

export interface CrawlInput extends ReadPageInput {
  site: string;
  disclosure?: string;
  options: CrawlOptions;
  availability: { attempts: number; timeoutSec: number };
  client: HttpClient;
  userAgent: string;
  /** Each page as it is read, with its HTML or the parts the extraction already packed. */
  sink: (record: PageRecord, html?: string, packed?: Packed) => void;
  onProgress?: (p: { fetched: number; failed: number; queued: number }) => void;
  /** Why off-site links are not checked (this machine reaches no outside network), if so. */
  offsiteSkip?: string;
  /** The unit's own part of a shared host (units.yaml `scope`). */
  scope?: string[];
  /** Another unit's part of a shared host: not this unit's pages. */
  foreign?: (u: URL) => boolean;
  /** The run's per-host queues (absent: this crawl's own). */
  queues?: HostQueues;
  /** Answers shared with other units of the run (pages on hosts several units crawl). */
  shared?: SharedFetches;
  /** What an interrupted run stored for this unit: read again, not fetched again. */
  resume?: { pages: PageRecord[]; homepageAttempts?: Attempt[] };
  /** Told once the homepage attempts are known (stored, so a resumed run has them). */
  onHomepage?: (attempts: Attempt[]) => void;
}

const RETRIED: ReadonlySet<string> = new Set([
  'timeout',
  'dns',
  'refused',
  'reset',
  'unreachable',
  'tls',
  'http',
  'network',
  'garbage',
]);

/** A failure worth one more try before it becomes a finding (a WAF's 403 or our policy is not). */
function looksDead(r: { status: number | null; errorClass?: string }): boolean {
  return r.errorClass
    ? RETRIED.has(r.errorClass)
    : (r.status ?? 0) >= 400 && ![403, 412, 429, 451].includes(r.status ?? 0);
}

/**
 * A dead link or page waiting for one more try at the end (one pause for all): what to report
 * if the try cannot happen (time budget, interruption), and how to try again.
 */
interface Suspect {
  host: string;
  first: () => void;
  again: () => Promise<boolean>;
}

export function crawlUnit(input: CrawlInput): Promise<CrawlSummary> {
  return new UnitCrawl(input).run();
}

class UnitCrawl {
  private readonly options: CrawlOptions;
  private readonly queues: HostQueues;
  private readonly hosts: Set<string>;
  private readonly scope: UnitScope;
  private readonly frontier: Frontier;
  /** The homepage and the 信息公开 entry: the unit's pages, whatever scope says. */
  private readonly entries: Set<string>;
  private readonly lines: UnitLines;
  private readonly fetch: PoliteFetch;
  private readonly stored: PageRecord[];
  private readonly suspects: Suspect[] = [];
  private fetched = 0;
  private failed = 0;
  private linksChecked = 0;
  private rendered = 0;
  private stopped = false;

  constructor(private readonly input: CrawlInput) {
    const { options } = input;
    this.options = options;
    this.queues = input.queues ?? new HostQueues(options);
    this.hosts = new Set([new URL(input.site).host]);
    if (input.disclosure) this.hosts.add(new URL(input.disclosure).host);
    this.scope = new UnitScope(this.hosts, input.scope);
    this.frontier = new Frontier(options, this.scope, input.offsiteSkip, input.foreign);
    this.entries = new Set([input.site, input.disclosure].filter((u): u is string => Boolean(u)));
    this.lines = new UnitLines(this.queues, this, Math.max(2, options.concurrency * 2));
    this.fetch = politeFetch({ ...input, queues: this.queues, stopped: () => this.stopped });
    this.stored = input.resume?.pages ?? [];
  }

  async run(): Promise<CrawlSummary> {
    const { input } = this;
    const limitMs = this.options.timeLimitSec * 1000;
    const stopClock = startTimeBudget(this.queues, this, limitMs, () => this.stop('time'));
    const onAbort = () => this.halt();
    input.signal?.addEventListener('abort', onAbort);
    try {
      this.countStored();
      const { home, attempts } = await this.homepage();
      if (home.finalUrl !== input.site) this.hosts.add(new URL(home.finalUrl).host);
      // The 信息公开 entry is an entry page too, whatever the homepage links to.
      if (input.disclosure && answered(home))
        this.discover({ links: [{ url: input.disclosure, text: '信息公开', area: 'body' }] }, 0);
      // A resumed unit: its stored pages' links are the frontier again.
      for (const r of this.stored) {
        if (this.stopped) break;
        if (r.kind === 'page' && answered(r) && r.artifacts)
          this.discover(r.artifacts, r.depth, this.foundOn(r.url));
      }
      await this.lines.settled();
      const recovered = await this.recheckSuspects();
      return this.summary(home, attempts, recovered);
    } finally {
      stopClock();
      input.signal?.removeEventListener('abort', onAbort);
    }
  }

  private stop(why: NonNullable<CrawlSummary['limitHit']>): void {
    this.frontier.hit(why);
    this.halt();
  }

  private halt(): void {
    this.stopped = true;
    this.lines.drop();
  }

  /** A page outside the unit's part of a shared host is read for it but leads no further out. */
  private foundOn(url: string): Found {
    const leaf = this.scope.narrowed && !this.entries.has(url) && !this.scope.owns(new URL(url));
    return leaf ? 'leaf' : 'own';
  }

  /** What an interrupted run stored counts as done. */
  private countStored(): void {
    for (const r of this.stored) {
      if (r.kind !== 'page') {
        this.frontier.checked.add(r.url);
        this.linksChecked++;
        continue;
      }
      this.frontier.seen.add(r.url);
      if (answered(r)) this.fetched++;
      else this.failed++;
    }
  }

  /** The homepage's record and attempts: stored ones on resume, else asked now. */
  private async homepage(): Promise<{ home: PageRecord; attempts: Attempt[] }> {
    const { input } = this;
    const site = input.site;
    const stored = this.stored.find((r) => r.kind === 'page' && r.url === site);
    const storedAttempts = input.resume?.homepageAttempts ?? [];
    if (stored && storedAttempts.length) return { home: stored, attempts: storedAttempts };
    const { attempts, last } = await homepageAttempts({
      site,
      attempts: input.availability.attempts,
      timeoutSec: input.availability.timeoutSec,
      spreadMs: this.options.homepageRetrySpreadMs,
      maxRedirects: this.options.maxRedirects,
      // Each redirect hop in its own host's turn (a unit's domain that sends to the portal).
      client: this.queues.politeClient(input.client),
      userAgent: input.userAgent,
      signal: input.signal,
    });
    input.onHomepage?.(attempts);
    this.frontier.seen.add(site);
    return { home: await this.handlePage(site, 0, last), attempts };
  }

  private async handlePage(url: string, depth: number, o: FetchOutcome): Promise<PageRecord> {
    const read = await readPage(url, depth, o, this.input);
    if (read.rendered) this.rendered++;
    const record = read.record;
    if (!answered(record)) this.failed++;
    else this.fetched++;
    this.input.sink(record, read.html, read.packed);
    this.progress();
    const found = read.found ?? record.artifacts;
    if (found && !record.errorClass && (record.status ?? 0) < 400)
      this.discover(found, depth, this.foundOn(record.url));
    return record;
  }

  private progress(): void {
    const queued = this.frontier.seen.size + this.frontier.checked.size;
    this.input.onProgress?.({ fetched: this.fetched, failed: this.failed, queued });
  }

  private discover(a: Pick<PageArtifacts, 'links'>, depth: number, found: Found = 'own'): void {
    for (const link of a.links) {
      if (this.stopped) return;
      const next = this.frontier.next(link, depth, found);
      if (!next) continue;
      // The waiting task keeps the address only: a link's text can be a slice of its page's
      // HTML, which it would keep alive while thousands of tasks wait (~10 KB a page).
      const { url } = link;
      const host = new URL(url).host;
      if (next.fetch === 'page') this.lines.add(host, () => this.visitPage(url, depth + 1, host));
      else this.lines.add(host, () => this.visitLink(url, next, depth + 1, host));
    }
  }

  /** A page's answer, shared with the other units that crawl the same host in this run. */
  private fetchPage(url: string) {
    const { shared } = this.input;
    return shared?.shares(url)
      ? shared.get(`GET ${url}`, () => this.fetch(url, 'GET'))
      : this.fetch(url, 'GET');
  }

  private async visitPage(url: string, depth: number, host: string): Promise<void> {
    if (this.stopped) return;
    const o = await this.fetchPage(url);
    if (this.input.signal?.aborted) return; // cut short by the interruption: no verdict on it
    if (!looksDead(o)) return void (await this.handlePage(url, depth, o));
    this.suspects.push({
      host,
      first: () => void this.handlePage(url, depth, o),
      again: async () => {
        const second = await this.fetch(url, 'GET');
        await this.handlePage(url, depth, second);
        return !looksDead(second);
      },
    });
  }

  private async visitLink(
    url: string,
    next: Extract<Next, { fetch: 'link' }>,
    depth: number,
    host: string,
  ): Promise<void> {
    if (this.stopped) return;
    const check = async () => {
      const at = { url, kind: next.kind, depth, inScope: next.inScope };
      const record = await checkLink(at, this.fetch, this.options.maxAttachmentBytes);
      this.linksChecked++;
      return record;
    };
    const record = await check();
    if (this.input.signal?.aborted) return;
    if (!looksDead(record)) return this.input.sink(record);
    this.suspects.push({
      host,
      first: () => this.input.sink(record),
      again: async () => {
        const second = await check();
        this.input.sink(second);
        return !looksDead(second);
      },
    });
  }

  /**
   * Every dead-link verdict is tried once more after a pause (a server restarting, a passing
   * network fault); what the budget or an interruption leaves untried is reported as it was.
   * The number that answered the second time.
   */
  private async recheckSuspects(): Promise<number> {
    const { suspects } = this;
    if (!suspects.length || this.stopped || this.input.signal?.aborted) {
      for (const s of suspects) s.first();
      return 0;
    }
    let recovered = 0;
    await new Promise((r) => setTimeout(r, this.options.recheckPauseMs));
    const tried = new Set<number>();
    suspects.forEach((s, i) => {
      this.lines.add(s.host, async () => {
        if (this.stopped || this.input.signal?.aborted) return;
        if (await s.again()) recovered++;
        tried.add(i);
      });
    });
    await this.lines.settled();
    // A budget stop empties the lines: what was not tried again keeps its first verdict.
    suspects.forEach((s, i) => tried.has(i) || s.first());
    return recovered;
  }

  private summary(home: PageRecord, attempts: Attempt[], recovered: number): CrawlSummary {
    const { input, frontier, suspects } = this;
    return {
      pagesFetched: this.fetched,
      pagesFailed: this.failed,
      linksChecked: this.linksChecked,
      limitHit: frontier.limitHit,
      pagesRendered: this.rendered,
      homepage: home,
      homepageAttempts: attempts,
      interrupted: Boolean(input.signal?.aborted),
      ...(frontier.offsiteSkipped && input.offsiteSkip
        ? { offsiteUnchecked: { links: frontier.offsiteSkipped, reason: input.offsiteSkip } }
        : {}),
      ...(suspects.length ? { rechecked: { tried: suspects.length, recovered } } : {}),
      ...(this.scope.narrowed && answered(home) && frontier.ownLinks === 0
        ? {
            scopeUnmatched:
              `units.yaml 中本单位的 scope（${input.scope!.join('、')}）与入口页面上的任何链接` +
              `都不匹配，未能找到本单位的页面`,
          }
        : {}),
      ...(this.stored.length ? { resumedPages: this.stored.length } : {}),
    };
  }
}
