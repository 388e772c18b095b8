// 互动回应 (国办秘函〔2019〕19号 单项否决「互动回应差」, domain-rules SV-INT): the unit offers an
// online channel for questions (信访 and 纪检举报 are not one), and in the 12 months before the
// assessment date no message waited more than 3 months for its answer. Answers later than
// `replyWorkdays` working days are a deduction [I: local practice, 5 工作日].
import { z } from 'zod';
import { exceedsWorkdays, officialCalendar } from '../src/calendar/workdays.ts';
import { addMonths, daysBetween } from '../src/extract/dates.ts';
import type { RawFinding } from '../src/contract/check.ts';
import { defineCheck } from './define.ts';
import { usableHomepage } from './support/homepage.ts';
import { CHANNEL_LOOK, boardsOf, channels, messages, type Message } from './support/messages.ts';
import { looksOf } from './support/looks.ts';

// Read when first needed: the check's look also runs in the judge's worker bundle, where the
// calendar's files are not beside the code.
let calendar: ReturnType<typeof officialCalendar> | undefined;

const check = defineCheck({
  meta: {
    id: 'interaction-response',
    name: '互动回应',
    title: '提供网上咨询建言渠道，监测时间点前 1 年内的留言都在 3 个月内得到回应',
    basis:
      '国办秘函〔2019〕19号 单项否决「互动回应差」：未提供网上有效咨询建言渠道；' +
      '监测时间点前1年内，政务咨询类栏目存在超过3个月未回应有效留言',
    advice:
      '在网站显著位置提供咨询、留言或信箱入口；对每条有效留言及时答复并公开答复时间和内容，' +
      '超过期限未答复的留言尽快办结。',
    scope: 'site',
    options: z
      .object({
        /** 19号: 3 months without an answer, or an answer after 3 months, is a veto [V]. */
        vetoMonths: z.number().int().positive().default(3),
        /** [I] An answer later than this many working days is a deduction (local practice). */
        replyWorkdays: z.number().int().positive().default(5),
        /** [I] 预警: a message unanswered this many months, short of the veto. */
        warnMonths: z.number().int().positive().default(2),
      })
      .strict(),
  },
  look: CHANNEL_LOOK,
  run(ctx, options) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const looks = looksOf(ctx, 'interaction-response', CHANNEL_LOOK);
    const found = channels(looks);
    const limited = Boolean(ctx.crawl?.limitHit);
    if (found.length === 0)
      return limited
        ? {
            status: 'error',
            reason: '未找到咨询建言渠道，但抓取已达上限，无法断定网站没有',
            findings: [],
          }
        : {
            status: 'fail',
            findings: [
              {
                severity: 'veto',
                url: ctx.homepage!.url,
                key: 'no-channel',
                message:
                  '网站未提供网上咨询建言渠道（咨询、留言、信箱等；网上信访、纪检举报除外）。',
                evidence: '首页及已抓取页面中没有咨询、留言、信箱、互动交流类入口',
              },
            ],
          };
    const boards = boardsOf(looks, found);
    const all = messages(ctx, boards);
    const since = addMonths(ctx.asOf, -12);
    const recent = all.filter((m) => m.asked && m.asked >= since && m.asked <= ctx.asOf);
    if (recent.length === 0) {
      const names = found
        .slice(0, 3)
        .map((c) => `「${c.text}」`)
        .join('、');
      return {
        status: 'error',
        reason: boards.length
          ? `找到咨询渠道 ${names}，但其中没有 ${since} 以来的留言，回复时限无法检测`
          : `找到咨询渠道 ${names}，但未能读取其中的留言（站外平台或未抓取），回复时限需人工核查`,
        findings: [],
        metrics: { channels: found.length, boards: boards.length, messages: all.length },
      };
    }
    const findings = recent.flatMap((m) => judge(m, ctx.asOf, options));
    return {
      status: findings.length ? 'fail' : 'pass',
      findings,
      metrics: {
        channels: found.length,
        boards: boards.length,
        messages: recent.length,
        answered: recent.filter((m) => m.answered).length,
      },
    };
  },
});

function judge(
  m: Message,
  asOf: string,
  o: { vetoMonths: number; replyWorkdays: number; warnMonths: number },
): RawFinding[] {
  const asked = m.asked!;
  const base = { url: m.url, key: `${m.board}|${m.title}|${asked}` };
  const evidence = `留言时间 ${asked}；回复时间 ${m.replied ?? '无'}；留言列表 ${m.board}`;
  const deadline = addMonths(asked, o.vetoMonths);
  if (m.answered === false || (m.answered === undefined && !m.replied)) {
    // Unanswered: a veto once 3 months have passed; unknown status is never guessed unanswered.
    if (m.answered === false && asOf > deadline)
      return [
        {
          ...base,
          severity: 'veto',
          message:
            `留言「${m.title}」（${asked}）至测评日已 ${daysBetween(asked, asOf)} 天未回复，` +
            `超过 ${o.vetoMonths} 个月。`,
          evidence,
        },
      ];
    if (m.answered === false && asOf > addMonths(asked, o.warnMonths))
      return [
        {
          ...base,
          severity: 'info',
          early: true,
          message:
            `留言「${m.title}」（${asked}）已 ${daysBetween(asked, asOf)} 天未回复，` +
            `满 ${o.vetoMonths} 个月（${deadline}）仍未回复即单项否决。`,
          evidence,
        },
      ];
    return [];
  }
  if (!m.replied) return [];
  if (m.replied > deadline)
    return [
      {
        ...base,
        severity: 'veto',
        message:
          `留言「${m.title}」（${asked}）在 ${m.replied} 才回复，` +
          `超过 ${o.vetoMonths} 个月（${daysBetween(asked, m.replied)} 天）。`,
        evidence,
      },
    ];
  const late = exceedsWorkdays(
    (calendar ??= officialCalendar()),
    asked,
    m.replied,
    o.replyWorkdays,
  );
  if (late?.over)
    return [
      {
        ...base,
        severity: 'warning',
        message:
          `留言「${m.title}」（${asked}）在 ${m.replied} 回复，用时 ${late.exact ? '' : '至少 '}` +
          `${late.days} 个工作日，超过 ${o.replyWorkdays} 个工作日。`,
        evidence,
      },
    ];
  return [];
}

export default check;
