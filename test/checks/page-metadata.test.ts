// 页面元数据: real pages that carry every tag of the design norm pass; a site that writes none is
// one finding per tag; SiteIDCode against the footer; PubDate against the date the page shows
// (the 工信部 page's PubDate is its regeneration time, 2023, while it shows 2009).
import { describe, expect, it } from 'vitest';
import check from '../../checks/page-metadata.ts';
import { context, corpus, html } from '../helpers/context.ts';

const home = (head = '') =>
  `<html><head>${head}<title>首页</title></head><body><div class="footer">网站标识码：3418000011</div></body></html>`;
const FULL_SITE =
  '<meta name="SiteName" content="示例局"><meta name="SiteDomain" content="www.test.gov.cn">' +
  '<meta name="SiteIDCode" content="3418000011">';

describe('page-metadata', () => {
  // Real article pages of six sites with all eight tags: nothing missing on any of them.
  const REAL = [
    'doc-pages/pingtan-gov-cn_xzgfxwj_lanzongguanzong-2024-30.html',
    'homepages/nmg-gov-cn_article_full-footer.html',
    'spam/clone_gz-gov-cn_article_full-footer.html',
    'annual-reports/pingtan-gov-cn_2023-zfxxgk-ndbg.html',
  ];
  it.each(REAL)('finds no tag missing on the real page %s', (path) => {
    const r = check.run(
      context({ '/': { html: home(FULL_SITE) }, '/a/1.html': { html: corpus(path) } }),
    );
    expect(r.findings.filter((f) => f.key.startsWith('missing:'))).toEqual([]);
  });

  it('flags the 工信部 page whose PubDate (2023) is not the date it shows (2009)', () => {
    const r = check.run(
      context({
        '/': { html: home(FULL_SITE) },
        '/a/1.html': { html: corpus('spam/clone_miit-gov-cn_injected-expert-bio.html') },
      }),
    );
    expect(r.findings.find((f) => f.key === 'pubdate-mismatch')?.evidence).toMatch(
      /显示 2009-09-30，PubDate 2023-05-12/,
    );
  });

  it('says once per tag how many pages lack it, on a site that writes none', () => {
    const article = html('<h1>通知</h1><p>发布日期：2022-11-01 来源：本局</p><p>正文。</p>');
    const list = html(
      '<ul>' +
        [1, 2, 3]
          .map((i) => `<li><a href="/a/${i}.html">文${i}</a><span>2022-11-0${i}</span></li>`)
          .join('') +
        '</ul>',
    );
    const r = check.run(
      context({
        '/': { html: home() },
        '/list/': { html: list },
        '/a/1.html': { html: article },
        '/a/2.html': { html: article },
      }),
    );
    expect(r.findings.map((f) => f.message)).toEqual([
      '4 个页面缺少元数据 SiteName（共 4 个页面）。',
      '4 个页面缺少元数据 SiteDomain（共 4 个页面）。',
      '4 个页面缺少元数据 SiteIDCode（共 4 个页面）。',
      '1 个栏目页缺少元数据 ColumnName（共 1 个栏目页）。',
      '1 个栏目页缺少元数据 ColumnType（共 1 个栏目页）。',
      '2 个文章页缺少元数据 ArticleTitle（共 2 个文章页）。',
      '2 个文章页缺少元数据 PubDate（共 2 个文章页）。',
      '2 个文章页缺少元数据 ContentSource（共 2 个文章页）。',
    ]);
  });

  it('counts an empty tag as missing: the 吉林 page writes ContentSource with no content', () => {
    const r = check.run(
      context({
        '/': { html: home(FULL_SITE) },
        '/a/1.html': {
          html: corpus('doc-pages/jl-gov-cn_xxgk_tonggao_jizhengmingdian-2022-1.html'),
        },
      }),
    );
    expect(r.findings.map((f) => f.message)).toEqual([
      '1 个文章页缺少元数据 ContentSource（共 1 个文章页）。',
    ]);
    // 浙江发改委's page: SiteIDCode written empty.
    const zj = check.run(
      context({
        '/': { html: home(FULL_SITE) },
        '/a/1.html': { html: corpus('homepages/fgw-zj-gov-cn_article_simpread-residue.html') },
      }),
    );
    expect(zj.findings.map((f) => f.key)).toEqual(['missing:SiteIDCode']);
  });

  it('flags a SiteIDCode that is not the footer 网站标识码', () => {
    const r = check.run(
      context({ '/': { html: home(FULL_SITE.replace('3418000011', '3418000099')) } }),
    );
    expect(r.findings.map((f) => f.key)).toEqual(['siteidcode-mismatch']);
  });
});
