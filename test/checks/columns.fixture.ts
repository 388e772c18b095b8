// A small department site as page map: homepage → 政府信息公开 platform → columns.
import { html, type FakePage } from '../helpers/context.ts';

export const ALL_ENTRIES: [string, string][] = [
  ['政府信息公开指南', '/xxgk/zn/'],
  ['政府信息公开制度', '/xxgk/zd/'],
  ['法定主动公开内容', '/xxgk/fd/'],
  ['政府信息公开年报', '/xxgk/nb/'],
  ['机构职能', '/xxgk/jg/'],
  ['领导信息', '/xxgk/ld/'],
  ['行政规范性文件', '/xxgk/gf/'],
  ['政策解读', '/xxgk/jd/'],
];

export const list = (items: [string, string | undefined][], dir: string) =>
  html(
    `<ul class="list">` +
      `${items.map(([t, d], i) => `<li><a href="${dir}t${i}.html">${t}</a>${d ? `<span>${d}</span>` : ''}</li>`).join('')}</ul>`,
  );

export function site(
  opts: { entries?: [string, string][]; columns?: Record<string, FakePage>; home?: string } = {},
): Record<string, FakePage> {
  const entries = opts.entries ?? ALL_ENTRIES;
  const pages: Record<string, FakePage> = {
    '/': {
      html:
        opts.home ??
        html(
          '<a href="/xxgk/">政府信息公开</a><a href="/news/">工作动态</a><a href="/tzgg/">通知公告</a><ul><li><a ' +
            'href="/news/t1.html">动态一</a> 2022-11-10</li></ul>',
        ),
    },
    '/xxgk/': {
      html: html(
        `<div class="xxgk-nav">${entries.map(([t, h]) => `<a href="${h}">${t}</a>`).join('')}</div>`,
      ),
    },
    '/news/': { html: list([['工作动态一', '2022-11-10']], '/news/') },
    '/tzgg/': { html: list([['通知一', '2022-10-01']], '/tzgg/') },
  };
  for (const [, href] of entries) pages[href] = { html: list([['条目', '2022-09-01']], href) };
  return { ...pages, ...opts.columns };
}
