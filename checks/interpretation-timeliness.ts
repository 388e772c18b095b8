import { z } from 'zod';
import { defineCheck } from './define.ts';
import { exceedsWorkdays, officialCalendar } from '../src/calendar/workdays.ts';
import { usableHomepage } from './support/homepage.ts';
import { pageDate, pageTitle, policyPairs } from './support/policy-pairs.ts';
import type { RawFinding } from '../src/contract/check.ts';
import type { PageRecord } from '../src/contract/page.ts';

const calendar = officialCalendar();

const check = defineCheck({
  meta: {
    options: z
      .object({
        /** [I] 解读 no later than this many working days after its document (三同步 practice). */
        maxLagWorkdays: z.number().int().nonnegative().default(3),
      })
      .strict(),
    id: 'interpretation-timeliness',
    name: '解读及时性',
    title:
      '政策解读与文件同步发布，最迟不超过文件发布后 3 个工作日（按国务院节假日和调休安排计算）',
    basis: '政策解读「三同步」；本市任务清单：解读最迟在文件公开发布后3个工作日内发布',
    advice:
      '解读材料与文件同步起草、同步审签、同步发布；确有延迟的，最迟在文件发布后 3 ' +
      '个工作日内发布。',
    scope: 'page',
  },
  run(ctx, options) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const { pairs } = policyPairs(ctx);
    if (pairs.size === 0)
      return { status: 'not-applicable', reason: '没有可配对的文件与解读', findings: [] };
    const findings: RawFinding[] = [];
    // Undecided pairs: counted, the first three named (copies can make millions).
    let undecided = 0;
    const unknown: string[] = [];
    const undecide = (why: string) => void (undecided++ < 3 && unknown.push(why));
    // Copies of a document and of its 解读 (several columns list them) are one problem by their
    // titles and dates; each 解读 page is listed once, whatever copies of the document pair it.
    const added = new Set<string>();
    const add = (f: RawFinding & { group: string }) => {
      if (added.has(`${f.group}\n${f.url}`)) return;
      added.add(`${f.group}\n${f.url}`);
      findings.push(f);
    };
    for (const interp of pairs.interps) {
      // Copies of a document (same title and date) meet this 解读 alike: judged once, and
      // counted again where they leave the pair undecided.
      const met = new Map<string, Map<string | undefined, string | undefined>>();
      for (const doc of pairs.docsOf(interp)) {
        const byDate = met.get(pageTitle(doc)) ?? new Map<string | undefined, string | undefined>();
        met.set(pageTitle(doc), byDate);
        const date = pageDate(doc);
        const why = byDate.has(date) ? byDate.get(date) : judge(doc, interp);
        byDate.set(date, why);
        if (why !== undefined) undecide(why);
      }
    }
    /** Judges a pair; returns why it stays undecided, if it does. */
    function judge(doc: PageRecord, interp: PageRecord): string | undefined {
      const d = pageDate(doc);
      const i = pageDate(interp);
      if (!d || !i) return `${pageTitle(interp)}（缺少发布日期）`;
      const key = `${doc.url}|${interp.url}`;
      const evidence = `文件「${pageTitle(doc)}」${d}；解读「${pageTitle(interp)}」${i}`;
      const group = evidence;
      if (i < d) {
        const early = exceedsWorkdays(calendar, i, d, 1);
        if (early?.over)
          add({
            severity: 'warning',
            url: interp.url,
            key,
            group,
            message: `解读的发布日期（${i}）早于文件（${d}），日期可能有误。`,
            evidence,
          });
        return undefined;
      }
      const lag = exceedsWorkdays(calendar, d, i, options.maxLagWorkdays);
      if (lag === undefined)
        return `${pageTitle(interp)}（${d}→${i}，节假日数据只覆盖 ${calendar.coverage()} 年，处于临界）`;
      if (lag.over) {
        const days = lag.exact ? `${lag.days} 个工作日` : `至少 ${lag.days} 个工作日`;
        add({
          severity: 'warning',
          url: interp.url,
          key,
          group,
          message: `解读晚于文件 ${days}发布（文件 ${d}，解读 ${i}），超过 ${options.maxLagWorkdays} 个工作日。`,
          evidence,
        });
      }
      return undefined;
    }
    const reason = undecided ? `${undecided} 组无法判定：${unknown.join('；')}` : undefined;
    if (findings.length === 0 && undecided === pairs.size)
      return { status: 'error', reason, findings };
    return {
      status: findings.length ? 'fail' : 'pass',
      findings,
      reason,
      metrics: { pairs: pairs.size },
    };
  },
});

export default check;
