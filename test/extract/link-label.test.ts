// The label before a link names what it is where its own text does not: 「相关解读：<a>我省推进…</a>」
// and a list under a 相关解读 heading are 解读 links; 相关链接 and a news list are not.
import { describe, expect, it } from 'vitest';
import { extractPageAndText } from '../../src/extract/page.ts';
import { isInterpretationLink } from '../../src/extract/interpretation-link.ts';

const links = (body: string) =>
  extractPageAndText(
    `<html><head><title>文件</title></head><body><div class="main">${body}</div></body></html>`,
    'http://www.example.gov.cn/doc/1.html',
  ).artifacts.links;

const interp = (body: string) =>
  links(body)
    .filter(isInterpretationLink)
    .map((l) => l.text);

describe('labels before links', () => {
  it('reads 「相关解读：」 before a link whose text says nothing of 解读', () => {
    expect(
      interp(
        '<p>相关解读：<a href="/jd/1.html">我省推进64个重大产业项目建设促经济平稳增长</a></p>',
      ),
    ).toEqual(['我省推进64个重大产业项目建设促经济平稳增长']);
    expect(interp('<p>政策解读: <a href="/jd/2.html">一图看懂新规</a></p>')).toEqual([
      '一图看懂新规',
    ]);
    expect(interp('<p>解读材料：<a href="/jd/3.html">三问三答</a></p>')).toEqual(['三问三答']);
  });

  it('reads the heading over a list of links', () => {
    expect(
      interp(
        '<div><h3>相关解读</h3><ul><li><a href="/jd/4.html">关于实施意见的说明</a></li>' +
          '<li><a href="/jd/5.html">答记者问</a></li></ul></div>',
      ),
    ).toContain('关于实施意见的说明');
  });

  it('does not take other labels or headings for 解读', () => {
    expect(interp('<p>相关链接：<a href="/x/1.html">市人民政府</a></p>')).toEqual([]);
    expect(interp('<p>附件：<a href="/x/2.pdf">实施细则</a></p>')).toEqual([]);
    expect(
      interp(
        '<div><h3>热点新闻</h3><ul><li><a href="/n/1.html">全市推进会召开</a></li></ul></div>',
      ),
    ).toEqual([]);
    // A long sentence ending in a colon before a link is no label of 解读.
    expect(
      interp('<p>详情请见本局关于政策解读工作的安排：<a href="/n/2.html">通知</a></p>'),
    ).toEqual([]);
  });
});

describe('labels at the end of a long paragraph', () => {
  it('reads the label that ends a long run of text', () => {
    const long = '为贯彻落实省委省政府决策部署，'.repeat(8);
    expect(interp(`<p>${long}相关解读：<a href="/jd/9.html">新政要点</a></p>`)).toEqual([
      '新政要点',
    ]);
  });
});
