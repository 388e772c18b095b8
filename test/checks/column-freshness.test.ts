import { describe, expect, it } from 'vitest';
import check from '../../checks/column-freshness.ts';
import { context } from '../helpers/context.ts';
import { list, site } from './columns.fixture.ts';

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
});
