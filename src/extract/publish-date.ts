// A page's own publish date, read as the reader sees it. Several CMSs write <meta name="PubDate">
// when they regenerate a page (it equals their 页面生成时间 and is the same to the minute on many
// pages of one site), so a labelled date the page shows wins: the metadata block's 发布日期, then
// the info line under the title (发布时间：… 来源：…, 2022-02-11 09:52 打印本页, a date in brackets
// after the heading). A signature's date (宣城市司法局 2022年3月1日, then 来源：) is the 成文日期,
// never the publish date. The meta tags come next, checked against the
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
const INFO_LINE = /来源|作者|浏览|点击|阅读|访问|字号|编辑|信息提供|打印|分享|收藏|微信|微博/;
// An unlabelled date on the info line: 「2023-12-05 来源：…」, 「来源：新华社 2023-12-05」 or
// 「来源：新华社 作者： 2023-12-01 14:43」.
const TIME = String.raw`(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?`;
const BY_SOURCE = new RegExp(
  String.raw`${DATE}\s*日?${TIME}\s*[|｜]?\s*(?:信息)?来源\s*[:：]|(?:来源|作者)\s*[:：]\s*(?:[^\s:：]{1,20}\s+)?${DATE}`,
);
// A date with its clock time, then the info line's buttons or words: 「2022-02-11 09:52 打印本页」.
// A signature date never carries a time.
const STAMPED = new RegExp(
  String.raw`${DATE}\s*日?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:打印|分享|收藏|字号|【|\[|浏览|点击|阅读|来源|作者|编辑)`,
);
// An organ's name right before a date: the 落款 (signature), whose date is the 成文日期.
const SIGNER_BEFORE = /(?:局|委员会|委|厅|办公室|办|政府|院|部|中心|会|署|处|所|站|队|组)\s*$/;
// What follows a signature date: the end, the 来源 line, 「（此件公开发布）」, the attachments.
const AFTER_SIGNATURE = /^\s*日?\s*(?:$|[（(]此件|来源|信息来源|附件|抄送|扫一扫)/;

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
  for (const m of text.matchAll(new RegExp(BY_SOURCE, 'g'))) {
    if (m[1] && isSignature(text, m.index, m[1])) continue;
    return firstDate(m[1] ?? m[2]);
  }
  const stamped = text.match(STAMPED);
  return stamped ? firstDate(stamped[1]) : undefined;
}

/** Whether the date at `index` is a signature's: after an organ's name, at the end of the text. */
export function isSignature(text: string, index: number, date: string): boolean {
  return (
    SIGNER_BEFORE.test(text.slice(Math.max(0, index - 30), index)) &&
    AFTER_SIGNATURE.test(text.slice(index + date.length, index + date.length + 12))
  );
}

/** A date alone in brackets right after the page's title: 「…的通知 ( 2024-05-11)」. */
function besideTitle(text: string, title: string | undefined): string | undefined {
  const head = title?.split(/__|_|\s[-|｜]\s|｜/)[0].trim();
  if (!head || head.length < 6) return undefined;
  const bracketed = new RegExp(String.raw`^\s*[（(]\s*${DATE}\s*[)）]`);
  // The text may start with the <title> itself: each place the heading stands is tried.
  for (let at = text.indexOf(head); at >= 0; at = text.indexOf(head, at + 1)) {
    const m = text.slice(at + head.length, at + head.length + 30).match(bracketed);
    if (m) return firstDate(m[1]);
  }
  return undefined;
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
  /** The page's <title>, to find the date a CMS prints beside the heading. */
  title?: string;
}): { date?: string; from?: PubDateSource } {
  const fromBlock = firstDate(input.metadata.发布日期);
  if (fromBlock) return { date: fromBlock, from: 'metadata' };
  const fromLabel = labelledDate(input.text) ?? besideTitle(input.text, input.title);
  if (fromLabel) return { date: fromLabel, from: 'label' };
  const month = monthFromUrl(input.url);
  const fromUrl = dateFromUrl(input.url);
  for (const key of META_KEYS) {
    const d = firstDate(input.meta[key]);
    if (d && !afterUrlMonth(d, month)) return { date: d, from: 'meta' };
  }
  return fromUrl ? { date: fromUrl, from: 'url' } : {};
}
