import { columnState, findColumns } from './columns.ts';
import { CATALOG_TITLE, pageIndex } from './page-index.ts';
import type { CheckContext } from '../../src/contract/check.ts';
import type { PageRecord } from '../../src/contract/page.ts';

/**
 * The unit's 行政规范性文件: the items listed in its 行政规范性文件 column, and any document page
 * whose 文号 carries 规 (the registration mark of normative documents).
 */
export function normativeDocuments(ctx: CheckContext): PageRecord[] {
  const urls = new Set<string>();
  const col = findColumns(ctx).get('normative-docs');
  if (col?.page?.artifacts && columnState(col, ctx.asOf).state === 'ok') {
    for (const item of col.page.artifacts.listItems) urls.add(item.url);
  }
  return pageIndex(ctx)
    .filter((x) => {
      if (CATALOG_TITLE.test(x.title)) return false;
      // A catalog table has a 文号 column too: a document has its own metadata block.
      return urls.has(x.page.url) || (x.filledFields >= 3 && /规〔/.test(x.docNo ?? ''));
    })
    .map((x) => x.page);
}
