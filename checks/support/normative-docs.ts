import type { PageRecord } from '../../src/crawl/crawl-unit.ts';
import type { CheckContext } from '../types.ts';
import { columnState, findColumns } from './columns.ts';

/** Names of the catalog of valid normative documents (a list of documents, not one). */
export const CATALOG_TITLE = /现行有效.{0,10}(规范性文件|文件).{0,4}(目录|清单|库)|规范性文件.{0,4}(目录|清单|库)/;

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
  return ctx.pages.filter((p) => {
    if (p.kind !== 'page' || p.errorClass || !p.artifacts) return false;
    const md = p.artifacts.metadata;
    // A catalog table has a 文号 column too: a document has its own metadata block.
    const own = Object.values(md).filter((v) => v.trim()).length >= 3;
    if (CATALOG_TITLE.test(p.artifacts.title)) return false;
    return urls.has(p.url) || (own && /规〔/.test(md.文号 ?? ''));
  });
}
