// The simulated city for `npm run bench:city`: units on one shared platform host (by path
// prefix, and by a siteId query parameter) and units on hosts of their own, each a sub-site
// home, ten column lists and articles, about `pages` pages a unit, under one footer template.
export interface CityShape {
  shared: number;
  own: number;
  pages: number;
}

export const PLATFORM_HOST = 'www.city.gov.cn';
export const ownHost = (i: number) => `u${i}.city.gov.cn`;
const COLUMNS = 10;

const FOOTER =
  '<div class="footer">主办单位：示例市人民政府办公室 网站标识码：3418000001 皖ICP备05009999号' +
  ' <a href="/jiucuo.html">我为政府网站找错</a></div>';

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<div class="nav"><a href="/">首页</a></div><div class="main"><h1>${title}</h1>${body}</div>${FOOTER}</body></html>`;
}

/** Where unit `i`'s pages live: its home, its column list `c`, its article `n`. */
export function unitPaths(i: number, shape: CityShape) {
  if (i >= shape.shared)
    return {
      host: ownHost(i),
      home: '/',
      column: (c: number) => `/col${c}/`,
      article: (n: number) => `/art/${String(n).padStart(4, '0')}.html`,
      scope: undefined as string[] | undefined,
    };
  const byQuery = i % 3 === 2; // a third of the platform's units are told apart by a query parameter
  const id = 6596000 + i;
  return byQuery
    ? {
        host: PLATFORM_HOST,
        home: `/site/index.html?siteId=${id}`,
        column: (c: number) => `/site/list.html?siteId=${id}&catId=${c}`,
        article: (n: number) => `/OpennessContent/show/${id}${String(n).padStart(4, '0')}.html`,
        scope: [`siteId=${id}`],
      }
    : {
        host: PLATFORM_HOST,
        home: `/public/${id}/`,
        column: (c: number) => `/public/column/${id}?type=4&catId=${c}`,
        article: (n: number) => `/OpennessContent/show/${id}${String(n).padStart(4, '0')}.html`,
        scope: [`/public/${id}/`, `/public/column/${id}?`],
      };
}

/** The page at host + path + query, or undefined (404). */
export function cityPage(host: string, pathAndQuery: string, shape: CityShape): string | undefined {
  const perColumn = Math.max(1, Math.floor((shape.pages - 1 - COLUMNS) / COLUMNS));
  const units = shape.shared + shape.own;
  if (host === PLATFORM_HOST && pathAndQuery === '/')
    return page('示例市人民政府', '<p>门户首页</p>');
  if (pathAndQuery === '/jiucuo.html') return page('纠错', '<p>纠错</p>');
  for (let i = 0; i < units; i++) {
    const u = unitPaths(i, shape);
    if (u.host !== host) continue;
    if (pathAndQuery === u.home) {
      const cols = Array.from(
        { length: COLUMNS },
        (_, c) => `<li><a href="${u.column(c)}">栏目${c}</a></li>`,
      );
      return page(`示例单位${i}`, `<ul>${cols.join('')}</ul>`);
    }
    for (let c = 0; c < COLUMNS; c++) {
      if (pathAndQuery !== u.column(c)) continue;
      const items = Array.from({ length: perColumn }, (_, k) => {
        const n = c * perColumn + k;
        return `<li><a href="${u.article(n)}">信息${n}</a><span>2022-11-${String((n % 28) + 1).padStart(2, '0')}</span></li>`;
      });
      return page(`栏目${c}`, `<ul>${items.join('')}</ul>`);
    }
    const m = /(\d{4})\.html$/.exec(pathAndQuery);
    if (m && pathAndQuery === u.article(Number(m[1])))
      return page(`信息${m[1]}`, `<p>发布日期：2022-11-10</p><p>${'正文内容。'.repeat(40)}</p>`);
  }
  return undefined;
}

/** The city's units as units.yaml lists them, every host mapped to loopback on `port`. */
export function cityUnits(shape: CityShape, port: number, extra: Record<string, unknown> = {}) {
  return Array.from({ length: shape.shared + shape.own }, (_, i) => {
    const u = unitPaths(i, shape);
    return {
      id: `u${i}`,
      name: `示例单位${i}`,
      kind: 'department',
      site: `http://${u.host}:${port}${u.home}`,
      ...(u.scope ? { scope: u.scope } : {}),
      hosts: { [u.host]: ['127.0.0.1'] },
      ...extra,
    };
  });
}
