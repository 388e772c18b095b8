import { defineCheck } from './define.ts';
import type { CheckContext, RawFinding } from '../src/contract/check.ts';

const ok = (f?: { status: number | null; errorClass?: string }) =>
  Boolean(f && !f.errorClass && f.status !== null && f.status < 400);

/** A resolver's answer in words (the code kept for whoever searches it). */
const DNS_WHY: Record<string, string> = {
  ENODATA: '该域名没有 AAAA 记录',
  ENOTFOUND: '域名不存在',
  ESERVFAIL: 'DNS 服务器出错',
  ETIMEOUT: 'DNS 查询超时',
  EAI_AGAIN: 'DNS 暂时无法解析',
  ECONNREFUSED: 'DNS 服务器拒绝连接',
};
const dnsWhy = (code?: string) =>
  code ? `${DNS_WHY[code] ?? 'DNS 查询失败'}（${code}）` : '无记录';

const check = defineCheck({
  meta: {
    id: 'ipv6',
    name: 'IPv6支持',
    title: '网站支持IPv6访问：有AAAA记录，首页及二级、三级页面可经IPv6访问且内容与IPv4一致',
    basis:
      '中网办发文〔2021〕15号《关于加快推进IPv6规模部署和应用工作的通知》；' +
      '国家IPv6发展监测平台指标（AAAA、首页可达、二/三级链接支持率、内容一致）',
    advice:
      '为网站域名配置AAAA记录，确保IPv6下首页及各级页面可正常访问、内容与IPv4一致；' +
      '未完成改造前不要在页面上声称「已支持IPv6」。',
    scope: 'site',
    requires: ['ipv6'],
    // The finding is about the network, not a place on a page.
    screenshots: false,
  },
  run(ctx) {
    const p = ctx.probes.ipv6;
    const url = ctx.homepage?.url ?? ctx.unit.site;
    const claim = ctx.homepage?.artifacts?.identity.ipv6Claim;
    const findings: RawFinding[] = [];
    if (p.aaaa.length === 0) {
      if (p.aaaaError === 'EPOLICY')
        return {
          status: 'error',
          reason: '测评环境只允许本机地址，无法解析该域名的AAAA记录',
          findings,
        };
      findings.push({
        severity: 'error',
        url,
        key: 'aaaa',
        message: `域名 ${p.host} 没有AAAA记录，网站不支持IPv6访问。`,
        evidence: `AAAA 查询结果：${dnsWhy(p.aaaaError)}`,
      });
    } else if (p.v6 && !ok(p.v6)) {
      if (p.v6.ourSide)
        return {
          status: 'error',
          reason: `测评机本身无法访问IPv6网络（${p.v6.error}），无法检测`,
          findings,
        };
      findings.push({
        severity: 'error',
        url,
        key: 'v6-homepage',
        message: `首页无法通过IPv6访问（${p.v6.error ?? `HTTP ${p.v6.status}`}）。`,
        evidence: `AAAA：${p.aaaa.join(', ')}；IPv4 访问：${p.v4?.error ?? `HTTP ${p.v4?.status}`}`,
      });
    } else if (
      p.v6 &&
      p.v4 &&
      ok(p.v4) &&
      (p.v4.status !== p.v6.status || (p.v4.title ?? '') !== (p.v6.title ?? ''))
    ) {
      findings.push({
        severity: 'warning',
        url,
        key: 'v4-v6-differ',
        message: '首页经IPv6访问的内容与IPv4不一致。',
        evidence: `IPv4：HTTP ${p.v4.status}「${p.v4.title ?? ''}」；IPv6：HTTP ${p.v6.status}「${p.v6.title ?? ''}」`,
      });
    }
    const { tested, reachable, share } = linkFindings(ctx, url, findings);
    const v6Fails = p.aaaa.length === 0 || (p.v6 && !ok(p.v6));
    if (claim && v6Fails) {
      findings.push({
        severity: 'error',
        url,
        key: 'false-claim',
        message: `页面声称「${claim}」，但实际无法通过IPv6访问。`,
        evidence: `页面文字「${claim}」；${findings[0]?.message ?? ''}`,
      });
    }
    const metrics = { aaaa: p.aaaa, linkShare: share, linksTested: tested.length, claim };
    const failing = findings.some((f) => f.severity !== 'info');
    return {
      status: failing ? 'fail' : 'pass',
      findings,
      metrics,
      reason: share !== undefined ? `二/三级页面IPv6可达 ${reachable}/${tested.length}` : undefined,
    };
  },
});
export default check;

/** The sampled second- and third-level pages over IPv6: each that fails, and the share that works. */
function linkFindings(ctx: CheckContext<'ipv6'>, url: string, findings: RawFinding[]) {
  const p = ctx.probes.ipv6;
  const tested = p.links.filter((l) => !l.ourSide);
  const reachable = tested.filter(ok).length;
  const share = tested.length ? reachable / tested.length : undefined;
  const min = ctx.profile.ipv6.minLinkShare;
  // When the homepage itself fails over IPv6, every page of the host does: one finding says it.
  const homepageFails = p.v6 !== undefined && !ok(p.v6);
  for (const l of homepageFails ? [] : tested.filter((x) => !ok(x))) {
    findings.push({
      severity: min === null ? 'info' : 'warning',
      url: l.url,
      key: `link:${l.url}`,
      message: '该页面无法通过IPv6访问。',
      evidence: l.error ?? `HTTP ${l.status}`,
    });
  }
  if (share !== undefined && min !== null && share < min) {
    findings.push({
      severity: 'error',
      url,
      key: 'link-share',
      message: `二级、三级页面IPv6支持率为 ${(share * 100).toFixed(0)}%，低于要求的 ${(min * 100).toFixed(0)}%。`,
      evidence: `抽查 ${tested.length} 个页面，${reachable} 个可经IPv6访问`,
    });
  }
  return { tested, reachable, share };
}
