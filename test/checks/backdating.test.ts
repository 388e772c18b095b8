// 疑似倒签: an item absent from a column at the previous crawl, now listed with a date before that
// crawl and within the dates the column then showed. Look-alikes: an item dated after that crawl,
// one older than the column then reached (it was on a later page), one that was listed then.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../checks/backdating.ts';
import { loadConfig } from '../../src/config/load.ts';
import { serveSite, type SiteMap } from '../../src/demo/site-server.ts';
import { audit } from '../../src/run/audit.ts';
import { loopbackUnits } from '../helpers/config-files.ts';
import { context, html } from '../helpers/context.ts';

const list = (items: [string, string, string][]) =>
  html(
    `<ul>${items.map(([u, t, d]) => `<li><a href="${u}">${t}</a><span>${d}</span></li>`).join('')}</ul>`,
  );
const THEN: [string, string, string][] = [
  ['/news/5.html', '五月动态', '2022-05-20'],
  ['/news/4.html', '四月动态', '2022-04-20'],
  ['/news/3.html', '三月动态', '2022-03-20'],
];

describe('backdating', () => {
  it('flags an item put up after the last crawl with an earlier date, and none of the look-alikes', () => {
    const now = list([
      ['/news/7.html', '十一月动态', '2022-11-10'], // after the earlier crawl: new, fine
      ['/news/6.html', '补发的六月动态', '2022-06-15'], // absent then, dated before it: suspect
      ...THEN,
      ['/news/1.html', '一月动态', '2022-01-20'], // older than the list then reached: page 2
    ]);
    const ctx = context({ '/': { html: html('<p>首页</p>') }, '/news/': { html: now } });
    const earlier = {
      runId: 'r0',
      crawledOn: '2022-07-01',
      lists: {
        'http://www.test.gov.cn/news/': THEN.map(([u, title, date]) => ({
          url: `http://www.test.gov.cn${u}`,
          title,
          date,
        })),
      },
    };
    const r = check.run({ ...ctx, earlier });
    expect(r.findings.map((f) => f.message)).toEqual([
      '「补发的六月动态」标注的发布日期 2022-06-15 早于上次抓取（2022-07-01），' +
        '但上次抓取时该栏目列表中没有这条信息，疑似倒签（伪造发稿日期）。',
    ]);
  });

  it('does not apply without an earlier crawl', () => {
    expect(check.run(context({ '/': { html: html('<p>首页</p>') } })).status).toBe(
      'not-applicable',
    );
  });

  it('compares two real audits of a site whose column changed between them', async () => {
    const map: SiteMap = {
      '/': `<html><body><a href="/news/">工作动态</a></body></html>`,
      '/news/': list(THEN),
    };
    const site = await serveSite(map, ['127.0.0.1']);
    try {
      const { dir, file } = loopbackUnits('zwgk-back-', [
        {
          id: 'bd',
          name: '测试局',
          kind: 'department',
          site: `http://bd.test.gov.cn:${site.port}/`,
          hosts: { 'bd.test.gov.cn': ['127.0.0.1'] },
        },
      ]);
      const dbFile = join(dir, 'z.db');
      const config = loadConfig(file);
      await audit({ config, asOf: '2022-11-15', outDir: join(dir, 'a'), dbFile });
      map['/news/'] = list([['/news/6.html', '补发的动态', '2020-06-15'], ...THEN]);
      // The first crawl ran today: an item dated 2020 that it did not list would be backdated,
      // but 2020 is older than the list then reached (2022-03-20): a later page, not flagged.
      const second = await audit({ config, asOf: '2022-11-15', outDir: join(dir, 'b'), dbFile });
      const c = second.run.units[0].checks.find((x) => x.id === 'backdating')!;
      expect(c.status).toBe('pass');
      map['/news/'] = list([['/news/8.html', '补发的动态', '2022-04-01'], ...THEN]);
      const third = await audit({ config, asOf: '2022-11-15', outDir: join(dir, 'c'), dbFile });
      expect(
        third.run.units[0].findings.filter((f) => f.check === 'backdating').map((f) => f.severity),
      ).toEqual(['warning']);
    } finally {
      await site.close();
    }
  }, 60_000);
});
