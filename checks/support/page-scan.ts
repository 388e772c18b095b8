// Checks that read every page's text (spam, personal data, wording) scan the pages together:
// the judge reads each page's text once and hands it to all of them, since reading and
// decompressing 10,000 texts once per check was most of the judging time.
//
// What a check finds in one page's text alone is its `read`: plain data from the text, the
// page's kind and the lexicons, nothing else. What it needs of a page's artifacts is its `look`:
// plain data from the artifacts and what `lookEnv` took from the context once. The judge can
// therefore read the texts and artifacts on another thread while this one scans the pages
// (src/run/scan-pass.ts); without them given, the pass reads each page here. Either way `page`
// gets the same read and look.
import { indexEntry, provideIndex, type IndexEntry, type IndexedPage } from './page-index.ts';
import type { CheckContext, CheckOutcome } from '../../src/contract/check.ts';
import {
  answered,
  type PageArtifacts,
  type PageKind,
  type PageRecord,
} from '../../src/contract/page.ts';
import type { Lexicons } from '../../src/config/lexicons.ts';

/** All a text read may depend on besides the text. */
export interface ReadEnv {
  lexicon: Lexicons;
  asOf: string;
}

export interface PageScan<S, R = unknown, L = unknown, E = unknown> {
  start(ctx: CheckContext): S;
  /** What the page's own text shows (plain data); never called for a page without text. */
  read?(text: string, kind: PageKind, env: ReadEnv): R;
  /** What `look` may depend on besides the artifacts: plain data (JSON), taken once a pass. */
  lookEnv?(ctx: CheckContext): E;
  /** What the scan needs of a page's artifacts (plain data); only for a page with artifacts. */
  look?(artifacts: PageArtifacts, env: E): L;
  /**
   * Called for each fetched page or attachment with what `read` found in its text and `look`
   * in its artifacts (undefined when it has none, or the scan has no `read` or `look`).
   */
  page(state: S, page: PageRecord, read: R | undefined, ctx: CheckContext, look?: L): void;
  finish(state: S, ctx: CheckContext): CheckOutcome;
}

/** What the scans' `look`s and the page index found in one page's artifacts. */
export interface Looked {
  looks: unknown[];
  index: IndexEntry;
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

/** The scans' environments for `look`, in the scans' order (undefined for a scan without). */
export const lookEnvs = (scans: PageScan<unknown>[], ctx: CheckContext): unknown[] =>
  scans.map((s) => s.lookEnv?.(ctx));

/** What every scan's `look` and the page index find in one page's artifacts. */
export const lookPage = (
  scans: PageScan<unknown>[],
  artifacts: PageArtifacts,
  envs: unknown[],
): Looked => ({
  looks: scans.map((s, i) => s.look?.(artifacts, envs[i])),
  index: indexEntry(artifacts),
});

/** The artifacts a page's looks are taken from: a page's only (attachments have none). */
export const lookable = (page: Pick<PageRecord, 'kind'>, a: PageArtifacts | undefined) =>
  page.kind === 'page' ? a : undefined;

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
  readonly lookEnvs: unknown[];
  private readonly needText: boolean;
  private readonly index: IndexedPage[] = [];

  constructor(
    private readonly scans: PageScan<unknown>[],
    private readonly ctx: CheckContext,
  ) {
    this.states = scans.map((s) => s.start(ctx));
    this.env = readEnv(ctx);
    this.lookEnvs = lookEnvs(scans, ctx);
    this.needText = scans.some((s) => s.read);
  }

  /**
   * The next page the scans look at (see `scanned`), with its reads and looks if they were made
   * (`looked` undefined: the page has no artifacts).
   */
  page(
    page: PageRecord,
    given?: { read: unknown[] | undefined; looked: Looked | undefined },
  ): void {
    const read = given
      ? given.read
      : this.needText
        ? readPage(this.scans, page.text, page.kind, this.env)
        : undefined;
    let looked = given?.looked;
    if (!given) {
      const a = lookable(page, page.artifacts);
      looked = a && lookPage(this.scans, a, this.lookEnvs);
    }
    this.scans.forEach((s, i) =>
      s.page(this.states[i], page, read?.[i], this.ctx, looked?.looks[i]),
    );
    if (looked) this.index.push({ page, ...looked.index });
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
