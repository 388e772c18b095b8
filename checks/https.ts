// The site answers over HTTPS with a certificate valid for its name, plain HTTP leads there, and
// the HTTPS homepage loads nothing over plain HTTP. An inferred rule [I]: no assessment text we
// hold requires HTTPS of a 政府网站 in these words; the weight in the profile is a local choice.
import type { RawFinding } from '../src/contract/check.ts';
import { defineCheck } from './define.ts';

const NOT_THERE = new Set(['refused', 'timeout', 'dns', 'reset', 'unreachable', 'network']);

const check = defineCheck({
  meta: {
    id: 'https',
    name: 'HTTPS',
    title: '网站支持 HTTPS 访问：证书有效且与域名相符，HTTP 访问跳转到 HTTPS，首页不加载 HTTP 资源',
    basis:
      '《政府网站发展指引》（国办发〔2017〕47号）安全防护要求；以 HTTPS 加密传输为本地测评要求 [I]',
    advice:
      '为网站部署由受信任机构签发、与域名相符且在有效期内的证书；将 HTTP 访问 301 跳转到 HTTPS；' +
      '首页引用的脚本、样式、图片等资源一律改用 HTTPS 地址。',
    scope: 'site',
    requires: ['https'],
  },
  run(ctx) {
    const p = ctx.probes.https;
    if (p.skipped !== undefined)
      return { status: 'not-applicable', reason: p.skipped, findings: [] };
    const url = ctx.homepage?.url ?? ctx.unit.site;
    const findings: RawFinding[] = [];
    const s = p.https;
    if (s.errorClass === 'policy')
      return { status: 'error', reason: `测评环境不允许访问该地址：${s.error}`, findings };
    if (s.errorClass === 'tls') {
      findings.push({
        severity: 'error',
        url: s.url,
        key: 'certificate',
        message: `网站的 HTTPS 证书无效：${s.error}。`,
        evidence: `${s.url} → ${s.error}`,
      });
    } else if (s.errorClass && NOT_THERE.has(s.errorClass)) {
      findings.push({
        severity: 'error',
        url,
        key: 'no-https',
        message: `网站不支持 HTTPS 访问（${s.error}）。`,
        evidence: `${s.url} → ${s.error}`,
      });
    } else if (s.errorClass || (s.status ?? 500) >= 400) {
      findings.push({
        severity: 'warning',
        url: s.url,
        key: 'https-fails',
        message: `网站经 HTTPS 访问首页失败（${s.error ?? `HTTP ${s.status}`}）。`,
        evidence: s.url,
      });
    }
    const h = p.http;
    // Plain HTTP that answers and stays plain: visitors are never moved to the encrypted site.
    if (
      findings.length === 0 &&
      h &&
      !h.errorClass &&
      (h.status ?? 500) < 400 &&
      h.finalUrl.startsWith('http:')
    ) {
      findings.push({
        severity: 'warning',
        url: h.url,
        key: 'no-redirect',
        message: '经 HTTP 访问网站时没有跳转到 HTTPS。',
        evidence: `${h.url} → HTTP ${h.status}，最终地址 ${h.finalUrl}`,
      });
    }
    if (p.mixed.length) {
      findings.push({
        severity: 'warning',
        url: s.finalUrl,
        key: 'mixed',
        message: `HTTPS 首页加载了 ${p.mixed.length} 个 HTTP 资源（混合内容），浏览器会拦截或提示不安全。`,
        evidence: p.mixed.slice(0, 5).join('；'),
      });
    }
    return {
      status: findings.length ? 'fail' : 'pass',
      findings,
      metrics: { mixed: p.mixed.length },
    };
  },
});

export default check;
