import { describe, expect, it } from 'vitest';
import check from '../../checks/site-availability.ts';
import iconv from 'iconv-lite';
import { gzipSync } from 'node:zlib';
import { context, corpus, html } from '../helpers/context.ts';
import { crawlFixture } from '../helpers/crawl.ts';

describe('site-availability', () => {
  it('passes a homepage that answered', () => {
    expect(check.run(context({ '/': { html: html('内容') } })).status).toBe('pass');
  });

  it('fails a homepage that timed out or was refused, as 待核实: one moment never vetoes', () => {
    for (const errorClass of ['timeout', 'refused', 'dns'] as const) {
      const r = check.run(context({ '/': { errorClass, error: errorClass } }));
      expect(r.status).toBe('fail');
      expect(r.findings[0].severity).toBe('error');
      expect(r.findings[0].message).toContain('列为待核实');
    }
  });

  it('fails a homepage that answers 404 or 500, not as a veto', () => {
    expect(check.run(context({ '/': { html: '', status: 500 } })).findings[0].severity).toBe(
      'error',
    );
  });

  it('reports a WAF block as 无法检测, not as a site that is down', () => {
    const r = check.run(
      context({ '/': { errorClass: 'blocked', error: '服务器以 HTTP 403 拒绝访问' } }),
    );
    expect(r).toMatchObject({ status: 'error', findings: [] });
  });
});

describe('site-availability: a 200 that is not a page', () => {
  const noise = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256));

  it('calls a homepage of binary noise, an empty body or plain text without markup 站点不可用', async () => {
    for (const body of [noise, Buffer.alloc(0), Buffer.from('OK')]) {
      const { ctx, records } = await crawlFixture({ '/': { body, contentType: 'text/html' } });
      expect(records[0].errorClass).toBe('garbage');
      const r = check.run(ctx);
      expect(r.status).toBe('fail');
      expect(r.findings[0].message).toMatch(
        /^站点不可用：首页以 HTTP 200 应答，但返回的(不是网页|是空内容)/,
      );
    }
  });

  it('passes a real page, a GBK page and a gzip-compressed page sent without being asked for', async () => {
    const real = corpus('homepages/nmg-gov-cn_article_full-footer.html');
    for (const route of [
      { body: real },
      {
        body: iconv.encode(real.replace(/charset=[\w-]+/gi, 'charset=gbk'), 'gbk'),
        contentType: 'text/html; charset=gbk',
      },
      {
        body: gzipSync(Buffer.from(real)),
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-encoding': 'gzip' },
      },
    ]) {
      const { ctx, records } = await crawlFixture({ '/': route, '/a.html': html('x') });
      expect(records[0].errorClass).toBeUndefined();
      expect(check.run(ctx).status).toBe('pass');
    }
  });
});
