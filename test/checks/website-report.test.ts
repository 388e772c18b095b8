// 网站工作年度报表: the year due follows the assessment date (1月31日), a 报表 found by a link or by
// its own page passes, and its 网站标识码 must be the site's.
import { describe, expect, it } from 'vitest';
import check from '../../checks/website-report.ts';
import { context, html } from '../helpers/context.ts';

const OPTS = { deadline: '01-31' };
const home = (link = '') => html(`${link}<div class="footer">网站标识码：3418000011</div>`);
const report = (code: string) =>
  html(
    `<h1>2021年度政府网站工作年度报表</h1><table><tr><td>网站标识码</td><td>${code}</td></tr></table>`,
  );
const run = (asOf: string, pages: Parameters<typeof context>[0]) =>
  check.run(context(pages, { asOf }), OPTS);

describe('website-report', () => {
  const linked = home('<a href="/ndbb/2021.html">2021年度政府网站工作年度报表</a>');

  it("passes last year's 报表 after 1月31日, and asks for it when missing", () => {
    expect(run('2022-11-15', { '/': { html: linked } }).status).toBe('pass');
    const r = run('2022-11-15', {
      '/': { html: home('<a href="/x.html">2020年度网站工作年度报表</a>') },
    });
    expect(r.findings.map((f) => f.message)).toEqual([
      '未找到 2021 年度政府网站工作年度报表（应于 2022-01-31 前发布）。',
    ]);
  });

  it('before 1月31日 the year before last is the one due', () => {
    const r = run('2022-01-20', {
      '/': { html: home('<a href="/x.html">2020年度网站工作年度报表</a>') },
    });
    expect(r.status).toBe('pass');
  });

  it("checks the 报表's 网站标识码 against the site's", () => {
    expect(
      run('2022-11-15', {
        '/': { html: linked },
        '/ndbb/2021.html': { html: report('3418000011') },
      }).status,
    ).toBe('pass');
    const r = run('2022-11-15', {
      '/': { html: linked },
      '/ndbb/2021.html': { html: report('3418000099') },
    });
    expect(r.findings[0].message).toBe(
      '2021 年度网站工作年度报表的网站标识码（3418000099）与本网站（3418000011）不一致。',
    );
  });
});
