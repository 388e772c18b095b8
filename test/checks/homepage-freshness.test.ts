import { describe, expect, it } from 'vitest';
import check from '../../checks/homepage-freshness.ts';
import { context, html } from '../helpers/context.ts';

const home = (dates: string[]) =>
  html(
    `<ul>${dates.map((d, i) => `<li><a href="/n/${i}.html">新闻${i}</a><span>${d}</span></li>`).join('')}</ul>`,
  );

describe('homepage-freshness', () => {
  it('passes an item dated within 14 days of the assessment date', () => {
    expect(check.run(context({ '/': { html: home(['2022-11-01', '2022-10-01']) } })).status).toBe(
      'pass',
    );
  });

  it('vetoes a homepage whose newest item is older than 14 days', () => {
    const r = check.run(context({ '/': { html: home(['2022-10-31']) } }));
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatchObject({ severity: 'veto' });
    expect(r.findings[0].message).toContain('2022-10-31');
  });

  it('treats a homepage with only undated items as not updated', () => {
    const r = check.run(
      context({ '/': { html: html('<ul><li><a href="/a.html">无日期新闻</a></li></ul>') } }),
    );
    expect(r.findings[0].key).toBe('no-dated-items');
  });

  it('does not count dates after the assessment date as updates', () => {
    expect(check.run(context({ '/': { html: home(['2023-01-01', '2022-09-01']) } })).status).toBe(
      'fail',
    );
  });

  it('does not count a date written inside a headline', () => {
    const r = check.run(
      context({
        '/': { html: html('<ul><li><a href="/a.html">关于2022年11月10日停电的通知</a></li></ul>') },
      }),
    );
    expect(r.status).toBe('fail');
  });
});
