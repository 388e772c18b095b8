// Checks that read every page's text (spam, personal data, wording) scan the pages together:
// the judge reads each page's text once and hands it to all of them, since reading and
// decompressing 10,000 texts once per check was most of the judging time.
//
// What a check finds in one page's text alone is its `read`: plain data from the text, the
// page's kind and the lexicons, nothing else. The judge can therefore read the texts on another
// thread while this one scans the pages (src/run/scan-pass.ts); without such reads given, the
// pass reads each text here. Either way `page` gets the same read.
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

/**
 * One pass of several scans over a unit's pages, a page at a time in the pages' order. A page's
 * reads may come from elsewhere (another thread, src/run/scan-pass.ts); without them the page's
 * text is read here.
 */
export class ScanPass {
  private readonly states: unknown[];
  private readonly env: ReadEnv;
  private readonly needText: boolean;
  private readonly index: IndexedPage[] = [];

  constructor(
    private readonly scans: PageScan<unknown>[],
    private readonly ctx: CheckContext,
  ) {
    this.states = scans.map((s) => s.start(ctx));
    this.env = readEnv(ctx);
    this.needText = scans.some((s) => s.read);
  }

  /** The next page the scans look at (see `scanned`), with its reads if they were made. */
  page(page: PageRecord, reads?: { read: unknown[] | undefined }): void {
    const read = reads
      ? reads.read
      : this.needText
        ? readPage(this.scans, page.text, page.kind, this.env)
        : undefined;
    this.scans.forEach((s, i) => s.page(this.states[i], page, read?.[i], this.ctx));
    const entry = indexPage(page); // its artifacts were just read: cheap now, costly later
    if (entry) this.index.push(entry);
  }

  finish(): CheckOutcome[] {
    provideIndex(this.ctx, this.index);
    return this.scans.map((s, i) => s.finish(this.states[i], this.ctx));
  }
}

export function runScans(scans: PageScan<unknown>[], ctx: CheckContext): CheckOutcome[] {
  const pass = new ScanPass(scans, ctx);
  for (const page of ctx.pages) if (scanned(page)) pass.page(page);
  return pass.finish();
}
