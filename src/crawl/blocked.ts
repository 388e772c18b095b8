// Tells a WAF / anti-bot answer from a real page, so that a blocked site is reported as
// blocked and never judged as empty or missing columns. Text markers are read in the visible
// text of short pages only (an article about 网站防火墙 is not a block page); technical markers
// (challenge cookies and scripts of the WAFs common on government sites) in the raw HTML.

const TEXT_MARKERS = new RegExp(
  /安全验证|访问验证|滑动验证|人机验证|请开启\s*JavaScript|访问被拒绝|/.source +
    /您的访问被阻断|被网站防火墙拦截|Access Denied|Request blocked/.source,
  'i',
);
const HTML_MARKERS =
  /yunsuo_session|__jsl_clearance|acw_sc__v2|_waf_|cdn_sec|challenge-form|cf-chl|\$_ts\s*=/i;

export function blockedReason(
  status: number | null,
  page?: { text: string; html: string },
): string | undefined {
  if (status === 403 || status === 412 || status === 418 || status === 429 || status === 451) {
    return `服务器以 HTTP ${status} 拒绝访问（疑似防火墙/反爬拦截）`;
  }
  if (!page || (status !== 200 && status !== 503 && status !== 521)) return undefined;
  if (
    (page.text.length < 1500 && TEXT_MARKERS.test(page.text)) ||
    (page.html.length < 20_000 &&
      HTML_MARKERS.test(page.html)) /* short pages only: cheap and precise */
  ) {
    return '返回的是防火墙/反爬验证页面，而不是网页内容';
  }
  return undefined;
}
