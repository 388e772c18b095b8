// 互动回应 (SV-INT): the layouts real boards use (a table with a header, a list with a status and
// one date, a message page with 答复时间), the veto at 3 months, the 5-working-day deduction, and
// the look-alikes: a board whose old messages are all answered, 信访 as the only channel, a news
// list with 咨询 in its menu, a message older than the 12-month window.
import { describe, expect, it } from 'vitest';
import check from '../../checks/interaction-response.ts';
import { context, html } from '../helpers/context.ts';

const nav = (extra = '<a href="/hdjl/">咨询投诉</a>') =>
  `<div class="nav"><a href="/">首页</a><a href="/xxgk/">政府信息公开</a>${extra}</div>`;
const home = html(
  `${nav()}<ul><li><a href="/news/1.html">工作动态</a><span>2022-11-10</span></li></ul>`,
);

const tableBoard = (rows: [string, string, string, string][]) =>
  html(
    `${nav()}<table><tr><th>序号</th><th>留言标题</th><th>留言时间</th><th>回复时间</th><th>状态</th></tr>` +
      rows
        .map(
          ([t, asked, replied, status], i) =>
            `<tr><td>${i + 1}</td><td><a href="/hdjl/${i}.html">${t}</a></td><td>${asked}</td>` +
            `<td>${replied}</td><td>${status}</td></tr>`,
        )
        .join('') +
      '</table>',
  );

const run = (pages: Parameters<typeof context>[0]) =>
  check.run(context({ '/': { html: home }, ...pages }, { asOf: '2022-11-15' }), {
    vetoMonths: 3,
    replyWorkdays: 5,
    warnMonths: 2,
  });

describe('interaction-response', () => {
  it('vetoes a message unanswered for more than 3 months, and deducts a slow answer', () => {
    const r = run({
      '/hdjl/': {
        html: tableBoard([
          ['关于小区停车收费的咨询', '2022-06-10', '', '未回复'],
          ['公租房申请条件', '2022-10-10', '2022-10-12', '已回复'],
          ['社保转移咨询', '2022-09-01', '2022-09-20', '已回复'],
          ['去年的留言', '2021-05-01', '', '未回复'],
        ]),
      },
    });
    expect(r.status).toBe('fail');
    expect(r.findings.map((f) => [f.severity, f.message])).toEqual([
      [
        'veto',
        '留言「关于小区停车收费的咨询」（2022-06-10）至测评日已 158 天未回复，超过 3 个月。',
      ],
      [
        'warning',
        '留言「社保转移咨询」（2022-09-01）在 2022-09-20 回复，用时 12 个工作日，超过 5 个工作日。',
      ],
    ]);
    expect(r.findings[0].url).toBe('http://www.test.gov.cn/hdjl/0.html');
    expect(r.metrics).toMatchObject({ messages: 3, answered: 2 });
  });

  it('vetoes an answer given more than 3 months after the question', () => {
    const r = run({
      '/hdjl/': { html: tableBoard([['道路维修', '2022-03-01', '2022-07-15', '已办结']]) },
    });
    expect(r.findings.map((f) => f.severity)).toEqual(['veto']);
    expect(r.findings[0].message).toContain('在 2022-07-15 才回复，超过 3 个月');
  });

  it('reads a list board with one date, and the 答复时间 on each message page', () => {
    const list = html(
      `${nav()}<ul class="lylist">` +
        '<li><a href="/hdjl/a.html">咨询养老补贴发放时间</a><span>[已办结]</span><span>2022-04-06</span></li>' +
        '<li><a href="/hdjl/b.html">学区划分咨询</a><span>[已办结]</span><span>2022-10-08</span></li>' +
        '</ul>',
    );
    const msg = (asked: string, replied: string) =>
      html(
        `<h1>留言详情</h1><table><tr><td>留言时间</td><td>${asked}</td></tr>` +
          `<tr><td>答复单位</td><td>市民政局</td></tr><tr><td>答复时间</td><td>${replied}</td></tr>` +
          '<tr><td>答复内容</td><td>您好，您反映的问题已转相关科室办理。</td></tr></table>',
      );
    const r = run({
      '/hdjl/': { html: list },
      '/hdjl/a.html': { html: msg('2022-04-06', '2022-08-01') },
      '/hdjl/b.html': { html: msg('2022-10-08', '2022-10-09') },
    });
    expect(r.findings.map((f) => [f.severity, f.url])).toEqual([
      ['veto', 'http://www.test.gov.cn/hdjl/a.html'],
    ]);
  });

  it('passes a board whose messages were all answered in time, old ones included', () => {
    const r = run({
      '/hdjl/': {
        html: tableBoard([
          ['公积金提取', '2022-11-01', '2022-11-02', '已回复'],
          ['早年的留言', '2020-01-01', '2020-01-03', '已回复'],
        ]),
      },
    });
    expect(r).toMatchObject({ status: 'pass', findings: [] });
  });

  it('never guesses: a message whose board shows no status and no answer date is not flagged', () => {
    const r = run({
      '/hdjl/': { html: tableBoard([['无状态的留言', '2022-05-01', '', '']]) },
    });
    expect(r.findings).toEqual([]);
  });

  it('vetoes a site with no channel at all; 网上信访 and 纪检举报 are not one', () => {
    const bare = html(
      `${nav('<a href="/xf/">网上信访</a><a href="/jj/">纪检举报</a>')}<p>咨询电话：0563-1234567</p>`,
    );
    const r = check.run(context({ '/': { html: bare } }, { asOf: '2022-11-15' }), {
      vetoMonths: 3,
      replyWorkdays: 5,
      warnMonths: 2,
    });
    expect(r.findings.map((f) => [f.severity, f.key])).toEqual([['veto', 'no-channel']]);
  });

  it('says it could not read the messages of a channel on another platform (无法检测, not pass)', () => {
    const off = html(nav('<a href="https://zwfw.ah.gov.cn/hd/">我要写信</a>'));
    const r = check.run(context({ '/': { html: off } }, { asOf: '2022-11-15' }));
    expect(r.status).toBe('error');
    expect(r.reason).toContain('未能读取其中的留言');
  });

  it('a news list with 咨询 in its menu keeps no board rows', () => {
    const news = context({
      '/': { html: home },
      '/news/': {
        html: html(
          `${nav()}<ul><li><a href="/news/2.html">我市召开会议</a><span>2022-11-01</span></li>` +
            '<li><a href="/news/3.html">答复人大代表建议情况</a><span>2022-10-01</span></li></ul>',
        ),
      },
    });
    expect(news.byUrl.get('http://www.test.gov.cn/news/')!.artifacts!.boardRows).toBeUndefined();
  });
  it('finds a board three levels down, but no channel named only on pages that deep', () => {
    const deepBoard = {
      html: tableBoard([['关于小区停车收费的咨询', '2022-06-10', '', '未回复']]),
      depth: 3,
    };
    expect(run({ '/hdjl/': deepBoard }).findings.map((f) => f.severity)).toEqual(['veto']);
    // The homepage names no channel; a page three levels down does: not the unit's channel.
    const bare = html(`<div class="nav"><a href="/">首页</a></div>`);
    const r = check.run(
      context(
        {
          '/': { html: bare },
          '/a/b/c.html': { html: html(nav()), depth: 3 },
          '/hdjl/': deepBoard,
        },
        { asOf: '2022-11-15' },
      ),
      { vetoMonths: 3, replyWorkdays: 5, warnMonths: 2 },
    );
    expect(r.findings.map((f) => f.key)).toEqual(['no-channel']);
  });
});
