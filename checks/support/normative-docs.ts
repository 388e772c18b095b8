import type { PageRecord } from '../../src/crawl/crawl-unit.ts';
import type { CheckContext } from '../types.ts';
import { columnState, findColumns } from './columns.ts';

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
    return urls.has(p.url) || /规〔/.test(p.artifacts.metadata.文号 ?? '');
  });
}
