// 预警: each single-veto measure warns from its line below the veto ([I] profile `earlyWarning`,
// interaction-response `warnMonths`): a 预警 is flagged apart (`early`), costs no points, and
// stops being one when the veto line is reached; short of the warning line there is none.
import { describe, expect, it } from 'vitest';
import blank from '../../checks/column-blank.ts';
import freshness from '../../checks/column-freshness.ts';
import homepage from '../../checks/homepage-freshness.ts';
import interaction from '../../checks/interaction-response.ts';
import type { RawFinding } from '../../src/contract/check.ts';
import { context, html } from '../helpers/context.ts';
import { list, site } from './columns.fixture.ts';

const early = (fs: RawFinding[]) => fs.filter((f) => f.early).map((f) => [f.severity, f.key]);

describe('预警', () => {
  it('the homepage: from 10 days without an update, until the 14-day veto', () => {
    const home = (d: string) =>
      context({
        '/': { html: html(`<ul><li><a href="/n/1.html">新闻</a><span>${d}</span></li></ul>`) },
      });
    expect(early(homepage.run(home('2022-11-06')).findings)).toEqual([]);
    const r = homepage.run(home('2022-11-04'));
    expect(r.status).toBe('pass');
    expect(early(r.findings)).toEqual([['info', 'stale-early']]);
    expect(r.findings[0].message).toBe(
      '首页已 11 天未更新（最近一条 2022-11-04），超过 14 天即单项否决。',
    );
    expect(early(homepage.run(home('2022-10-31')).findings)).toEqual([]); // the veto itself
  });

  it('stale columns: 3 of 动态/通知/政策 warn, 2 do not', () => {
    const columns = (urls: string[]) =>
      Object.fromEntries(
        urls.map((u) => [
          u,
          {
            html: list(
              [
                ['条目', '2022-01-01'],
                ['旧', '2021-01-01'],
              ],
              u,
            ),
          },
        ]),
      );
    const two = freshness.run(context(site({ columns: columns(['/news/', '/tzgg/']) })));
    expect(early(two.findings)).toEqual([]);
    const three = freshness.run(
      context(site({ columns: columns(['/news/', '/tzgg/', '/xxgk/gf/']) })),
    );
    expect(early(three.findings)).toEqual([['info', 'stale-early']]);
    expect(three.findings.some((f) => f.severity === 'veto')).toBe(false);
  });

  it('blank columns: 3 warn, 5 veto without a 预警 beside it', () => {
    const empty = { html: html('<ul></ul>') };
    const of = (paths: string[]) =>
      blank.run(context(site({ columns: Object.fromEntries(paths.map((p) => [p, empty])) })));
    expect(early(of(['/xxgk/zn/', '/xxgk/zd/']).findings)).toEqual([]);
    const three = of(['/xxgk/zn/', '/xxgk/zd/', '/xxgk/fd/']);
    expect(early(three.findings)).toEqual([['info', 'blank-early']]);
    expect(three.findings[0].message).toBe('空白栏目已有 3 个，达到 5 个即单项否决。');
    const five = of(['/xxgk/zn/', '/xxgk/zd/', '/xxgk/fd/', '/xxgk/nb/', '/xxgk/ld/']);
    expect(early(five.findings)).toEqual([]);
    expect(five.findings[0].severity).toBe('veto');
  });

  it('a consultation unanswered for 2 months warns; one asked a month ago does not', () => {
    const board = (asked: string) =>
      html(
        '<div class="nav"><a href="/hdjl/">咨询投诉</a></div>' +
          '<table><tr><th>留言标题</th><th>留言时间</th><th>回复时间</th><th>状态</th></tr>' +
          `<tr><td><a href="/hdjl/1.html">咨询</a></td><td>${asked}</td><td></td><td>未回复</td></tr></table>`,
      );
    const opts = { vetoMonths: 3, replyWorkdays: 5, warnMonths: 2 };
    const run = (asked: string) =>
      interaction.run(
        context({ '/': { html: board(asked) }, '/hdjl/': { html: board(asked) } }),
        opts,
      );
    const warned = run('2022-09-01');
    expect(early(warned.findings)).toHaveLength(1);
    expect(warned.findings[0].message).toContain('满 3 个月（2022-12-01）仍未回复即单项否决');
    expect(early(run('2022-10-10').findings)).toEqual([]);
    expect(run('2022-06-01').findings[0]).toMatchObject({ severity: 'veto' });
  });
});
