import { defineCheck } from './define.ts';
import { findColumns, findPlatform, requiredColumns, resolvePage } from './support/columns.ts';
import { isBroken, usableHomepage } from './support/homepage.ts';
import type { RawFinding } from '../src/contract/check.ts';

const check = defineCheck({
  meta: {
    id: 'column-presence',
    name: '栏目设置',
    title: '设置「政府信息公开」专栏及其四个一级栏目和本单位应设栏目，且链接可以打开',
    basis:
      '国办公开办函〔2019〕61号（政府信息公开指南、制度、法定主动公开内容、年报四个一级栏目）；' +
      '《政府信息公开条例》第二十条；测评方案应设栏目',
    advice:
      '在首页显著位置设置「政府信息公开」专栏，按统一名称设置缺少的栏目，' +
      '并修复无法打开的栏目链接。',
    scope: 'site',
  },
  run(ctx) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const findings: RawFinding[] = [];
    const homeUrl = ctx.homepage!.url;
    const platform = findPlatform(ctx);
    if (!platform) {
      findings.push({
        severity: 'error',
        url: homeUrl,
        key: 'platform',
        message: '首页未找到「政府信息公开」专栏入口。',
        evidence: `按名称匹配：${ctx.profile.platformNames.join('、')}`,
      });
    } else {
      const page = resolvePage(ctx, platform.url);
      if (page && isBroken(page.status, page.errorClass)) {
        findings.push({
          severity: 'error',
          url: platform.url,
          key: 'platform-broken',
          message: '「政府信息公开」专栏链接无法打开。',
          evidence: page.error ?? `HTTP ${page.status}`,
          covers: [{ check: 'broken-links', group: platform.url }],
        });
      }
    }
    const found = findColumns(ctx);
    const notFetched: string[] = [];
    for (const rule of requiredColumns(ctx)) {
      const col = found.get(rule.id);
      if (!col) {
        findings.push({
          severity: 'error',
          url: platform?.url ?? homeUrl,
          key: `missing:${rule.id}`,
          message: `缺少应设栏目「${rule.name}」。`,
          evidence:
            `在首页${platform ? '和信息公开平台' : ''}的导航中未找到名称为「` +
            `${[rule.name, ...rule.aliases].join('／')}」的栏目`,
        });
      } else if (!col.page) {
        notFetched.push(rule.name);
      } else if (isBroken(col.page.status, col.page.errorClass)) {
        findings.push({
          severity: 'error',
          url: col.url,
          key: `broken:${rule.id}`,
          message: `栏目「${rule.name}」的链接无法打开（${col.page.error ?? `HTTP ${col.page.status}`}）。`,
          evidence: `「${col.text}」→ ${col.url}（位于 ${col.from}）`,
          covers: [{ check: 'broken-links', group: col.url }],
        });
      }
    }
    const metrics = {
      found: Object.fromEntries([...found].map(([k, v]) => [k, v.url])),
      notFetched,
    };
    if (notFetched.length && findings.length === 0) {
      return {
        status: 'error',
        reason: `栏目 ${notFetched.join('、')} 超出抓取预算未能打开，无法确认其可用`,
        findings,
        metrics,
      };
    }
    return { status: findings.length ? 'fail' : 'pass', findings, metrics };
  },
});
export default check;
