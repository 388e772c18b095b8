// Politeness for the whole run: one p-queue per host, shared by every unit that lives on it (22
// departments on one portal get the portal's limits once, not 22 times). A host's concurrency
// and delay are the strictest any of its units asks for. A host that answers 429/503 with
// Retry-After is paused for that long; one that times out or answers 503 without it is paused
// for a growing while (1 s, 2 s, 4 s … 30 s), reset by its next good answer.
import PQueue from 'p-queue';
import type { FetchOptions, FetchOutcome, HttpClient } from '../net/http.ts';

export interface HostLimits {
  concurrency: number;
  delayMs: number;
}

const MAX_BACKOFF_SEC = 30;

export class HostQueues {
  private queues = new Map<string, PQueue>();
  private limits = new Map<string, HostLimits>();
  private strikes = new Map<string, number>();
  private inFlight = new Map<string, number>();
  private pausedUntil = new Map<string, number>();
  /** Pending restarts of paused hosts: they hold the process open, as requests wait on them. */
  private timers = new Set<NodeJS.Timeout>();
  /** The most requests any host had in flight at once (the bench reports it). */
  readonly peak = new Map<string, number>();

  constructor(private readonly defaults: HostLimits) {}

  /** A unit's limits for a host: the strictest of all units on it wins. Call before crawling. */
  limit(host: string, l: HostLimits): void {
    const had = this.limits.get(host);
    const next = had
      ? {
          concurrency: Math.min(had.concurrency, l.concurrency),
          delayMs: Math.max(had.delayMs, l.delayMs),
        }
      : l;
    this.limits.set(host, next);
    const q = this.queues.get(host);
    if (q) q.concurrency = next.concurrency; // the interval is fixed once a queue exists
  }

  private queue(host: string): PQueue {
    let q = this.queues.get(host);
    if (!q) {
      const { concurrency, delayMs } = this.limits.get(host) ?? this.defaults;
      q = new PQueue(
        delayMs > 0
          ? { concurrency, interval: delayMs, intervalCap: concurrency }
          : { concurrency },
      );
      this.queues.set(host, q);
    }
    return q;
  }

  /** Units with work queued or running on each host, and how many tasks each has there. */
  private owners = new Map<string, Map<object, number>>();

  /**
   * A unit's share of the hosts it waits on right now: 1 alone on its hosts, 1/22 among 22 units
   * on one portal. A unit's time budget runs at this rate, so waiting behind other units' requests
   * does not use it up.
   */
  share(owner: object): number {
    let share = 0;
    let waiting = false;
    for (const units of this.owners.values()) {
      if (!units.has(owner)) continue;
      waiting = true;
      share = Math.max(share, 1 / units.size);
    }
    return waiting ? share : 1;
  }

  /** Runs `task` in the host's turn. An aborted signal takes a waiting task out of the queue. */
  add<T>(
    host: string,
    task: () => Promise<T>,
    signal?: AbortSignal,
    owner: object = this,
  ): Promise<T> {
    let units = this.owners.get(host);
    if (!units) this.owners.set(host, (units = new Map()));
    units.set(owner, (units.get(owner) ?? 0) + 1);
    const done = () => {
      const n = units.get(owner)! - 1;
      if (n > 0) units.set(owner, n);
      else units.delete(owner);
    };
    const p = this.queue(host).add(
      async () => {
        const n = (this.inFlight.get(host) ?? 0) + 1;
        this.inFlight.set(host, n);
        if (n > (this.peak.get(host) ?? 0)) this.peak.set(host, n);
        try {
          return await task();
        } finally {
          this.inFlight.set(host, (this.inFlight.get(host) ?? 1) - 1);
        }
      },
      { signal },
    ) as Promise<T>;
    p.then(done, done);
    return p;
  }

  /** Holds every request to the host for `seconds` (Retry-After); overlapping holds end at the last. */
  pause(host: string, seconds: number): void {
    const q = this.queue(host);
    const until = Math.max(this.pausedUntil.get(host) ?? 0, Date.now() + seconds * 1000);
    this.pausedUntil.set(host, until);
    q.pause();
    // Not unref'd: while every request waits on a paused host this timer is all that is left in
    // the event loop, and an unref'd one let the process exit mid-audit (exit 13, no report).
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (Date.now() < (this.pausedUntil.get(host) ?? 0) - 5) return; // a later hold restarts it
      q.start();
    }, until - Date.now());
    this.timers.add(timer);
  }

  /** The run is over: no host is waited for any more. */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** The host timed out or is overloaded: hold it for a growing while. */
  backOff(host: string): void {
    const n = (this.strikes.get(host) ?? 0) + 1;
    this.strikes.set(host, n);
    this.pause(host, Math.min(MAX_BACKOFF_SEC, 2 ** (n - 1)));
  }

  /** A good answer: the host's back-off starts over. */
  recovered(host: string): void {
    this.strikes.delete(host);
  }

  /**
   * The same client, each of its requests in its host's turn: what probes use, so that a
   * portal's limits hold for their requests too.
   */
  politeClient(client: HttpClient): HttpClient {
    const polite = Object.create(client) as HttpClient;
    polite.fetch = (url, opts) => this.fetchHopByHop(client, url, opts);
    return polite;
  }

  /**
   * A fetch whose every redirect hop waits in its own host's turn. A unit's own domain that
   * redirects to the city's shared portal is common: followed inside the first host's turn, the
   * request to the portal had escaped the portal's limit (three at once with concurrency 2).
   */
  private async fetchHopByHop(
    client: HttpClient,
    url: string,
    opts: FetchOptions,
  ): Promise<FetchOutcome> {
    const started = performance.now();
    const chain: string[] = [];
    for (let current = url; ;) {
      const hop = current;
      const o = await this.add(new URL(hop).host, () =>
        client.fetch(hop, { ...opts, maxRedirects: 0 }),
      );
      const location = o.errorClass === 'redirects' ? o.headers.location : undefined;
      const done = { url, redirects: chain, elapsedMs: Math.round(performance.now() - started) };
      if (!location) return { ...o, ...done };
      if (chain.length >= opts.maxRedirects)
        return { ...o, ...done, error: `重定向超过 ${opts.maxRedirects} 次` };
      chain.push(hop);
      current = new URL(location, hop).href;
    }
  }
}
