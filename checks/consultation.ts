import { z } from 'zod';
import { defineCheck } from './define.ts';
import { addDays, findDates } from '../src/extract/dates.ts';
import { usableHomepage } from './support/homepage.ts';
import { pageIndex } from './support/page-index.ts';
import { pageTitle } from './support/policy-pairs.ts';
import type { RawFinding } from '../src/contract/check.ts';

const CONSULT = /(公开)?征求.{0,30}意见|意见征集/;
const FEEDBACK = /意见.{0,6}(反馈|采纳|答复|采用)|征求意见.{0,12}(情况|结果)/;
const ABOUT_DRAFT = /起草说明|编制说明|解读|说明$/;
// What explains a draft. Not a bare 说明: a footer's 「无障碍说明」 or 「网站使用说明」 had cleared it.
const EXPLANATION =
  /(起草|编制|制定|修订|修改)(情况)?说明|草案.{0,4}解读|(关于|有关).{1,40}的说明|政策解读|解读材料/;
// A date: 2022年8月31日, 2022-08-31, 2022.8.31 (the year optional where a range repeats it).
const DATE = String.raw`(?:19|20)\d{2}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}`;
const MONTH_DAY = String.raw`\d{1,2}\s*[月\-/.]\s*\d{1,2}`;
// 「截止日期：…」, a range 「2022年8月1日至8月31日」, or a date before which opinions are to be
// sent: 「并于2020年2月24日前返回」「在2020年3月27日前…提出」.
const SEND = '返回|反馈|提出|报送|发送|寄送|提交|送达|传真|邮寄|告知|发至|寄至|反映';
const WINDOW = new RegExp(
  String.raw`(截止|截至|至)\s*(日期|时间)?[:：]?\s*(${DATE})|` +
    String.raw`${DATE}\s*日?\s*[至到—-]+\s*((?:19|20)\d{2}\s*[年\-/.]\s*)?${MONTH_DAY}|` +
    String.raw`${DATE}\s*日?\s*(?:之前|以前|前)[^。；]{0,30}?(?:${SEND})`,
);

/** The draft's name: the 《…》 in the title, or the title without the 征求意见 wording. */
function subject(title: string): string {
  return (
    title.match(/《([^》]+)》/)?.[1] ??
    title.replace(/关于|公开|征求|意见|的通知|的公告|（征求意见稿）|征求意见稿/g, '').slice(0, 20)
  );
}

const check = defineCheck({
  meta: {
    options: z
      .object({
        /** [I] How long after the window closes the 意见反馈 is expected. */
        feedbackDays: z.number().int().positive().default(30),
      })
      .strict(),
    id: 'consultation',
    name: '意见征集',
    title: '重大决策意见征集同时公开起草说明或草案解读，写明征集期限，期满后公开意见反馈',
    basis: '本市任务清单「做好决策公开」：意见征集须公开草案解读或起草说明，做好意见反馈信息公开',
    advice:
      '发布征求意见稿时一并公开起草说明或草案解读，写明意见征集的起止时间；' +
      '征集结束后公开意见采纳情况及理由。',
    scope: 'page',
  },
  run(ctx, options) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const pages = pageIndex(ctx).filter((x) => x.page.url !== ctx.homepage?.url);
    // A draft's 起草说明 or 解读 names the 征求意见稿 in its title but is not itself a consultation.
    const consultations = pages
      .filter(
        (x) =>
          CONSULT.test(x.title) && !FEEDBACK.test(x.title) && !ABOUT_DRAFT.test(x.title) && x.date,
      )
      .map((x) => x.page);
    if (consultations.length === 0)
      return { status: 'not-applicable', reason: '未找到意见征集', findings: [] };
    const feedback = pages.filter((x) => FEEDBACK.test(x.title)).map((x) => x.page);
    const findings: RawFinding[] = [];
    for (const c of consultations) {
      const title = pageTitle(c);
      const text = c.text ?? '';
      const add = (key: string, message: string, evidence: string) =>
        findings.push({ severity: 'warning', url: c.url, key, message, evidence });
      // The body only: the navigation and footer are the site's, not the consultation's.
      const body = text.replace(title, '').replace(c.artifacts!.footerText, '');
      const explained =
        EXPLANATION.test(body) ||
        c.artifacts!.links.some((l) => l.area === 'body' && EXPLANATION.test(l.text));
      if (!explained)
        add(
          'explanation',
          `意见征集「${title}」没有公开起草说明或草案解读。`,
          '页面正文和附件名中未找到「起草说明」「草案解读」等',
        );
      const window = text.match(WINDOW);
      if (!window) {
        add(
          'window',
          `意见征集「${title}」没有写明征集期限。`,
          '页面中未找到「截止日期」或「X月X日至X月X日」',
        );
        continue;
      }
      const dates = findDates(window[0]);
      const end =
        dates.at(-1) ?? (window[0].match(/(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*$/) && dates[0]);
      if (!end || addDays(end, options.feedbackDays) > ctx.asOf) continue;
      const name = subject(title);
      const answered = feedback.some(
        (f) => pageTitle(f).includes(name) || (f.text ?? '').includes(name),
      );
      if (!answered)
        add(
          'feedback',
          `意见征集「${title}」已于 ${end} 截止，超过 ${options.feedbackDays} 天仍未找到意见反馈。`,
          `按名称「${name}」在 ${feedback.length} 个反馈页面中未找到`,
        );
    }
    return {
      status: findings.length ? 'fail' : 'pass',
      findings,
      metrics: { consultations: consultations.length, feedback: feedback.length },
    };
  },
});

export default check;
