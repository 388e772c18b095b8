// Checks that read the homepage cannot judge a homepage we could not read: they say why
// (error), never pass and never fail.
import type { CheckContext, CheckOutcome } from '../../src/contract/check.ts';
import { answered, type PageArtifacts } from '../../src/contract/page.ts';

export function usableHomepage(
  ctx: CheckContext,
): { artifacts: PageArtifacts } | { outcome: CheckOutcome } {
  const h = ctx.homepage;
  if (!h) return { outcome: { status: 'error', reason: '没有首页抓取记录', findings: [] } };
  if (h.errorClass === 'blocked')
    return {
      outcome: { status: 'error', reason: `首页被拦截，无法检测：${h.error}`, findings: [] },
    };
  if (!answered(h) || !h.artifacts) {
    return {
      outcome: {
        status: 'error',
        reason: `首页无法访问（${h.error ?? `HTTP ${h.status}`}），无法检测`,
        findings: [],
      },
    };
  }
  return { artifacts: h.artifacts };
}

/** A failed fetch that is the site's fault (not our policy guard, not a WAF block). */
export function isBroken(status: number | null, errorClass?: string): boolean {
  if (errorClass === 'policy' || errorClass === 'blocked') return false;
  if (errorClass) return true;
  return status !== null && status >= 400 && status !== 403 && status !== 429;
}
