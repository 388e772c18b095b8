// interpretation-link and interpretation-timeliness, on fixture sites and on the real 平潭
// document/interpretation pages of the corpus.
import { describe, expect, it } from 'vitest';
import link from '../../checks/interpretation-link.ts';
import timeliness from '../../checks/interpretation-timeliness.ts';
import { groupFindings } from '../../src/judge/group-findings.ts';
import { context, corpus, html } from '../helpers/context.ts';

const home = html('<a href="/xxgk/">政府信息公开</a>');
const platform = html(
  '<a href="/xxgk/gfxwj/">行政规范性文件</a><a href="/xxgk/zcjd/">政策解读</a>',
);
const PLAN_JD = '关于《平潭综合实验区“十四五”综合交通运输规划》的政策解读';

const list = (items: [string, string, string][]) =>
  html(
    `<ul>${items.map(([t, u, d]) => `<li><a href="${u}">${t}</a><span>${d}</span></li>`).join('')}</ul>`,
  );
const page = (title: string, date: string, body = '') =>
  `<html><head><meta name="ArticleTitle" content="${title}"><meta name="PubDate" content="${date} ` +
  `09:00"><title>${title}_示例局</title></head><body><div class="main">${body}</div></body></html>`;

function site(docDate: string, interpDate: string, docBody: string, interpBody: string) {
  return context(
    {
      '/': { html: home },
      '/xxgk/': { html: platform },
      '/xxgk/gfxwj/': {
        html: list([['关于印发《旅游民宿管理办法》的通知', '/xxgk/gfxwj/d1.html', docDate]]),
      },
      '/xxgk/zcjd/': {
        html: list([['《旅游民宿管理办法》政策解读', '/xxgk/zcjd/j1.html', interpDate]]),
      },
      '/xxgk/gfxwj/d1.html': {
        html: page('关于印发《旅游民宿管理办法》的通知', docDate, docBody),
        depth: 3,
      },
      '/xxgk/zcjd/j1.html': {
        html: page('《旅游民宿管理办法》政策解读', interpDate, interpBody),
        depth: 3,
      },
    },
    { asOf: '2022-11-15' },
  );
}
const both = [
  '<a href="/xxgk/zcjd/j1.html">相关解读</a>',
  '<a href="/xxgk/gfxwj/d1.html">相关文件</a>',
] as const;

describe('interpretation-timeliness', () => {
  it('counts 2022-09-29 → 2022-10-09 as 3 working days across National Day and its 调休: on time', () => {
    expect(timeliness.run(site('2022-09-29', '2022-10-09', ...both))).toMatchObject({
      status: 'pass',
      findings: [],
    });
  });

  it('flags an interpretation 4 working days late, stating both dates and the count', () => {
    const r = timeliness.run(site('2022-09-29', '2022-10-10', ...both));
    expect(r.findings.map((f) => f.message)).toEqual([
      '解读晚于文件 4 个工作日发布（文件 2022-09-29，解读 2022-10-10），超过 3 个工作日。',
    ]);
  });

  it('warns when the interpretation is dated before its document', () => {
    expect(timeliness.run(site('2022-10-20', '2022-10-14', ...both)).findings[0].message).toContain(
      '早于文件',
    );
  });

  it('says 无法判定 for a year the official calendar lacks, never guessing', () => {
    const r = timeliness.run(site('2026-12-28', '2027-01-04', ...both));
    expect(r).toMatchObject({ status: 'error', findings: [] });
    expect(r.reason).toContain('节假日数据只覆盖 2007–2026 年');
  });
});

describe('interpretation-link', () => {
  it('passes a document and an interpretation that link to each other', () => {
    expect(link.run(site('2022-09-29', '2022-09-29', ...both))).toMatchObject({
      status: 'pass',
      findings: [],
    });
  });

  it('flags each one-way link, and a pair matched by 《title》 with no link at all', () => {
    expect(
      link.run(site('2022-09-29', '2022-09-29', both[0], '')).findings.map((f) => f.message),
    ).toEqual(['解读「《旅游民宿管理办法》政策解读」没有链接回文件（单向关联）。']);
    expect(
      link.run(site('2022-09-29', '2022-09-29', '', both[1])).findings.map((f) => f.message),
    ).toEqual(['文件页面没有链接到其解读「《旅游民宿管理办法》政策解读」（单向关联）。']);
    expect(
      link.run(site('2022-09-29', '2022-09-29', '', '')).findings.map((f) => f.message),
    ).toEqual(['文件与解读「《旅游民宿管理办法》政策解读」互相没有链接（按《标题》匹配）。']);
  });

  it('makes copies of a document and of its 解读 one problem listing their pages, not n × n', () => {
    const d = '关于印发《旅游民宿管理办法》的通知';
    const j = '《旅游民宿管理办法》政策解读';
    const copies = (n: number, dir: string, title: string) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, k) => [
          `/xxgk/${dir}/c${k}.html`,
          { html: page(title, '2022-09-29'), depth: 3 },
        ]),
      );
    const ctx = context(
      {
        '/': { html: home },
        '/xxgk/': { html: platform },
        '/xxgk/gfxwj/': {
          html: list([0, 1, 2].map((k) => [d, `/xxgk/gfxwj/c${k}.html`, '2022-09-29'])),
        },
        '/xxgk/zcjd/': {
          html: list([0, 1, 2].map((k) => [j, `/xxgk/zcjd/c${k}.html`, '2022-09-29'])),
        },
        ...copies(3, 'gfxwj', d),
        ...copies(3, 'zcjd', j),
      },
      { asOf: '2022-11-15' },
    );
    const r = link.run(ctx);
    // Every copy with every copy is one problem already as the check finds it (9 pairs before).
    expect(r.findings.length).toBe(1);
    expect(r.metrics?.pairs).toBe(9);
    const outcomes = new Map([['interpretation-link', r]]);
    groupFindings(outcomes);
    const [one] = outcomes.get('interpretation-link')!.findings;
    expect(outcomes.get('interpretation-link')!.findings).toHaveLength(1);
    expect(one.message).toBe(`文件与解读「${j}」互相没有链接（按《标题》匹配）。`);
    expect(one.pages).toHaveLength(3); // the three copies of the document
  });

  it('flags a document with no interpretation, but not one published in the last 3 working days', () => {
    const noInterp = (date: string) =>
      context(
        {
          '/': { html: home },
          '/xxgk/': { html: platform },
          '/xxgk/gfxwj/': {
            html: list([['关于印发《甲办法》的通知', '/xxgk/gfxwj/d1.html', date]]),
          },
          '/xxgk/gfxwj/d1.html': { html: page('关于印发《甲办法》的通知', date), depth: 3 },
        },
        { asOf: '2022-11-15' },
      );
    expect(link.run(noInterp('2022-10-20')).findings.map((f) => f.key)).toEqual(['no-interp']);
    expect(link.run(noInterp('2022-11-11')).findings).toEqual([]);
  });

  it('finds on the real 平潭 pages that the links exist both ways but do not pair up', () => {
    const base = 'https://www.pingtan.gov.cn/zwgk';
    const doc40927 = `${base}/ghxx/ztgh/202211/t20221122_40927.htm`;
    const doc41839 = `${base}/ztzl/sswgh/sswghwj/202205/t20220513_41839.htm`;
    const interp = `${base}/ztzl/sswgh/sswjd/202211/t20221130_41840.htm`;
    const ctx = context(
      {
        '/': { html: home },
        '/xxgk/': { html: platform },
        '/xxgk/gfxwj/': {
          html: list([
            ['规划通知', doc40927, '2022-05-13'],
            ['规划通知', doc41839, '2022-05-13'],
          ]),
        },
        [doc40927]: {
          html: corpus(
            'doc-pages/pingtan-gov-cn_ghxx-ztgh-40927_jiaotong-guihua_pdf-only_no-interp-backlink.html',
          ),
          depth: 3,
        },
        [doc41839]: {
          html: corpus(
            'doc-pages/pingtan-gov-cn_sswghwj-41839_jiaotong-guihua_links-to-interp-41836-in-hygq.html',
          ),
          depth: 3,
        },
        [interp]: {
          html: corpus(
            'interpretation-pages/pingtan-gov-cn_sswjd-41840_jiaotong-guihua-interp_links-to-doc-40927.html',
          ),
          depth: 3,
        },
      },
      { asOf: '2022-11-15' },
    );
    const r = link.run(ctx);
    expect(r.findings.map((f) => `${f.url.split('/').pop()} ${f.message}`).sort()).toEqual([
      `t20220513_41839.htm 文件与解读「${PLAN_JD}」互相没有链接（按《标题》匹配）。`,
      `t20221122_40927.htm 文件页面没有链接到其解读「${PLAN_JD}」（单向关联）。`,
    ]);
    // All three are dated 2022-05-13: the interpretation is on time.
    expect(timeliness.run(ctx)).toMatchObject({ status: 'pass', findings: [] });
  });
});

describe('interpretation-link orphans', () => {
  it('does not call an interpretation an orphan when it links to a page of the site we do not count as a document', () => {
    const interp = 'https://www.pingtan.gov.cn/zwgk/ztzl/sswgh/sswjd/202211/t20221130_41840.htm';
    const ctx = context({
      '/': { html: home },
      [interp]: {
        html: corpus(
          'interpretation-pages/pingtan-gov-cn_sswjd-41840_jiaotong-guihua-interp_links-to-doc-40927.html',
        ),
        depth: 3,
      },
    });
    expect(link.run(ctx).findings).toEqual([]);
  });

  it('calls an interpretation that points at nothing an orphan', () => {
    const ctx = context({
      '/': { html: home },
      '/j.html': { html: page('《丙办法》政策解读', '2022-05-02', '<p>解读内容</p>'), depth: 3 },
    });
    expect(link.run(ctx).findings.map((f) => f.key)).toEqual(['orphan']);
  });
});

describe('interpretation-link: a 解读 the document links to by name exists', () => {
  const docOnly = (body: string) =>
    context(
      {
        '/': { html: home },
        '/xxgk/': { html: platform },
        '/xxgk/gfxwj/': {
          html: list([['关于印发《统计调查管理办法》的通知', '/xxgk/gfxwj/d1.html', '2022-06-01']]),
        },
        '/xxgk/gfxwj/d1.html': {
          html: page('关于印发《统计调查管理办法》的通知', '2022-06-01', body),
          depth: 3,
        },
        '/xxgk/gone.html': { status: 404, html: '<html><body>404</body></html>', depth: 4 },
      },
      { asOf: '2022-11-15' },
    );

  it('counts 「图文解读：《…》」 to a page outside the crawl (another site, or not fetched)', () => {
    for (const href of ['http://www.stats.gov.cn/sj/sjjd/t1.html', '/xxgk/zcjd/not-fetched.html']) {
      const r = link.run(
        docOnly(`<p>正文</p><a href="${href}">图文解读：《统计调查管理办法》</a>`),
      );
      expect(
        r.findings.filter((f) => f.key === 'no-interp'),
        href,
      ).toEqual([]);
      expect(r.metrics).toMatchObject({ linkedOnly: 1 });
    }
  });

  it('still flags a document whose only 「解读」 link is dead, or that has none', () => {
    expect(
      link.run(docOnly('<a href="/xxgk/gone.html">相关解读</a>')).findings.map((f) => f.key),
    ).toEqual(['no-interp']);
    expect(
      link
        .run(docOnly('<p>正文</p><a href="/xxgk/other.html">相关文件</a>'))
        .findings.map((f) => f.key),
    ).toEqual(['no-interp']);
  });
});

describe("interpretation-timeliness: its threshold is the profile's", () => {
  it('a 解读 4 working days late passes when the profile allows 5', () => {
    const ctx = site('2022-09-29', '2022-10-10', ...both);
    expect(timeliness.run(ctx).findings).toHaveLength(1);
    expect(timeliness.run(ctx, { maxLagWorkdays: 5 }).findings).toEqual([]);
  });
});

// The seed's item G1 asks 文件与解读一一关联 for 政策文件 generally, not only where 规〔 stands.
describe('interpretation-link beyond 规范性文件', () => {
  const policyHome = html('<a href="/xxgk/">政府信息公开</a>');
  const policyPlatform = html(
    '<a href="/xxgk/zcwj/">政策文件</a><a href="/xxgk/zcjd/">政策解读</a>',
  );
  const interp = (back: string) => page('《民宿扶持措施》解读', '2022-10-10', back);
  function policySite(pages: Record<string, string>, listed: [string, string, string][]) {
    return context(
      {
        '/': { html: policyHome },
        '/xxgk/': { html: policyPlatform },
        '/xxgk/zcwj/': { html: list(listed) },
        '/xxgk/zcjd/': {
          html: list([['《民宿扶持措施》解读', '/xxgk/zcjd/j2.html', '2022-10-10']]),
        },
        // The 解读, without a link back to any document unless a test gives its own page.
        '/xxgk/zcjd/j2.html': { html: interp('<p>解读正文</p>'), depth: 3 },
        ...Object.fromEntries(Object.entries(pages).map(([u, h]) => [u, { html: h, depth: 3 }])),
      },
      { asOf: '2022-11-15' },
    );
  }

  it('pairs a 政策文件 column item with its 解读, and flags the 解读 that does not link back', () => {
    const r = link.run(
      policySite(
        {
          '/xxgk/zcwj/d2.html': page(
            '关于印发《民宿扶持措施》的通知',
            '2022-10-10',
            '<p>正文</p><a href="/xxgk/zcjd/j2.html">相关解读</a>',
          ),
        },
        [['关于印发《民宿扶持措施》的通知', '/xxgk/zcwj/d2.html', '2022-10-10']],
      ),
    );
    expect(r.findings.map((f) => f.message)).toEqual([
      '解读「《民宿扶持措施》解读」没有链接回文件（单向关联）。',
    ]);
  });

  it('pairs any document page whose body links to a 解读 by its label (相关解读：<a>…</a>)', () => {
    const r = link.run(
      policySite(
        {
          '/xxgk/other/d3.html': page(
            '关于印发《民宿扶持措施》的通知',
            '2022-10-10',
            '<p>宣文旅〔2022〕5号</p><p>相关解读：<a href="/xxgk/zcjd/j2.html">民宿扶持措施答问</a></p>',
          ),
        },
        [],
      ),
    );
    expect(r.findings.map((f) => [f.url, f.message])).toEqual([
      [
        'http://www.test.gov.cn/xxgk/zcjd/j2.html',
        '解读「《民宿扶持措施》解读」没有链接回文件（单向关联）。',
      ],
    ]);
  });

  it('does not pair a news page with a 解读 link, nor ask every 政策文件 for a 解读', () => {
    const r = link.run(
      policySite(
        {
          '/xxgk/news/n1.html': page(
            '我市召开民宿产业发展座谈会',
            '2022-10-12',
            '<p>会议要求……</p><a href="/xxgk/zcjd/j2.html">政策解读</a>',
          ),
          '/xxgk/zcwj/d4.html': page('关于开展民宿评级的通知', '2022-10-01', '<p>正文</p>'),
        },
        [['关于开展民宿评级的通知', '/xxgk/zcwj/d4.html', '2022-10-01']],
      ),
    );
    // The 解读 pairs with no document here: it is the orphan, not the news page's partner.
    expect(r.findings.map((f) => f.url)).not.toContain('http://www.test.gov.cn/xxgk/news/n1.html');
    expect(r.findings.map((f) => f.message).join()).not.toContain('关于开展民宿评级的通知');
  });
});
