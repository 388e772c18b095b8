import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import check from '../../checks/spam-injection.ts';
import { probeCloaking } from '../../src/probes/cloaking.ts';
import { HostMap } from '../../src/net/hosts.ts';
import { HttpClient } from '../../src/net/http.ts';
import { context, CORPUS, corpusPages, html } from '../helpers/context.ts';
import { crawlFixture } from '../helpers/crawl.ts';

const run = (main: string, extra: Parameters<typeof context>[0] = {}, title?: string) =>
  check.run(context({ '/': { html: html(main, '', title) }, ...extra }));

const closers: (() => Promise<void>)[] = [];
afterEach(() => Promise.all(closers.splice(0).map((c) => c())));

describe('spam-injection', () => {
  it('finds the gambling text injected into the real seed page, served as GB2312 and crawled', async () => {
    const seedText = readFileSync(join(CORPUS, '..', 'seed', '000_4354457bd10285a1.txt'), 'utf8');
    const title = '2022年11—12月政务公开重点工作任务提示单';
    const paragraphs = seedText
      .split('\n')
      .map((l) => `<p>${l.replace(/[<>&]/g, ' ')}</p>`)
      .join('');
    const page = `<html><head><meta charset="gb2312"><title>${title}</title></head><body>${paragraphs}</body></html>`;
    const { records, ctx } = await crawlFixture(
      { '/index.html': { body: page, charset: 'gb2312' } },
      'wlj.xuancheng.gov.cn',
    );
    expect(records[0].charset).toBe('gb18030');
    const r = check.run(ctx);
    expect(r.status).toBe('fail');
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0].severity).toBe('veto');
    expect(r.findings[0].message).toMatch(/云顶国际.*线路检测|线路检测.*云顶国际/);
    expect(r.findings[0].evidence).toContain('yd222云顶线路检测中心');
  });

  it('finds links hidden by a <style> class, inline styles, off-screen and in a marquee', () => {
    const r = run(`<style>.yq{display:none}</style>
      <div class="yq"><a href="http://www.bet365-cn.com/">bet365</a></div>
      <div style="position:absolute;left:-9999px">百家乐 <a href="http://x.com/">真人娱乐</a></div>
      <marquee width="1" height="1"><a href="/p.html">六合彩开奖</a></marquee>
      <span style="font-size:0px">在线博彩 开户送</span>`);
    const msgs = r.findings.map((f) => f.message);
    expect(msgs.some((m) => m.includes('用 display:none 隐藏的涉赌涉黄链接'))).toBe(true);
    expect(msgs.some((m) => m.includes('定位到屏幕之外的涉赌涉黄内容'))).toBe(true);
    expect(msgs.some((m) => m.includes('滚动字幕'))).toBe(true);
    expect(msgs.some((m) => m.includes('字号设为 0/1 像素'))).toBe(true);
  });

  it('finds a gambling link written by a percent-encoded document.write', () => {
    const code = encodeURIComponent('<a href="http://www.manbetx-app.com/">万博体育 manbetx</a>');
    const r = run(`<script>document.write(unescape("${code}"));</script>`);
    expect(r.findings.map((f) => f.message)).toEqual([
      '页面中有由脚本写入的涉赌涉黄链接「万博体育 manbetx」。',
    ]);
  });

  it('finds spam words in <title> and keywords, and a 友情链接 whose domain now sells gambling', () => {
    expect(run('', {}, '澳门新葡京_百家乐').findings[0].message).toContain('页面标题或关键词');
    const r = run('<a href="http://old-partner.com/">原合作单位</a>', {
      'http://old-partner.com/': { kind: 'external' },
    });
    expect(r.findings).toEqual([]);
    const ctx = context({
      '/': { html: html('<a href="http://old-partner.com/">原合作单位</a>') },
      'http://old-partner.com/': { kind: 'external' },
    });
    ctx.byUrl.get('http://old-partner.com/')!.title = '澳门新葡京娱乐场_真人百家乐';
    expect(check.run(ctx).findings[0].message).toContain('疑为域名过期被抢注');
  });

  // 19号 vetoes 「链接…色情、赌博」: every off-site target the crawl fetched, not only 友情链接.
  it('flags any off-site link whose target now serves gambling, never an ambiguous title', () => {
    const ctx = (title: string) => {
      const c = context({
        '/': { html: html('<p>正文</p>') },
        '/news/1.html': {
          html: html('<p>详见<a href="http://expo.example.com/">博览会官网</a>。</p>'),
        },
        'http://expo.example.com/': { kind: 'external' },
      });
      c.byUrl.get('http://expo.example.com/')!.title = title;
      return c;
    };
    const r = check.run(ctx('太阳城娱乐_百家乐在线_真人赌场'));
    expect(r.findings.map((f) => [f.severity, new URL(f.url).pathname])).toEqual([
      ['veto', '/news/1.html'],
    ]);
    expect(check.run(ctx('中国体育彩票_官方网站')).findings).toEqual([]);
  });

  it('flags what only a search-engine spider is shown (cloaking), over real HTTP', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      const spider = /Baiduspider/.test(req.headers['user-agent'] ?? '');
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          html(
            `<p>正常内容</p>${spider ? '<a href="http://www.365bet-cn.com/">365bet官网</a>' : ''}`,
          ),
        );
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    closers.push(() => new Promise((ok) => server.close(() => ok())));
    const client = new HttpClient(new HostMap({ 'www.cloak.gov.cn': ['127.0.0.1'] }, true));
    closers.push(() => client.close());
    const site = `http://www.cloak.gov.cn:${(server.address() as { port: number }).port}/`;
    const cloaking = await probeCloaking({ site, client, userAgent: 'zwgk', timeoutMs: 2000 });
    const ctx = context(
      { '/': { html: html('<p>正常内容</p>') } },
      { probes: { cloaking }, unit: { site } },
    );
    const r = check.run(ctx);
    expect(r.findings.map((f) => f.message)).toEqual([
      '首页对搜索引擎爬虫显示了普通访问看不到的涉赌涉黄内容，疑似被挂马（黑帽 SEO）。',
    ]);
    expect(r.findings[0].evidence).toContain('365bet');
  });

  it('does not flag legitimate uses of ambiguous words', () => {
    const r = run(
      `<ul><li><a href="/1.html">热烈庆祝澳门回归祖国25周年</a> 2024-12-20</li>
      <li><a href="/2.html">市成人教育招生简章</a> 2022-05-01</li>
      <li><a href="/3.html">体育彩票公益金使用情况公示</a> 2022-05-01</li>
      <li><a href="/4.html">持续整治娱乐场所 久久为功</a> 2022-05-01</li></ul>
      <div class="links"><a href="https://www.lottery.gov.cn/">中国体育彩票</a>` +
        `<a href="http://www.macau.gov.mo/">澳门特别行政区政府</a></div>
      <div style="display:none"><a href="/ty.html">体育</a><a href="/yl.html">文化娱乐</a></div>`,
    );
    expect(r).toMatchObject({ status: 'pass', findings: [] });
  });

  it('flags none of the real pages in the corpus, including the third-party clones with self-promotion', () => {
    for (const page of corpusPages()) {
      expect(check.run(context({ '/': { html: page.html } })).findings, page.file).toEqual([]);
    }
  });
});

describe('distinct injections on one site', () => {
  const template =
    '<div style="display:none"><a href="http://www.yunding-bet.com/">云顶线路检测 云顶国际娱乐</a></div>';
  it("reports an article's own injected text apart from the template's hidden links", () => {
    const r = run(`<p>首页</p>${template}`, {
      '/a.html': {
        html: html(`<p>工作动态。yd222云顶线路检测中心 欢迎访问</p>${template}`),
        depth: 1,
      },
      '/b.html': { html: html(`<p>通知公告</p>${template}`), depth: 1 },
    });
    const text = r.findings.filter((f) => f.key.startsWith('text:'));
    expect(text.map((f) => new URL(f.url).pathname)).toEqual(['/a.html']);
    expect(text[0].evidence).toContain('yd222云顶线路检测中心');
    const links = r.findings.filter((f) => f.key.startsWith('link:'));
    // The template's: one problem (one group) on every page.
    expect(links).toHaveLength(3);
    expect(new Set(links.map((f) => f.group)).size).toBe(1);
  });

  it('does not report the hidden links again as text where they are all the page has', () => {
    const r = run(`<p>首页</p>${template}`);
    expect(r.findings.map((f) => f.key.split(':')[0])).toEqual(['link']);
  });
});
