import { defineCheck } from './define.ts';
import { addDays, daysBetween } from '../src/extract/dates.ts';
import { usableHomepage } from './support/homepage.ts';

const check = defineCheck({
  meta: {
    id: 'homepage-freshness',
    name: '首页更新',
    title: '首页在监测时间点前两周内有信息更新',
    basis:
      '国办秘函〔2019〕19号 单项否决「首页不更新」（监测2周首页无信息更新；' +
      '未注明发布时间的视为不更新）',
    advice: '及时在首页发布并更新信息，每条信息注明发布日期。',
    scope: 'site',
  },
  run(ctx) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const a = home.artifacts;
    // Dates after the assessment date cannot be updates seen at that date (and may be typos).
    const dates = a.listItems
      .map((i) => i.date)
      .filter((d) => d <= ctx.asOf)
      .sort();
    const latest = dates.at(-1);
    const cutoff = addDays(ctx.asOf, -ctx.profile.homepageFreshDays);
    const metrics = { datedItems: dates.length, latest, cutoff };
    if (!latest) {
      return {
        status: 'fail',
        metrics,
        findings: [
          {
            severity: 'veto',
            url: ctx.homepage!.url,
            key: 'no-dated-items',
            message: '首页没有注明发布日期的信息，视为首页不更新。',
            evidence: `首页共 ${a.links.length} 个链接，未发现带日期的信息条目`,
          },
        ],
      };
    }
    if (latest < cutoff) {
      const newest = a.listItems.find((i) => i.date === latest);
      return {
        status: 'fail',
        metrics,
        findings: [
          {
            severity: 'veto',
            url: ctx.homepage!.url,
            key: 'stale',
            message:
              `首页超过${ctx.profile.homepageFreshDays}天未更新：最近一条信息发布于 ${latest}（测评日 ` +
              `${ctx.asOf}）。`,
            evidence: newest ? `最新条目：「${newest.title}」${newest.date}` : `最新日期 ${latest}`,
          },
        ],
      };
    }
    // 预警: past the warning line, short of the veto.
    const warnFrom = addDays(ctx.asOf, -ctx.profile.earlyWarning.homepageDays);
    if (latest < warnFrom)
      return {
        status: 'pass',
        metrics,
        findings: [
          {
            severity: 'info',
            early: true,
            url: ctx.homepage!.url,
            key: 'stale-early',
            message:
              `首页已 ${daysBetween(latest, ctx.asOf)} 天未更新（最近一条 ${latest}），` +
              `超过 ${ctx.profile.homepageFreshDays} 天即单项否决。`,
            evidence: `预警线 ${ctx.profile.earlyWarning.homepageDays} 天`,
          },
        ],
      };
    return { status: 'pass', findings: [], metrics };
  },
});
export default check;
