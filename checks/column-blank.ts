import { defineCheck } from './define.ts';
import { columnState, isBlankColumn, normColumnName, siteColumns } from './support/columns.ts';
import { usableHomepage } from './support/homepage.ts';
import type { RawFinding } from '../src/contract/check.ts';

const check = defineCheck({
  meta: {
    id: 'column-blank',
    name: '空白栏目',
    title: '已开设的栏目有实际内容（无空白栏目）',
    basis: '国办秘函〔2019〕19号 单项否决「栏目不更新」第(3)项：空白栏目数量超过5个（含）',
    advice: '为空白栏目补充应公开的信息；确无内容可发布的栏目应予撤并，不得保留空栏目。',
    scope: 'site',
  },
  run(ctx) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const findings: RawFinding[] = [];
    const unknown: string[] = [];
    let judged = 0;
    const columns = siteColumns(ctx);
    // Pages of the same site to tell its template from a page's own content.
    const fetched = columns.map((c) => c.page).filter((p): p is NonNullable<typeof p> => !!p?.text);
    const others = [ctx.homepage!, ...fetched].slice(0, 6);
    for (const col of columns) {
      const s = columnState(col, ctx.asOf);
      if (s.state === 'script-filled') unknown.push(col.rule?.name ?? col.text);
      if (s.state === 'ok' || s.state === 'blank') judged++;
      if (!isBlankColumn(col, s, others)) continue;
      findings.push({
        severity: 'warning',
        url: col.url,
        key: `blank:${col.rule?.id ?? normColumnName(col.text)}`,
        message: `栏目「${col.text}」为空白栏目，没有任何信息。`,
        evidence:
          `栏目页 ${col.page!.finalUrl} 未发现信息条目或指向栏目内文章的链接` +
          `${col.rule ? '' : `（位于 ${col.from} 的导航）`}`,
      });
    }
    const limit = ctx.profile.vetoThresholds.blankColumns;
    const warn = ctx.profile.earlyWarning.blankColumns;
    if (findings.length >= limit) {
      findings.unshift({
        severity: 'veto',
        url: ctx.homepage!.url,
        key: 'blank-veto',
        message: `空白栏目达到 ${findings.length} 个（≥${limit} 个即单项否决）。`,
        evidence: findings.map((f) => f.url).join('；'),
      });
    } else if (findings.length >= warn) {
      findings.unshift({
        severity: 'info',
        early: true,
        url: ctx.homepage!.url,
        key: 'blank-early',
        message: `空白栏目已有 ${findings.length} 个，达到 ${limit} 个即单项否决。`,
        evidence: findings.map((f) => f.url).join('；'),
      });
    }
    const reason = unknown.length
      ? `栏目 ${unknown.join('、')} 的列表由脚本加载，静态抓取无法判定，未计入（可用 --browser ` +
        `渲染后复查）`
      : undefined;
    if (judged === 0 && findings.length === 0) {
      return {
        status: unknown.length ? 'error' : 'not-applicable',
        reason: reason ?? '未找到可判定的栏目',
        findings,
      };
    }
    return {
      status: findings.length ? 'fail' : 'pass',
      reason,
      findings,
      metrics: { judged, unknown },
    };
  },
});
export default check;
