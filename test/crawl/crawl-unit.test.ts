// The crawler against real HTTP servers on loopback, under real-looking names mapped by the
// hosts override (loopback only: nothing leaves this machine).
import { createServer } from 'node:http';
import { closedPort } from '../helpers/ports.ts';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { crawlOptionsSchema } from '../../src/config/schema.ts';
import { crawlUnit } from '../../src/crawl/crawl-unit.ts';
import { serveSite, type RunningSite, type SiteMap } from '../../src/demo/site-server.ts';
import { HostMap } from '../../src/net/hosts.ts';
import { HttpClient } from '../../src/net/http.ts';
import type { PageRecord } from '../../src/contract/page.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function crawl(
  site: SiteMap,
  options: Record<string, unknown> = {},
  extraHosts: Record<string, string[]> = {},
  offsiteSkip?: string,
) {
  const server: RunningSite = await serveSite(site, ['127.0.0.1']);
  closers.push(server.close);
  const client = new HttpClient(
    new HostMap({ 'www.crawl.gov.cn': ['127.0.0.1'], ...extraHosts }, true),
  );
  closers.push(() => client.close());
  const records: PageRecord[] = [];
  const summary = await crawlUnit({
    site: `http://www.crawl.gov.cn:${server.port}/`,
    options: crawlOptionsSchema.parse({
      delayMs: 0,
      concurrency: 4,
      timeoutMs: 2000,
      recheckPauseMs: 20,
      homepageRetrySpreadMs: 30,
      ...options,
    }),
    availability: { attempts: 2, timeoutSec: 1 },
    client,
    userAgent: 'zwgk-audit-test',
    offsiteSkip,
    sink: (r) => records.push(r),
  });
  return {
    summary,
    records,
    server,
    byPath: (p: string) => records.find((r) => new URL(r.url).pathname === p),
  };
}

const page = (links: string) =>
  `<html><head><title>页</title></head><body><div class="main">${links}</div></body></html>`;

describe('crawlUnit', () => {
  it("crawls the unit's own host, status-checks attachments and off-site links without parsing them", async () => {
    const { summary, byPath, records, server } = await crawl(
      {
        '/index.html': page(
          `<a href="/a.html">甲</a><a href="/f/x.pdf">附件</a><a href="http://other.gov.cn:${await closedPort()}/">外站</a>`,
        ),
        '/a.html': page('<a href="/b.html">乙</a>'),
        '/b.html': page('乙'),
        '/f/x.pdf': { body: '%PDF-1.4', contentType: 'application/pdf' },
      },
      {},
      { 'other.gov.cn': ['127.0.0.1'] },
    );
    expect(summary).toMatchObject({ pagesFetched: 3, limitHit: false });
    expect(byPath('/b.html')?.artifacts?.title).toBe('页');
    expect(byPath('/f/x.pdf')).toMatchObject({ kind: 'attachment', status: 200 });
    expect(byPath('/f/x.pdf')?.artifacts).toBeUndefined();
    expect(server.hits.get('/f/x.pdf')).toBe(1); // one HEAD, no GET
    expect(records.find((r) => r.url.startsWith('http://other.gov.cn'))).toMatchObject({
      kind: 'external',
      errorClass: 'refused',
    });
  });

  it('stops at the page budget and says so', async () => {
    const site: SiteMap = {
      '/index.html': page(
        Array.from({ length: 30 }, (_, i) => `<a href="/p${i}.html">${i}</a>`).join(''),
      ),
    };
    for (let i = 0; i < 30; i++) site[`/p${i}.html`] = page('');
    const { summary, records } = await crawl(site, { maxPages: 10 });
    expect(summary.limitHit).toBe('pages');
    expect(records.filter((r) => r.kind === 'page')).toHaveLength(10);
  });

  it('stops at the depth budget and says so', async () => {
    const { summary, byPath } = await crawl(
      {
        '/index.html': page('<a href="/a.html">a</a>'),
        '/a.html': page('<a href="/b.html">b</a>'),
        '/b.html': page(''),
      },
      { maxDepth: 1 },
    );
    expect(summary.limitHit).toBe('depth');
    expect(byPath('/b.html')).toBeUndefined();
  });

  it('decodes a GBK page named only in the header', async () => {
    const { byPath } = await crawl({
      '/index.html': page('<a href="/gbk.html">GBK</a>'),
      '/gbk.html': {
        body: page('<p>网站标识码：3418000011</p>').replace('页', '宣城市司法局'),
        charset: 'gbk',
      },
    });
    expect(byPath('/gbk.html')).toMatchObject({
      charset: 'gb18030',
      artifacts: { title: '宣城市司法局' },
    });
    expect(byPath('/gbk.html')?.artifacts?.identity.siteIdCode).toBe('3418000011');
  });

  it('classifies a redirect loop, a hang, a 403 and a challenge page', async () => {
    const { byPath } = await crawl(
      {
        '/index.html': page(
          '<a href="/loop">循环</a><a href="/hang">挂起</a><a href="/waf">拦截</a><a href="/challenge">验证</a>',
        ),
        '/loop': { redirect: '/loop2' },
        '/loop2': { redirect: '/loop' },
        '/hang': { hang: true },
        '/waf': { status: 403, body: 'Forbidden' },
        '/challenge': page('<p>请完成安全验证后继续访问</p>'),
      },
      { timeoutMs: 500, maxRedirects: 5 },
    );
    expect(byPath('/loop')).toMatchObject({ errorClass: 'redirects' });
    expect(byPath('/loop')?.redirects).toHaveLength(5);
    expect(byPath('/hang')).toMatchObject({ errorClass: 'timeout' });
    expect(byPath('/waf')).toMatchObject({ errorClass: 'blocked', status: 403 });
    expect(byPath('/challenge')).toMatchObject({ errorClass: 'blocked', status: 200 });
  });

  it('retries the homepage and records every attempt', async () => {
    const { summary } = await crawl({ '/index.html': { status: 503, body: 'busy' } });
    expect(summary.homepageAttempts).toHaveLength(2);
    expect(summary.homepage.status).toBe(503);
    expect(summary.pagesFetched).toBe(0);
  });

  it('spreads the homepage attempts: a server restarting for a moment is not a failed homepage', async () => {
    const restarting = (ms = 250): SiteMap => {
      const site: SiteMap = { '/index.html': { status: 503, body: 'restarting' } };
      setTimeout(() => void (site['/index.html'] = page('<p>首页</p>')), ms);
      return site;
    };
    const spread = await crawl(restarting(), { homepageRetrySpreadMs: 600 });
    const [first, second] = spread.summary.homepageAttempts;
    expect([first.status, second.status]).toEqual([503, 200]);
    expect(Date.parse(second.at) - Date.parse(first.at)).toBeGreaterThanOrEqual(550);
    // Tried without a pause, the same restart fails both attempts (a longer one here, so that
    // a loaded machine's slow second attempt still falls inside it).
    const quick = await crawl(restarting(3000), { homepageRetrySpreadMs: 0 });
    expect(quick.summary.homepageAttempts.map((a) => a.status)).toEqual([503, 503]);
  });

  it('honours Retry-After before asking again, for pages and for attachments', async () => {
    let calls = 0;
    const times: number[] = [];
    const pdfTimes: number[] = [];
    const server = createServer((req, res) => {
      if (req.url === '/slow.html') {
        times.push(Date.now());
        if (calls++ === 0) return void res.writeHead(429, { 'retry-after': '1' }).end();
        return void res.writeHead(200, { 'content-type': 'text/html' }).end(page('好'));
      }
      if (req.url === '/doc.pdf') {
        pdfTimes.push(Date.now());
        if (pdfTimes.length === 1) return void res.writeHead(503, { 'retry-after': '1' }).end();
        return void res
          .writeHead(200, { 'content-type': 'application/pdf' })
          .end('%PDF-1.4\n%%EOF\n');
      }
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          page(
            req.url === '/pdf-only.html'
              ? '<a href="/doc.pdf">文件.pdf</a>'
              : '<a href="/slow.html">慢</a>',
          ),
        );
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    closers.push(() => new Promise((ok) => server.close(() => ok())));
    const client = new HttpClient(new HostMap({ 'www.crawl.gov.cn': ['127.0.0.1'] }, true));
    closers.push(() => client.close());
    const records: PageRecord[] = [];
    const port = (server.address() as AddressInfo).port;
    const run = (site: string) =>
      crawlUnit({
        site,
        // No pause before the dead-link recheck: only Retry-After can make the wait.
        options: crawlOptionsSchema.parse({ delayMs: 0, recheckPauseMs: 0 }),
        availability: { attempts: 1, timeoutSec: 2 },
        client,
        userAgent: 't',
        sink: (r) => records.push(r),
      });
    await run(`http://www.crawl.gov.cn:${port}/`);
    expect(records.find((r) => r.url.endsWith('/slow.html'))).toMatchObject({ status: 200 });
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(950);
    // The unit's own PDF (read to check its format) waits for its Retry-After too.
    await run(`http://www.crawl.gov.cn:${port}/pdf-only.html`);
    expect(records.find((r) => r.url.endsWith('/doc.pdf'))).toMatchObject({ status: 200 });
    expect(pdfTimes[1] - pdfTimes[0]).toBeGreaterThanOrEqual(950);
  });

  it('refuses to connect outside loopback when the config says loopback only', async () => {
    const { records } = await crawl({
      '/index.html': page('<a href="http://www.gov.cn/">中国政府网</a>'),
    });
    expect(records.find((r) => r.url === 'http://www.gov.cn/')).toMatchObject({
      errorClass: 'policy',
    });
  });
});

describe('crawlUnit: a dead link is tried once more before it is a verdict', () => {
  it('a page that fails once and then answers is not dead; one that stays dead was asked twice', async () => {
    const { records, server, summary } = await crawl({
      '/index.html': page(
        '<a href="/flaky.html">甲</a><a href="/gone.html">乙</a><a href="/f/a.pdf">附件</a>',
      ),
      '/flaky.html': { body: page('恢复'), failFirst: 1 },
      '/f/a.pdf': { body: 'x', status: 500 },
    });
    const at = (p: string) => records.filter((r) => new URL(r.url).pathname === p);
    expect(at('/flaky.html')).toHaveLength(1);
    expect(at('/flaky.html')[0]).toMatchObject({ status: 200 });
    expect(at('/gone.html')).toHaveLength(1);
    expect(at('/gone.html')[0].status).toBe(404);
    expect(server.hits.get('/gone.html')).toBe(2);
    expect(at('/f/a.pdf')[0].status).toBe(500);
    expect(summary.rechecked).toEqual({ tried: 3, recovered: 1 });
  });
});

describe('crawlUnit: when this machine reaches no outside network', () => {
  it('leaves off-site links unchecked with the reason, and does not wait on them', async () => {
    const { records, summary } = await crawl(
      {
        '/index.html': page(
          '<a href="http://far.example.gov.cn/">外站</a><a href="http://near.example.gov.cn/">外站二</a><a href="/a.html">甲</a>',
        ),
        '/a.html': page(''),
      },
      {},
      {},
      '本机无法访问外部网络（www.gov.cn：域名解析失败）',
    );
    expect(records.filter((r) => r.kind === 'external')).toEqual([]);
    expect(summary.offsiteUnchecked).toEqual({
      links: 2,
      reason: '本机无法访问外部网络（www.gov.cn：域名解析失败）',
    });
  });
});

describe("crawlUnit: a document's link to its 解读 is followed whatever the budget", () => {
  it('fetches the 解读 beyond the page budget, and nothing else beyond it', async () => {
    const { byPath, summary } = await crawl(
      {
        '/index.html': page('<a href="/doc.html">统计公报</a><a href="/other.html">其他</a>'),
        '/doc.html': page(
          '<p>公报正文</p><a href="/jd.html">图文解读：《2022年统计公报》</a><a href="/more.html">更多</a>',
        ),
        '/jd.html': page('<p>解读正文</p>'),
        '/other.html': page(''),
        '/more.html': page(''),
      },
      { maxPages: 3 },
    );
    expect(byPath('/jd.html')?.artifacts?.title).toBe('页');
    expect(byPath('/more.html')).toBeUndefined();
    expect(summary.limitHit).toBe('pages');
  });
});
