// 年报雷同: a 政府信息公开工作年度报告 whose sentences are mostly last year's (numbers aside) was
// copied rather than written. The share is [I] (90%): no assessment text gives one. Judged on the
// HTML reports the crawl read, the newest year's against the year before, and against other units'
// reports of the same year in the run (the judge's `peers`), the units' names blanked.
import { z } from 'zod';
import type { CheckContext, RawFinding } from '../src/contract/check.ts';
import type { PageRecord } from '../src/contract/page.ts';
import { defineCheck } from './define.ts';
import { usableHomepage } from './support/homepage.ts';
import { pageIndex } from './support/page-index.ts';

const TITLE = /((?:19|20)\d{2})\s*年\s*度?.{0,30}?政府信息公开工作年度报告/;

/**
 * A report's sentences with their numbers blanked (two years differ in their figures) and the
 * unit's own name blanked (two units' copies differ in it).
 */
/** What is left of some names without their place: words every report may have. */
const GENERIC = new Set(['人民政府', '管委会', '管理委员会']);

export function reportSentences(text: string, unitName = ''): string[] {
  // The full name, the name without its place, and the place (某某县人民政府: 人民政府, 某某县).
  const names = [
    unitName,
    unitName.replace(/^.{0,6}?[市县区](?=.{2,})/, ''),
    unitName.match(/^.{1,6}?[市县区]/)?.[0] ?? '',
  ]
    .filter((n) => n.length >= 2 && !GENERIC.has(n))
    .sort((a, b) => b.length - a.length);
  return text
    .split(/[。；！？\n]/)
    .map((s) => {
      let t = s.replace(/\s+/g, '').replace(/[0-9０-９]+(\.[0-9]+)?/g, '#');
      for (const n of names) t = t.split(n).join('〇');
      return t;
    })
    .filter((s) => s.length >= 12);
}

export const REPORT_TITLE = TITLE;

/** The share of `mine` found in `theirs`, and which. */
function overlap(mine: string[], theirs: Iterable<string>) {
  const set = new Set(theirs);
  const same = mine.filter((x) => set.has(x));
  return { same, share: mine.length ? same.length / mine.length : 0 };
}

const pct = (n: number) => `${Math.round(n * 100)}%`;
const samples = (same: string[]) =>
  same
    .slice(0, 3)
    .map((x) => `「${x.slice(0, 40)}」`)
    .join('；');

/** Other units' reports of the same year that this one mostly repeats (context `peers`). */
function peerFindings(
  ctx: CheckContext,
  mine: { year: number; url: string; sentences: string[] },
  maxShare: number,
): RawFinding[] {
  return (ctx.peers ?? [])
    .filter((p) => p.year === mine.year && p.unitId !== ctx.unit.id)
    .flatMap((p) => {
      const { same, share } = overlap(mine.sentences, p.sentences);
      if (share < maxShare) return [];
      return [
        {
          severity: 'warning' as const,
          url: mine.url,
          key: `peer:${p.unitId}:${mine.year}`,
          message:
            `${mine.year} 年度报告有 ${pct(share)} 的语句（${same.length}/${mine.sentences.length}，` +
            `数字和单位名称除外）与「${p.name}」同年度报告相同，疑似照搬。`,
          evidence: `${samples(same)}；对方报告 ${p.url}`,
        },
      ];
    });
}

const check = defineCheck({
  meta: {
    id: 'annual-report-copy',
    name: '年报雷同',
    title: '政府信息公开工作年度报告按当年情况编写，不照搬上一年度报告',
    basis: '《政府信息公开条例》第五十条（年度报告的内容）；年报雷同为测评常见扣分情形 [I]',
    advice: '按当年工作实际重写年度报告的总体情况、存在问题和改进措施，不照搬往年文字。',
    scope: 'site',
    options: z
      .object({
        /** [I] The share of this year's sentences found in last year's report that makes it a copy. */
        maxShare: z.number().min(0).max(1).default(0.9),
      })
      .strict(),
  },
  run(ctx, options) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const byYear = new Map<number, PageRecord>();
    // By the page index's titles: a page's text is read only once its title names a report.
    for (const { page: p, title } of pageIndex(ctx)) {
      const m = title.match(TITLE);
      if (m && !byYear.has(Number(m[1])) && (p.text?.length ?? 0) >= 1000)
        byYear.set(Number(m[1]), p);
    }
    const years = [...byYear.keys()].sort((a, b) => b - a);
    const [latest, previous] = years;
    if (latest === undefined)
      return { status: 'not-applicable', reason: '未抓取到网页版年度报告', findings: [] };
    const page = byYear.get(latest)!;
    const now = reportSentences(page.text!, ctx.unit.name);
    // The report is named for the run-level comparison between units (src/judge/peer-reports.ts).
    const report = { year: latest, url: page.url };
    const findings = peerFindings(ctx, { ...report, sentences: now }, options.maxShare);
    if (previous === undefined || latest - previous !== 1) {
      if (findings.length) return { status: 'fail', findings, metrics: { report } };
      return {
        status: 'not-applicable',
        reason: '未抓取到相邻两个年度的网页版年度报告',
        findings: [],
        metrics: { report },
      };
    }
    const before = reportSentences(byYear.get(previous)!.text!, ctx.unit.name);
    const { same, share } = overlap(now, before);
    const metrics = {
      report,
      sentences: now.length,
      same: same.length,
      share: Math.round(share * 1000) / 1000,
    };
    if (share >= options.maxShare)
      findings.unshift({
        severity: 'warning',
        url: page.url,
        key: `copy:${latest}`,
        message:
          `${latest} 年度报告有 ${pct(share)} 的语句（${same.length}/${now.length}，数字除外）` +
          `与 ${previous} 年度报告相同，疑似照搬。`,
        evidence: samples(same),
      });
    return { status: findings.length ? 'fail' : 'pass', findings, metrics };
  },
});

export default check;
