// Checks that read every page's text (spam, personal data, wording) scan the pages together:
// the judge reads each page's text once and hands it to all of them, since reading and
// decompressing 10,000 texts once per check was most of the judging time.
import { indexPage, provideIndex, type IndexedPage } from './page-index.ts';
import type { Check, CheckContext, CheckOutcome } from '../../src/contract/check.ts';
import { answered, type PageRecord } from '../../src/contract/page.ts';

export interface PageScan<S> {
  start(ctx: CheckContext): S;
  /** Called for each fetched page or attachment; `text` is its stored text, if any. */
  page(state: S, page: PageRecord, text: string | undefined, ctx: CheckContext): void;
  finish(state: S, ctx: CheckContext): CheckOutcome;
}

export type ScanCheck = Check & { scan: PageScan<unknown> };

/** A check defined by a page scan; its `run` scans alone, the judge scans several together. */
export function scanCheck<S>(meta: Omit<Check, 'run'>, scan: PageScan<S>): ScanCheck {
  return {
    ...meta,
    scan: scan as PageScan<unknown>,
    run: (ctx) => runScans([scan as PageScan<unknown>], ctx)[0],
  };
}

export function runScans(scans: PageScan<unknown>[], ctx: CheckContext): CheckOutcome[] {
  const states = scans.map((s) => s.start(ctx));
  const index: IndexedPage[] = [];
  for (const page of ctx.pages) {
    if (!answered(page)) continue;
    const text = page.text;
    scans.forEach((s, i) => s.page(states[i], page, text, ctx));
    const entry = indexPage(page); // its artifacts were just read: cheap now, costly later
    if (entry) index.push(entry);
  }
  provideIndex(ctx, index);
  return scans.map((s, i) => s.finish(states[i], ctx));
}
