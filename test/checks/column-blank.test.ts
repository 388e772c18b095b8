import { describe, expect, it } from 'vitest';
import check from '../../checks/column-blank.ts';
import { context, corpus, html } from '../helpers/context.ts';
import { site } from './columns.fixture.ts';

describe('column-blank', () => {
  it('passes columns with items', () => {
    expect(check.run(context(site()))).toMatchObject({ status: 'pass', findings: [] });
  });

  it('flags a column page that lists nothing', () => {
    const r = check.run(context(site({ columns: { '/xxgk/jd/': { html: html('<h2>政策解读</h2><ul class="list"></ul><p>暂无信息</p>') } } })));
    expect(r.findings.map((f) => f.key)).toEqual(['blank:policy-interpretation']);
  });

  it('accepts a column whose content is undated links into the column (机构职能 pages)', () => {
    const r = check.run(context(site({ columns: { '/xxgk/jg/': { html: html('<p>主要职责</p><a href="/xxgk/jg/nsjg.html">内设机构</a>') } } })));
    expect(r.findings).toEqual([]);
  });

  it('never calls a script-filled list blank (the real 平潭 规范性文件 list)', () => {
    const r = check.run(context(site({ columns: { '/xxgk/gf/': { html: corpus('list-pages/pingtan-gov-cn_hzgfxwj-list_items-js-only.html') } } })));
    expect(r.findings).toEqual([]);
    expect(r.reason).toContain('行政规范性文件');
  });

  it('vetoes five blank columns', () => {
    const blank = { html: html('<ul></ul>') };
    const columns = Object.fromEntries(['/xxgk/zn/', '/xxgk/zd/', '/xxgk/fd/', '/xxgk/nb/', '/xxgk/ld/'].map((p) => [p, blank]));
    const r = check.run(context(site({ columns })));
    expect(r.findings[0].severity).toBe('veto');
    expect(r.findings).toHaveLength(6);
  });
});
