// Decompression bombs: a page or attachment that inflates past its limit is recorded as such
// (「疑似压缩炸弹」), never inflated whole, and the crawl goes on. Bombs are built by the tests.
import { afterEach, describe, expect, it } from 'vitest';
import { crawlOptionsSchema } from '../../src/config/schema.ts';
import { crawlUnit } from '../../src/crawl/crawl-unit.ts';
import { serveSite, type SiteMap } from '../../src/demo/site-server.ts';
import { attachmentText } from '../../src/extract/attachment-text.ts';
import { HostMap } from '../../src/net/hosts.ts';
import { decompress, HttpClient } from '../../src/net/http.ts';
import { brotliBomb, gzipBomb, officeBomb } from '../helpers/bombs.ts';
import type { PageRecord } from '../../src/contract/page.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function crawl(site: SiteMap) {
  const server = await serveSite(site, ['127.0.0.1']);
  closers.push(server.close);
  const client = new HttpClient(
    new HostMap({ 'www.bomb.gov.cn': ['127.0.0.1'], 'www.away.com': ['127.0.0.1'] }, true),
  );
  closers.push(() => client.close());
  const records: PageRecord[] = [];
  const rssBefore = process.memoryUsage().rss;
  const summary = await crawlUnit({
    site: `http://www.bomb.gov.cn:${server.port}/`,
    options: crawlOptionsSchema.parse({
      delayMs: 0,
      timeoutMs: 5000,
      recheckPauseMs: 20,
      homepageRetrySpreadMs: 30,
    }),
    availability: { attempts: 1, timeoutSec: 5 },
    client,
    userAgent: 'zwgk-audit-test',
    sink: (r) => records.push(r),
  });
  const grew = process.memoryUsage().rss - rssBefore;
  return { summary, records, port: server.port, grew };
}

describe('compressed answers', () => {
  it('stops inflating at the limit and says why, for gzip, deflate and brotli', () => {
    const gz = decompress(gzipBomb(64), 'gzip', 5 * 1024 * 1024);
    expect(gz).toEqual({ bomb: expect.stringMatching(/解压后超过 5 MB，疑似压缩炸弹/) });
    const br = decompress(brotliBomb(64), 'br', 5 * 1024 * 1024);
    expect(br).toEqual({ bomb: expect.stringContaining('疑似压缩炸弹') });
    // Stacked codings are undone last first, each under the cap.
    const stacked = decompress(gzipBomb(1), 'gzip, identity', 4 * 1024 * 1024);
    expect('body' in stacked && stacked.body.length).toBe(1024 * 1024);
  });

  it('keeps a mislabelled body as it came, and a small real one inflated', () => {
    const plain = Buffer.from('<html>你好</html>');
    expect(decompress(plain, 'gzip', 1024)).toEqual({ body: plain });
    expect(decompress(gzipBomb(1), 'gzip', 2 * 1024 * 1024)).toMatchObject({
      body: expect.any(Buffer),
    });
  });

  it('records a bombed homepage, a bombed page and a bombed off-site link, and goes on', async () => {
    const { records, port, grew } = await crawl({
      '/': {
        body:
          '<html><head><title>首页</title></head><body>' +
          '<a href="/a.html">文章</a><a href="/bomb.html">炸弹页</a>' +
          '<a href="http://www.away.com:__PORT__/away.html">友情链接</a></body></html>',
      },
      '/a.html': '<html><head><title>文章</title></head><body>正文</body></html>',
      '/bomb.html': {
        body: gzipBomb(200),
        contentType: 'text/html',
        headers: { 'content-encoding': 'gzip' },
      },
      // Off-site (the same loopback server under another name): read for its title, 256 KB.
      '/away.html': {
        body: brotliBomb(300),
        contentType: 'text/html',
        headers: { 'content-encoding': 'br' },
      },
    });
    const away = records.find((r) => r.kind === 'external')!;
    expect(away.url).toContain(`www.away.com:${port}`);
    expect(away.title).toBeUndefined();
    const bomb = records.find((r) => r.url.endsWith('/bomb.html'))!;
    expect(bomb.errorClass).toBe('too-large');
    expect(bomb.error).toMatch(/疑似压缩炸弹/);
    expect(records.find((r) => r.url.endsWith('/a.html'))?.status).toBe(200);
    // 200 MB inflated would have shown; the cap keeps it to the 5 MB page limit and its copies.
    expect(grew).toBeLessThan(150 * 1024 * 1024);
  });

  it('records a homepage that is a brotli bomb: the unit is reported, not lost', async () => {
    const { records, summary } = await crawl({
      '/': {
        body: brotliBomb(300),
        contentType: 'text/html',
        headers: { 'content-encoding': 'br' },
      },
    });
    expect(summary.homepage.errorClass).toBe('too-large');
    expect(summary.homepage.error).toMatch(/疑似压缩炸弹/);
    expect(records).toHaveLength(1);
  });
});

describe('Office attachments', () => {
  it('refuses a docx whose part declares more than the limit, before inflating it', async () => {
    const got = await attachmentText(await officeBomb('docx', 40), 'docx');
    expect(got).toEqual({ unsupported: expect.stringMatching(/疑似压缩炸弹/) });
  });

  it('stops an xlsx whose directory lies about its size while inflating it', async () => {
    const got = await attachmentText(await officeBomb('xlsx', 40, true), 'xlsx');
    expect(got).toEqual({ unsupported: expect.stringMatching(/疑似压缩炸弹/) });
  });

  it('still reads a real small docx', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document><w:p><w:t>张三 公示名单</w:t></w:p></w:document>');
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(await attachmentText(bytes, 'docx')).toEqual({ text: expect.stringContaining('张三') });
  });

  it('a bombed attachment of the unit is a record with the reason', async () => {
    const docx = await officeBomb('docx', 40, true);
    const { records } = await crawl({
      '/': '<html><head><title>首页</title></head><body><a href="/f/mingdan.docx">名单</a></body></html>',
      '/f/mingdan.docx': { body: docx },
    });
    const att = records.find((r) => r.kind === 'attachment')!;
    expect(att.status).toBe(200);
    expect(att.error).toMatch(/疑似压缩炸弹/);
    expect(att.text).toBeUndefined();
  });
});
