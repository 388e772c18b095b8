import { describe, expect, it } from 'vitest';
import check from '../../checks/site-identity.ts';
import { context, corpus, html, SITE } from '../helpers/context.ts';

const FULL = `主办单位：宣城市文化和旅游局 网站标识码：3418000011 皖ICP备05001234号 皖公网安备34180202000123号
  <span id="_ideConac"></span><a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3418000011">我为政府网站找错</a>`;
const run = (footer: string, extra = '', unit = {}) =>
  check.run(context({ '/': { html: html(extra, footer) } }, { unit }));

describe('site-identity', () => {
  it('passes a complete footer', () => {
    expect(run(FULL)).toMatchObject({ status: 'pass', findings: [] });
  });

  it('passes the real 内蒙古 and 广州 footers', () => {
    for (const f of [
      'homepages/nmg-gov-cn_article_full-footer.html',
      'spam/clone_gz-gov-cn_article_full-footer.html',
    ]) {
      expect(check.run(context({ '/': { html: corpus(f) } })).findings, f).toEqual([]);
    }
  });

  it('flags the seed page: 网站标识码 label with nothing after it', () => {
    const r = run(
      '主办:宣城市文化和旅游局 承办:宣城市文化和旅游局 网站标识码:\n地址:宣城市宣州区响山路65号 ' +
        '皖ICP备05001234号 皖公网安备34180202000123号 <span id="_ideConac"></span> 我为政府网站找错',
    );
    expect(r.status).toBe('fail');
    expect(r.findings.map((f) => f.key)).toEqual(['site-id-empty']);
  });

  it('flags each missing element as its own finding', () => {
    const r = run('网站标识码：3418000011');
    expect(r.findings.map((f) => f.key).sort()).toEqual([
      'conac',
      'gongan',
      'icp',
      'jiucuo',
      'sponsor',
    ]);
    expect(r.findings.every((f) => f.url === SITE)).toBe(true);
  });

  it('flags the real 科普网 footer for its missing 公安备案号 only', () => {
    const r = check.run(
      context({
        '/': { html: corpus('homepages/kepu-gov-cn_article_footer-no-gongan-beian.html') },
      }),
    );
    expect(r.findings.map((f) => f.key)).toEqual(['gongan', 'sponsor']);
  });

  it('flags a malformed code, a region mismatch and disagreeing meta/sitecode', () => {
    expect(run(FULL.replace('3418000011', '34180000')).findings.map((f) => f.key)).toContain(
      'site-id-format',
    );
    expect(run(FULL, '', { region: '340100' }).findings.map((f) => f.key)).toEqual([
      'site-id-region',
    ]);
    const withMeta = html('', FULL).replace(
      '<title>',
      '<meta name="SiteIDCode" content="3418000012"><title>',
    );
    expect(check.run(context({ '/': { html: withMeta } })).findings.map((f) => f.key)).toEqual([
      'site-id-meta',
    ]);
  });

  it('accepts the bm-series codes of State Council departments', () => {
    expect(run(FULL.replaceAll('3418000011', 'bm06000004')).findings).toEqual([]);
  });

  it('says 无法检测 when the homepage could not be fetched, never fail', () => {
    const r = check.run(context({ '/': { errorClass: 'timeout', error: '请求超时' } }));
    expect(r.status).toBe('error');
    expect(r.reason).toContain('请求超时');
  });
});
