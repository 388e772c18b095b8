import type { CheckContext, RawFinding } from '../src/contract/check.ts';
import { answered } from '../src/contract/page.ts';
import type { MonitorWindow } from '../src/contract/probes.ts';
import { defineCheck } from './define.ts';
import { availabilityLevel } from '../src/monitor/window.ts';

/**
 * One crawl's moment never vetoes: 19号 vetoes unavailability over sampled visits (≥ 5% of
 * them failed), which one audit's few attempts are not. The unit is not tested, so 待核实.
 */
const PENDING = '本次未能完成检测，列为待核实（单项否决以多次抽样监测为准）。';

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

/**
 * What the monitoring window decides (19号 SV-DOWN): a veto at a failure share of 5% or more
 * (含), a warning from `warnShare`; too few samples decide nothing.
 */
function monitorFindings(ctx: CheckContext, m: MonitorWindow): RawFinding[] {
  const a = ctx.profile.availability;
  const severity = availabilityLevel(m, a);
  if (!severity) return [];
  const share = m.failed / m.samples;
  const hours = m.worstHours.map((h) => `${h.hour}时 ${h.failed}/${h.samples} 次`).join('、');
  return [
    {
      severity,
      url: ctx.homepage?.url ?? ctx.unit.site,
      key: 'monitor',
      early: severity === 'warning',
      message:
        `监测 ${m.days} 天共访问首页 ${m.samples} 次，${m.failed} 次超过 ${a.timeoutSec} 秒未打开或出错` +
        `（${pct(share)}），${severity === 'veto' ? '达到' : '接近'} ${pct(a.vetoShare)} 的单项否决线。`,
      evidence:
        `失败最多的时段：${hours}；例如 ` +
        m.examples
          .slice(0, 3)
          .map((e) => `${e.at} ${e.error ?? ''}`)
          .join('；'),
    },
  ];
}

/** The window's figures in a sentence, for a check that passes or could not decide. */
const monitorNote = (m: MonitorWindow | undefined, min: number) =>
  !m
    ? undefined
    : m.samples < min
      ? `监测样本 ${m.samples} 次，不足 ${min} 次，未据以判定`
      : `监测 ${m.days} 天共 ${m.samples} 次访问，失败 ${m.failed} 次（${pct(m.failed / m.samples)}）`;

const check = defineCheck({
  meta: {
    id: 'site-availability',
    name: '站点可用性',
    title: '网站首页可以正常访问',
    basis: '国办秘函〔2019〕19号 单项否决「站点无法访问」（首页超过15秒打不开）',
    advice:
      '检查服务器、域名解析与网络线路，确保首页在15秒内稳定打开；如有防火墙策略，' +
      '请勿拦截正常访问。',
    scope: 'site',
    screenshots: false,
  },
  run(ctx) {
    const h = ctx.homepage;
    const attempts = ctx.crawl?.homepageAttempts ?? [];
    // The samples decide when there are enough of them, whatever the crawl's moment showed.
    const sampled = ctx.monitor ? monitorFindings(ctx, ctx.monitor) : [];
    const note = monitorNote(ctx.monitor, ctx.profile.availability.minSamples);
    if (sampled.some((f) => f.severity === 'veto'))
      return { status: 'fail', findings: sampled, reason: note };
    if (!h) return { status: 'error', reason: '没有首页抓取记录', findings: [] };
    const evidence = attempts
      .map((a, i) => `第${i + 1}次：${a.error ?? `HTTP ${a.status}`}，${a.elapsedMs}ms`)
      .join('；');
    const metrics = {
      attempts: attempts.length,
      failedAttempts: attempts.filter((a) => !answered(a)).length,
    };
    if (h.errorClass === 'blocked') {
      return {
        status: 'error',
        reason: `首页被拦截，无法判定可用性：${h.error}`,
        findings: [],
        metrics,
      };
    }
    if (h.errorClass === 'policy')
      return { status: 'error', reason: h.error, findings: [], metrics };
    if (h.errorClass === 'garbage') {
      const message = `站点不可用：首页以 HTTP ${h.status} 应答，但${h.error}。${PENDING}`;
      return {
        status: 'fail',
        metrics,
        findings: [{ severity: 'error', url: h.url, key: 'homepage', message, evidence }],
      };
    }
    if (!answered(h)) {
      const why = h.error ?? `HTTP ${h.status}`;
      return {
        status: 'fail',
        metrics,
        findings: [
          {
            severity: 'error',
            url: h.url,
            key: 'homepage',
            message: `站点无法访问：首页${attempts.length}次访问均失败（${why}）。${PENDING}`,
            evidence,
          },
        ],
      };
    }
    const recovered = metrics.failedAttempts
      ? `首页访问${metrics.failedAttempts}次失败后恢复：${evidence}`
      : undefined;
    return {
      status: sampled.length ? 'fail' : 'pass',
      findings: sampled,
      metrics,
      reason: [note, recovered].filter(Boolean).join('；') || undefined,
    };
  },
});
export default check;
