import { describe, expect, it } from 'vitest';
import check from '../../checks/column-freshness.ts';
import { context, profile } from '../helpers/context.ts';
import { ALL_ENTRIES, list, site } from './columns.fixture.ts';

describe('column-freshness', () => {
  it('passes 动态 updated within 14 days and 通知公告 within 6 months', () => {
    expect(check.run(context(site()))).toMatchObject({ status: 'pass', findings: [] });
  });

  it('flags a 动态 column older than 14 days and a 通知公告 column older than 6 months', () => {
    const r = check.run(
      context(
        site({
          columns: {
            '/news/': { html: list([['动态', '2022-10-31']], '/news/') },
            '/tzgg/': { html: list([['通知', '2022-05-14']], '/tzgg/') },
          },
        }),
      ),
    );
    expect(r.findings.map((f) => f.key).sort()).toEqual(['stale:news', 'stale:notices']);
    expect(r.findings.find((f) => f.key === 'stale:news')!.message).toContain('2022-10-31');
  });

  it('keeps the boundary: exactly 14 days and exactly 6 months are on time', () => {
    const r = check.run(
      context(
        site({
          columns: {
            '/news/': { html: list([['动态', '2022-11-01']], '/news/') },
            '/tzgg/': { html: list([['通知', '2022-05-15']], '/tzgg/') },
          },
        }),
      ),
    );
    expect(r.findings).toEqual([]);
  });

  it('treats a column whose items carry no dates as not updated', () => {
    const r = check.run(
      context(site({ columns: { '/news/': { html: list([['动态', undefined]], '/news/') } } })),
    );
    expect(r.findings.map((f) => f.key)).toEqual(['undated:news']);
  });

  // SV-COL counts (1) 动态要闻 + 通知公告/政策文件 and (2) the other columns that should be
  // updated apart, each against its own line; the report lists every column with its newest date.
  it('counts the two SV-COL groups apart, each against its own line', () => {
    const p = profile();
    p.vetoThresholds = { ...p.vetoThresholds, staleColumns: 2, staleOtherColumns: 2 };
    const entries: [string, string][] = [
      ...ALL_ENTRIES,
      ['规划信息', '/xxgk/gh/'],
      ['财政预决算', '/xxgk/ys/'],
    ];
    const run = (columns: Record<string, string>) =>
      check.run(
        context(
          site({
            entries,
            columns: Object.fromEntries(
              Object.entries(columns).map(([u, d]) => [u, { html: list([['条目', d]], u) }]),
            ),
          }),
          { profile: p },
        ),
      );
    // One stale in each group: no veto (they are not added together).
    const one = run({ '/news/': '2022-10-01', '/xxgk/gh/': '2021-06-01' });
    expect(one.findings.map((f) => f.key).sort()).toEqual(['stale:news', 'stale:planning']);
    // Two long-stale 应更新 columns: the (2) veto; a 12-month column updated 11 months ago is on time.
    const other = run({ '/xxgk/gh/': '2021-06-01', '/xxgk/ys/': '2021-10-01' });
    expect(other.findings[0]).toMatchObject({ severity: 'veto', key: 'stale-other-veto' });
    expect(run({ '/xxgk/gh/': '2021-06-01', '/xxgk/ys/': '2021-12-20' }).findings).toHaveLength(1);
    // Every judged column, with its newest date, in the report's table.
    expect(other.details![0].rows.map((r) => r.cells.map((c) => c.value))).toContainEqual([
      '规划信息',
      '应更新栏目',
      '12个月',
      '2021-06-01',
    ]);
  });
});
