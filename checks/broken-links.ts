import { isBroken } from './support/homepage.ts';
import { scanCheck } from './support/page-scan.ts';
import type { RawFinding } from '../src/contract/check.ts';
import type { PageRecord } from '../src/contract/page.ts';

interface State {
  findings: RawFinding[];
  checked: number;
  unchecked: number;
  ignore: RegExp[];
}

const check = scanCheck<State>(
  {
    id: 'broken-links',
    name: '链接可用性',
    title: '首页及其他页面的链接和附件可以正常打开',
    basis: '国办秘函〔2019〕19号 扣分指标「链接可用性」（首页及其他页面不能正常访问的链接数量）',
    advice: '修复或删除失效链接；附件应能正常下载；外部链接失效时及时更新或撤下。',
    scope: 'page',
  },
  {
    start: (ctx) => ({
      findings: [],
      checked: 0,
      unchecked: 0,
      ignore: ctx.profile.brokenLinks.ignore.map((p) => new RegExp(p, 'i')),
    }),
    page(st, page: PageRecord, _text, ctx) {
      const artifacts = page.kind === 'page' ? page.artifacts : undefined;
      if (!artifacts) return;
      const isHome = page === ctx.homepage;
      for (const link of artifacts.links) {
        const target = ctx.byUrl.get(link.url);
        if (!target || target.errorClass === 'policy') {
          st.unchecked++;
          continue;
        }
        st.checked++;
        if (!isBroken(target.status, target.errorClass) || st.ignore.some((r) => r.test(link.url)))
          continue;
        const why = target.error ?? `HTTP ${target.status}`;
        st.findings.push({
          severity: isHome ? 'error' : 'warning',
          url: page.url,
          key: link.url,
          // A dead link is one problem however many pages carry it (a footer link on every page).
          group: link.url,
          message:
            `${isHome ? '首页' : '页面'}上的${target.kind === 'attachment' ? '附件' : '链接'}「${link.text || link.url}` +
            `」无法打开（${why}）。`,
          evidence: `${link.url} → ${why}`,
          locate: { href: link.url },
        });
      }
    },
    finish({ findings, checked, unchecked }, ctx) {
      const home = ctx.homepage;
      if (!home?.artifacts || home.errorClass)
        return { status: 'error', reason: '首页无法访问，无法检查链接', findings: [] };
      return {
        status: findings.length ? 'fail' : 'pass',
        findings,
        metrics: { checked, unchecked, broken: findings.length },
        reason:
          [
            unchecked ? `${unchecked} 处链接因抓取预算或网络策略未检查` : '',
            ctx.crawl?.offsiteUnchecked
              ? `${ctx.crawl.offsiteUnchecked.links} 个外部链接未检测：${ctx.crawl.offsiteUnchecked.reason}`
              : '',
          ]
            .filter(Boolean)
            .join('；') || undefined,
      };
    },
  },
);

export default check;
