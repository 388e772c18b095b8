// A small index of every fetched page (title, date, 文号, catalog links): the policy checks
// classify pages by these, and reading 10,000 pages' artifacts once per classification was
// measured at ~1 s each. Built during the judge's shared page scan when there is one.
import { firstDate } from '../../src/extract/dates.ts';
import { isInterpretationLink } from '../../src/extract/interpretation-link.ts';
import type { CheckContext } from '../../src/contract/check.ts';
import { answered, type PageArtifacts, type PageRecord } from '../../src/contract/page.ts';

export interface IndexedPage {
  page: PageRecord;
  title: string;
  date?: string;
  docNo?: string;
  /** How many metadata fields have a value. */
  filledFields: number;
  catalogLinks: string[];
  /** Its links outside the navigation that lead to a 解读 by their text or label. */
  interpLinks: { url: string; body: boolean }[];
}

export const CATALOG_TITLE =
  /现行有效.{0,10}(规范性文件|文件).{0,4}(目录|清单|库)|规范性文件.{0,4}(目录|清单|库)/;

const memo = new WeakMap<CheckContext, IndexedPage[]>();
const byPage = new WeakMap<CheckContext, Map<PageRecord, IndexedPage>>();

/** The page's own title: the article title meta, the metadata 名称, or <title> before its site suffix. */
export function titleOf(a: PageArtifacts): string {
  return (a.meta.articletitle || a.metadata.名称 || a.title.split(/[_|｜]| - /)[0]).trim();
}

export function dateOf(a: PageArtifacts): string | undefined {
  return firstDate(a.metadata.发布日期) ?? a.pubDate;
}

/** What the index keeps of a page's artifacts (plain data: it may be taken on another thread). */
export type IndexEntry = Omit<IndexedPage, 'page'>;

export function indexEntry(a: PageArtifacts): IndexEntry {
  return {
    title: titleOf(a),
    date: dateOf(a),
    docNo: a.metadata.文号?.trim(),
    filledFields: Object.values(a.metadata).filter((v) => v.trim()).length,
    catalogLinks: a.links
      .filter((l) => l.text.length <= 30 && CATALOG_TITLE.test(l.text))
      .map((l) => l.url),
    interpLinks: a.links
      .filter((l) => l.area !== 'nav' && isInterpretationLink(l))
      .map((l) => ({ url: l.url, body: l.area === 'body' })),
  };
}

export function indexPage(page: PageRecord): IndexedPage | undefined {
  if (page.kind !== 'page' || !answered(page)) return undefined;
  const a = page.artifacts;
  return a && { page, ...indexEntry(a) };
}

export function pageIndex(ctx: CheckContext): IndexedPage[] {
  let index = memo.get(ctx);
  if (!index) {
    index = ctx.pages.map(indexPage).filter((x): x is IndexedPage => x !== undefined);
    memo.set(ctx, index);
  }
  return index;
}

/** A page's entry in the index, if it has one (a page that answered). */
export function indexedPage(ctx: CheckContext, page: PageRecord): IndexedPage | undefined {
  let map = byPage.get(ctx);
  if (!map) byPage.set(ctx, (map = new Map(pageIndex(ctx).map((x) => [x.page, x]))));
  return map.get(page);
}

/** Lets the judge's shared scan fill the index as it reads each page anyway. */
export function provideIndex(ctx: CheckContext, index: IndexedPage[]): void {
  if (!memo.has(ctx)) memo.set(ctx, index);
}
