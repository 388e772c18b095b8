// A page's own publish date, read as the reader sees it. Several CMSs write <meta name="PubDate">
// when they regenerate a page (it equals their 页面生成时间 and is the same to the minute on many
// pages of one site), so a labelled date the page shows wins: the metadata block's 发布日期, then
// the info line under the title (发布时间：… 来源：…). The meta tags come next, checked against the
// month the URL names (/202305/, t20230412_, /2023-05/12/); the URL's own date is the last resort.
import type { PubDateSource } from '../contract/page.ts';
import { dateFromUrl, daysBetween, firstDate, isoDate } from './dates.ts';

const DATE = String.raw`((?:19|20)\d{2}\s*(?:[-/.]|年)\s*\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2})(?!\d)`;
// An explicit label: the page says this is when it was published.
const EXPLICIT = new RegExp(
  String.raw`(?:发布|发表|公开|发稿|上传)(?:日期|时间)\s*[:：]\s*${DATE}`,
);
// A bare 日期/时间 label counts only where it stands on its own (not 成文日期, 留言时间, 会议时间)
// and on an info line, next to the source, author or view count.
const BARE = new RegExp(String.raw`(?<![\u4e00-\u9fff])(?:日期|时间)\s*[:：]\s*${DATE}`, 'g');
const INFO_LINE = /来源|作者|浏览|点击|阅读|访问|字号|编辑|信息提供/;
// An unlabelled date on the info line: 「2023-12-05 来源：…」, 「来源：新华社 2023-12-05」 or
// 「来源：新华社 作者： 2023-12-01 14:43」.
const TIME = String.raw`(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?`;
const BY_SOURCE = new RegExp(
  String.raw`${DATE}\s*日?${TIME}\s*[|｜]?\s*(?:信息)?来源\s*[:：]|(?:来源|作者)\s*[:：]\s*(?:[^\s:：]{1,20}\s+)?${DATE}`,
);
const META_KEYS = ['pubdate', 'publishdate', 'firstpublishedtime', 'article:published_time'];

/** A month the URL names: 2023-05 from /202305/, /2023-05/12/, /t20230512_, /art/2023/5/12/. */
export function monthFromUrl(url: string): string | undefined {
  const path = url.replace(/^https?:\/\/[^/]+/i, '').split('?')[0];
  const m =
    path.match(/\/t((?:19|20)\d{2})(\d{2})\d{2}_/) ??
    path.match(/\/((?:19|20)\d{2})-?(\d{2})(?:\d{2})?\//) ??
    path.match(/\/art\/((?:19|20)\d{2})\/(\d{1,2})\//);
  if (!m) return undefined;
  return isoDate(Number(m[1]), Number(m[2]), 1)?.slice(0, 7);
}

/** The date on the line that reads like 「发布时间：2023-04-12 08:12 来源：…」, if any. */
export function labelledDate(text: string): string | undefined {
  const explicit = text.match(EXPLICIT);
  if (explicit) return firstDate(explicit[1]);
  for (const m of text.matchAll(BARE)) {
    const around = text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40);
    if (INFO_LINE.test(around)) return firstDate(m[1]);
  }
  const bySource = text.match(BY_SOURCE);
  return bySource ? firstDate(bySource[1] ?? bySource[2]) : undefined;
}

/** Whether a meta date lies well after the month the URL names (a regeneration stamp). */
function afterUrlMonth(date: string, month: string | undefined): boolean {
  return month !== undefined && daysBetween(`${month}-01`, date) > 62;
}

export function publishDate(input: {
  metadata: Record<string, string>;
  meta: Record<string, string>;
  text: string;
  url: string;
}): { date?: string; from?: PubDateSource } {
  const fromBlock = firstDate(input.metadata.发布日期);
  if (fromBlock) return { date: fromBlock, from: 'metadata' };
  const fromLabel = labelledDate(input.text);
  if (fromLabel) return { date: fromLabel, from: 'label' };
  const month = monthFromUrl(input.url);
  const fromUrl = dateFromUrl(input.url);
  for (const key of META_KEYS) {
    const d = firstDate(input.meta[key]);
    if (d && !afterUrlMonth(d, month)) return { date: d, from: 'meta' };
  }
  return fromUrl ? { date: fromUrl, from: 'url' } : {};
}
