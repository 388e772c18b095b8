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
import { decodeHtml } from '../extract/charset.ts';
import { Frontier, type Found } from './frontier.ts';
import { isHtml, readPage, toRecord, type ReadPageInput } from './read-page.ts';
import { retryAfterSeconds, type FetchOutcome, type HttpClient } from '../net/http.ts';
import { attachmentText, TEXT_ATTACHMENT } from '../extract/attachment-text.ts';
import { blockedReason } from './blocked.ts';
import { HostQueues } from './host-queues.ts';
import { UnitScope } from './scope.ts';
import type { SharedFetches } from './shared-fetches.ts';
import type { Packed } from '../contract/packed.ts';
import {
  answered,
  type Attempt,
  type CrawlSummary,
  type PageArtifacts,
  type PageKind,
  type PageRecord,
} from '../contract/page.ts';

export type { RenderMode } from './read-page.ts';

/** Recognises a file by its first bytes, whatever its name says. */
export function sniffFormat(bytes: Buffer): string {
  if (bytes.length === 0) return 'empty';
  const head = bytes.subarray(0, 8);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (head.toString('hex') === 'd0cf11e0a1b11ae1') return 'ole';
  if (/^\s*</.test(bytes.subarray(0, 64).toString('latin1'))) return 'html';
  return 'other';
}

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

/** Waits `ms` (nothing if not positive), or until the run is interrupted. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((done) => {
    const t = setTimeout(finish, ms);
    function finish() {
      clearTimeout(t);
      signal?.removeEventListener('abort', finish);
      done();
    }
    signal?.addEventListener('abort', finish, { once: true });
  });
}

export async function crawlUnit(input: CrawlInput): Promise<CrawlSummary> {
  const { options, client, userAgent, sink } = input;
  const queues = input.queues ?? new HostQueues(options);
  const hosts = new Set([new URL(input.site).host]);
  if (input.disclosure) hosts.add(new URL(input.disclosure).host);
  const scope = new UnitScope(hosts, input.scope);
  const frontier = new Frontier(options, scope, input.offsiteSkip, input.foreign);
  const entries = new Set([input.site, input.disclosure].filter((u): u is string => Boolean(u)));
  // A page outside the unit's part of a shared host is read for the unit but leads no further out.
  const leafOf = (url: string) => scope.narrowed && !entries.has(url) && !scope.owns(new URL(url));
  let fetched = 0;
  let failed = 0;
  let linksChecked = 0;
  let rendered = 0;
  let stopped = false;
  // Dead links and pages wait for one more try at the end (one pause for all): each holds what
  // to report if the try cannot happen (time budget, interruption) and how to try again.
  const suspects: { host: string; first: () => void; again: () => Promise<boolean> }[] = [];
  const stop = (why: NonNullable<CrawlSummary['limitHit']>) => {
    frontier.hit(why);
    stopped = true;
    drop();
  };
  // The time budget runs at the unit's share of the hosts it waits on: alone on its host that
  // is the wall time; among 22 units on one portal, waiting behind the others' requests is not
  // charged to it.
  const me = {};
  let used = 0;
  let last = Date.now();
  const clock = setInterval(() => {
    const now = Date.now();
    used += (now - last) * queues.share(me);
    last = now;
    if (used >= options.timeLimitSec * 1000) stop('time');
  }, 250);
  clock.unref();
  const onAbort = () => {
    stopped = true;
    drop();
  };
  input.signal?.addEventListener('abort', onAbort);
  // The unit's own waiting line per host: only a few of its tasks at a time sit in the host's
  // shared queue, so units on one host take turns and a stop drops the rest at once. (An abort
  // signal per queued task did the dropping before: its listeners made each start O(n) and cost
  // ~2 s of a 10,000-page crawl.)
  const lookahead = Math.max(2, options.concurrency * 2);
  const lines = new Map<
    string,
    { waiting: (() => Promise<unknown>)[]; head: number; queued: number }
  >();
  let outstanding = 0;
  const wake: (() => void)[] = [];
  const finished = () => {
    if (--outstanding === 0) for (const w of wake.splice(0)) w();
  };
  const pump = (host: string) => {
    const line = lines.get(host)!;
    while (line.queued < lookahead && line.head < line.waiting.length) {
      const task = line.waiting[line.head++];
      line.queued++;
      void queues
        .add(host, task, undefined, me)
        .catch(() => undefined)
        .finally(() => {
          line.queued--;
          finished();
          pump(host);
        });
    }
    if (line.head > 1024 && line.head * 2 > line.waiting.length) {
      line.waiting = line.waiting.slice(line.head);
      line.head = 0;
    }
  };
  /** Queues a task in the host's turn. */
  const enqueue = (host: string, task: () => Promise<unknown>) => {
    if (!lines.has(host)) lines.set(host, { waiting: [], head: 0, queued: 0 });
    lines.get(host)!.waiting.push(task);
    outstanding++;
    pump(host);
  };
  /** Drops every task still waiting in the unit's own lines. */
  const drop = () => {
    for (const line of lines.values()) {
      const n = line.waiting.length - line.head;
      line.waiting = [];
      line.head = 0;
      for (let i = 0; i < n; i++) finished();
    }
  };
  const settled = () =>
    outstanding === 0 ? Promise.resolve() : new Promise<void>((r) => wake.push(r));

  const fetchPolitely = async (
    url: string,
    method: 'GET' | 'HEAD',
    readBody = method === 'GET',
    maxBytes?: number,
  ): Promise<FetchOutcome> => {
    const host = new URL(url).host;
    for (let attempt = 0; ; attempt++) {
      const o = await client.fetch(url, {
        method,
        timeoutMs: options.timeoutMs,
        maxRedirects: options.maxRedirects,
        userAgent,
        readBody,
        signal: input.signal,
        ...(maxBytes ? { maxBytes } : {}),
      });
      const wait = retryAfterSeconds(o.headers['retry-after']);
      if (
        (o.status === 429 || o.status === 503) &&
        wait !== undefined &&
        wait <= options.maxRetryAfterSec &&
        attempt < 2 &&
        !stopped
      ) {
        queues.pause(host, wait);
        await new Promise((r) => setTimeout(r, wait * 1000));
        continue;
      }
      if (o.errorClass === 'timeout' || o.status === 503 || o.status === 429) queues.backOff(host);
      else if (answered(o)) queues.recovered(host);
      return o;
    }
  };
  /** A page's answer, shared with the other units that crawl the same host in this run. */
  const fetchPage = (url: string) =>
    input.shared?.shares(url)
      ? input.shared.get(`GET ${url}`, () => fetchPolitely(url, 'GET'))
      : fetchPolitely(url, 'GET');

  const progress = () =>
    input.onProgress?.({ fetched, failed, queued: frontier.seen.size + frontier.checked.size });

  // A resumed unit: what was stored counts as done; its pages' links are the frontier again.
  const stored = input.resume?.pages ?? [];
  for (const r of stored) {
    if (r.kind === 'page') frontier.seen.add(r.url);
    else {
      frontier.checked.add(r.url);
      linksChecked++;
    }
    if (r.kind === 'page') {
      if (answered(r)) fetched++;
      else failed++;
    }
  }
  let homeRecord = stored.find((r) => r.kind === 'page' && r.url === input.site);
  let homepageAttempts: Attempt[] = input.resume?.homepageAttempts ?? [];
  if (!homeRecord || !homepageAttempts.length) {
    // The homepage: several attempts with the availability time limit, for site-availability.
    homepageAttempts = [];
    let home: FetchOutcome | undefined;
    const started = Date.now();
    const step = options.homepageRetrySpreadMs / Math.max(1, input.availability.attempts - 1);
    for (let i = 0; i < input.availability.attempts; i++) {
      // Attempt i starts no earlier than i steps after the first: the tries span the spread.
      if (i > 0) {
        await pause(started + i * step - Date.now(), input.signal);
        if (input.signal?.aborted) break; // the last attempt stands
      }
      // In the host's turn like every request (a portal's 22 sub-site homes are one host's
      // load), each redirect hop in its own host's (a unit's domain that sends to the portal).
      const o = await queues.politeClient(client).fetch(input.site, {
        timeoutMs: input.availability.timeoutSec * 1000,
        maxRedirects: options.maxRedirects,
        userAgent,
      });
      homepageAttempts.push({
        at: new Date().toISOString(),
        status: o.status,
        errorClass: o.errorClass,
        error: o.error,
        elapsedMs: o.elapsedMs,
      });
      home = o;
      if (!o.errorClass && o.status !== null && o.status < 400) break;
      if (o.status !== null && o.status < 500 && o.status !== 429) break; // a 404/403 will not change on retry
    }
    input.onHomepage?.(homepageAttempts);
    frontier.seen.add(input.site);
    homeRecord = await handlePage(input.site, 0, home!);
  }
  if (homeRecord.finalUrl !== input.site) hosts.add(new URL(homeRecord.finalUrl).host);
  // The 信息公开 entry is an entry page too, whatever the homepage links to.
  if (input.disclosure && answered(homeRecord)) {
    discover({ links: [{ url: input.disclosure, text: '信息公开', area: 'body' }] }, 0, 'own');
  }
  for (const r of stored) {
    if (stopped) break;
    if (r.kind === 'page' && answered(r) && r.artifacts)
      discover(r.artifacts, r.depth, leafOf(r.url) ? 'leaf' : 'own');
  }

  async function handlePage(url: string, depth: number, o: FetchOutcome): Promise<PageRecord> {
    const read = await readPage(url, depth, o, input);
    if (read.rendered) rendered++;
    return finish(read.record, depth, read.html, read.packed, read.found);
  }

  function finish(
    record: PageRecord,
    depth: number,
    html?: string,
    packed?: Packed,
    found: Pick<PageArtifacts, 'links'> | undefined = record.artifacts,
  ) {
    if (!answered(record)) failed++;
    else fetched++;
    sink(record, html, packed);
    progress();
    if (found && !record.errorClass && (record.status ?? 0) < 400)
      discover(found, depth, leafOf(record.url) ? 'leaf' : 'own');
    return record;
  }

  function discover(a: Pick<PageArtifacts, 'links'>, depth: number, found: Found) {
    for (const link of a.links) {
      if (stopped) return;
      const next = frontier.next(link, depth, found);
      if (!next) continue;
      const host = new URL(link.url).host;
      if (next.fetch === 'page') {
        enqueue(host, async () => {
          if (stopped) return;
          const o = await fetchPage(link.url);
          if (input.signal?.aborted) return; // cut short by the interruption: no verdict on it
          if (!looksDead(o)) return void (await handlePage(link.url, depth + 1, o));
          suspects.push({
            host,
            first: () => void handlePage(link.url, depth + 1, o),
            again: async () => {
              const second = await fetchPolitely(link.url, 'GET');
              await handlePage(link.url, depth + 1, second);
              return !looksDead(second);
            },
          });
        });
      } else {
        enqueue(host, async () => {
          if (stopped) return;
          const record = await checkLink(link.url, next.kind, depth + 1, next.inScope);
          if (input.signal?.aborted) return;
          if (!looksDead(record)) return sink(record);
          suspects.push({
            host,
            first: () => sink(record),
            again: async () => {
              const second = await checkLink(link.url, next.kind, depth + 1, next.inScope);
              sink(second);
              return !looksDead(second);
            },
          });
        });
      }
    }
  }

  /**
   * Status of an attachment or an off-site link. Off-site pages are read (256 KB at most) for
   * their <title>: an expired 友情链接 domain now selling gambling shows it there. The unit's
   * own docx/xlsx/pdf attachments are read for their text (personal data in 公示 lists).
   */
  async function checkLink(
    url: string,
    kind: PageKind,
    depth: number,
    inScope: boolean,
  ): Promise<PageRecord> {
    const path = new URL(url).pathname;
    const readText = kind === 'attachment' && inScope && TEXT_ATTACHMENT.test(path);
    // The unit's own documents are read to see that they really are what their names claim.
    const sniff = kind === 'attachment' && inScope && /\.(docx?|wps|pdf|xlsx?|et)$/i.test(path);
    const wantsBody = kind === 'external' || readText || sniff;
    // Through the host's politeness like every request: Retry-After, back-off, recovery.
    let o = wantsBody
      ? await fetchPolitely(
          url,
          'GET',
          true,
          kind === 'external' ? 256 * 1024 : options.maxAttachmentBytes,
        )
      : await fetchPolitely(url, 'HEAD');
    // Many servers refuse or mishandle HEAD: confirm a failure with GET before calling it broken.
    if (!wantsBody && !answered(o)) o = await fetchPolitely(url, 'GET', false);
    linksChecked++;
    const record = toRecord(url, kind, depth, o);
    if (o.errorClass === 'too-large' && kind === 'external') {
      record.errorClass = undefined;
      record.error = undefined;
    }
    const blocked = !o.errorClass ? blockedReason(o.status) : undefined;
    if (blocked) {
      record.errorClass = 'blocked';
      record.error = blocked;
    } else if (o.body && (o.status ?? 500) < 400) {
      if (sniff) record.format = sniffFormat(o.body);
      if (kind === 'external' && isHtml(o.contentType)) {
        record.title = decodeHtml(o.body, o.contentType)
          .text.match(/<title[^>]*>([\s\S]*?)<\/title>/i)?.[1]
          ?.replace(/\s+/g, ' ')
          .trim()
          .slice(0, 200);
      } else if (readText && record.format !== 'html') {
        const got = await attachmentText(o.body, new URL(url).pathname.split('.').pop()!);
        if ('text' in got) record.text = got.text;
        else record.error = got.unsupported;
      }
    }
    return record;
  }

  await settled();
  // Every dead-link verdict is tried once more after a pause (a server restarting, a passing
  // network fault); what the budget or an interruption leaves untried is reported as it was.
  let recovered = 0;
  if (suspects.length && !stopped && !input.signal?.aborted) {
    await new Promise((r) => setTimeout(r, options.recheckPauseMs));
    const tried = new Set<number>();
    suspects.forEach((s, i) => {
      enqueue(s.host, async () => {
        if (stopped || input.signal?.aborted) return;
        if (await s.again()) recovered++;
        tried.add(i);
      });
    });
    await settled();
    // A budget stop empties the queues: what was not tried again keeps its first verdict.
    suspects.forEach((s, i) => tried.has(i) || s.first());
  } else {
    for (const s of suspects) s.first();
  }
  clearInterval(clock);
  input.signal?.removeEventListener('abort', onAbort);
  return {
    pagesFetched: fetched,
    pagesFailed: failed,
    linksChecked,
    limitHit: frontier.limitHit,
    pagesRendered: rendered,
    homepage: homeRecord,
    homepageAttempts,
    interrupted: Boolean(input.signal?.aborted),
    ...(frontier.offsiteSkipped && input.offsiteSkip
      ? { offsiteUnchecked: { links: frontier.offsiteSkipped, reason: input.offsiteSkip } }
      : {}),
    ...(suspects.length ? { rechecked: { tried: suspects.length, recovered } } : {}),
    ...(scope.narrowed && answered(homeRecord) && frontier.ownLinks === 0
      ? {
          scopeUnmatched:
            `units.yaml 中本单位的 scope（${input.scope!.join('、')}）与入口页面上的任何链接都不匹配` +
            `，未能找到本单位的页面`,
        }
      : {}),
    ...(stored.length ? { resumedPages: stored.length } : {}),
  };
}
