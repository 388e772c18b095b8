// Checks that read every page's text (spam, personal data, wording) scan the pages together:
// the judge reads each page's text once and hands it to all of them, since reading and
// decompressing 10,000 texts once per check was most of the judging time.
//
// What a check finds in one page's text alone is its `read`: plain data from the text, the
// page's kind and the lexicons, nothing else. The judge can therefore read the texts on another
// thread while this one reads the artifacts (src/run/text-reads.ts); without such reads given,
// `runScans` reads each text here. Either way `page` gets the same read.
import { indexPage, provideIndex, type IndexedPage } from './page-index.ts';
import type { Check, CheckContext, CheckOutcome } from '../../src/contract/check.ts';
import { answered, type PageKind, type PageRecord } from '../../src/contract/page.ts';
import type { Lexicons } from '../../src/config/lexicons.ts';

/** All a text read may depend on besides the text. */
export interface ReadEnv {
  lexicon: Lexicons;
  asOf: string;
}

export interface PageScan<S, R = unknown> {
  start(ctx: CheckContext): S;
  /** What the page's own text shows (plain data); never called for a page without text. */
  read?(text: string, kind: PageKind, env: ReadEnv): R;
  /**
   * Called for each fetched page or attachment with what `read` found in its text (undefined
   * when it has none); a scan without `read` gets nothing.
   */
  page(state: S, page: PageRecord, read: R | undefined, ctx: CheckContext): void;
  finish(state: S, ctx: CheckContext): CheckOutcome;
}

export type ScanCheck = Check & { scan: PageScan<unknown> };

/** Each page's reads, by URL, in the order of the scans given (see `readPage`). */
export type TextReads = Map<string, unknown[] | undefined>;

/** A check defined by a page scan; its `run` scans alone, the judge scans several together. */
export function scanCheck<S, R = unknown>(
  meta: Omit<Check, 'run'>,
  scan: PageScan<S, R>,
): ScanCheck {
  const s = scan as PageScan<unknown>;
  return { ...meta, scan: s, run: (ctx) => runScans([s], ctx)[0] };
}

export const readEnv = (ctx: CheckContext): ReadEnv => ({
  lexicon: ctx.profile.lexicon,
  asOf: ctx.asOf,
});

/** What every scan with a `read` finds in one page's text, in the scans' order. */
export function readPage(
  scans: PageScan<unknown>[],
  text: string | undefined,
  kind: PageKind,
  env: ReadEnv,
): unknown[] | undefined {
  return text === undefined ? undefined : scans.map((s) => s.read?.(text, kind, env));
}

/** Whether a stored page is one the scans look at. */
export const scanned = (page: PageRecord): boolean => answered(page);

export function runScans(
  scans: PageScan<unknown>[],
  ctx: CheckContext,
  reads?: TextReads,
): CheckOutcome[] {
  const states = scans.map((s) => s.start(ctx));
  const env = readEnv(ctx);
  const needText = scans.some((s) => s.read);
  const index: IndexedPage[] = [];
  for (const page of ctx.pages) {
    if (!scanned(page)) continue;
    const read =
      reads?.has(page.url) === true
        ? reads.get(page.url)
        : needText
          ? readPage(scans, page.text, page.kind, env)
          : undefined;
    scans.forEach((s, i) => s.page(states[i], page, read?.[i], ctx));
    const entry = indexPage(page); // its artifacts were just read: cheap now, costly later
    if (entry) index.push(entry);
  }
  provideIndex(ctx, index);
  return scans.map((s, i) => s.finish(states[i], ctx));
}
