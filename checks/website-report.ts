// 网站工作年度报表 (《政府网站发展指引》国办发〔2017〕47号 and the yearly 政府网站工作年度报表 notices
// [V3]): each site publishes its previous year's 报表 by 1月31日; the assessment date decides which
// year is due. A 报表 the crawl read is checked for the site's own 网站标识码.
import { z } from 'zod';
import { defineCheck } from './define.ts';
import { usableHomepage } from './support/homepage.ts';
import { titleOf } from './support/page-index.ts';
import { looksOf } from './support/looks.ts';
import type { PageArtifacts } from '../src/contract/page.ts';

const TITLE = /((?:19|20)\d{2})\s*年\s*度?.{0,30}?网站(?:工作)?年度报表/;
const CODE = /网站标识码\s*[:：]?\s*([0-9A-Za-z]{10})/;

/** What the check looks for in every page: links titled as a 报表, then its own title if it is. */
const LOOK = {
  page(a: PageArtifacts) {
    const found: { url?: string; title: string }[] = a.links
      .filter((l) => TITLE.test(l.text))
      .map((l) => ({ url: l.url, title: l.text }));
    const own = titleOf(a);
    if (TITLE.test(own)) found.push({ title: own });
    return found.length ? found : undefined;
  },
};

const check = defineCheck({
  meta: {
    id: 'website-report',
    name: '网站年度报表',
    title: '每年 1 月 31 日前发布上一年度政府网站工作年度报表，报表的网站标识码与本网站一致',
    basis:
      '《政府网站发展指引》（国办发〔2017〕47号）：每年1月31日前发布上一年度政府网站工作年度报表',
    advice: '按规定格式编制并在网站发布上一年度政府网站工作年度报表，填写本网站的网站标识码。',
    scope: 'site',
    options: z
      .object({
        /** MM-DD of the deadline for the previous year's 报表 [V3]. */
        deadline: z
          .string()
          .regex(/^\d{2}-\d{2}$/)
          .default('01-31'),
      })
      .strict(),
  },
  look: LOOK,
  run(ctx, options) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const year = Number(ctx.asOf.slice(0, 4));
    // Before this year's deadline, last year's 报表 is not yet due: the one before it is.
    const due = ctx.asOf > `${year}-${options.deadline}` ? year - 1 : year - 2;
    const byYear = new Map<number, { url: string; title: string }>();
    for (const { page, look } of looksOf(ctx, 'website-report', LOOK))
      for (const r of look) {
        const url = r.url ?? page.url;
        const year = Number(r.title.match(TITLE)![1]);
        if (!byYear.has(year)) byYear.set(year, { url, title: r.title });
      }
    const found = byYear.get(due);
    if (!found)
      return {
        status: 'fail',
        findings: [
          {
            severity: 'warning',
            url: ctx.homepage!.url,
            key: `missing:${due}`,
            message: `未找到 ${due} 年度政府网站工作年度报表（应于 ${due + 1}-${options.deadline} 前发布）。`,
            evidence: byYear.size
              ? `找到的报表：${[...byYear.keys()].sort().join('、')} 年度`
              : '已抓取页面中没有「网站工作年度报表」',
          },
        ],
      };
    // The 报表's own 网站标识码 against the site's footer, when both were read.
    const page = ctx.byUrl.get(found.url);
    const own = home.artifacts.identity.siteIdCode?.trim();
    const stated = page?.text?.match(CODE)?.[1];
    if (own && stated && own !== stated)
      return {
        status: 'fail',
        findings: [
          {
            severity: 'warning',
            url: found.url,
            key: `code:${due}`,
            message: `${due} 年度网站工作年度报表的网站标识码（${stated}）与本网站（${own}）不一致。`,
            evidence: `报表：${found.title}`,
          },
        ],
      };
    return { status: 'pass', findings: [], reason: `${due} 年度报表：${found.title}` };
  },
});

export default check;
