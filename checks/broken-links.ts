import { isBroken } from './support/homepage.ts';
import type { Check, RawFinding } from './types.ts';

const check: Check = {
  id: 'broken-links',
  name: '链接可用性',
  title: '首页及其他页面的链接和附件可以正常打开',
  basis: '国办秘函〔2019〕19号 扣分指标「链接可用性」（首页及其他页面不能正常访问的链接数量）',
  advice: '修复或删除失效链接；附件应能正常下载；外部链接失效时及时更新或撤下。',
  scope: 'page',
  run(ctx) {
    const home = ctx.homepage;
    if (!home?.artifacts || home.errorClass) return { status: 'error', reason: '首页无法访问，无法检查链接', findings: [] };
    const ignore = ctx.profile.brokenLinks.ignore.map((p) => new RegExp(p, 'i'));
    const findings: RawFinding[] = [];
    let checked = 0;
    let unchecked = 0;
    for (const page of ctx.pages) {
      if (page.errorClass) continue;
      const artifacts = page.artifacts;
      if (!artifacts) continue;
      const isHome = page === home;
      for (const link of artifacts.links) {
        const target = ctx.byUrl.get(link.url);
        if (!target || target.errorClass === 'policy') {
          unchecked++;
          continue;
        }
        checked++;
        if (!isBroken(target.status, target.errorClass) || ignore.some((r) => r.test(link.url))) continue;
        const why = target.error ?? `HTTP ${target.status}`;
        findings.push({
          severity: isHome ? 'error' : 'warning',
          url: page.url,
          key: `${link.url}`,
          message: `${isHome ? '首页' : '页面'}上的${target.kind === 'attachment' ? '附件' : '链接'}「${link.text || link.url}」无法打开（${why}）。`,
          evidence: `${link.url} → ${why}`,
        });
      }
    }
    return {
      status: findings.length ? 'fail' : 'pass',
      findings,
      metrics: { checked, unchecked, broken: findings.length },
      reason: unchecked ? `${unchecked} 处链接因抓取预算或网络策略未检查` : undefined,
    };
  },
};
export default check;
