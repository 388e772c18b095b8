// Answers shared between the units of a run: on a shared platform the portal's homepage and
// its menu pages are linked from every sub-site, and are fetched once per run, not once per
// unit. Only URLs on hosts that several units crawl are kept, in a byte-bounded LRU (a body is
// the size that matters); an answer still in flight is shared too.
import type { FetchOutcome } from '../net/http.ts';

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export class SharedFetches {
  private entries = new Map<string, { p: Promise<FetchOutcome>; bytes: number }>();
  private bytes = 0;
  /** Requests made, and answers handed to a second unit without a request (the bench reports them). */
  readonly stats = { fetched: 0, reused: 0 };

  constructor(
    private readonly hosts: Set<string>,
    private readonly maxBytes = DEFAULT_MAX_BYTES,
  ) {}

  shares(url: string): boolean {
    return this.hosts.has(new URL(url).host);
  }

  /** The answer for `key` if a unit already asked, else `fetch`'s (remembered for the next unit). */
  get(key: string, fetch: () => Promise<FetchOutcome>): Promise<FetchOutcome> {
    const hit = this.entries.get(key);
    if (hit) {
      this.stats.reused++;
      this.entries.delete(key); // most recently used last
      this.entries.set(key, hit);
      return hit.p;
    }
    this.stats.fetched++;
    const entry = { p: fetch(), bytes: 0 };
    this.entries.set(key, entry);
    void entry.p.then((o) => {
      if (this.entries.get(key) !== entry) return; // evicted while in flight
      entry.bytes = (o.body?.length ?? 0) + 512;
      this.bytes += entry.bytes;
      for (const [k, e] of this.entries) {
        if (this.bytes <= this.maxBytes) break;
        this.entries.delete(k);
        this.bytes -= e.bytes;
      }
    });
    return entry.p;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }
}
