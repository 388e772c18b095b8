// A check that judges the whole crawl at once (`run`) but needs a little of every page's
// artifacts declares that little as its `look`: the judge's shared page scan takes it from each
// page as it reads the page anyway (on the worker threads when there are some), and `run` gets
// the pages' looks. Each such check had read every page's artifacts back from the store on its
// own (10,000 real pages: ~2–4 s a check, the judging's largest part).
import type { CheckContext } from '../../src/contract/check.ts';
import type { PageArtifacts, PageRecord } from '../../src/contract/page.ts';
import { lookable, scanned, type PageScan } from './page-scan.ts';

export interface Look<L, E = undefined, K = Looks<L>> {
  /** What `page` may depend on besides the artifacts: plain data (JSON), taken once. */
  env?(ctx: CheckContext): E;
  /** What the check needs of one page's artifacts, plain data; undefined: nothing. */
  page(artifacts: PageArtifacts, env: E): L | undefined;
  /** How the looks are kept, page by page (by default listed with their pages). */
  keep?: { start(): K; add(kept: K, page: PageRecord, look: L): void };
}

/** The pages that had something for the check, in the pages' order, with what they had. */
export type Looks<L> = { page: PageRecord; look: L }[];

const listed = {
  start: () => [],
  add: (kept: Looks<unknown>, page: PageRecord, look: unknown) => void kept.push({ page, look }),
};

const memo = new WeakMap<CheckContext, Map<string, unknown>>();

/** The look as a scan of the judge's shared pass; its outcome is not the check's (see `gathers`). */
export function lookScan<L, E, K>(id: string, look: Look<L, E, K>): PageScan<K, unknown, L, E> {
  const keep = (look.keep ?? listed) as NonNullable<Look<L, E, K>['keep']>;
  return {
    start: () => keep.start(),
    ...(look.env ? { lookEnv: look.env } : {}),
    look: (a, env) => look.page(a, env) as L,
    page(kept, page, _read, _ctx, l) {
      if (l !== undefined) keep.add(kept, page, l);
    },
    finish(kept, ctx) {
      if (!memo.has(ctx)) memo.set(ctx, new Map());
      memo.get(ctx)!.set(id, kept);
      return { status: 'pass', findings: [] };
    },
  };
}

/** The pages' looks for the check: from the shared scan, or taken here if the pages were not. */
export function looksOf<L, E, K = Looks<L>>(ctx: CheckContext, id: string, look: Look<L, E, K>): K {
  const got = memo.get(ctx)?.get(id);
  if (got) return got as K;
  const scan = lookScan(id, look);
  const env = look.env?.(ctx) as E;
  const kept = scan.start(ctx);
  for (const page of ctx.pages) {
    const a = scanned(page) ? lookable(page, page.artifacts) : undefined;
    scan.page(kept, page, undefined, ctx, a && scan.look!(a, env));
  }
  return kept;
}
