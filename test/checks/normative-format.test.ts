import { describe, expect, it } from 'vitest';
import check, { normalizeValidity } from '../../checks/normative-format.ts';
import { context, corpus, html } from '../helpers/context.ts';
import { crawlFixture } from '../helpers/crawl.ts';
import { docx, pdf } from '../../src/demo/sample-files.ts';

const meta = (o: Record<string, string>) =>
  `<table class="xxgk">${Object.entries(o)
    .map(([k, v]) => `<tr><td>${k}：</td><td>${v}</td></tr>`)
    .join('')}</table>`;
const GOOD = {
  索引号: '11341700MB1911893J/2022-00054',
  发布机构: '宣城市文化和旅游局',
  文号: '宣文旅规〔2022〕1号',
  成文日期: '2022-09-26',
  发布日期: '2022-09-29',
  有效性: '有效',
};
// A Word (OLE bytes) and a PDF version that download and are what they claim.
const BOTH_FILES = {
  '/f/a.doc': {
    body: Buffer.from('d0cf11e0a1b11ae1000000', 'hex'),
    contentType: 'application/msword',
  },
  '/f/a.pdf': { body: pdf('some text that can be extracted'), contentType: 'application/pdf' },
};
const home = html('<a href="/xxgk/">政府信息公开</a>');
const platform = html('<a href="/xxgk/gfxwj/">行政规范性文件</a>');
const column = (n: number) =>
  html(
    `<ul>` +
      `${Array.from({ length: n }, (_, i) => `<li><a href="/xxgk/gfxwj/d${i}.html">文件${i}</a><span>2022-09-29</span></li>`).join('')}` +
      `</ul>`,
  );
const doc = (m: Record<string, string>, files: string) =>
  html(`${meta(m)}<div class="content">正文</div>${files}`);

describe('normative-format', () => {
  it('passes a document with every field, a right 文号 and both versions that really download', async () => {
    const { ctx } = await crawlFixture({
      '/index.html': home,
      '/xxgk/index.html': platform,
      '/xxgk/gfxwj/index.html': column(1),
      '/xxgk/gfxwj/d0.html': doc(
        GOOD,
        '<a href="/f/a.docx">Word版</a><a href="/f/a.pdf">PDF版</a>',
      ),
      '/f/a.docx': {
        body: await docx(['宣城市旅游民宿管理办法']),
        contentType: 'application/octet-stream',
      },
      '/f/a.pdf': {
        body: pdf('Xuancheng minsu guanli banfa 2022'),
        contentType: 'application/pdf',
      },
    });
    expect(check.run(ctx)).toMatchObject({
      status: 'pass',
      findings: [],
      metrics: { documents: 1 },
    });
  });

  it('flags missing fields, a wrong 文号, a late publication, a fake docx and a missing PDF, each on its own', async () => {
    const { ctx } = await crawlFixture({
      '/index.html': home,
      '/xxgk/index.html': platform,
      '/xxgk/gfxwj/index.html': column(1),
      // 成文 2022-08-01, 发布 2022-09-29: 42 working days later (中秋 on 09-12).
      '/xxgk/gfxwj/d0.html': doc(
        {
          ...GOOD,
          文号: '宣文旅规[2022]01号',
          成文日期: '2022-08-01',
          有效性: '',
          索引号: '11341700MB1911893J/2021-00054',
        },
        '<a href="/f/b.docx">Word版</a>',
      ),
      '/f/b.docx': {
        body: '<html><body>404 文件不存在</body></html>',
        contentType: 'application/octet-stream',
      },
    });
    const r = check.run(ctx);
    expect(r.findings.map((f) => f.message).sort()).toEqual([
      '成文日期 2022-08-01 后 42 个工作日才公开（发布日期 2022-09-29），超过 20 个工作日。',
      '文号「宣文旅规[2022]01号」写法不规范：年份应使用六角括号「〔〕」，此处用了方括号「[]」；' +
        '发文顺序号不编虚位（「01」应写为「1」）。',
      '索引号「11341700MB1911893J/2021-00054」中的年份 2021 与成文日期 2022-08-01、发布日期 2022-09-29均不符。',
      '规范性文件未提供 PDF 版本。',
      '规范性文件缺少「有效性」（该项为空）。',
      '附件「Word版」名为 .docx，下载到的却是一个网页（多为错误页）。',
    ]);
  });

  it('is on time across the National Day holiday: 成文 09-29, 发布 10-27 is 20 working days', async () => {
    const { ctx } = await crawlFixture({
      '/index.html': home,
      '/xxgk/index.html': platform,
      '/xxgk/gfxwj/index.html': column(1),
      '/xxgk/gfxwj/d0.html': doc(
        { ...GOOD, 成文日期: '2022-09-29', 发布日期: '2022-10-27' },
        '<a href="/f/a.doc">doc</a><a href="/f/a.pdf">pdf</a>',
      ),
      ...BOTH_FILES,
    });
    expect(check.run(ctx).findings).toEqual([]);
  });

  it('passes the real 吉林 and 平潭 normative documents (有效性 written by script is not missing)', () => {
    for (const f of [
      'doc-pages/jl-gov-cn_xxgk_tonggao_jizhengmingdian-2022-1.html',
      'doc-pages/pingtan-gov-cn_xzgfxwj_lanzongguanzong-2024-30.html',
    ]) {
      const ctx = context({
        '/': { html: home },
        '/d.html': { html: corpus(f).replace('发文字号', '发文字号') },
      });
      // Treat the page as listed in the unit's 行政规范性文件 column.
      const page = ctx.byUrl.get('http://www.test.gov.cn/d.html')!;
      page.artifacts!.metadata.文号 = page.artifacts!.metadata.文号.replace('〔', '规〔');
      expect(
        check.run(ctx).findings.filter((x) => !x.key.startsWith('docno')),
        f,
      ).toEqual([]);
    }
  });

  it('takes the 索引号 year from 成文日期 or 发布日期: signed in December, published in January is right', async () => {
    const file = '<a href="/f/a.doc">doc</a><a href="/f/a.pdf">pdf</a>';
    const { ctx } = await crawlFixture({
      '/index.html': home,
      '/xxgk/index.html': platform,
      '/xxgk/gfxwj/index.html': column(2),
      '/xxgk/gfxwj/d0.html': doc(
        { ...GOOD, 索引号: '000014349/2021-00222', 成文日期: '2021-12-28', 发布日期: '2022-01-05' },
        file,
      ),
      '/xxgk/gfxwj/d1.html': doc(
        { ...GOOD, 索引号: '000014349/2020-00222', 成文日期: '2021-12-28', 发布日期: '2022-01-05' },
        file,
      ),
      ...BOTH_FILES,
    });
    expect(check.run(ctx).findings.map((f) => `${new URL(f.url).pathname} ${f.key}`)).toEqual([
      '/xxgk/gfxwj/d1.html index-year',
    ]);
  });

  it('decides a document signed in 1996 and published in 2018 without the holiday calendar', async () => {
    const { ctx } = await crawlFixture({
      '/index.html': home,
      '/xxgk/index.html': platform,
      '/xxgk/gfxwj/index.html': column(1),
      '/xxgk/gfxwj/d0.html': doc(
        { ...GOOD, 索引号: 'A/2018-1', 成文日期: '1996-03-01', 发布日期: '2018-05-10' },
        '<a href="/f/a.doc">doc</a><a href="/f/a.pdf">pdf</a>',
      ),
      ...BOTH_FILES,
    });
    const r = check.run(ctx);
    expect(r.reason).toBeUndefined();
    expect(r.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^成文日期 1996-03-01 后 至少 \d{4} 个工作日（按任何节假日安排）才公开/,
      ),
    ]);
  });

  it('is not applicable when the unit shows no normative document', () => {
    expect(check.run(context({ '/': { html: home } })).status).toBe('not-applicable');
  });

  it('normalises validity markings', () => {
    expect(['有效', '现行有效', '已废止', '部分失效', '待定'].map(normalizeValidity)).toEqual([
      'valid',
      'valid',
      'invalid',
      'amended',
      undefined,
    ]);
  });

  it('judges no homepage and no 统计公报 listed in the column as a normative document', async () => {
    const listed =
      '<ul><li><a href="/index.html">首页</a><span>2022-09-29</span></li>' +
      '<li><a href="/xxgk/gfxwj/gb.html">2021年国民经济和社会发展统计公报</a><span>2022-03-01</span></li>' +
      '<li><a href="/xxgk/gfxwj/d0.html">文件0</a><span>2022-09-29</span></li></ul>';
    const { ctx } = await crawlFixture({
      '/index.html': home,
      '/xxgk/index.html': platform,
      '/xxgk/gfxwj/index.html': html(listed),
      '/xxgk/gfxwj/gb.html': doc(
        { ...GOOD, 文号: '', 成文日期: '2021-12-31', 发布日期: '2022-03-01' },
        '',
      ).replace(/<title>[^<]*<\/title>/, '<title>2021年国民经济和社会发展统计公报</title>'),
      '/xxgk/gfxwj/d0.html': doc(GOOD, '<a href="/f/a.docx">Word版</a>'),
    });
    const r = check.run(ctx);
    expect(r.metrics).toMatchObject({ documents: 1 });
    expect(r.findings.every((f) => f.url.endsWith('/d0.html'))).toBe(true);
  });
});
