import { defineCheck, type AddFinding } from './define.ts';
import { usableHomepage } from './support/homepage.ts';
import type { RawFinding } from '../src/contract/check.ts';
import type { PageArtifacts } from '../src/contract/page.ts';

const SITE_ID_FORMAT = /^(\d{10}|bm\d{8})$/;

const check = defineCheck({
  meta: {
    id: 'site-identity',
    name: '网站标识',
    title:
      '首页底部标明网站标识码、ICP备案号、公安机关备案号、党政机关网站标识、' +
      '主办单位和「我为政府网站找错」入口',
    basis: '国办发〔2017〕47号《政府网站发展指引》网站标识要求；国办秘函〔2019〕19号 检查指标',
    advice:
      '在首页底部功能区完整展示网站标识码（与 SiteIDCode 元数据及找错脚本 sitecode 一致）、' +
      'ICP备案编号、公安机关备案标识、党政机关网站标识、主办单位及联系方式，' +
      '并嵌入「我为政府网站找错」入口。',
    scope: 'site',
  },
  run(ctx) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const id = home.artifacts.identity;
    const url = ctx.homepage!.url;
    const findings: RawFinding[] = [];
    const add = (
      severity: RawFinding['severity'],
      key: string,
      message: string,
      evidence: string,
    ) => findings.push({ severity, url, key, message, evidence, locate: { area: 'footer' } });
    const footer = home.artifacts.footerText.slice(0, 300);

    codeFindings(id, ctx.unit.region, footer, add);
    if (!id.icp) add('error', 'icp', '首页未标明ICP备案编号。', `页面底部文字：${footer}`);
    if (!id.gongan) add('error', 'gongan', '首页未标明公安机关备案号。', `页面底部文字：${footer}`);
    if (!id.conac)
      add(
        'error',
        'conac',
        '首页未展示党政机关网站标识。',
        '页面中未发现 conac.cn 标识脚本、链接或图片',
      );
    // 「某某 版权所有」 names the organisation without the 主办 label: shown, but worth a word.
    if (!id.sponsor && id.copyrightHolder) {
      add(
        'info',
        'sponsor-label',
        `首页以「${id.copyrightHolder} 版权所有」标注网站所有者，建议按规范写明「主办单位」。`,
        `页面底部文字：${footer}`,
      );
    } else if (!id.sponsor)
      add('error', 'sponsor', '首页未标明网站主办单位。', `页面底部文字：${footer}`);
    if (!id.findErrorEntry)
      add(
        'error',
        'jiucuo',
        '首页未设置「我为政府网站找错」入口。',
        '页面中未发现 jiucuo.js 脚本或找错链接',
      );
    return { status: findings.length ? 'fail' : 'pass', findings, metrics: { ...id } };
  },
});
export default check;

/** The 网站标识码: present, well formed, of the unit's region, the same in meta and 找错 script. */
function codeFindings(
  id: PageArtifacts['identity'],
  region: string | undefined,
  footer: string,
  add: AddFinding,
): void {
  if (id.siteIdCode === undefined)
    add('error', 'site-id-missing', '首页未标明网站标识码。', `页面底部文字：${footer}`);
  else if (id.siteIdCode === '')
    add('error', 'site-id-empty', '首页「网站标识码」一栏为空。', `页面底部文字：${footer}`);
  else {
    if (!SITE_ID_FORMAT.test(id.siteIdCode))
      add(
        'error',
        'site-id-format',
        `网站标识码「${id.siteIdCode}」格式不正确（应为10位数字或 bm 加8位数字）。`,
        `网站标识码：${id.siteIdCode}`,
      );
    else if (region && /^\d{10}$/.test(id.siteIdCode) && !id.siteIdCode.startsWith(region)) {
      add(
        'warning',
        'site-id-region',
        `网站标识码「${id.siteIdCode}」的区划代码与本单位所在地区（${region}）不符。`,
        `网站标识码：${id.siteIdCode}`,
      );
    }
    if (id.metaSiteIdCode && id.metaSiteIdCode !== id.siteIdCode) {
      add(
        'warning',
        'site-id-meta',
        `网站标识码与页面元数据 SiteIDCode 不一致（${id.siteIdCode} ≠ ${id.metaSiteIdCode}）。`,
        `<meta name="SiteIDCode" content="${id.metaSiteIdCode}">`,
      );
    }
    if (id.jiucuoSitecode && id.jiucuoSitecode !== id.siteIdCode) {
      add(
        'warning',
        'site-id-jiucuo',
        `网站标识码与找错脚本的 sitecode 不一致（${id.siteIdCode} ≠ ${id.jiucuoSitecode}）。`,
        `jiucuo.js sitecode="${id.jiucuoSitecode}"`,
      );
    }
  }
}
