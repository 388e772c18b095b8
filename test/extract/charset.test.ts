import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../src/extract/charset.ts';
import { CORPUS } from '../helpers/context.ts';

const text =
  '<html><head><meta charset="gb2312"><title>宣城市司法局</title></head><body>云顶国际官网 网站标识码：</body></html>';

describe('decodeHtml', () => {
  it('decodes GBK bytes named by the Content-Type header', () => {
    const d = decodeHtml(iconv.encode(text, 'gbk'), 'text/html; charset=GBK');
    expect(d.text).toContain('宣城市司法局');
    expect(d.charset).toBe('gb18030');
  });

  it('decodes GB2312 bytes named only by <meta>', () => {
    const d = decodeHtml(iconv.encode(text, 'gb2312'), 'text/html');
    expect(d.text).toContain('云顶国际官网');
    expect(d.declared).toBe('gb2312');
  });

  it('sniffs GB18030 when nothing names the charset and the bytes are not UTF-8', () => {
    const d = decodeHtml(iconv.encode('<p>政务公开</p>', 'gb18030'), null);
    expect(d.text).toBe('<p>政务公开</p>');
  });

  it('trusts valid UTF-8 bytes over a gb2312 label (the real re-saved page in the corpus)', () => {
    const bytes = readFileSync(
      join(CORPUS, 'homepages/chinaneast-gov-cn_2005-article_gb2312-converted-to-utf8.html'),
    );
    const d = decodeHtml(bytes, 'text/html; charset=gb2312');
    expect(d.charset).toBe('utf-8');
    expect(d.text).toContain('农机专家李金泽');
  });

  it('strips a UTF-8 BOM', () => {
    expect(decodeHtml(Buffer.from('\ufeff<p>你好</p>')).text).toBe('<p>你好</p>');
  });
});

describe('decodeHtml: UTF-16', () => {
  const page = readFileSync(
    join(CORPUS, 'doc-pages/jl-gov-cn_xxgk_tonggao_jizhengmingdian-2022-1.html'),
    'utf8',
  );
  const bom = (le: boolean) => Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]);

  it('decodes a real page saved as UTF-16 with a byte-order mark, whatever the page declares', () => {
    const le = Buffer.concat([bom(true), iconv.encode(page, 'utf-16le')]);
    const be = Buffer.concat([bom(false), iconv.encode(page, 'utf-16be')]);
    for (const [bytes, cs] of [
      [le, 'utf-16le'],
      [be, 'utf-16be'],
    ] as const) {
      const d = decodeHtml(bytes, 'text/html; charset=gb2312');
      expect(d.charset).toBe(cs);
      expect(d.text).toBe(page);
    }
  });

  it('decodes UTF-16 without a mark when the header says utf-16, and never takes GBK for it', () => {
    const d = decodeHtml(
      iconv.encode('<html><p>政务公开</p></html>', 'utf-16le'),
      'text/html; charset=UTF-16',
    );
    expect(d.text).toBe('<html><p>政务公开</p></html>');
    const gbk = decodeHtml(iconv.encode('<p>政务公开</p>', 'gbk'), null);
    expect(gbk.charset).toBe('gb18030');
  });
});
