// 网站域名: .gov.cn passes; another domain or an IP is a finding; a department outside the city's
// portal domain is a suggestion only when the profile names the city's domain.
import { describe, expect, it } from 'vitest';
import check from '../../checks/site-domain.ts';
import { context, html } from '../helpers/context.ts';

const at = (site: string, kind = 'department') => {
  const ctx = context({ '/': { html: html('<p>首页</p>') } }, { unit: { kind } });
  const home = ctx.homepage!;
  const moved = { ...home, finalUrl: site };
  return { ...ctx, homepage: moved, pages: [moved], byUrl: new Map([[moved.url, moved]]) };
};
const OFF = { cityDomain: null };

describe('site-domain', () => {
  it('passes a .gov.cn site, and flags another domain and an IP address', () => {
    expect(check.run(at('https://fgw.xuancheng.gov.cn/'), OFF).status).toBe('pass');
    expect(check.run(at('http://www.xcfgw.com/'), OFF).findings[0].message).toBe(
      '网站域名 www.xcfgw.com 不是 .gov.cn 域名。',
    );
    expect(check.run(at('http://61.191.20.3:8080/'), OFF).findings[0].key).toBe('ip');
  });

  it('suggests the city domain to a department outside it, never to a county', () => {
    const city = { cityDomain: 'xuancheng.gov.cn' };
    expect(
      check.run(at('https://www.xcfgw.gov.cn/'), city).findings.map((f) => f.severity),
    ).toEqual(['info']);
    expect(check.run(at('https://fgw.xuancheng.gov.cn/'), city).status).toBe('pass');
    expect(check.run(at('https://www.langxi.gov.cn/', 'county'), city).status).toBe('pass');
  });
});
