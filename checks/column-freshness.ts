import { defineCheck } from './define.ts';
import { addDays, addMonths } from '../src/extract/dates.ts';
import { columnState, findColumns } from './support/columns.ts';
import { usableHomepage } from './support/homepage.ts';
import type { CheckContext, DetailTable, RawFinding } from '../src/contract/check.ts';

const check = defineCheck({
  meta: {
    id: 'column-freshness',
    name: '栏目更新',
    title: '动态要闻类栏目两周内、通知公告和政策文件类栏目六个月内更新，其他应更新栏目不长期停更',
    basis:
      '国办秘函〔2019〕19号 单项否决「栏目不更新」：(1) 动态要闻类与通知公告、政策文件类栏目' +
      '累计超过（含）5个未更新；(2) 应更新但长期未更新的栏目超过（含）10个',
    advice: '按时限要求更新栏目内容，每条信息注明发布日期；长期无内容可更新的栏目应撤并。',
    scope: 'site',
  },
  run(ctx) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const { findings, counted, rows, judged } = judgeColumns(ctx);
    findings.unshift(...countLines(ctx, counted));
    if (judged === 0)
      return { status: 'not-applicable', reason: '未找到有更新时限要求且可判定的栏目', findings };
    const details: DetailTable[] = [
      {
        kind: 'table',
        title: '各栏目最近更新',
        header: ['栏目', '类别', '更新时限', '最近一条'],
        rows,
      },
    ];
    return {
      status: findings.length ? 'fail' : 'pass',
      findings,
      details,
      metrics: { judged, staleTimely: counted.timely.length, staleOther: counted.other.length },
    };
  },
});
export default check;

/** Each column with an update window: its row in the table, a finding when stale, the counts. */
function judgeColumns(ctx: CheckContext) {
  const findings: RawFinding[] = [];
  const counted = { timely: [] as string[], other: [] as string[] };
  const rows: DetailTable['rows'] = [];
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
    const stale = !s.latest || s.latest < cutoff;
    if (stale) counted[cls.count].push(col.url);
    rows.push({
      cells: [
        { value: col.text },
        { value: cls.label },
        { value: window },
        { value: s.latest ?? '未注明日期', bad: stale },
      ],
    });
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
  return { findings, counted, rows, judged };
}

/** The SV-COL counts against their veto lines, and the 预警 lines below them. */
function countLines(ctx: CheckContext, counted: { timely: string[]; other: string[] }) {
  const findings: RawFinding[] = [];
  const t = ctx.profile.vetoThresholds;
  const w = ctx.profile.earlyWarning;
  const lines: [string, string[], number, number, string][] = [
    [
      'stale-other',
      counted.other,
      t.staleOtherColumns,
      w.staleOtherColumns,
      '应更新但长期未更新的栏目',
    ],
    [
      'stale',
      counted.timely,
      t.staleColumns,
      w.staleColumns,
      '动态要闻类和通知公告、政策文件类栏目中未按时更新的',
    ],
  ];
  for (const [key, urls, limit, warn, what] of lines)
    if (urls.length >= limit)
      findings.unshift({
        severity: 'veto',
        url: ctx.homepage!.url,
        key: `${key}-veto`,
        message: `${what}达到 ${urls.length} 个（≥${limit} 个即单项否决）。`,
        evidence: urls.join('；'),
      });
    else if (urls.length >= warn)
      // 预警: past the warning line, short of the veto; no points (its columns are findings).
      findings.unshift({
        severity: 'info',
        early: true,
        url: ctx.homepage!.url,
        key: `${key}-early`,
        message: `${what}已有 ${urls.length} 个，达到 ${limit} 个即单项否决。`,
        evidence: urls.join('；'),
      });
  return findings;
}
