// Tells a WAF / anti-bot answer from a real page, so that a blocked site is reported as
// blocked and never judged as empty or missing columns.

const CHALLENGE_MARKERS =
  /安全验证|访问验证|滑动验证|人机验证|请开启\s*JavaScript|访问被拒绝|您的访问被阻断|网站防火墙|WAF|yunsuo_session|__jsl_clearance|acw_sc__v2|_waf_|cdn_sec|captcha|challenge-form|cf-chl|Access Denied|Request blocked/i;

export function blockedReason(status: number | null, bodyText: string, htmlLength: number): string | undefined {
  if (status === 403 || status === 412 || status === 418 || status === 429 || status === 451) {
    return `服务器以 HTTP ${status} 拒绝访问（疑似防火墙/反爬拦截）`;
  }
  if ((status === 200 || status === 503 || status === 521) && htmlLength < 20_000 && CHALLENGE_MARKERS.test(bodyText)) {
    return '返回的是防火墙/反爬验证页面，而不是网页内容';
  }
  return undefined;
}
