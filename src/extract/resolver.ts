// A page's hrefs made absolute against its base, each distinct href once: the list-item walk
// asks for the same links again, and URL parsing was a fifth of the extraction time (profiled).
// A class, not a closure made at each page: V8 keeps a closure's optimized code only while the
// closure lives, so a closure a page was compiled again after each full collection (--log-code).
export class Resolver {
  private readonly seen = new Map<string, string | undefined>();

  constructor(private readonly base: string) {}

  /** The href's absolute URL without its fragment; undefined if it does not parse. */
  url(href: string): string | undefined {
    if (this.seen.has(href)) return this.seen.get(href);
    let url: string | undefined;
    try {
      const u = new URL(href, this.base);
      u.hash = '';
      url = u.href;
    } catch {
      url = undefined;
    }
    this.seen.set(href, url);
    return url;
  }
}
