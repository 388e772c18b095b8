import { describe, expect, it } from 'vitest';
import check from '../../checks/column-presence.ts';
import { context, html } from '../helpers/context.ts';
import { ALL_ENTRIES, site } from './columns.fixture.ts';

describe('column-presence', () => {
  it('passes a platform with the four entries and the required columns', () => {
    expect(check.run(context(site()))).toMatchObject({ status: 'pass', findings: [] });
  });

  it('matches names after normalisation: full-width, spaces, a 「政府」 prefix, aliases', () => {
    const entries: [string, string][] = [
      ['信息公开指南', '/xxgk/zn/'],
      ['政府信息公开 制度', '/xxgk/zd/'],
      ['法定主动公开内容', '/xxgk/fd/'],
      ['信息公开年报', '/xxgk/nb/'],
      ['机构概况', '/xxgk/jg/'],
      ['领导班子', '/xxgk/ld/'],
      ['规范性文件', '/xxgk/gf/'],
      ['政策解读', '/xxgk/jd/'],
    ];
    expect(check.run(context(site({ entries }))).findings).toEqual([]);
  });

  it('flags each missing column and each column whose link is dead', () => {
    const entries = ALL_ENTRIES.filter(([t]) => t !== '政府信息公开制度');
    const r = check.run(
      context(site({ entries, columns: { '/xxgk/ld/': { status: 404, html: '' } } })),
    );
    expect(r.status).toBe('fail');
    expect(r.findings.map((f) => f.key).sort()).toEqual(['broken:leaders', 'missing:xxgk-rules']);
  });

  it('flags a homepage with no 政府信息公开 entry', () => {
    const r = check.run(context({ '/': { html: html('<a href="/news/">新闻中心</a>') } }));
    expect(r.findings.map((f) => f.key)).toContain('platform');
  });

  it('does not take a news headline that mentions a column name for the column', () => {
    const home = html(
      '<a href="/xxgk/">政府信息公开</a><ul><li><a href="/n/1.html">市局召开政府信息公开制度培训会</a> ' +
        '2022-11-10</li></ul>',
    );
    const r = check.run(
      context(site({ home, entries: ALL_ENTRIES.filter(([t]) => t !== '政府信息公开制度') })),
    );
    expect(r.findings.map((f) => f.key)).toContain('missing:xxgk-rules');
  });

  it('does not call a column missing when a WAF blocked the homepage', () => {
    const r = check.run(
      context({ '/': { errorClass: 'blocked', error: '服务器以 HTTP 403 拒绝访问' } }),
    );
    expect(r).toMatchObject({ status: 'error', findings: [] });
  });
});
