import { describe, expect, it } from 'vitest';
import check from '../../checks/broken-links.ts';
import { context, html } from '../helpers/context.ts';

const home = html(
  '<a href="/a.html">甲</a><a href="/gone.html">乙</a><a href="/f/report.pdf">年报.pdf</a><a ' +
    'href="http://old.gov.cn/">旧站</a><a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html">我为政府网站找错</a>',
);

describe('broken-links', () => {
  it('flags every dead link and attachment, with the page it is on', () => {
    const r = check.run(
      context({
        '/': { html: home },
        '/a.html': { html: html('<a href="/gone.html">乙</a>') },
        '/gone.html': { status: 404, html: '' },
        '/f/report.pdf': { kind: 'attachment', status: 500 },
        'http://old.gov.cn/': {
          kind: 'external',
          errorClass: 'dns',
          error: '域名解析失败（ENOTFOUND）',
        },
      }),
    );
    expect(r.status).toBe('fail');
    const rows = r.findings.map((f) => `${new URL(f.url).pathname} ${f.key} ${f.severity}`).sort();
    expect(rows).toEqual([
      '/ http://old.gov.cn/ error',
      '/ http://www.test.gov.cn/f/report.pdf error',
      '/ http://www.test.gov.cn/gone.html error',
      '/a.html http://www.test.gov.cn/gone.html warning',
    ]);
  });

  it('does not flag links blocked by a WAF (403), links it could not check, or monitoring links', () => {
    const r = check.run(
      context({
        '/': { html: home },
        '/a.html': { html: html('') },
        '/gone.html': { status: 403, html: '' },
        '/f/report.pdf': { kind: 'attachment', status: 200 },
        'https://zfwzgl.www.gov.cn/exposure/jiucuo.html': { kind: 'external', status: 404 },
      }),
    );
    expect(r).toMatchObject({ status: 'pass', findings: [] });
    expect(r.metrics).toMatchObject({ unchecked: 1 });
  });

  it('says apart links the network policy forbade from links the crawl did not reach', () => {
    const r = check.run(
      context({
        '/': { html: home },
        '/a.html': { html: html('') },
        '/f/report.pdf': { kind: 'attachment', status: 200 },
        'http://old.gov.cn/': {
          kind: 'external',
          errorClass: 'policy',
          error: 'old.gov.cn 不在 hosts 映射中（仅允许本机回环地址）',
        },
        'https://zfwzgl.www.gov.cn/exposure/jiucuo.html': { kind: 'external', status: 200 },
      }),
    );
    expect(r.reason).toBe(
      '1 处链接按网络策略未访问（例如：old.gov.cn 不在 hosts 映射中（仅允许本机回环地址））；' +
        '1 处链接未检查（不在本单位的抓取范围内）',
    );
  });
});
