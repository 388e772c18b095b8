// 域名 (《政府网站发展指引》国办发〔2017〕47号 [V]): a government site uses a domain under .gov.cn
// (英文域名 规范); on a shared platform the domain is the platform's, and so is the finding. A department on a second-level domain
// outside its city's (when the profile names the city's, `cityDomain`) is a suggestion [I]: the
// 指引 asks departments to use the 本级政府门户网站's domain structure.
import { z } from 'zod';
import { defineCheck } from './define.ts';
import { usableHomepage } from './support/homepage.ts';

const check = defineCheck({
  meta: {
    id: 'site-domain',
    name: '网站域名',
    title:
      '网站使用 .gov.cn 域名（或所在集约化平台的域名），部门网站使用本级政府门户网站的下级域名',
    basis:
      '《政府网站发展指引》（国办发〔2017〕47号）：政府网站应使用以 .gov.cn 为后缀的英文域名；' +
      '部门网站使用本级政府门户网站的下级域名',
    advice:
      '按《政府网站发展指引》申请和使用 .gov.cn 域名，部门网站迁移到本级政府门户网站的下级域名。',
    scope: 'site',
    options: z
      .object({
        /** The city's portal domain (xuancheng.gov.cn): departments outside it get a suggestion. */
        cityDomain: z.string().nullable().default(null),
      })
      .strict(),
  },
  run(ctx, options) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const url = ctx.homepage!.finalUrl;
    const host = new URL(url).hostname.toLowerCase();
    if (/^[\d.]+$|^\[|:/.test(host))
      return {
        status: 'fail',
        findings: [
          {
            severity: 'warning',
            url,
            key: 'ip',
            message: `网站以 IP 地址 ${host} 访问，未使用 .gov.cn 域名。`,
            evidence: url,
          },
        ],
      };
    // A unit hosted on a shared platform has the platform's domain: its finding goes to the
    // platform's owner (the profile's platform.checks lists this check).
    if (!/\.gov\.cn$/.test(host))
      return {
        status: 'fail',
        findings: [
          {
            severity: 'warning',
            url,
            key: 'not-gov-cn',
            message: `网站域名 ${host} 不是 .gov.cn 域名。`,
            evidence: `首页最终地址 ${url}`,
          },
        ],
      };
    const city = options.cityDomain?.toLowerCase();
    if (city && ctx.unit.kind === 'department' && host !== city && !host.endsWith(`.${city}`))
      return {
        status: 'fail',
        findings: [
          {
            severity: 'info',
            url,
            key: 'outside-city',
            message: `部门网站域名 ${host} 不在本级政府门户网站域名 ${city} 之下，建议使用其下级域名。`,
            evidence: `首页最终地址 ${url}`,
          },
        ],
      };
    return { status: 'pass', findings: [] };
  },
});

export default check;
