// What the crawl fetches next: each link found on a page is a page to crawl (in scope), a link
// to status-check (an attachment, an off-site page), or nothing (seen, over a budget, off-site
// links when this machine reaches no outside). Budgets hit are recorded for the report.
import type { CrawlOptions } from '../config/schema.ts';
import type { CrawlSummary, PageKind, PageLink } from '../contract/page.ts';
import { ATTACHMENT_RE } from '../extract/page.ts';
import { isInterpretationLink } from '../extract/interpretation-link.ts';
import type { UnitScope } from './scope.ts';

export type Next =
  | { fetch: 'page'; leaf: boolean }
  | { fetch: 'link'; kind: PageKind; inScope: boolean }
  | undefined;

/** Where a link was found: on one of the unit's own pages, or on a page fetched only to be judged. */
export type Found = 'own' | 'leaf';

export class Frontier {
  readonly seen = new Set<string>();
  readonly checked = new Set<string>();
  limitHit: CrawlSummary['limitHit'] = false;
  offsiteSkipped = 0;
  /** Links to the unit's own part of a shared host, found anywhere (none: its scope matches nothing). */
  ownLinks = 0;
  private extraInterpretations = 0;

  constructor(
    private readonly options: CrawlOptions,
    readonly scope: UnitScope,
    private readonly offsiteSkip?: string,
    /** Another unit's part of the same shared host: never fetched as this unit's page. */
    private readonly foreign: (u: URL) => boolean = () => false,
  ) {}

  hit(why: NonNullable<CrawlSummary['limitHit']>): void {
    if (!this.limitHit || (why === 'pages' && this.limitHit === 'depth')) this.limitHit = why;
  }

  /** What to do with a link found on a page at `depth`; it is counted as taken when it is. */
  next(link: PageLink, depth: number, found: Found = 'own'): Next {
    // Most links on a page were taken already (a site's menus repeat on every page): nothing to
    // do, and without parsing the address. Only in-scope pages enter `seen`, and only what is not
    // one enters `checked`, so the answer is the one the branches below would give.
    if (this.seen.has(link.url) || this.checked.has(link.url)) return undefined;
    const { options } = this;
    const u = new URL(link.url);
    const inScope = this.scope.hasHost(u);
    if (inScope && !ATTACHMENT_RE.test(u.pathname)) {
      if (this.seen.has(link.url)) return undefined;
      // On a shared host, a page outside the unit's part is fetched only when one of its own
      // pages links to it from its content (an article its list shows); never from a menu or
      // footer, never another unit's part, and links on it lead no further out.
      const own = this.scope.owns(u);
      if (own && this.scope.narrowed) this.ownLinks++;
      if (!own && (found !== 'own' || link.area !== 'body' || this.foreign(u))) return undefined;
      // A document's link to its 解读 is followed whatever the page and depth budgets (within a
      // budget of its own): without it a 解读 that exists would be called missing.
      const interpretation =
        isInterpretationLink(link) &&
        link.area !== 'nav' &&
        this.extraInterpretations < options.maxInterpretationLinks;
      const overDepth = depth + 1 > options.maxDepth;
      const overPages = this.seen.size >= options.maxPages;
      if (interpretation && (overDepth || overPages)) this.extraInterpretations++;
      else if (overDepth) return void this.hit('depth');
      else if (overPages) return void this.hit('pages');
      this.seen.add(link.url);
      return { fetch: 'page', leaf: !own };
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
    return {
      fetch: 'link',
      kind: ATTACHMENT_RE.test(u.pathname) ? 'attachment' : 'external',
      inScope,
    };
  }
}
