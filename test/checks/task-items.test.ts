// The task list where the site shows it: a 专栏 the list demands (present and current, blank,
// stale, missing), topics found in titles within the window, and the look-alikes: a news title
// naming the column is no column, an 有关单位's absence is 待核实, an old page is no evidence.
import { describe, expect, it } from 'vitest';
import check, { type TaskEvidence } from '../../checks/task-items.ts';
import { context, html, profile } from '../helpers/context.ts';

const FGW = { name: '宣城市发展和改革委员会' };
const list = (items: [string, string, string][]) =>
  html(
    `<ul class="list">${items
      .map(([t, href, d]) => `<li><a href="${href}">${t}</a><span class="date">${d}</span></li>`)
      .join('')}</ul>`,
  );
const home = (nav: string) => html(`<div class="menu">${nav}</div>`);

function run(pages: Parameters<typeof context>[0], unit: object = FGW) {
  const r = check.run(context(pages, { unit }));
  const items = (r.metrics?.items ?? {}) as Record<string, TaskEvidence>;
  return { r, items };
}

describe('task-items', () => {
  it('a demanded column with recent items is 达标, with the column and its date as evidence', () => {
    const { items, r } = run({
      '/': { html: home('<a href="/yxtz/">扩大有效投资</a>') },
      '/yxtz/': {
        html: list([['关于下达2022年新开工重大建设项目计划的通知', '/yxtz/1.html', '2022-10-08']]),
      },
    });
    expect(items['7']).toMatchObject({ status: '达标' });
    expect(items['7'].found[0]).toMatchObject({
      title: '栏目「扩大有效投资」',
      date: '2022-10-08',
    });
    // The same list item evidences 重大建设项目 (G2, 发改委 牵头).
    expect(items.G2.status).toBe('达标');
    expect(items.G2.found.map((f) => f.url)).toContain('http://www.test.gov.cn/yxtz/1.html');
    expect(r.findings.filter((f) => f.key === 'task:7')).toEqual([]);
  });

  it('a missing column is 未达标 for a responsible unit, with the 备注 as 整改要求', () => {
    // A news title that names the topic is an article, not the column the list demands.
    const { items, r } = run({
      '/': { html: home('<a href="/news/">工作动态</a>') },
      '/news/': {
        html: list([['市发改委召开扩大有效投资工作推进会', '/news/1.html', '2022-10-08']]),
      },
    });
    expect(items['7'].status).toBe('未达标');
    expect(items['7'].why).toBe('未见「扩大有效投资」栏目');
    const f = r.findings.find((x) => x.key === 'task:7')!;
    expect(f.message).toBe(
      '任务清单第 7 项「扩大有效投资相关信息公开」未达标：未见「扩大有效投资」栏目。',
    );
    expect(f.evidence).toContain('整改要求：需开设扩大有效投资栏目，集中公开政策文件、执行成效');
    expect(r.status).toBe('fail');
  });

  it('a blank or stale column is 未达标; for an 有关单位 the same absence is 待核实', () => {
    const blank = run({
      '/': { html: home('<a href="/yxtz/">有效投资</a>') },
      '/yxtz/': { html: html('') },
    });
    expect(blank.items['7']).toMatchObject({ status: '未达标', why: '栏目「有效投资」为空白栏目' });
    const stale = run({
      '/': { html: home('<a href="/yxtz/">扩大有效投资</a>') },
      '/yxtz/': { html: list([['2020年投资计划', '/yxtz/1.html', '2020-03-01']]) },
    });
    expect(stale.items['7'].status).toBe('未达标');
    expect(stale.items['7'].why).toContain('最近一条发布于 2020-03-01');
    // 市财政局 is one of 「市直有关单位」 for item 7: the list does not say it must have the column.
    const related = run({ '/': { html: home('') } }, { name: '宣城市财政局' });
    expect(related.items['7'].status).toBe('待核实');
    expect(related.r.findings.find((f) => f.key === 'task:7')).toBeUndefined();
  });

  it('topics: found within the window is 达标; only older pages, or one of two groups, is 待核实', () => {
    const wjw = { name: '宣城市卫生健康委员会' };
    const both = run(
      {
        '/': { html: home('<a href="/tz/">通知公告</a>') },
        '/tz/': {
          html: list([
            ['宣城市核酸检测机构名单（更新）', '/tz/1.html', '2022-11-01'],
            ['全市医疗机构发热门诊设置情况', '/tz/2.html', '2022-09-12'],
          ]),
        },
      },
      wjw,
    );
    expect(both.items['8'].status).toBe('达标');
    const one = run(
      {
        '/': { html: home('<a href="/tz/">通知公告</a>') },
        '/tz/': { html: list([['宣城市核酸检测机构名单', '/tz/1.html', '2022-11-01']]) },
      },
      wjw,
    );
    expect(one.items['8'].status).toBe('待核实');
    expect(one.items['8'].why).toContain('「发热门诊」');
    const old = run(
      {
        '/': { html: home('<a href="/tz/">通知公告</a>') },
        '/tz/': {
          html: list([
            ['宣城市核酸检测机构名单', '/tz/1.html', '2020-02-01'],
            ['发热门诊设置情况', '/tz/2.html', '2020-02-01'],
          ]),
        },
      },
      wjw,
    );
    expect(old.items['8'].status).toBe('待核实');
    expect(old.items['8'].found.map((f) => f.date)).toEqual(['2020-02-01', '2020-02-01']);
  });

  it('only the items the list makes this unit responsible for', () => {
    const { items } = run({ '/': { html: home('') } }, { name: '宣城市司法局' });
    expect(items['13']).toBeDefined(); // 规章库: 市司法局
    expect(items['6']).toBeUndefined(); // 减税降费: 市税务局 only
    expect(items['3']).toBeUndefined(); // 纾困专栏: 15 named bureaus and the counties, not 司法局
  });

  it('without a task list the check does not apply', () => {
    const p = profile();
    delete p.checklistData;
    const r = check.run(context({ '/': { html: home('') } }, { profile: p }));
    expect(r).toMatchObject({ status: 'not-applicable', reason: '规则配置未设任务清单' });
  });
});
