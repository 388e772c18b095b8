// The publish date as the reader sees it, on real pages (test/fixtures/corpus) and on the forms
// real CMSs write, with the look-alikes that must not be read as the page's date.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/page.ts';
import { labelledDate, monthFromUrl, publishDate } from '../../src/extract/publish-date.ts';
import { corpus } from '../helpers/context.ts';

const page = (path: string, url = 'https://www.example.gov.cn/a/b/c.html') =>
  extractPage(corpus(path), url);
const wrap = (head: string, body: string) =>
  `<html><head>${head}<title>关于做好某项工作的通知</title></head><body>${body}</body></html>`;

describe('publish date on real pages', () => {
  it('the 工信部 page: its PubDate meta is the regeneration time (2023), the info line says 2009', () => {
    const a = page('spam/clone_miit-gov-cn_injected-expert-bio.html');
    expect(a.meta.pubdate).toMatch(/^2023-05-12/);
    expect(a.pubDate).toBe('2009-09-30');
    expect(a.pubDateFrom).toBe('label');
  });

  it('the 网信办 page: an unlabelled date on the info line next to 来源', () => {
    const a = page('spam/clone_cac-gov-cn_injected-author.html');
    expect(a.pubDate).toBe('2020-02-18');
  });

  it('the 科普网 page: 「来源：新华社 作者： 2023-12-01 14:43」', () => {
    expect(page('homepages/kepu-gov-cn_article_footer-no-gongan-beian.html').pubDate).toBe(
      '2023-12-01',
    );
  });

  it('the 振兴东北 page of 2005: 「www… 2005年08月16日 来源：」', () => {
    expect(
      page('homepages/chinaneast-gov-cn_2005-article_gb2312-converted-to-utf8.html').pubDate,
    ).toBe('2005-08-16');
  });

  it('the 吉林 document: the metadata block wins, and its 成文日期 is never the publish date', () => {
    const a = page('doc-pages/jl-gov-cn_xxgk_tonggao_jizhengmingdian-2022-1.html');
    expect(a.pubDate).toBe('2022-01-28');
    expect(a.pubDateFrom).toBe('metadata');
  });

  it('the 金融监管总局 page: 留言时间 in a sidebar is not the page date', () => {
    const a = page('doc-pages/nfra-gov-cn_penalty-disclosure_rendered-dom.html');
    expect(a.pubDate).toBe('2024-07-12');
  });

  it("the 平潭 document: the block's 发布日期 beats the t20240604 URL stamp", () => {
    const url = 'https://www.pingtan.gov.cn/zwgk/zfxxgk/gwhwj/hzgfxwj/202406/t20240604_90695.htm';
    const a = page('doc-pages/pingtan-gov-cn_xzgfxwj_lanzongguanzong-2024-30.html', url);
    expect(a.pubDate).toBe('2024-05-22');
  });
});

describe('publish date in info-line layouts read since round 3', () => {
  // Each page's PubDate meta is moved 3 days and 2 years off: the date the reader sees must win.
  const shifted = (path: string, url?: string) =>
    extractPage(
      corpus(path)
        .replace(/<meta name="PubDate"[^>]*>/i, '')
        .replace('</head>', '<meta name="PubDate" content="2020-01-01 08:00"></head>'),
      url ?? 'https://www.example.gov.cn/a/b/c.html',
    );

  it('平潭: 「时间：2022-05-13 09:47 微信 微博 QQ」 (a bare 时间 beside the share buttons)', () => {
    const a = shifted(
      'doc-pages/pingtan-gov-cn_sswghwj-41839_jiaotong-guihua_links-to-interp-41836-in-hygq.html',
    );
    expect([a.pubDate, a.pubDateFrom]).toEqual(['2022-05-13', 'label']);
  });

  it('巴彦淖尔: 「www.bynr.gov.cn 2022-02-11 09:52 打印本页」 (a date and time, then print)', () => {
    const a = shifted('homepages/bynr-gov-cn_article_footer-anomalies.html');
    expect([a.pubDate, a.pubDateFrom]).toEqual(['2022-02-11', 'label']);
  });

  it('上海卫健委: 「…的通知 ( 2024-05-11)」 beside the heading, not the signature 2024年5月10日', () => {
    const a = shifted('spam/clone_wsjkw-sh-gov-cn_injected-expert.html');
    expect([a.pubDate, a.pubDateFrom]).toEqual(['2024-05-11', 'label']);
  });
});

describe('publish date: forms and look-alikes', () => {
  const text = (body: string, head = '', url = 'https://x.gov.cn/art/1.html') =>
    extractPage(wrap(head, body), url);

  it('reads 2012年6月24日 and 2017-04-12 08:12 on a labelled info line', () => {
    expect(
      text('<h1>通知</h1><div class="info">发布时间：2017-04-12 08:12 来源：市政府办</div>')
        .pubDate,
    ).toBe('2017-04-12');
    expect(text('<h1>通知</h1><p>日期：2012年6月24日 &nbsp; 来源：本站</p>').pubDate).toBe(
      '2012-06-24',
    );
    expect(text('<h1>通知</h1><p><span>发布日期:</span><span>2021/3/5</span></p>').pubDate).toBe(
      '2021-03-05',
    );
  });

  it('a labelled date beats a PubDate meta that disagrees', () => {
    const a = text(
      '<h1>通知</h1><p>发布时间：2021-03-05 来源：本站</p>',
      '<meta name="PubDate" content="2023-11-30 10:00">',
    );
    expect(a.pubDate).toBe('2021-03-05');
  });

  it('never takes 成文日期, 会议时间, 报名时间 or a bare 时间 in the body as the publish date', () => {
    expect(labelledDate('成文日期：2022-01-27 索引号：x')).toBeUndefined();
    expect(labelledDate('会议时间：2022-05-01 地点：三楼会议室')).toBeUndefined();
    expect(labelledDate('报名时间：2022-05-01至2022-05-10')).toBeUndefined();
    expect(labelledDate('一、时间：2022-05-01 二、地点：礼堂')).toBeUndefined();
  });

  // A page that shows no publish date and ends with its 落款: the signing date, then 来源.
  it('a signature date is the 成文日期, never the publish date, even when 来源 follows it', () => {
    const body =
      '<h1>关于做好某项工作的通知</h1><p>各单位：现将有关事项通知如下。</p>' +
      '<p>宣城市司法局</p><p>2022年3月1日</p><p>来源：宣城市司法局</p>';
    const url = 'https://x.gov.cn/xxgk/202203/t20220302_1.html';
    expect(text(body, '', url).pubDate).toBe('2022-03-02');
    expect(text(body, '', 'https://x.gov.cn/a/1.html').pubDate).toBeUndefined();
    // The look-alike: an info line's date before 来源, after a heading, not an organ.
    expect(labelledDate('广州美妆产业依靠自主创新持续发力 2023-12-05 来源：广州日报')).toBe(
      '2023-12-05',
    );
    expect(labelledDate('宣城市司法局 2022-03-01 14:30 来源：宣城市司法局')).toBe('2022-03-01');
  });

  it("a PubDate meta months after the URL's month is a regeneration stamp: the URL date is used", () => {
    const meta = '<meta name="PubDate" content="2023-11-30 10:00">';
    expect(
      text('<h1>通知</h1>', meta, 'https://x.gov.cn/xxgk/202103/t20210305_1.html').pubDate,
    ).toBe('2021-03-05');
    expect(
      text('<h1>通知</h1>', meta, 'https://x.gov.cn/xxgk/202103/12345.html').pubDate,
    ).toBeUndefined();
    // The same meta within the URL's month stands.
    expect(text('<h1>通知</h1>', meta, 'https://x.gov.cn/xxgk/202311/12345.html').pubDate).toBe(
      '2023-11-30',
    );
  });

  it('reads the month the URL names in the forms CMSs use', () => {
    expect(monthFromUrl('https://x.gov.cn/zwgk/202305/t20230512_1.htm')).toBe('2023-05');
    expect(monthFromUrl('https://www.gov.cn/zhengce/content/2018-12/29/content_5353307.htm')).toBe(
      '2018-12',
    );
    expect(monthFromUrl('https://x.gov.cn/art/2016/11/22/art_1.html')).toBe('2016-11');
    expect(monthFromUrl('https://x.gov.cn/public/6596371/1234567.html')).toBeUndefined();
    expect(monthFromUrl('https://x.gov.cn/a.html?d=202305')).toBeUndefined();
  });

  it('says where the date came from', () => {
    expect(
      publishDate({ metadata: {}, meta: { pubdate: '2022-01-02' }, text: '', url: 'https://x/' }),
    ).toEqual({
      date: '2022-01-02',
      from: 'meta',
    });
    expect(publishDate({ metadata: {}, meta: {}, text: '', url: 'https://x/' })).toEqual({});
  });
});
