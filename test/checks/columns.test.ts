// Columns are found by name in the navigation of the homepage, then the shallow pages: the
// first link of a name speaks for it, a better name on a later page wins, and asking again
// (the task list asks item by item) finds the same from the navigation read once.
import { expect, it } from 'vitest';
import { findNamedColumn } from '../../checks/support/columns.ts';
import { context } from '../helpers/context.ts';

const nav = (links: [string, string][]) =>
  `<html><body><div class="nav">${links.map(([t, u]) => `<a href="${u}">${t}</a>`).join('')}</div></body></html>`;

it('takes the first link of a name, a better name later, and the same when asked again', () => {
  const ctx = context({
    '/': {
      html: nav([
        ['乡村振兴工作', '/a/'],
        ['通知公告', '/n/'],
      ]),
    },
    '/p/1.html': {
      html: nav([
        ['乡村振兴工作', '/b/'],
        ['乡村振兴', '/c/'],
      ]),
      depth: 1,
    },
    '/p/2.html': { html: nav([['乡村振兴', '/d/']]), depth: 2 },
    '/p/3.html': { html: nav([['乡村振兴', '/e/']]), depth: 3 }, // below the menus read
  });
  // 「乡村振兴」 exactly (3) beats 「乡村振兴工作」 (2); each name's first link speaks for it.
  const first = findNamedColumn(ctx, ['乡村振兴']);
  expect(first).toMatchObject({
    url: 'http://www.test.gov.cn/c/',
    from: 'http://www.test.gov.cn/p/1.html',
  });
  expect(findNamedColumn(ctx, ['乡村振兴工作'])?.url).toBe('http://www.test.gov.cn/a/');
  expect(findNamedColumn(ctx, ['乡村振兴'])).toEqual(first);
  expect(findNamedColumn(ctx, ['通知公告'])?.url).toBe('http://www.test.gov.cn/n/');
  expect(findNamedColumn(ctx, ['人事信息'])).toBeUndefined();
});
