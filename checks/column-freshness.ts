import { defineCheck } from './define.ts';
import { addDays, addMonths } from '../src/extract/dates.ts';
import { columnState, findColumns } from './support/columns.ts';
import { usableHomepage } from './support/homepage.ts';
import type { RawFinding } from '../src/contract/check.ts';

const check = defineCheck({
  meta: {
    id: 'column-freshness',
    name: '栏目更新',
    title: '动态要闻类栏目两周内、通知公告和政策文件类栏目六个月内有更新',
    basis: '国办秘函〔2019〕19号 单项否决「栏目不更新」第(1)项：累计超过（含）5个未更新即否决',
    advice: '按时限要求更新栏目内容，每条信息注明发布日期；长期无内容可更新的栏目应撤并。',
    scope: 'site',
  },
  run(ctx) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const findings: RawFinding[] = [];
    let judged = 0;
    for (const col of findColumns(ctx).values()) {
      const cls = col.rule.freshness && ctx.profile.freshness[col.rule.freshness];
      if (!cls) continue;
      const s = columnState(col, ctx.asOf);
      if (s.state !== 'ok') continue; // blank, failed and unrendered columns are other checks' business
      judged++;
      const cutoff = cls.months
        ? addMonths(ctx.asOf, -cls.months)
        : addDays(ctx.asOf, -(cls.days ?? 14));
      const window = cls.months ? `${cls.months}个月` : `${cls.days}天`;
      if (!s.latest) {
        findings.push({
          severity: 'warning',
          url: col.url,
          key: `undated:${col.rule.id}`,
          message:
            `栏目「${col.text}」的信息均未注明发布日期，` +
            `视为未更新（${cls.label}要求${window}内更新）。`,
          evidence: `栏目页有 ${s.contentLinks} 条链接，均无日期`,
        });
      } else if (s.latest < cutoff) {
        findings.push({
          severity: 'warning',
          url: col.url,
          key: `stale:${col.rule.id}`,
          message: `栏目「${col.text}」超过${window}未更新：最近一条发布于 ${s.latest}（测评日 ${ctx.asOf}）。`,
          evidence: `${cls.label}栏目，更新时限${window}，截止 ${cutoff}`,
        });
      }
    }
    const limit = ctx.profile.vetoThresholds.staleColumns;
    if (findings.length >= limit) {
      findings.unshift({
        severity: 'veto',
        url: ctx.homepage!.url,
        key: 'stale-veto',
        message: `未按时更新的栏目达到 ${findings.length} 个（≥${limit} 个即单项否决）。`,
        evidence: findings.map((f) => f.url).join('；'),
      });
    }
    if (judged === 0)
      return { status: 'not-applicable', reason: '未找到有更新时限要求且可判定的栏目', findings };
    return { status: findings.length ? 'fail' : 'pass', findings, metrics: { judged } };
  },
});
export default check;
