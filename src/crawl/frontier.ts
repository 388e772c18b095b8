// What the crawl fetches next: each link found on a page is a page to crawl (in scope), a link
// to status-check (an attachment, an off-site page), or nothing (seen, over a budget, off-site
// links when this machine reaches no outside). Budgets hit are recorded for the report.
import type { CrawlOptions } from '../config/schema.ts';
import type { CrawlSummary, PageKind, PageLink } from '../contract/page.ts';
import { ATTACHMENT_RE } from '../extract/page.ts';
import { INTERPRETATION_LINK } from '../extract/interpretation-link.ts';

export type Next = { fetch: 'page' } | { fetch: 'link'; kind: PageKind; inScope: boolean } | undefined;

export class Frontier {
  readonly seen = new Set<string>();
  readonly checked = new Set<string>();
  limitHit: CrawlSummary['limitHit'] = false;
  offsiteSkipped = 0;
  private extraInterpretations = 0;

  constructor(
    private readonly options: CrawlOptions,
    readonly scope: Set<string>,
    private readonly offsiteSkip?: string,
  ) {}

  hit(why: NonNullable<CrawlSummary['limitHit']>): void {
    if (!this.limitHit || (why === 'pages' && this.limitHit === 'depth')) this.limitHit = why;
  }

  /** What to do with a link found on a page at `depth`; it is counted as taken when it is. */
  next(link: PageLink, depth: number): Next {
    const { options } = this;
    const u = new URL(link.url);
    const inScope = this.scope.has(u.host);
    if (inScope && !ATTACHMENT_RE.test(u.pathname)) {
      if (this.seen.has(link.url)) return undefined;
      // A document's link to its 解读 is followed whatever the page and depth budgets (within a
      // budget of its own): without it a 解读 that exists would be called missing.
      const interpretation =
        INTERPRETATION_LINK.test(link.text) &&
        link.area !== 'nav' &&
        this.extraInterpretations < options.maxInterpretationLinks;
      const overDepth = depth + 1 > options.maxDepth;
      const overPages = this.seen.size >= options.maxPages;
      if (interpretation && (overDepth || overPages)) this.extraInterpretations++;
      else if (overDepth) return void this.hit('depth');
      else if (overPages) return void this.hit('pages');
      this.seen.add(link.url);
      return { fetch: 'page' };
    }
    if (!inScope && this.offsiteSkip) {
      if (!this.checked.has(link.url)) this.offsiteSkipped++;
      this.checked.add(link.url);
      return undefined;
    }
    if (!inScope && !options.checkExternalLinks) return undefined;
    if (this.checked.has(link.url) || this.seen.has(link.url)) return undefined;
    if (this.checked.size >= options.maxLinkChecks) return void this.hit('links');
    this.checked.add(link.url);
    return { fetch: 'link', kind: ATTACHMENT_RE.test(u.pathname) ? 'attachment' : 'external', inScope };
  }
}
