// 站内搜索 (国办秘函〔2019〕19号 扣分指标「搜索功能」 as 检查指标 copies name it [V3]; the
// deduction is [I]): the homepage offers a search, and searching a recent article's title finds it.
import { defineCheck } from './define.ts';

const check = defineCheck({
  meta: {
    id: 'site-search',
    name: '站内搜索',
    title: '提供站内搜索，检索近期文章标题能够找到该文章',
    basis: '国办秘函〔2019〕19号 扣分指标「搜索功能」：网站提供站内搜索，搜索结果准确可用 [V3]',
    advice: '在首页显著位置提供站内搜索，及时更新搜索索引，确保按标题能检索到已发布的信息。',
    scope: 'site',
    requires: ['search'],
  },
  run(ctx) {
    const p = ctx.probes.search;
    const url = ctx.homepage?.url ?? ctx.unit.site;
    if (p.entry === 'none')
      return {
        status: 'fail',
        findings: [
          {
            severity: 'warning',
            url,
            key: 'none',
            message: '首页未提供站内搜索。',
            evidence: '首页及其「搜索」链接页面中没有搜索框',
          },
        ],
      };
    if (p.entry === 'script')
      return {
        status: 'error',
        reason: '站内搜索由脚本提交，未能自动检索，需人工核查',
        findings: [],
      };
    if (!p.target)
      return { status: 'error', reason: p.error ?? '没有可供检索的文章', findings: [] };
    if (p.found) return { status: 'pass', findings: [], reason: `检索「${p.query}」找到该文章` };
    return {
      status: 'fail',
      findings: [
        {
          severity: 'warning',
          url: p.resultsUrl ?? p.action,
          key: 'not-found',
          message: p.error
            ? `站内搜索出错：检索「${p.query}」时${p.error}。`
            : `站内搜索检索近期文章标题「${p.query}」，结果中没有该文章。`,
          evidence: `${p.method} ${p.action}；文章 ${p.target.url}`,
        },
      ],
    };
  },
});

export default check;
