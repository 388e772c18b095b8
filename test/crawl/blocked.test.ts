import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockedReason } from '../../src/crawl/blocked.ts';
import { extractPage } from '../../src/extract/page.ts';
import { corpus, CORPUS } from '../helpers/context.ts';

describe('blockedReason', () => {
  it('calls 403, 412 and 429 answers blocked', () => {
    for (const s of [403, 412, 429]) expect(blockedReason(s)).toContain(String(s));
  });

  it('recognises a challenge page by its text or its WAF cookie script', () => {
    expect(
      blockedReason(200, { text: '请完成安全验证', html: '<p>请完成安全验证</p>' }),
    ).toBeDefined();
    expect(
      blockedReason(200, {
        text: '',
        html: '<script>document.cookie="__jsl_clearance=1"</script>',
      }),
    ).toBeDefined();
  });

  it('never calls a real government page blocked, nor a page that links to /waf', () => {
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
        const html = corpus(`${dir}/${f}`);
        expect(
          blockedReason(200, { text: extractPage(html, 'http://x.gov.cn/').visibleText, html }),
          f,
        ).toBeUndefined();
      }
    }
    expect(
      blockedReason(200, { text: '网站防火墙建设 项目', html: '<a href="/waf">WAF</a>' }),
    ).toBeUndefined();
  });
});
