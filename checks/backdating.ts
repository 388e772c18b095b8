// 疑似倒签 (伪造发稿日期, 国办秘函〔2019〕19号 单项否决「弄虚作假」 [V]): an item a column lists now,
// dated before the unit's previous assessment crawl and within the dates that column then showed,
// but absent from it then, was most likely put up later with an earlier date. A warning, with both
// crawls as evidence: a person confirms before it is called 弄虚作假.
import type { RawFinding } from '../src/contract/check.ts';
import { addDays } from '../src/extract/dates.ts';
import { defineCheck } from './define.ts';
import { usableHomepage } from './support/homepage.ts';

const check = defineCheck({
  meta: {
    id: 'backdating',
    name: '疑似倒签',
    title: '信息按实际发布时间标注日期，不补发后倒签（伪造发稿日期）',
    basis: '国办秘函〔2019〕19号 单项否决「弄虚作假（如伪造发稿日期）」',
    advice:
      '核实该条信息的实际发布时间；补发的信息应标注实际发布日期，不得倒签。' +
      '确属倒签的，按规定整改并说明情况。',
    scope: 'page',
  },
  run(ctx) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const e = ctx.earlier;
    if (!e)
      return { status: 'not-applicable', reason: '没有该单位更早的抓取记录可供比对', findings: [] };
    // A day's grace: an item published on the day of the earlier crawl, after it ran, is no sign.
    const before = addDays(e.crawledOn, -1);
    const findings: RawFinding[] = [];
    let compared = 0;
    for (const page of ctx.pages) {
      const then = e.lists[page.url];
      const now = page.artifacts?.listItems ?? [];
      if (!then || then.length < 3 || now.length === 0) continue;
      compared++;
      const had = new Set(then.map((i) => i.url));
      const oldest = then.map((i) => i.date).sort()[0];
      for (const item of now) {
        if (had.has(item.url) || item.date < oldest || item.date >= before) continue;
        findings.push({
          severity: 'warning',
          url: page.url,
          key: `backdated:${item.url}`,
          message:
            `「${item.title}」标注的发布日期 ${item.date} 早于上次抓取（${e.crawledOn}），` +
            '但上次抓取时该栏目列表中没有这条信息，疑似倒签（伪造发稿日期）。',
          evidence:
            `栏目 ${page.url}：${e.crawledOn} 抓取时列出 ${then.length} 条（最早 ${oldest}），不含此条；` +
            `本次列出，链接 ${item.url}`,
          locate: { href: item.url },
        });
      }
    }
    if (compared === 0)
      return { status: 'not-applicable', reason: '上次抓取中没有可比对的栏目列表', findings: [] };
    return { status: findings.length ? 'fail' : 'pass', findings, metrics: { compared } };
  },
});

export default check;
