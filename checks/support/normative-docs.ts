import { columnState, findColumns } from './columns.ts';
import { CATALOG_TITLE, pageIndex } from './page-index.ts';
import type { CheckContext } from '../../src/contract/check.ts';
import type { PageRecord } from '../../src/contract/page.ts';

/**
 * The unit's 行政规范性文件: the items listed in its 行政规范性文件 column, and any document page
 * whose 文号 carries 规 (the registration mark of normative documents).
 */
/**
 * What a 行政规范性文件 column may list that is no normative document: statistical bulletins and
 * yearbooks (their 20-working-day rule does not apply), work reports.
 */
const NOT_NORMATIVE = /统计公报|统计年鉴|国民经济和社会发展统计|工作报告|工作年度报告/;

export function normativeDocuments(ctx: CheckContext): PageRecord[] {
  const bare = (u: string) => u.replace(/\/(index|default)\.s?html?$/i, '/');
  const homes = new Set(
    [ctx.unit.site, ctx.homepage?.url, ctx.homepage?.finalUrl].filter(Boolean).map((u) => bare(u!)),
  );
  const isHome = (u: string) => homes.has(bare(u));
  const urls = new Set<string>();
  const col = findColumns(ctx).get('normative-docs');
  if (col?.page?.artifacts && columnState(col, ctx.asOf).state === 'ok') {
    for (const item of col.page.artifacts.listItems) urls.add(item.url);
  }
  return pageIndex(ctx)
    .filter((x) => {
      if (CATALOG_TITLE.test(x.title)) return false;
      // The site's homepage and the column itself (a 首页 or 返回 link in the list) are no document.
      if (isHome(x.page.finalUrl) || x.page === col?.page) return false;
      if (NOT_NORMATIVE.test(x.title) && !/规〔/.test(x.docNo ?? '')) return false;
      // A catalog table has a 文号 column too: a document has its own metadata block.
      return urls.has(x.page.url) || (x.filledFields >= 3 && /规〔/.test(x.docNo ?? ''));
    })
    .map((x) => x.page);
}
