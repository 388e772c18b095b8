// 年报雷同: a 政府信息公开工作年度报告 whose sentences are mostly last year's (numbers aside) was
// copied rather than written. The share is [I] (90%): no assessment text gives one. Judged on the
// HTML reports the crawl read, the due year's against the year before.
import { z } from 'zod';
import type { PageRecord } from '../src/contract/page.ts';
import { defineCheck } from './define.ts';
import { usableHomepage } from './support/homepage.ts';
import { titleOf } from './support/page-index.ts';

const TITLE = /((?:19|20)\d{2})\s*年\s*度?.{0,30}?政府信息公开工作年度报告/;

/** A report's sentences with their numbers blanked: two years differ in their figures. */
function sentences(text: string): string[] {
  return text
    .split(/[。；！？\n]/)
    .map((s) => s.replace(/\s+/g, '').replace(/[0-9０-９]+(\.[0-9]+)?/g, '#'))
    .filter((s) => s.length >= 12);
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
    for (const p of ctx.pages) {
      if (p.kind !== 'page' || !p.artifacts || (p.text?.length ?? 0) < 1000) continue;
      const m = titleOf(p.artifacts).match(TITLE);
      if (m && !byYear.has(Number(m[1]))) byYear.set(Number(m[1]), p);
    }
    const years = [...byYear.keys()].sort((a, b) => b - a);
    const [latest, previous] = years;
    if (previous === undefined || latest - previous !== 1)
      return {
        status: 'not-applicable',
        reason: '未抓取到相邻两个年度的网页版年度报告',
        findings: [],
      };
    const now = sentences(byYear.get(latest)!.text!);
    const before = new Set(sentences(byYear.get(previous)!.text!));
    const same = now.filter((s) => before.has(s));
    const share = now.length ? same.length / now.length : 0;
    const metrics = {
      sentences: now.length,
      same: same.length,
      share: Math.round(share * 1000) / 1000,
    };
    if (share < options.maxShare) return { status: 'pass', findings: [], metrics };
    const page = byYear.get(latest)!;
    return {
      status: 'fail',
      metrics,
      findings: [
        {
          severity: 'warning',
          url: page.url,
          key: `copy:${latest}`,
          message:
            `${latest} 年度报告有 ${Math.round(share * 100)}% 的语句（${same.length}/${now.length}，数字除外）` +
            `与 ${previous} 年度报告相同，疑似照搬。`,
          evidence: same
            .slice(0, 3)
            .map((s) => `「${s.slice(0, 40)}」`)
            .join('；'),
        },
      ],
    };
  },
});

export default check;
