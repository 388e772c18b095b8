// Browser mode with the real system Chromium, over fixture sites on loopback: what a static
// crawl cannot see (lists filled by fetch() after load, links hidden by an external
// stylesheet) and what must still be reported as blocked (an SPA/anti-bot shell), and a tab
// that hangs without stalling the crawl.
import iconv from 'iconv-lite';
import { expect, it } from 'vitest';
import columnBlank from '../../checks/column-blank.ts';
import spamInjection from '../../checks/spam-injection.ts';
import { READ_PENDING, whenIdle } from '../../src/browser/page-activity.ts';
import { Renderer, settle } from '../../src/browser/renderer.ts';
import { serveSite, type SiteMap } from '../../src/demo/site-server.ts';
import { HostMap } from '../../src/net/hosts.ts';
import { HttpClient } from '../../src/net/http.ts';
import { site } from '../checks/columns.fixture.ts';
import { corpus, html } from '../helpers/context.ts';
import { crawlFixture } from '../helpers/crawl.ts';
import { describeWith } from '../helpers/system.ts';

const asRoutes = (pages: Record<string, { html?: string }>): SiteMap =>
  Object.fromEntries(Object.entries(pages).map(([p, v]) => [p, v.html ?? '']));

/** A one-tab renderer for a fixture site, closed with the site when `fn` is done. */
async function withRenderer(
  server: Awaited<ReturnType<typeof serveSite>>,
  pageTimeoutMs: number,
  fn: (renderer: Renderer) => Promise<void>,
): Promise<void> {
  const client = new HttpClient(new HostMap({ 'www.fixture.gov.cn': ['127.0.0.1'] }, true));
  const renderer = await new Renderer(client, {
    poolSize: 1,
    pageTimeoutMs,
    recycleAfter: 50,
    userAgent: 'test',
  }).start();
  try {
    await fn(renderer);
  } finally {
    await renderer.close();
    await server.close();
    await client.close();
  }
}

// The 政策解读 column's list arrives from a JSON API after the load event, as on many CMSs.
const fetchFilled: SiteMap = {
  ...asRoutes(site()),
  '/xxgk/jd/': html(
    `<h2>政策解读</h2><ul id="list"></ul>
<script>window.addEventListener('load', function () {
  fetch('/api/jd.json').then(function (r) { return r.json(); }).then(function (items) {
    document.getElementById('list').innerHTML = items.map(function (i) {
      return '<li><a href="' + i.url + '">' + i.title + '</a><span>' + i.date + '</span></li>';
    }).join('');
  });
});</script>`,
    '主办单位：宣城市测试局　网站标识码：3418000011　皖ICP备05001234号　地址：' +
      '宣城市宣州区测试路1号　联系电话：0563-0000000',
  ),
  '/api/jd.json': {
    body: JSON.stringify([
      {
        url: '/xxgk/jd/t1.html',
        title: '《关于促进文旅消费的若干措施》政策解读',
        date: '2022-10-20',
      },
      { url: '/xxgk/jd/t2.html', title: '图解：文旅惠民措施', date: '2022-09-02' },
    ]),
    contentType: 'application/json',
  },
  '/xxgk/jd/t1.html': html('<h2>解读一</h2>'),
  '/xxgk/jd/t2.html': html('<h2>解读二</h2>'),
};

describeWith('chromium', 'a column list filled by fetch() after load', () => {
  it('static crawl sees no items, and says it cannot tell rather than calling the column blank', async () => {
    const { ctx, records } = await crawlFixture(fetchFilled, 'www.fixture.gov.cn', 'http');
    const jd = records.find((r) => r.url.endsWith('/xxgk/jd/'))!;
    expect(jd.artifacts!.listItems).toEqual([]);
    expect(jd.artifacts!.scriptFilled).toBe('ajax');
    const r = columnBlank.run(ctx);
    expect(r.findings).toEqual([]);
    expect(r.reason).toContain('政策解读');
  });

  it('auto mode renders that page in Chromium, sees the items, and raises no blank-column finding', async () => {
    const { ctx, records, hits } = await crawlFixture(fetchFilled, 'www.fixture.gov.cn', 'auto');
    const jd = records.find((r) => r.url.endsWith('/xxgk/jd/'))!;
    expect(jd.artifacts!.rendered).toBe(true);
    // Chromium was handed the page the crawl had fetched: the site was asked for it once; the
    // script's own request went to the site.
    expect(hits.get('/xxgk/jd/')).toBe(1);
    expect(hits.get('/api/jd.json')).toBe(1);
    expect(jd.artifacts!.listItems.map((i) => i.date)).toEqual(['2022-10-20', '2022-09-02']);
    // Only the script-filled page was rendered; the static pages were not sent to the browser.
    expect(
      records.filter((r) => r.artifacts?.rendered).map((r) => new URL(r.url).pathname),
    ).toEqual(['/xxgk/jd/']);
    // The items the script wrote were crawled too.
    expect(records.some((r) => r.url.endsWith('/xxgk/jd/t2.html'))).toBe(true);
    expect(columnBlank.run(ctx)).toMatchObject({ status: 'pass', findings: [] });
  });
});

describeWith('chromium', 'hidden content by computed style', () => {
  // The hiding rule is in an external stylesheet: the static parse cannot know the link is hidden.
  const injected: SiteMap = {
    '/': `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>首页</title>
<link rel="stylesheet" href="/css/site.css"></head><body>
<div class="nav"><a href="/">首页</a></div><ul><li><a href="/news/t1.html">工作动态</a> 2022-11-10</li></ul>
<div class="fl"><a href="http://www.yd222-yunding.example/">云顶国际 百家乐</a></div>
<div class="menu"><a href="/news/">工作动态</a></div></body></html>`,
    '/css/site.css': {
      body: '.fl{position:absolute;top:-8000px}.menu{display:none}',
      contentType: 'text/css',
    },
    '/news/t1.html': html('<h2>动态</h2>'),
    '/news/': html('<h2>动态</h2>'),
  };

  it('browser mode marks the injected link hidden (off-screen) and the dropdown menu hidden, and spam-injection names how', async () => {
    const stat = await crawlFixture(injected, 'www.fixture.gov.cn', 'http');
    const staticLink = stat.records[0].artifacts!.links.find((l) =>
      l.url.startsWith('http://www.yd222'),
    )!;
    expect(staticLink.hidden).toBeUndefined();

    const { ctx, records } = await crawlFixture(injected, 'www.fixture.gov.cn', 'browser');
    const links = records[0].artifacts!.links;
    expect(links.find((l) => l.url.startsWith('http://www.yd222'))!.hidden).toBe('off-screen');
    expect(links.find((l) => l.url.endsWith('/news/') && l.text === '工作动态')!.hidden).toBe(
      'display:none',
    );
    const spam = spamInjection.run(ctx);
    expect(spam.findings.map((f) => f.message)).toEqual([
      '页面中有定位到屏幕之外的涉赌涉黄链接「云顶国际 百家乐」。',
    ]);
    expect(spam.findings[0].locate).toEqual({ href: 'http://www.yd222-yunding.example/' });
  });
});

describeWith(
  'chromium',
  'the real 吉林 document page, whose 有效性 row is written by document.write',
  () => {
    it(
      'static: the field is not called missing; rendered: the script ran and wrote nothing (it writes ' +
        'the row only for an invalid document)',
      async () => {
        const page = corpus('doc-pages/jl-gov-cn_xxgk_tonggao_jizhengmingdian-2022-1.html');
        const stat = await crawlFixture({ '/': page }, 'xxgk.jl.gov.cn', 'http');
        expect(stat.records[0].artifacts!.scriptedFields).toEqual(['有效性', '关键词']);
        const { records } = await crawlFixture({ '/': page }, 'xxgk.jl.gov.cn', 'auto');
        const a = records[0].artifacts!;
        expect(a.rendered).toBe(true);
        expect(a.metadata.文号).toBe('吉政明电〔2022〕1号');
        expect(a.metadata.有效性).toBeUndefined();
        expect(a.scriptedFields).toBeUndefined();
      },
    );
  },
);

describeWith('chromium', 'pages a browser cannot or must not make whole', () => {
  it('reports the real SPA/anti-bot shell as blocked even after rendering (its scripts cannot load here)', async () => {
    const { records } = await crawlFixture(
      { '/': corpus('homepages/lottery-gov-cn_homepage_spa-shell.html') },
      'www.fixture.gov.cn',
      'auto',
    );
    expect(records[0].errorClass).toBe('blocked');
    expect(records[0].error).toContain('脚本外壳');
  });

  it('a tab that never settles is closed at the time limit, and the next page still renders', async () => {
    const server = await serveSite(
      {
        '/hang.html': html('<script>while (true) {}</script>'),
        '/ok.html': html('<p>正常页面</p>'),
      },
      ['127.0.0.1'],
    );
    await withRenderer(server, 2_000, async (renderer) => {
      const hung = await renderer.render(`http://www.fixture.gov.cn:${server.port}/hang.html`);
      expect(hung.error).toMatch(/超过|Timeout/);
      const ok = await renderer.render(`http://www.fixture.gov.cn:${server.port}/ok.html`);
      expect(ok.error).toBeUndefined();
      expect(ok.html).toContain('正常页面');
    });
  });

  it('names each way a page hides text by computed style, and not the look-alikes that show it', async () => {
    const css = [
      '.dark{background:#003366;color:#fff}',
      '.tiny{font-size:0}',
      '.clipped{position:absolute;clip:rect(0 0 0 0)}',
      '.flat{overflow:hidden;height:0}',
      '.ghost{color:#fff}',
      '.away{position:absolute;left:-9999px}',
    ].join('');
    const server = await serveSite(
      {
        '/': html(
          [
            '<div class="dark"><p>深色背景上的白字（可见）</p><a href="/news/">工作动态</a></div>',
            '<div class="tiny">澳门银河 字号为零</div>',
            '<div class="clipped">北京赛车 被裁剪</div>',
            '<div class="flat">时时彩 高度为零</div>',
            '<p class="ghost">白底白字 六合彩</p>',
            '<a class="away" href="/skip"> </a>', // an empty skip link: hidden, but shows nothing
            '<p style="opacity:0">透明度为零</p>',
          ].join(''),
        ).replace('</head>', `<style>${css}</style></head>`),
      },
      ['127.0.0.1'],
    );
    await withRenderer(server, 5_000, async (renderer) => {
      const r = await renderer.render(`http://www.fixture.gov.cn:${server.port}/`);
      expect(r.hidden.blocks.map((b) => [b.how, b.text])).toEqual([
        ['font-size:0', '澳门银河 字号为零'],
        ['clip', '北京赛车 被裁剪'],
        ['height:0', '时时彩 高度为零'],
        ['same-color', '白底白字 六合彩'],
        ['opacity:0', '透明度为零'],
      ]);
      expect(r.html).toContain('data-zwgk-hidden="same-color"');
    });
  });

  it('answers every browser request through the hosts override and refuses hosts outside it', async () => {
    const server = await serveSite(
      {
        '/': html(
          '<p>页面</p><script src="http://cdn.elsewhere.example/x.js"></script><script src="/local.js"></script>',
        ),
        '/local.js': {
          body: 'document.title = "脚本已运行";',
          contentType: 'application/javascript',
        },
      },
      ['127.0.0.1'],
    );
    await withRenderer(server, 5_000, async (renderer) => {
      const r = await renderer.render(`http://www.fixture.gov.cn:${server.port}/`);
      expect(r.html).toContain('<title>脚本已运行</title>');
      expect(server.hits.get('/local.js')).toBe(1);
    });
  });
});

describeWith('chromium', 'what a script adds after load, however it waits', () => {
  // Each page draws its list late in its own way: the renderer must wait for each, and must not
  // wait for a clock, a carousel or a marquee that never stops.
  const draw = `function draw(items) { document.getElementById('list').innerHTML = items.map(function (t) {
      return '<li><a href="/a/' + t + '.html">通知' + t + '</a></li>'; }).join(''); }`;
  const page = (script: string) =>
    html(`<ul id="list"></ul><span id="clock"></span><script>${draw}\n${script}</script>`);
  const server = () =>
    serveSite(
      {
        // 300 ms after load: the old fixed quiet window (100 ms after the last request) missed it.
        '/timer.html': page(`window.onload = function () {
          setTimeout(function () { draw(['t1', 't2']); }, 300); };`),
        // A timer, then a request, then its body, then another timer, then the list.
        '/chain.html': page(`addEventListener('load', function () { setTimeout(function () {
          fetch('/api/items.json').then(function (r) { return r.json(); }).then(function (items) {
            setTimeout(function () { draw(items); }, 150); }); }, 200); });`),
        // A string handler inserts a JSONP script; the script draws the list when it has loaded.
        '/jsonp.html': page(`function jsonp() { var s = document.createElement('script');
          s.src = '/api/items.js'; document.body.appendChild(s); }
          window.onload = function () { setTimeout('jsonp()', 100); };`),
        // XHR, the way older CMSs fetch their lists.
        '/xhr.html': page(`window.onload = function () { var x = new XMLHttpRequest();
          x.open('GET', '/api/items.json'); x.onload = function () {
          draw(JSON.parse(x.responseText)); }; x.send(); };`),
        // A 1-second clock, a 3-second carousel, two marquees rescheduling themselves every 20
        // and 30 ms (a government homepage often scrolls its news and its notices) and a
        // 50 ms interval that sets a timer at every tick (a slide's animation).
        '/busy.html': page(`setInterval(function () {
            document.getElementById('clock').textContent = String(new Date()); }, 1000);
          setInterval(function () { draw(['slide' + Date.now()]); }, 3000);
          var x = 0; function roll() { x++; setTimeout(roll, 20); } roll();
          var y = 0; function scroll() { y++; setTimeout(function () { scroll(); }, 30); } scroll();
          setInterval(function () { setTimeout(function () { y++; }, 40); }, 50);
          window.pendingAtStart = globalThis[Symbol.for('zwgk.pending')]();
          draw(['b1']);`),
        // A script inserted straight from the load handler, and one written as markup (never runs).
        '/inserted.html': page(`window.onload = function () {
          document.getElementById('clock').innerHTML = '<script src="/api/never.js"></' + 'script>';
          var s = document.createElement('script'); s.src = '/api/items.js';
          document.head.appendChild(s); };`),
        '/api/items.json': { body: '["j1","j2","j3"]', contentType: 'application/json' },
        '/api/items.js': {
          body: 'draw(["p1", "p2"]);',
          contentType: 'application/javascript',
        },
      },
      ['127.0.0.1'],
    );
  const items = (h: string) => [...h.matchAll(/通知(\w+)</g)].map((m) => m[1]);

  it('sees the list drawn by a late timer, a timer-request-timer chain, JSONP, XHR and an inserted script', async () => {
    const s = await server();
    await withRenderer(s, 20_000, async (renderer) => {
      const at = (p: string) => renderer.render(`http://www.fixture.gov.cn:${s.port}${p}`);
      expect(items((await at('/timer.html')).html)).toEqual(['t1', 't2']);
      expect(items((await at('/chain.html')).html)).toEqual(['j1', 'j2', 'j3']);
      expect(items((await at('/jsonp.html')).html)).toEqual(['p1', 'p2']);
      expect(items((await at('/xhr.html')).html)).toEqual(['j1', 'j2', 'j3']);
      const inserted = await at('/inserted.html');
      expect(items(inserted.html)).toEqual(['p1', 'p2']);
      expect(inserted.idle).toBe(true); // the markup script was not waited for to the cap
    });
  });

  it('does not wait for a clock, a carousel or an endless marquee', async () => {
    const s = await server();
    await withRenderer(s, 20_000, async (renderer) => {
      const r = await renderer.render(`http://www.fixture.gov.cn:${s.port}/busy.html`);
      expect(r.error).toBeUndefined();
      expect(items(r.html)).toEqual(['b1']);
      // Nothing is left pending in the page while all three keep running: read again and again
      // over 400 ms (a marquee ticks every 20 ms), since one read can fall between two ticks.
      const { first, left, after } = await renderer.withPage(async ({ page, stats, deadline }) => {
        await page.goto(`http://www.fixture.gov.cn:${s.port}/busy.html`, { waitUntil: 'load' });
        const first = (await page.evaluate('window.pendingAtStart')) as number;
        // What is still pending once the wait ended: 0 if idle, not cut off at the 2 s cap.
        const leftAfterWait = (cap: number) => `${whenIdle(cap)}.then(() => ${READ_PENDING})`;
        const settled = await settle(page, stats, deadline, leftAfterWait);
        const after: number[] = [];
        for (let i = 0; i < 20; i++) {
          after.push((await page.evaluate(READ_PENDING)) as number);
          await new Promise((r) => setTimeout(r, 20));
        }
        return { first, left: settled?.value, after };
      });
      expect(first).toBe(3); // the first ticks of the marquees and the interval are waited for
      expect(after.every((n) => n === 0)).toBe(true);
      expect(left).toBe(0); // idle once the marquees are too deep, not read at the cap
    });
  });
});

describeWith('chromium', 'the same page reads the same over HTTP and in Chromium', () => {
  // A real document page served as GBK with no charset anywhere (header and <meta> removed), and
  // as UTF-16 with a byte-order mark: Chromium must get the text our decoder read.
  const real = corpus('doc-pages/jl-gov-cn_xxgk_tonggao_jizhengmingdian-2022-1.html').replace(
    /<meta[^>]*charset[^>]*>/gi,
    '',
  );
  const gbk = iconv.encode(real, 'gbk');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(real, 'utf-16le')]);

  for (const [name, body] of [
    ['GBK, undeclared', gbk],
    ['UTF-16 with a BOM', utf16],
  ] as const) {
    it(`${name}: the metadata block is read alike in both modes`, async () => {
      const route = { '/': { body, contentType: 'text/html' } };
      const stat = await crawlFixture(route, 'xxgk.jl.gov.cn', 'http');
      const rend = await crawlFixture(route, 'xxgk.jl.gov.cn', 'browser');
      const a = stat.records[0].artifacts!;
      const b = rend.records[0].artifacts!;
      expect(b.rendered).toBe(true);
      expect(a.metadata.文号).toBe('吉政明电〔2022〕1号');
      for (const field of ['索引号', '发布机构', '文号', '成文日期', '发布日期'])
        expect(b.metadata[field], field).toBe(a.metadata[field]);
      expect(b.title).toBe(a.title);
    });
  }
});
