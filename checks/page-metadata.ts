// 页面元数据 (《政府网站网页设计规范》 as the 政府网站发展指引 (国办发〔2017〕47号) requires):
// SiteName, SiteDomain and SiteIDCode on every page; ColumnName and ColumnType on column pages;
// ArticleTitle, PubDate and ContentSource on articles; SiteIDCode the footer's 网站标识码 and
// PubDate the date the page shows. One finding per missing tag, naming how many pages lack it.
// The deduction is [I]: the assessment tables we hold name the norm, not its points.
import type { RawFinding } from '../src/contract/check.ts';
import type { PageArtifacts, PageRecord } from '../src/contract/page.ts';
import { firstDate } from '../src/extract/dates.ts';
import { defineCheck } from './define.ts';
import { usableHomepage } from './support/homepage.ts';
import { looksOf } from './support/looks.ts';

type Kind = 'every' | 'column' | 'article';

const TAGS: [Kind, string, string][] = [
  ['every', 'sitename', 'SiteName'],
  ['every', 'sitedomain', 'SiteDomain'],
  ['every', 'siteidcode', 'SiteIDCode'],
  ['column', 'columnname', 'ColumnName'],
  ['column', 'columntype', 'ColumnType'],
  ['article', 'articletitle', 'ArticleTitle'],
  ['article', 'pubdate', 'PubDate'],
  ['article', 'contentsource', 'ContentSource'],
];

const KIND_NAME: Record<Kind, string> = { every: '页面', column: '栏目页', article: '文章页' };

/** A list of items is a column page; a page showing its own publish date is an article. */
function kindOf(a: PageArtifacts): Kind | undefined {
  if (a.listItems.length >= 3) return 'column';
  if (a.pubDateFrom === 'label' || a.pubDateFrom === 'metadata') return 'article';
  return undefined;
}

/** What the check needs of a page: its kind, the tags it lacks, its two dates. */
function lookAt(a: PageArtifacts) {
  return {
    kind: kindOf(a),
    lacks: TAGS.filter(([, key]) => !a.meta[key]?.trim()).map(([, key]) => key),
    meta: firstDate(a.meta.pubdate),
    shown: a.pubDate,
  };
}

const LOOK = { page: lookAt };

const check = defineCheck({
  meta: {
    id: 'page-metadata',
    name: '页面元数据',
    title: '网页按规范设置元数据：站点、栏目和文章的名称、类型、发布时间、来源及网站标识码',
    basis:
      '《政府网站网页设计规范》（国办发〔2017〕47号《政府网站发展指引》附件）：' +
      'SiteName、SiteDomain、SiteIDCode、ColumnName、ColumnType、ArticleTitle、PubDate、ContentSource',
    advice:
      '在网站模板的 <head> 中按规范输出元数据：全站页面 SiteName、SiteDomain、' +
      'SiteIDCode（与页脚网站标识码一致），' +
      '栏目页 ColumnName、ColumnType，文章页 ArticleTitle、PubDate（与页面显示的发布时间一致）、ContentSource。',
    scope: 'site',
  },
  look: LOOK,
  run(ctx) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const own = looksOf(ctx, 'page-metadata', LOOK).filter(
      ({ page: p }) => !p.errorClass && (p.status ?? 500) < 400,
    );
    const findings: RawFinding[] = [];
    const count: Record<Kind, number> = { every: own.length, column: 0, article: 0 };
    const lacking = new Map<string, PageRecord[]>();
    const offDate: { page: PageRecord; shown: string; meta: string }[] = [];
    for (const { page: p, look } of own) {
      // The homepage carries the site's tags only: it is neither a column nor an article.
      const kind = p === ctx.homepage ? undefined : look.kind;
      if (kind) count[kind]++;
      for (const [k, key] of TAGS)
        if ((k === 'every' || k === kind) && look.lacks.includes(key))
          // Pushed, not copied: thousands of pages lacking a tag made copying them quadratic.
          if (lacking.has(key)) lacking.get(key)!.push(p);
          else lacking.set(key, [p]);
      if (kind === 'article' && look.meta && look.shown && look.meta !== look.shown)
        offDate.push({ page: p, shown: look.shown, meta: look.meta });
    }
    for (const [k, key, name] of TAGS) {
      const pages = lacking.get(key) ?? [];
      if (pages.length === 0) continue;
      const of = count[k];
      findings.push({
        severity: 'warning',
        url: pages[0].url,
        key: `missing:${name}`,
        message: `${pages.length} 个${KIND_NAME[k]}缺少元数据 ${name}（共 ${of} 个${KIND_NAME[k]}）。`,
        evidence: `例如 ${pages
          .slice(0, 3)
          .map((p) => p.url)
          .join('、')}`,
      });
    }
    const idMeta = home.artifacts.meta.siteidcode?.trim();
    const idFooter = home.artifacts.identity.siteIdCode?.trim();
    if (idMeta && idFooter && idMeta !== idFooter)
      findings.push({
        severity: 'warning',
        url: ctx.homepage!.url,
        key: 'siteidcode-mismatch',
        message: `首页元数据 SiteIDCode（${idMeta}）与页脚网站标识码（${idFooter}）不一致。`,
        evidence: `SiteIDCode=${idMeta}；网站标识码：${idFooter}`,
      });
    if (offDate.length)
      findings.push({
        severity: 'warning',
        url: offDate[0].page.url,
        key: 'pubdate-mismatch',
        message: `${offDate.length} 个文章页的元数据 PubDate 与页面显示的发布日期不一致。`,
        evidence: offDate
          .slice(0, 3)
          .map((o) => `${o.page.url}：显示 ${o.shown}，PubDate ${o.meta}`)
          .join('；'),
      });
    return {
      status: findings.length ? 'fail' : 'pass',
      findings,
      metrics: { pages: own.length, columns: count.column, articles: count.article },
    };
  },
});

export default check;
