// A city portal (政府网站集约化) with four departments as sub-sites, told apart by path and by
// query, and a shared template whose footer lacks its 网站标识码 and carries injected spam. The
// units crawl in parallel: the portal never has more requests in flight than the configured
// limit, each unit's pages are its own, a page two units list is fetched once, and the
// template's problems are charged to the portal's owner, shown (not deducted) to the others.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/load.ts';
import { serveSite, type RunningSite } from '../../src/demo/site-server.ts';
import { audit } from '../../src/run/audit.ts';
import { Store } from '../../src/store/db.ts';
import type { RunJson, UnitResult } from '../../src/contract/run.ts';
import { LOOPBACK_CRAWL } from '../helpers/config-files.ts';

const HOST = 'www.xc-portal.gov.cn';
const FOOTER =
  '<div class="footer">主办单位：宣城市人民政府办公室 网站标识码： 皖ICP备05009999号' +
  '<div style="display:none"><a href="http://yd.example/">云顶国际 百家乐 真人娱乐</a></div></div>';
const page = (title: string, body: string) =>
  `<html><head><title>${title}</title></head><body><div class="nav"><a href="/">市政府门户</a>` +
  `<a href="/public/200/">乙局</a><a href="/hudong/">政民互动</a><a href="/bsfw/">办事服务</a></div>` +
  `<div class="main"><h1>${title}</h1>${body}</div>${FOOTER}</body></html>`;
const list = (items: [string, string][]) =>
  `<ul>${items.map(([href, t]) => `<li><a href="${href}">${t}</a><span>2022-11-10</span></li>`).join('')}</ul>`;
const article = (title: string, extra = '') =>
  page(title, `<p>发布日期：2022-11-10</p><p>${title}的正文内容，共若干段落。</p>${extra}`);

const site = {
  '/': page('宣城市人民政府', list([['/public/900/', '数据资源局']])),
  // The portal's owner, with a sub-site of its own.
  '/public/900/': page('宣城市数据资源局', list([['/public/column/900?catId=1', '通知公告']])),
  '/public/column/900?catId=1': page(
    '通知公告',
    list([['/OpennessContent/show/9001.html', '数据局通知']]),
  ),
  '/OpennessContent/show/9001.html': article('数据局通知'),
  // 甲局: by path prefix; its list shows a joint document and one of its own.
  '/public/100/': page(
    '宣城市甲局',
    list([['/public/column/100?catId=1', '政策文件']]) +
      '<p>友情链接：<a href="/public/200/">乙局子站</a></p>',
  ),
  '/public/column/100?catId=1': page(
    '政策文件',
    list([
      ['/OpennessContent/show/1001.html', '甲局文件'],
      ['/OpennessContent/show/5000.html', '甲乙两局联合文件'],
    ]),
  ),
  // An article of 甲局 linking to one of 乙局's: not followed, it is out of 甲局's scope.
  '/OpennessContent/show/1001.html': article(
    '甲局文件',
    '<a href="/OpennessContent/show/2001.html">乙局文件</a>',
  ),
  '/OpennessContent/show/5000.html': article('甲乙两局联合文件'),
  // 乙局: by path prefix too.
  '/public/200/': page('宣城市乙局', list([['/public/column/200?catId=1', '政策文件']])),
  '/public/column/200?catId=1': page(
    '政策文件',
    list([
      ['/OpennessContent/show/2001.html', '乙局文件'],
      ['/OpennessContent/show/5000.html', '甲乙两局联合文件'],
    ]),
  ),
  '/OpennessContent/show/2001.html': article('乙局文件'),
  // 丙局: by a query parameter.
  '/site/index.html?siteId=300': page(
    '宣城市丙局',
    list([['/site/list.html?siteId=300&catId=1', '通知公告']]),
  ),
  '/site/list.html?siteId=300&catId=1': page(
    '通知公告',
    list([['/OpennessContent/show/3001.html', '丙局通知']]),
  ),
  '/OpennessContent/show/3001.html': article('丙局通知'),
  // 丁局: its scope names a path its pages do not have.
  '/public/400/': page('宣城市丁局', list([['/public/column/400?catId=1', '通知公告']])),
  '/public/column/400?catId=1': page('通知公告', ''),
};

const dir = mkdtempSync(join(tmpdir(), 'zwgk-platform-'));
let portal: RunningSite;
let run: RunJson;
let store: Store;
let runId: string;
const unit = (id: string) => run.units.find((u) => u.id === id)!;
const pagesOf = (id: string) =>
  store
    .pages(runId, id)
    .map((p) => new URL(p.url))
    .filter((u) => u.hostname === HOST)
    .map((u) => u.pathname + u.search);

beforeAll(async () => {
  portal = await serveSite(site, ['127.0.0.1'], 0, { latencyMs: 30 });
  const base = `http://${HOST}:${portal.port}`;
  const hosts = { [HOST]: ['127.0.0.1'] };
  const u = (id: string, name: string, path: string, scope: string[]) => ({
    id,
    name,
    kind: 'department',
    site: `${base}${path}`,
    scope,
    hosts,
  });
  const file = join(dir, 'units.yaml');
  writeFileSync(
    file,
    stringify({
      contact: 'test',
      network: { loopbackOnly: true, referenceHosts: [] },
      browser: { enabled: false },
      crawl: LOOPBACK_CRAWL,
      platforms: [{ id: 'xc', name: '宣城市政府网站集约化平台', owner: 'sjj', hosts: [HOST] }],
      units: [
        u('sjj', '宣城市数据资源局', '/public/900/', ['/public/900/', '/public/column/900?']),
        u('jia', '宣城市甲局', '/public/100/', ['/public/100/', '/public/column/100?']),
        u('yi', '宣城市乙局', '/public/200/', ['/public/200/', '/public/column/200?']),
        u('bing', '宣城市丙局', '/site/index.html?siteId=300', ['siteId=300']),
        u('ding', '宣城市丁局', '/public/400/', ['/public/999/']),
      ],
    }),
  );
  const done = await audit({
    config: loadConfig(file),
    asOf: '2022-11-15',
    outDir: join(dir, 'out'),
    dbFile: join(dir, 'zwgk.db'),
  });
  run = done.run;
  runId = done.runId;
  store = new Store(join(dir, 'zwgk.db'));
}, 120_000);
afterAll(async () => {
  store?.close();
  await portal?.close();
});

describe('units on one shared platform', () => {
  it('never has more requests in flight on the shared host than its limit, units crawling in parallel', () => {
    // Five units at two requests each would be ten at once without run-wide politeness.
    expect(portal.peak()).toBeGreaterThan(0);
    expect(portal.peak()).toBeLessThanOrEqual(2);
  });

  it("keeps each unit's crawl to its scope, with the articles its own lists show", () => {
    expect(pagesOf('jia')).toEqual(
      expect.arrayContaining([
        '/public/100/',
        '/public/column/100?catId=1',
        '/OpennessContent/show/1001.html',
        '/OpennessContent/show/5000.html',
      ]),
    );
    for (const other of [
      '/OpennessContent/show/2001.html',
      '/public/200/',
      '/',
      '/OpennessContent/show/3001.html',
    ])
      expect(pagesOf('jia'), other).not.toContain(other);
    expect(pagesOf('yi')).toEqual(expect.arrayContaining(['/OpennessContent/show/2001.html']));
    expect(pagesOf('yi')).not.toContain('/OpennessContent/show/1001.html');
    expect(pagesOf('bing')).toEqual(
      expect.arrayContaining([
        '/site/index.html?siteId=300',
        '/site/list.html?siteId=300&catId=1',
        '/OpennessContent/show/3001.html',
      ]),
    );
    for (const u of run.units)
      for (const f of u.findings)
        for (const p of f.pages ?? [f.url])
          if (new URL(p).host.startsWith(HOST))
            expect(pagesOf(u.id), `${u.id}: ${f.message}`).toContain(
              new URL(p).pathname + new URL(p).search,
            );
  });

  it('fetches a page that two units list once for the run', () => {
    expect(pagesOf('jia')).toContain('/OpennessContent/show/5000.html');
    expect(pagesOf('yi')).toContain('/OpennessContent/show/5000.html');
    expect(portal.hits.get('/OpennessContent/show/5000.html')).toBe(1);
  });

  it("charges the template's problems to the platform's owner once, and shows them to the others", () => {
    const own = (u: UnitResult, check: string) =>
      u.findings.filter((f) => f.check === check && !f.platform);
    const shown = (u: UnitResult, check: string) =>
      u.findings.filter((f) => f.check === check && f.platform === 'xc');
    // The owner: its own findings, counted.
    expect(own(unit('sjj'), 'site-identity').length).toBeGreaterThan(0);
    expect(own(unit('sjj'), 'spam-injection').length).toBeGreaterThan(0);
    expect(unit('sjj').checks.find((c) => c.id === 'site-identity')!.status).toBe('fail');
    for (const id of ['jia', 'yi', 'bing']) {
      const u = unit(id);
      expect(u.platform).toEqual({ id: 'xc', name: '宣城市政府网站集约化平台', deducted: false });
      expect(own(u, 'site-identity'), id).toEqual([]);
      expect(shown(u, 'site-identity').length, id).toBeGreaterThan(0);
      // The footer's spam is the owner's too (its own pages show it): shown here, not counted.
      expect(own(u, 'spam-injection'), id).toEqual([]);
      expect(shown(u, 'spam-injection').length, id).toBeGreaterThan(0);
      expect(u.checks.find((c) => c.id === 'site-identity')!.status, id).toBe('pass');
      expect(u.vetoed, id).toBe(false);
    }
    // In run.json, and in the hosted unit's report under 平台问题.
    const json = JSON.parse(readFileSync(join(dir, 'out', 'run.json'), 'utf8')) as RunJson;
    expect(json.units.find((u) => u.id === 'jia')!.findings.some((f) => f.platform === 'xc')).toBe(
      true,
    );
    const html = readFileSync(join(dir, 'out', 'units', 'jia.html'), 'utf8');
    expect(html).toContain('平台问题');
    expect(html).toContain('集约化平台「宣城市政府网站集约化平台」');
  });

  it('says a scope that matches nothing, rather than judging an empty site', () => {
    const ding = unit('ding');
    expect(ding.score).toBeNull();
    expect(ding.findings).toEqual([]);
    expect(ding.checks.find((c) => c.id === 'site-availability')!.reason).toMatch(/scope.*不匹配/);
  });
});
