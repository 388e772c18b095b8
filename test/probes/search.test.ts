// 站内搜索 over real HTTP: a GET form and a POST form (its hidden fields sent) that find the
// article, a search that finds nothing, a page without a search box, and one whose box only
// script submits (人工核查, never a pass).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import check from '../../checks/site-search.ts';
import { probeSearch } from '../../src/probes/search.ts';
import { HostMap } from '../../src/net/hosts.ts';
import { HttpClient } from '../../src/net/http.ts';
import { context } from '../helpers/context.ts';

const TITLE = '关于开展2022年度文旅市场安全检查的通知';
const ARTICLE = '/tzgg/202211/t20221110_9.html';
const home = (search: string) =>
  `<html><head><title>首页</title></head><body>${search}<ul><li><a href="${ARTICLE}">${TITLE}</a>` +
  '<span>2022-11-10</span></li></ul></body></html>';
const PAGES: Record<string, string> = {
  '/get/': home('<form action="/get/s" method="get"><input name="q"><button>搜索</button></form>'),
  '/post/': home(
    '<form action="/post/s" method="post"><input type="hidden" name="siteid" value="7">' +
      '<input type="text" name="searchword" placeholder="请输入关键词"><input type="submit" value="检索"></form>',
  ),
  '/empty/': home('<form action="/empty/s"><input name="keyword"><button>搜索</button></form>'),
  '/none/': home('<p>没有搜索</p>'),
  '/js/': home('<input id="searchword" name="searchword"><a onclick="doSearch()">搜索</a>'),
};

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const send = (html: string) =>
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      const q = u.searchParams.get('q') ?? new URLSearchParams(body).get('searchword') ?? '';
      if (u.pathname === '/get/s' && TITLE.startsWith(q))
        return send(`<p>共找到 1 条</p><a href="${ARTICLE}">${TITLE}</a>`);
      if (u.pathname === '/post/s' && new URLSearchParams(body).get('siteid') === '7' && q)
        return send(`<a href="http://www.s.gov.cn:${port()}${ARTICLE}">${TITLE}</a>`);
      if (u.pathname.endsWith('/s')) return send(`<p>您搜索的「${q}」共找到 0 条结果</p>`);
      send(PAGES[u.pathname] ?? '<p>404</p>');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://www.s.gov.cn:${port()}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
const port = () => (server.address() as AddressInfo).port;

async function searchAt(path: string) {
  const ctx = context({ [`${base}${path}`]: { html: PAGES[path] } });
  const homepage = ctx.byUrl.get(`${base}${path}`)!;
  const client = new HttpClient(new HostMap({ 'www.s.gov.cn': ['127.0.0.1'] }, true));
  const probe = await probeSearch({ homepage, client, userAgent: 'zwgk-test', timeoutMs: 5000 });
  return { probe, outcome: check.run({ ...ctx, homepage, probes: { search: probe } }) };
}

describe('site-search', () => {
  it('finds the article through a GET form', async () => {
    const { probe, outcome } = await searchAt('/get/');
    expect(probe).toMatchObject({ entry: 'form', method: 'GET', found: true });
    expect(outcome.status).toBe('pass');
  });

  it('finds the article through a POST form, its hidden fields sent', async () => {
    const { probe, outcome } = await searchAt('/post/');
    expect(probe).toMatchObject({ entry: 'form', method: 'POST', found: true });
    expect(outcome.status).toBe('pass');
  });

  it('flags a search that finds nothing, with the query', async () => {
    const { outcome } = await searchAt('/empty/');
    expect(outcome.findings.map((f) => f.message)).toEqual([
      `站内搜索检索近期文章标题「${TITLE.slice(0, 20)}」，结果中没有该文章。`,
    ]);
  });

  it('flags a homepage without a search box; a box only script submits is 人工核查', async () => {
    expect((await searchAt('/none/')).outcome.findings.map((f) => f.key)).toEqual(['none']);
    const js = (await searchAt('/js/')).outcome;
    expect(js.status).toBe('error');
    expect(js.reason).toContain('人工核查');
  });
});
