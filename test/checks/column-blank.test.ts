import { describe, expect, it } from 'vitest';
import check from '../../checks/column-blank.ts';
import { context, corpus, html } from '../helpers/context.ts';
import { ALL_ENTRIES, list, site } from './columns.fixture.ts';

describe('column-blank', () => {
  it('passes columns with items', () => {
    expect(check.run(context(site()))).toMatchObject({ status: 'pass', findings: [] });
  });

  it('flags a column page that lists nothing', () => {
    const r = check.run(
      context(
        site({
          columns: {
            '/xxgk/jd/': { html: html('<h2>政策解读</h2><ul class="list"></ul><p>暂无信息</p>') },
          },
        }),
      ),
    );
    expect(r.findings.map((f) => f.key)).toEqual(['blank:policy-interpretation']);
  });

  it('accepts a column whose content is undated links into the column (机构职能 pages)', () => {
    const r = check.run(
      context(
        site({
          columns: {
            '/xxgk/jg/': { html: html('<p>主要职责</p><a href="/xxgk/jg/nsjg.html">内设机构</a>') },
          },
        }),
      ),
    );
    expect(r.findings).toEqual([]);
  });

  it('never calls a script-filled list blank (the real 平潭 规范性文件 list)', () => {
    const r = check.run(
      context(
        site({
          columns: {
            '/xxgk/gf/': {
              html: corpus('list-pages/pingtan-gov-cn_hzgfxwj-list_items-js-only.html'),
            },
          },
        }),
      ),
    );
    expect(r.findings).toEqual([]);
    expect(r.reason).toContain('行政规范性文件');
  });

  it('vetoes five blank columns', () => {
    const blank = { html: html('<ul></ul>') };
    const columns = Object.fromEntries(
      ['/xxgk/zn/', '/xxgk/zd/', '/xxgk/fd/', '/xxgk/nb/', '/xxgk/ld/'].map((p) => [p, blank]),
    );
    const r = check.run(context(site({ columns })));
    expect(r.findings[0].severity).toBe('veto');
    expect(r.findings).toHaveLength(6);
  });

  it('judges every column the platform menu and the homepage navigation show, not only required ones', () => {
    const entries: [string, string][] = [
      ...ALL_ENTRIES,
      ['保密审查制度', '/xxgk/bmsc/'],
      ['财政资金', '/xxgk/czzj/'],
    ];
    const home = html(
      '<a href="/xxgk/">政府信息公开</a><ul><li><a href="/news/t1.html">动态一</a> 2022-11-10</li></ul>',
    ).replace(
      '<a href="/">首页</a>',
      '<a href="/">首页</a><a href="/hdjl/">互动交流</a><a href="/map.html">网站地图</a><a href="/en/">English</a>',
    );
    const r = check.run(
      context(
        site({
          entries,
          home,
          columns: {
            '/xxgk/bmsc/': {
              html: html(
                '<div class="pos">当前位置：首页 > 信息公开 > 保密审查制度</div><ul></ul><p>暂无信息</p>',
              ),
            },
            '/xxgk/czzj/': { html: list([['2022年部门预算', '2022-03-01']], '/xxgk/czzj/') },
            '/hdjl/': { html: html('<h2>互动交流</h2><div class="list"></div>') },
            '/map.html': { html: html('<h2>网站地图</h2>') },
            '/en/': { html: html('') },
          },
        }),
      ),
    );
    expect(r.findings.map((f) => `${f.key} ${f.message}`).sort()).toEqual([
      'blank:互动交流 栏目「互动交流」为空白栏目，没有任何信息。',
      'blank:保密审查制度 栏目「保密审查制度」为空白栏目，没有任何信息。',
    ]);
  });

  it('never calls a section page blank that leads to sub-columns elsewhere on the site', () => {
    const home = html(
      '<a href="/xxgk/">政府信息公开</a><ul><li><a href="/news/t1.html">动态一</a> 2022-11-10</li></ul>',
    ).replace('<a href="/">首页</a>', '<a href="/">首页</a><a href="/hdjl/">互动交流</a>');
    const section = html(
      '<a href="/zxts/">咨询投诉</a><a href="/zxft/">在线访谈</a><a href="/yjzj/">征集调查</a>',
    );
    const r = check.run(context(site({ home, columns: { '/hdjl/': { html: section } } })));
    expect(r.findings).toEqual([]);
  });

  it('never calls a column of text blank (机构职能 written out on its page), nor one whose page did not load', () => {
    const duties =
      '<h2>机构职能</h2><p>' + '负责全市司法行政工作，拟订相关政策并组织实施。'.repeat(8) + '</p>';
    const r = check.run(
      context(
        site({
          entries: [...ALL_ENTRIES, ['工作职责', '/xxgk/zz/'], ['人事信息', '/xxgk/rs/']],
          columns: {
            '/xxgk/jg/': { html: html(duties) },
            '/xxgk/zz/': { html: html(duties.replace('机构职能', '工作职责')) },
            '/xxgk/rs/': { status: 404, html: html('404') },
          },
        }),
      ),
    );
    expect(r.findings).toEqual([]);
  });
});
