import { defineCheck } from './define.ts';
import { truncate } from '../src/extract/normalize.ts';
import { usableHomepage } from './support/homepage.ts';
import type { RawFinding } from '../src/contract/check.ts';

// The entry the rules name: a 无障碍 toolbar or an elder-friendly (长者/关怀/适老) version.
const ENTRY = /无障碍|长者(版|模式|助手)|关怀(版|模式)|适老/;
const SEVERITY: Record<string, RawFinding['severity']> = {
  critical: 'error',
  serious: 'warning',
  moderate: 'info',
  minor: 'info',
};
const IMPACT: Record<string, string> = {
  critical: '严重',
  serious: '较重',
  moderate: '中等',
  minor: '轻微',
};

const check = defineCheck({
  meta: {
    id: 'accessibility',
    name: '无障碍',
    title:
      '网站提供无障碍/长者模式（关怀版）入口，页面符合无障碍设计要求（WCAG 2.0 A/AA，GB/T 37668-2019）',
    basis:
      '国办公开办函〔2021〕28号（适老化与无障碍改造）；GB/T 37668-2019《信息技术 ' +
      '互联网内容无障碍可访问性技术要求与测试方法》；工信部《互联网网站适老化通用设计规范》',
    advice:
      '在首页显著位置提供无障碍浏览/长者模式入口；为图片补充替代文本，为表单控件加标签，' +
      '保证文字与背景对比度，页面可全程用键盘操作。',
    scope: 'site',
    requires: ['accessibility'],
  },
  run(ctx) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const probe = ctx.probes.accessibility;
    const findings: RawFinding[] = [];
    const a = home.artifacts;
    const url = ctx.homepage!.url;
    const entry =
      a.links.find((l) => ENTRY.test(l.text)) ??
      (ENTRY.test(a.footerText) || ENTRY.test(a.visibleText)
        ? { text: '（页面文字）' }
        : undefined);
    if (!entry) {
      findings.push({
        severity: 'warning',
        url,
        key: 'entry',
        message: '首页未发现无障碍浏览或长者模式（关怀版）入口。',
        evidence: '首页链接和文字中没有「无障碍」「长者模式」「关怀版」「适老」等字样',
        locate: { area: 'footer' },
      });
    }
    const checked = probe.pages.filter((p) => !p.error);
    if (checked.length === 0)
      return {
        status: 'error',
        reason: `无障碍检测未能运行：${probe.pages.map((p) => `${p.url} ${p.error}`).join('；') || '没有页面'}`,
        findings,
      };
    for (const p of checked) {
      for (const v of p.violations) {
        findings.push({
          severity: SEVERITY[v.impact] ?? 'info',
          url: p.url,
          key: `axe:${v.id}`,
          // The same element failing the same rule on many pages (the template's logo) is one problem.
          group: `axe:${v.id}:${v.nodes.map((n) => n.html.replace(/>[\s\S]*$/, '>')).join('|')}`,
          message: `无障碍问题（${IMPACT[v.impact] ?? v.impact}）：${v.help}，共 ${v.count} 处（axe 规则 ${v.id}）。`,
          // An element's outer HTML can be the whole page (html-has-lang): its opening tag is enough.
          evidence: v.nodes
            .map((n) => `${n.target} ${truncate(n.html.replace(/>[\s\S]*$/, '>'), 120)}`)
            .join(' ／ '),
          locate: v.nodes[0] ? { selector: v.nodes[0].target } : undefined,
        });
      }
    }
    const violations = checked.reduce((n, p) => n + p.violations.length, 0);
    const failedPages = probe.pages.filter((p) => p.error);
    return {
      status: findings.some((f) => f.severity !== 'info') ? 'fail' : 'pass',
      findings,
      metrics: { pages: checked.length, violations, entry: Boolean(entry), axe: probe.axeVersion },
      reason: failedPages.length
        ? `${failedPages.length} 个页面未能检测：${failedPages.map((p) => p.error).join('；')}`
        : undefined,
    };
  },
});

export default check;
