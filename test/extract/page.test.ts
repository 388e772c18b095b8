// The extractors on real pages of real government sites (test/fixtures/corpus, copied from the
// team's shared corpus), whose values were read off the pages by eye.
import { describe, expect, it } from 'vitest';
import { attachmentsOf, extractPage } from '../../src/extract/page.ts';
import { corpus } from '../helpers/context.ts';

const extract = (path: string, url = 'https://www.example.gov.cn/a/b/c.html') =>
  extractPage(corpus(path), url);

describe('extractPage on the corpus', () => {
  it('reads the full footer of the 内蒙古 portal', () => {
    const a = extract('homepages/nmg-gov-cn_article_full-footer.html');
    expect(a.identity).toMatchObject({
      siteIdCode: '1500000001',
      metaSiteIdCode: '1500000001',
      jiucuo: true,
      jiucuoSitecode: '1500000001',
      icp: '蒙ICP备05000248号',
      gongan: '蒙公网安备15010502000333号',
      conac: true,
      sponsor: '内蒙古自治区人民政府办公厅',
    });
  });

  it('sees that the 科普网 footer has no 公安备案号 and a conac mark written by document.write', () => {
    const a = extract('homepages/kepu-gov-cn_article_footer-no-gongan-beian.html');
    expect(a.identity.gongan).toBeUndefined();
    expect(a.identity.conac).toBe(true);
    expect(a.identity.siteIdCode).toBe('bm06000004');
    expect(a.identity.icp).toBe('京ICP备05022684号-3');
  });

  it('reads the 巴彦淖尔 footer anomalies as they are', () => {
    const a = extract('homepages/bynr-gov-cn_article_footer-anomalies.html');
    expect(a.identity.icp).toBe('蒙ICP备05006530');
    expect(a.identity.gongan).toBe('公安机关备案号：15081599004-00001');
  });

  it('reads the metadata table of a 吉林 document, ignoring its copy inside a comment', () => {
    const a = extract('doc-pages/jl-gov-cn_xxgk_tonggao_jizhengmingdian-2022-1.html');
    expect(a.metadata).toMatchObject({
      索引号: '11220000013544357T/2022-00426',
      发布机构: '吉林省人民政府',
      成文日期: '2022年01月27日',
      文号: '吉政明电〔2022〕1号',
      发布日期: '2022年01月28日',
    });
    // 有效性 is written by document.write: a static parse must not invent it, and says so.
    expect(a.metadata.有效性).toBeUndefined();
    expect(a.scriptedFields).toContain('有效性');
    expect(a.pubDate).toBe('2022-01-28');
    expect(a.identity.siteIdCode).toBeUndefined();
    expect(a.identity.jiucuoSitecode).toBe('2200000019');
  });

  it('reads the 平潭 normative document whose labels are spaced (有 效 性)', () => {
    const a = extract('doc-pages/pingtan-gov-cn_xzgfxwj_lanzongguanzong-2024-30.html');
    expect(a.metadata).toMatchObject({
      索引号: 'PZ00103-1700-2024-00552',
      发布机构: '平潭综合实验区管委会',
      成文日期: '2024-05-22',
      文号: '岚综管综〔2024〕30号',
      发布日期: '2024-05-22',
      有效性: '有效',
    });
  });

  it('lists the 原件 attachments of the 平潭 document (.pdf and .wps)', () => {
    const a = extractPage(
      corpus('doc-pages/pingtan-gov-cn_xzgfxwj_lanzongguanzong-2024-30.html'),
      'https://www.pingtan.gov.cn/zwgk/zfxxgk/gwhwj/hzgfxwj/202406/t20240604_90695.htm',
    );
    expect(attachmentsOf(a).map((l) => l.url.split('/').at(-1))).toEqual([
      'P020240604643213167767.pdf',
      'P020240604643224172549.wps',
    ]);
  });

  it('reads a header-row metadata table (上海: labels above, values below, 发布时间 empty)', () => {
    const a = extract('spam/clone_wsjkw-sh-gov-cn_injected-expert.html');
    expect(a.metadata).toMatchObject({
      索引号: '076478684Q/2024-00112',
      发布机构: '上海市卫生健康委员会',
      文号: '沪卫基层〔2024〕5号',
      发布日期: '',
    });
  });

  it('keeps an empty 文件编号 empty instead of taking the next label', () => {
    const a = extract('spam/clone_jyt-zj-gov-cn_xxgk-meta_injected-name.html');
    expect(a.metadata.文号).toBe('');
    expect(a.metadata.发布机构).toBe('省教育厅');
  });

  it('finds the ten dated items of the 平潭 annual-report list (<dl><dd>link</dd><dd>date</dd>)', () => {
    const a = extract(
      'list-pages/pingtan-gov-cn_zfxxgknb-list.html',
      'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/',
    );
    expect(a.listItems).toHaveLength(10);
    expect(a.listItems[0]).toMatchObject({ date: '2026-03-10' });
    expect(a.listItems.find((i) => i.title.includes('2024年度'))).toMatchObject({
      date: '2025-03-10',
      url: 'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm',
    });
  });

  it('marks the script-only normative list as script-filled and finds no items in it', () => {
    const a = extract('list-pages/pingtan-gov-cn_hzgfxwj-list_items-js-only.html');
    expect(a.listItems).toHaveLength(0);
    expect(a.scriptFilled).toBe('template');
  });

  it('marks the lottery.gov.cn anti-bot shell as a shell', () => {
    const a = extract('homepages/lottery-gov-cn_homepage_spa-shell.html');
    expect(a.scriptFilled).toBe('shell');
    expect(a.title).toBe('');
  });

  it('does not take the old gov.cn page for a shell although its text sits after </html>', () => {
    const a = extract('doc-pages/www-gov-cn_gongbao-2007-23_npc-resolution.html');
    expect(a.scriptFilled).toBeUndefined();
    expect(a.identity.siteIdCode).toBe('bm01000001');
  });

  it('reads every page of the corpus without throwing', async () => {
    const { readdirSync } = await import('node:fs');
    const { CORPUS } = await import('../helpers/context.ts');
    for (const dir of [
      'homepages',
      'doc-pages',
      'list-pages',
      'spam',
      'interpretation-pages',
      'guide-pages',
      'annual-reports',
    ]) {
      for (const f of readdirSync(`${CORPUS}/${dir}`).filter((x) => x.endsWith('.html'))) {
        const a = extract(`${dir}/${f}`);
        expect(
          a.links.every((l) => /^https?:/.test(l.url)),
          f,
        ).toBe(true);
      }
    }
  });
});

describe('extractPage on made-up edge cases', () => {
  it('does not take a date inside a title for the item date', () => {
    const a = extractPage(
      '<ul><li><a href="/a.html">关于2022年11月1日起实施新规的通知</a></li></ul>',
      'http://x.gov.cn/',
    );
    expect(a.listItems).toHaveLength(0);
  });

  it('resolves links against <base> and drops javascript: and mailto:', () => {
    const a = extractPage(
      '<base href="http://x.gov.cn/sub/"><a href="a.html">甲</a><a href="javascript:void(0)">乙</a><a href="mailto:a@b">丙</a>',
      'http://x.gov.cn/',
    );
    expect(a.links.map((l) => l.url)).toEqual(['http://x.gov.cn/sub/a.html']);
  });
});

describe('metadata labels real platforms use', () => {
  const doc = (rows: string) =>
    extractPage(
      `<html><body><h1>某某办法</h1><table>${rows}</table><p>正文</p></body></html>`,
      'https://x.gov.cn/a.html',
    );

  it('reads 信息索引, 发文机构, 责任部门 and 发文日期', () => {
    const a =
      doc(`<tr><td>信息索引：</td><td>11341700MB1911893J/202211-00054</td><td>发文机构：</td><td>宣城市人民政府</td></tr>
      <tr><td>发文日期：</td><td>2022-11-01</td><td>责任部门：</td><td>市司法局</td></tr>`);
    expect(a.metadata).toMatchObject({
      索引号: '11341700MB1911893J/202211-00054',
      发布机构: '宣城市人民政府',
      成文日期: '2022-11-01',
    });
    const b = doc(
      '<tr><td>信息索引</td><td>A/2022-1</td></tr><tr><td>责任部门</td><td>市司法局</td></tr>',
    );
    expect(b.metadata).toMatchObject({ 索引号: 'A/2022-1', 发布机构: '市司法局' });
  });

  it('reads a header row: each label takes the cell at its index in the row below', () => {
    // Below in the same table, and below in the next section (thead, then tbody).
    const a = doc(
      '<tr><th>索引号</th><th>文号</th></tr><tr><td>A/2022-1</td><td>宣政〔2022〕3号</td></tr>',
    );
    expect(a.metadata).toMatchObject({ 索引号: 'A/2022-1', 文号: '宣政〔2022〕3号' });
    const b = doc(
      '<thead><tr><th>成文日期</th><th>发布机构</th></tr></thead>' +
        '<tbody><tr><td>2022-11-01</td><td>宣城市人民政府</td></tr></tbody>',
    );
    expect(b.metadata).toMatchObject({ 成文日期: '2022-11-01', 发布机构: '宣城市人民政府' });
    // A label under a label is no value: the field stands empty.
    const c = doc('<tr><th>索引号</th></tr><tr><td>文号</td></tr>');
    expect(c.metadata.索引号).toBe('');
  });

  it('never reads a script in a value cell as the value: the field is recorded as written by script', () => {
    const a = doc(`<tr><td>索引号：</td><td>A/2022-1</td><td>文号：</td>
      <td><script>var fileNum = "";if (fileNum != "") { document.write(fileNum); }</script></td></tr>`);
    expect(a.metadata.文号).toBeUndefined();
    expect(JSON.stringify(a.metadata)).not.toContain('var');
    expect(a.scriptedFields).toContain('文号');
    // A cell that shows its value beside a script keeps the value.
    const b = doc('<tr><td>文号：</td><td>宣政〔2022〕3号<script>var x = 1;</script></td></tr>');
    expect(b.metadata.文号).toBe('宣政〔2022〕3号');
    expect(b.scriptedFields ?? []).not.toContain('文号');
    // A script standing beside the label, not inside a cell: its source is no value either.
    const c = doc(
      '<tr><td><span>文号：</span><script>document.write("宣政〔2022〕3号");</script></td></tr>',
    );
    expect(c.metadata.文号).toBeUndefined();
    expect(c.scriptedFields).toContain('文号');
    const d = doc('<tr><th>索引号</th><script>var s = 1;</script></tr><tr><td>A/2022-1</td></tr>');
    expect(d.metadata.索引号).toBeUndefined();
    expect(d.scriptedFields).toContain('索引号');
  });
});

describe('site identity in the forms real footers use', () => {
  it('reads the 平潭 footer: 「公安备案号：35012899001-19002」 and 「版权所有：…」', () => {
    const a = extract('list-pages/pingtan-gov-cn_zfxxgknb-list.html');
    expect(a.identity.gongan).toBe('公安备案号：35012899001-19002');
    expect(a.identity.siteIdCode).toBe('3590000001');
  });

  it('reads a sponsor written name first 「…（主办）」, and a copyright holder without a 主办 label', () => {
    expect(extract('homepages/bynr-gov-cn_article_footer-anomalies.html').identity.sponsor).toBe(
      '巴彦淖尔市人民政府办公室',
    );
    const zj = extract('homepages/fgw-zj-gov-cn_article_simpread-residue.html').identity;
    expect(zj.sponsor).toBeUndefined();
    expect(zj.copyrightHolder).toBe('浙江省发展和改革委员会');
    // A website's name is no organisation: 「版权所有：中国科普网」 names no sponsor.
    expect(
      extract('homepages/kepu-gov-cn_article_footer-no-gongan-beian.html').identity.copyrightHolder,
    ).toBeUndefined();
  });
});

describe('identity marks a platform script fills', () => {
  it("sees the 安徽 platform's 找错 and 党政机关 placeholders (j-jiucuo with its sitecode, dzjg j-gov)", () => {
    const a = extract('spam/clone_jyt-ah-gov-cn_injected-judge-bio.html').identity;
    expect(a.findErrorEntry).toBe(true);
    expect(a.jiucuoSitecode).toBe('3400000072');
    expect(a.conac).toBe(true);
  });

  it('sees a 纠错 page linked as jiucuo.htm, and not a page that only mentions 纠错 in its text', () => {
    expect(extract('spam/clone_cac-gov-cn_injected-author.html').identity.findErrorEntry).toBe(
      true,
    );
    const plain = extractPage(
      '<html><body><p>我们将认真纠错整改</p><div class="footer">主办单位：某局</div></body></html>',
      'https://x.gov.cn/',
    );
    expect(plain.identity.findErrorEntry).toBe(false);
    expect(plain.identity.conac).toBe(false);
  });
});
