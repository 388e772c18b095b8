// normative-catalog, interpretation-quality and consultation: must flag and must not flag.
import { describe, expect, it } from 'vitest';
import consultation from '../../checks/consultation.ts';
import quality, { interpretationForm } from '../../checks/interpretation-quality.ts';
import catalog from '../../checks/normative-catalog.ts';
import { groupFindings } from '../../src/judge/group-findings.ts';
import { context, html } from '../helpers/context.ts';

const home = html('<a href="/xxgk/">政府信息公开</a>', '主办单位：示例局 联系电话：0563-1234567');
const platform = html(
  '<a href="/xxgk/gfxwj/">行政规范性文件</a><a href="/xxgk/zcjd/">政策解读</a>',
);
const item = (t: string, u: string, d: string) =>
  `<li><a href="${u}">${t}</a><span>${d}</span></li>`;
const art = (title: string, date: string, body: string) =>
  `<html><head><meta name="ArticleTitle" content="${title}"><meta name="PubDate" content="${date}">` +
  `<title>${title}</title></head><body><div class="main">${body}</div><div class="footer">主办单位：示例局 ` +
  `联系电话：0563-1234567</div></body></html>`;

describe('normative-catalog', () => {
  const site = (extra: string, catalogBody?: string) =>
    context({
      '/': { html: home },
      '/xxgk/': { html: platform },
      '/xxgk/gfxwj/': {
        html: html(
          `<ul>${item('甲办法', '/xxgk/gfxwj/a.html', '2022-05-01')}${item('乙办法', '/xxgk/gfxwj/b.html', '2022-06-01')}</ul>` +
            `${extra}`,
        ),
      },
      '/xxgk/gfxwj/a.html': { html: art('甲办法', '2022-05-01', '<p>有效性：有效</p>'), depth: 3 },
      '/xxgk/gfxwj/b.html': {
        html: art('乙办法', '2022-06-01', '<p>有效性：已废止</p>'),
        depth: 3,
      },
      ...(catalogBody !== undefined
        ? {
            '/xxgk/gfxwj/ml.html': {
              html: art('现行有效规范性文件目录', '2022-10-01', catalogBody),
              depth: 3,
            },
          }
        : {}),
    });
  it('flags a unit without a catalog of valid documents', () => {
    expect(catalog.run(site('')).findings.map((f) => f.key)).toEqual(['no-catalog']);
  });
  it('flags a valid document the catalog leaves out, not a repealed one', () => {
    const r = catalog.run(
      site('<a href="/xxgk/gfxwj/ml.html">现行有效规范性文件目录</a>', '<p>丙办法</p>'),
    );
    expect(r.findings.map((f) => f.message)).toEqual([
      '现行有效的文件「甲办法」未列入规范性文件目录。',
    ]);
  });
  it('passes a catalog that names every valid document, and says when no annual report gave a count', () => {
    const r = catalog.run(
      site(
        '<a href="/xxgk/gfxwj/ml.html">现行有效规范性文件目录</a>',
        '<table><tr><td>甲办法</td></tr></table>',
      ),
    );
    expect(r).toMatchObject({ status: 'pass', findings: [] });
    expect(r.reason).toContain('未与年报比对');
  });
});

describe('normative-catalog against the annual report', () => {
  it("flags a catalog whose number of entries differs from the annual report's 现行有效件数", async () => {
    const { annualReportBody } = await import('../../src/demo/annual-report.ts');
    const ctx = context({
      '/': { html: home },
      '/xxgk/': { html: platform },
      '/xxgk/gfxwj/': {
        html: html(
          `<ul>${item('甲办法', '/xxgk/gfxwj/a.html', '2022-05-01')}</ul><a href="/xxgk/gfxwj/ml.html">现行有效规范性文件目` +
            `录</a>`,
        ),
      },
      '/xxgk/gfxwj/a.html': { html: art('甲办法', '2022-05-01', '<p>有效性：有效</p>'), depth: 3 },
      '/xxgk/gfxwj/ml.html': {
        html: art(
          '现行有效规范性文件目录',
          '2022-10-01',
          '<a href="/xxgk/gfxwj/a.html">甲办法</a>',
        ),
        depth: 3,
      },
      '/nb.html': {
        html: art(
          '2021年政府信息公开工作年度报告',
          '2022-01-20',
          annualReportBody(2021, Array(21).fill(0), { validNormative: 4 }),
        ),
        depth: 2,
      },
    });
    expect(catalog.run(ctx).findings.map((f) => f.message)).toEqual([
      '规范性文件目录截至 2021 年底列出 1 件，与 2021 年度报告的现行有效件数 4 件不一致。',
    ]);
  });

  it("counts only the entries dated up to the report's year-end, and says which were counted", async () => {
    const { annualReportBody } = await import('../../src/demo/annual-report.ts');
    const rows = [
      ['甲办法', 'a', '2020-05-01'],
      ['乙办法', 'b', '2021-11-20'],
      ['丙办法', 'c', '2022-03-01'],
      ['丁办法', 'd', '2022-06-01'],
    ];
    const catalogBody =
      `<table>` +
      `${rows.map(([t, u, d]) => `<tr><td><a href="/xxgk/gfxwj/${u}.html">${t}</a></td><td>${d}</td></tr>`).join('')}</table>`;
    const ctx = (valid: number) =>
      context({
        '/': { html: home },
        '/xxgk/': { html: platform },
        '/xxgk/gfxwj/': {
          html: html(
            `<ul>${item('甲办法', '/xxgk/gfxwj/a.html', '2020-05-01')}</ul><a href="/xxgk/gfxwj/ml.html">现行有效规范性文件` +
              `目录</a>`,
          ),
        },
        '/xxgk/gfxwj/a.html': {
          html: art('甲办法', '2020-05-01', '<p>有效性：有效</p>'),
          depth: 3,
        },
        '/xxgk/gfxwj/ml.html': {
          html: art('现行有效规范性文件目录', '2022-10-01', catalogBody),
          depth: 3,
        },
        '/nb.html': {
          html: art(
            '2021年政府信息公开工作年度报告',
            '2022-01-20',
            annualReportBody(2021, Array(21).fill(0), { validNormative: valid }),
          ),
          depth: 2,
        },
      });
    // Two documents were in force at the end of 2021; the two of 2022 are no mismatch.
    expect(catalog.run(ctx(2)).findings).toEqual([]);
    const r = catalog.run(ctx(3));
    expect(r.findings.map((f) => f.message)).toEqual([
      '规范性文件目录截至 2021 年底列出 2 件，与 2021 年度报告的现行有效件数 3 件不一致。',
    ]);
    expect(r.findings[0].evidence).toMatch(
      /^计入：「甲办法」「乙办法」；2 件发布于 2021 年之后，未计入/,
    );
  });
});

describe('interpretation-quality', () => {
  const site = (body: string, title = '《甲办法》政策解读') =>
    context({
      '/': { html: home },
      '/xxgk/': { html: platform },
      '/xxgk/zcjd/': { html: html(`<ul>${item(title, '/xxgk/zcjd/j.html', '2022-05-02')}</ul>`) },
      '/xxgk/zcjd/j.html': { html: art(title, '2022-05-02', body), depth: 3 },
    });
  it('passes an interpretation with a contact and at least three elements', () => {
    expect(
      quality.run(
        site(
          '<p>一、背景依据 二、目的意义 三、主要内容 四、政策咨询：市局法规科，联系人：王某，' +
            '咨询电话：0563-7654321</p>',
        ),
      ),
    ).toMatchObject({ status: 'pass', findings: [] });
  });
  it("flags a missing contact (the footer's 联系电话 is the site's, not the policy's) and thin content", () => {
    const r = quality.run(site('<p>现就有关情况解读如下：一、背景依据。</p>'));
    expect(r.findings.map((f) => f.key).sort()).toEqual(['contact', 'elements']);
  });
  it('makes copies of one 解读 (several columns list it) one problem listing their pages', () => {
    const title = '《甲办法》政策解读';
    const thin = art(title, '2022-05-02', '<p>现就有关情况解读如下：一、背景依据。</p>');
    const urls = ['/xxgk/zcjd/j1.html', '/zcjd/j2.html', '/news/j3.html'];
    const ctx = context({
      '/': { html: home },
      '/xxgk/': { html: platform },
      '/xxgk/zcjd/': {
        html: html(`<ul>${urls.map((u) => item(title, u, '2022-05-02')).join('')}</ul>`),
      },
      ...Object.fromEntries(urls.map((u) => [u, { html: thin, depth: 3 }])),
    });
    const outcomes = new Map([['interpretation-quality', quality.run(ctx)]]);
    expect(outcomes.get('interpretation-quality')!.findings).toHaveLength(6);
    groupFindings(outcomes);
    const grouped = outcomes.get('interpretation-quality')!.findings;
    expect(grouped.map((f) => [f.key, f.pages!.length])).toEqual([
      ['contact', 3],
      ['elements', 3],
    ]);
  });
  it('counts the forms used', () => {
    expect(
      ['一图读懂《甲办法》', '局长解读《甲办法》', '《甲办法》政策解读', '视频解读：甲办法'].map(
        interpretationForm,
      ),
    ).toEqual(['图解', '负责人解读', '文字', '音视频']);
  });
});

describe('consultation', () => {
  const site = (body: string, feedback = false) =>
    context(
      {
        '/': { html: home },
        '/yj/1.html': {
          html: art('关于公开征求《乙条例（征求意见稿）》意见的公告', '2022-06-01', body),
          depth: 1,
        },
        ...(feedback
          ? {
              '/yj/2.html': {
                html: art(
                  '《乙条例（征求意见稿）》征求意见采纳情况反馈',
                  '2022-07-20',
                  '<p>采纳3条</p>',
                ),
                depth: 1,
              },
            }
          : {}),
      },
      { asOf: '2022-11-15' },
    );
  it('passes a consultation with an explanation, a window and published feedback', () => {
    expect(
      consultation.run(
        site(
          '<p>征求意见时间：2022年6月1日至2022年6月30日。附件：<a href="/yj/s.html">起草说明</a></p>',
          true,
        ),
      ),
    ).toMatchObject({ status: 'pass', findings: [] });
  });
  it('flags a missing explanation, and missing feedback once the window closed long ago', () => {
    const r = consultation.run(site('<p>截止日期：2022年6月30日</p>'));
    expect(r.findings.map((f) => f.key)).toEqual(['explanation', 'feedback']);
  });
  it('does not ask for feedback while the window is still recent', () => {
    const r = consultation.run(site('<p>截止日期：2022年11月10日。起草说明见附件。</p>'));
    expect(r.findings).toEqual([]);
  });
  it('reads a date before which opinions are to be sent as the window', () => {
    for (const body of [
      '<p>请于2022年11月10日前将意见返回市司法局。起草说明见附件。</p>',
      '<p>有关单位和个人可在2022年11月12日前通过电子邮件提出意见。起草说明见附件。</p>',
      '<p>并于2022年11月8日之前反馈至邮箱。起草说明见附件。</p>',
    ])
      expect(
        consultation.run(site(body)).findings.map((f) => f.key),
        body,
      ).toEqual([]);
    // A date before something else is no window.
    expect(
      consultation
        .run(site('<p>本办法于2022年11月10日前完成修订工作。起草说明见附件。</p>'))
        .findings.map((f) => f.key),
    ).toEqual(['window']);
  });
  it("judges the explanation on the body: a footer's 无障碍说明 or a nav link does not clear it", () => {
    const footer = (links: string) =>
      consultation.run(
        context(
          {
            '/': { html: home },
            '/yj/1.html': {
              html:
                '<html><head><title>关于公开征求《乙条例（征求意见稿）》意见的公告</title>' +
                '<meta name="PubDate" content="2022-11-01"></head><body>' +
                `<div class="nav"><a href="/help.html">网站使用说明</a></div>` +
                '<div class="main"><p>截止日期：2022年11月10日</p></div>' +
                `<div class="footer">${links} 主办单位：示例局</div></body></html>`,
              depth: 1,
            },
          },
          { asOf: '2022-11-15' },
        ),
      );
    expect(footer('<a href="/wza.html">无障碍说明</a>').findings.map((f) => f.key)).toEqual([
      'explanation',
    ]);
    expect(footer('网站声明 隐私说明').findings.map((f) => f.key)).toEqual(['explanation']);
  });
  it('flags a consultation that states no window', () => {
    expect(
      consultation.run(site('<p>欢迎提出意见。起草说明见附件。</p>')).findings.map((f) => f.key),
    ).toEqual(['window']);
  });
  it("never takes the draft's dated 起草说明 or 解读 page for a consultation of its own", () => {
    const ctx = context(
      {
        '/': { html: home },
        '/yj/s.html': {
          html: art('《乙条例（征求意见稿）》起草说明', '2022-06-01', '<p>一、起草背景</p>'),
          depth: 1,
        },
        '/yj/j.html': {
          html: art('《乙条例（征求意见稿）》政策解读', '2022-06-01', '<p>一、背景</p>'),
          depth: 1,
        },
      },
      { asOf: '2022-11-15' },
    );
    expect(consultation.run(ctx)).toMatchObject({ status: 'not-applicable', findings: [] });
  });
});
