// 办事服务 (SV-SVC): an entry exists, and each 办事指南 the crawl reached shows the eight element
// groups, whatever words and layout it uses; the look-alikes: a guide in a table with aliases, a
// news page that names 办理时间 and 联系电话, a unit kind without services.
import { describe, expect, it } from 'vitest';
import check from '../../checks/service-guides.ts';
import { context, html } from '../helpers/context.ts';

const OPTS = { kinds: ['department', 'county'], vetoMissing: 4, vetoGuides: 5 };
const nav = (entry = '<a href="/bsfw/">办事服务</a>') =>
  `<div class="nav"><a href="/">首页</a>${entry}</div>`;
const home = (entry?: string) =>
  html(`${nav(entry)}<ul><li><a href="/news/1.html">动态</a><span>2022-11-10</span></li></ul>`);
const guide = (title: string, rows: [string, string][]) =>
  `<html><head><title>${title}_示例局</title></head><body>${nav()}<h1>${title}</h1>` +
  `<table>${rows.map(([k, v]) => `<tr><td>${k}</td><td>${v}</td></tr>`).join('')}</table></body></html>`;
const FULL: [string, string][] = [
  ['服务事项', '民宿备案'],
  ['实施依据', '《旅游法》'],
  ['申办条件', '具备经营场所'],
  ['所需材料', '申请表'],
  ['受理地点', '政务服务中心'],
  ['办公时间', '工作日'],
  ['咨询方式', '0563-1234567'],
  ['办事流程', '申请、受理、办结'],
];
const run = (pages: Parameters<typeof context>[0], kind = 'department') =>
  check.run(context(pages, { asOf: '2022-11-15', unit: { kind } }), OPTS);

describe('service-guides', () => {
  it('passes a guide in a table that uses other words for every element', () => {
    const r = run({
      '/': { html: home() },
      '/bsfw/1.html': { html: guide('民宿备案办事指南', FULL) },
    });
    expect(r).toMatchObject({ status: 'pass', findings: [] });
  });

  it('names the groups a guide lacks', () => {
    const rows = FULL.filter(([k]) => !['实施依据', '所需材料'].includes(k));
    const r = run({
      '/': { html: home() },
      '/bsfw/2.html': { html: guide('法律援助办事指南', rows) },
    });
    expect(r.findings.map((f) => [f.severity, f.message])).toEqual([
      ['warning', '办事指南「法律援助办事指南」缺少「设定依据」「办理材料」。'],
    ]);
  });

  it('vetoes five guides each missing four groups or more', () => {
    const poor = FULL.slice(0, 4);
    const pages = Object.fromEntries(
      [1, 2, 3, 4, 5].map((i) => [`/bsfw/${i}.html`, { html: guide(`事项${i}办事指南`, poor) }]),
    );
    const r = run({ '/': { html: home() }, ...pages });
    expect(r.findings.map((f) => f.severity)).toEqual(['veto', ...Array(5).fill('warning')]);
    expect(r.findings[0].message).toContain('5 个办事指南各缺少 4 类及以上重点要素');
  });

  it('vetoes a site with no entry at all; a link to the 政务服务网 is one', () => {
    expect(run({ '/': { html: html(nav('')) } }).findings.map((f) => f.key)).toEqual(['no-entry']);
    const r = run({
      '/': { html: home('<a href="https://www.ahzwfw.gov.cn/bog-bsdt/">皖事通办</a>') },
    });
    expect(r.status).toBe('error');
    expect(r.reason).toContain('未抓取到办事指南');
  });

  it('is no guide: a news page that names 办理时间 and 联系电话', () => {
    const news = html(
      `${nav()}<h1>我市召开政务服务工作会议</h1><p>会议要求延长办理时间，公开联系电话。</p>`,
    );
    const r = run({ '/': { html: home() }, '/news/1.html': { html: news } });
    expect(r.status).toBe('error');
  });

  it('does not apply to a unit kind without services to the public', () => {
    expect(run({ '/': { html: home() } }, 'party').status).toBe('not-applicable');
  });
});
