import { defineCheck } from './define.ts';
import { normalizeValidity } from './normative-format.ts';
import { answered, type PageRecord } from '../src/contract/page.ts';
import { usableHomepage } from './support/homepage.ts';
import { normativeDocuments } from './support/normative-docs.ts';
import { pageIndex } from './support/page-index.ts';
import { pageTitle } from './support/policy-pairs.ts';
import { parseReport } from './support/annual-report-tables.ts';
import type { CheckContext, RawFinding } from '../src/contract/check.ts';

/** 行政规范性文件 现行有效件数 of the newest annual report whose tables we could read. */
function latestReportedValidCount(
  ctx: CheckContext,
): { year: number; valid: number; url: string } | undefined {
  let best: { year: number; valid: number; url: string } | undefined;
  for (const x of pageIndex(ctx)) {
    const year = Number(x.title.match(/((?:19|20)\d{2})\s*年.{0,30}年度报告/)?.[1]);
    const tables = year ? x.page.artifacts?.tables : undefined;
    const valid = tables ? parseReport(tables).normative?.valid : undefined;
    if (year && typeof valid === 'number' && (!best || year > best.year))
      best = { year, valid, url: x.page.url };
  }
  return best;
}

const check = defineCheck({
  meta: {
    id: 'normative-catalog',
    name: '规范性文件目录',
    title:
      '公开现行有效的行政规范性文件目录，目录收录栏目中的全部有效文件，' +
      '件数与年报的现行有效件数一致',
    basis:
      '《2022年政务公开工作要点》建立现行有效行政规范性文件库并动态更新；' +
      '本市任务清单「形成现行有效的规范性文件目录，文件数量与信息公开年报数量一致」',
    advice:
      '清理本单位规范性文件，公开「现行有效行政规范性文件目录」，' +
      '收录全部现行有效文件并动态更新，件数与政府信息公开年报一致。',
    scope: 'site',
  },
  run(ctx) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const docs = normativeDocuments(ctx);
    if (docs.length === 0)
      return { status: 'not-applicable', reason: '未找到行政规范性文件', findings: [] };
    // The catalog: a link whose text names it, on any page we crawled.
    const catalogUrl = pageIndex(ctx).find((x) => x.catalogLinks.length)?.catalogLinks[0];
    const countNote = '目录缺失，未能与年报的现行有效件数比对';
    if (!catalogUrl) {
      return {
        status: 'fail',
        reason: countNote,
        findings: [
          {
            severity: 'error',
            url: ctx.homepage!.url,
            key: 'no-catalog',
            message: '未找到「现行有效行政规范性文件目录」。',
            evidence: `已抓取 ${ctx.pages.length} 个页面，未发现名称含「规范性文件目录／清单／库」的链接`,
          },
        ],
      };
    }
    const catalog = ctx.byUrl.get(catalogUrl);
    if (!catalog?.artifacts || !answered(catalog)) {
      const why = catalog ? (catalog.error ?? `HTTP ${catalog.status}`) : '超出抓取预算，未打开';
      if (!catalog) return { status: 'error', reason: `目录页 ${catalogUrl} ${why}`, findings: [] };
      return {
        status: 'fail',
        reason: countNote,
        findings: [
          {
            severity: 'error',
            url: catalogUrl,
            key: 'catalog-broken',
            message: `规范性文件目录无法打开（${why}）。`,
            evidence: catalogUrl,
          },
        ],
      };
    }
    const { findings, valid } = unlisted(docs, catalog, catalogUrl);
    const { reason, entries, later, reported } = countAgainstReport(
      ctx,
      catalog,
      catalogUrl,
      findings,
    );
    return {
      status: findings.length ? 'fail' : 'pass',
      findings,
      reason,
      metrics: {
        catalog: catalogUrl,
        validDocuments: valid,
        catalogEntries: entries,
        laterEntries: later,
        reported: reported?.valid,
      },
    };
  },
});

export default check;

/** Each valid document the catalog neither links nor names (by title or 文号). */
function unlisted(docs: PageRecord[], catalog: PageRecord, catalogUrl: string) {
  const listed = new Set(catalog.artifacts!.links.map((l) => l.url));
  const text = catalog.text ?? '';
  const findings: RawFinding[] = [];
  let valid = 0;
  for (const doc of docs) {
    const md = doc.artifacts!.metadata;
    if (md.有效性 && normalizeValidity(md.有效性) !== 'valid') continue;
    valid++;
    const title = pageTitle(doc);
    const no = md.文号?.trim();
    if (listed.has(doc.url) || text.includes(title) || (no && no.length >= 6 && text.includes(no)))
      continue;
    findings.push({
      severity: 'warning',
      url: catalogUrl,
      key: `unlisted:${doc.url}`,
      message: `现行有效的文件「${title}」未列入规范性文件目录。`,
      evidence: `${doc.url}${no ? `（${no}）` : ''}`,
    });
  }
  return { findings, valid };
}

/**
 * The count: the catalog's entries as of the report's year-end against that report's
 * 现行有效件数. A document published after that year-end is no mismatch.
 */
function countAgainstReport(
  ctx: CheckContext,
  catalog: PageRecord,
  catalogUrl: string,
  findings: RawFinding[],
) {
  const titles = new Map<string, string>();
  for (const l of catalog.artifacts!.links)
    if (l.area === 'body' && l.url !== catalogUrl && !titles.has(l.url))
      titles.set(l.url, l.text || l.url);
  const dates = new Map(catalog.artifacts!.listItems.map((i) => [i.url, i.date]));
  const reported = latestReportedValidCount(ctx);
  const yearEnd = reported ? `${reported.year}-12-31` : undefined;
  const counted = [...titles].filter(
    ([url]) => !yearEnd || !dates.has(url) || dates.get(url)! <= yearEnd,
  );
  const later = titles.size - counted.length;
  const entries = counted.length;
  let reason: string | undefined;
  if (!reported) reason = '未找到可读取表格的年报，目录件数未与年报比对';
  else if (entries !== reported.valid) {
    const undated = counted.filter(([url]) => !dates.has(url)).length;
    const names = counted
      .slice(0, 8)
      .map(([, t]) => `「${t}」`)
      .join('');
    findings.push({
      severity: 'warning',
      url: catalogUrl,
      key: `count:${reported.year}`,
      message:
        `规范性文件目录截至 ${reported.year} 年底列出 ${entries} 件，与 ${reported.year} ` +
        `年度报告的现行有效件数 ${reported.valid} 件不一致。`,
      evidence: [
        `计入：${names}${entries > 8 ? `等 ${entries} 件` : ''}`,
        undated ? `（其中 ${undated} 件未标日期，按已列入计）` : '',
        later ? `；${later} 件发布于 ${reported.year} 年之后，未计入` : '',
        `；年报：${reported.url}`,
      ].join(''),
    });
  }
  return { reason, entries, later, reported };
}
