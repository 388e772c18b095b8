// Two units with their own fixture sites on loopback, a units file on disk, a real SQLite file,
// and the report server over them, with one audit already run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { serveSite, type RunningSite, type SiteMap } from '../../src/demo/site-server.ts';
import { hashPassword } from '../../src/serve/password.ts';
import { buildServer } from '../../src/serve/server.ts';
import { ROOT } from '../../src/version.ts';

export const PASSWORD = 'correct horse battery';

const page = (title: string, main: string) =>
  `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/xxgk/">政府信息公开</a></div><div class="main">${main}</div>
<div class="footer">主办单位：宣城市测试局　网站标识码：3418000011　` +
  `皖ICP备05001234号　皖公网安备34180202000123号</div></body></html>`;

/** A small site whose homepage links to a page that is missing until `fix()` adds it. */
export function unitSite(name: string, title = name): SiteMap {
  return {
    '/': page(
      title,
      `<h1>${name}</h1><ul><li><a href="/news/t1.html">工作动态一</a><span>2022-11-10</span></li><li><a ` +
        `href="/zt/old.html">旧专题</a><span>2022-11-01</span></li></ul>`,
    ),
    '/news/t1.html': page('工作动态一', '<p>正文</p><p>发布日期：2022-11-10</p>'),
    '/xxgk/': page('政府信息公开', '<p>目录</p>'),
  };
}

export async function startServerFixture(opts: { titles?: [string, string] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-serve-'));
  const siteA = unitSite('宣城市甲局', opts.titles?.[0]);
  const siteB = unitSite('宣城市乙局', opts.titles?.[1]);
  const sites: RunningSite[] = [
    await serveSite(siteA, ['127.0.0.1']),
    await serveSite(siteB, ['127.0.0.1']),
  ];
  const configFile = join(dir, 'units.yaml');
  writeFileSync(
    configFile,
    stringify({
      contact: 'test',
      profile: join(ROOT, 'config/profiles/default.yaml'),
      network: { loopbackOnly: true },
      crawl: { concurrency: 4, delayMs: 0, timeoutMs: 3000, homepageRetrySpreadMs: 30 },
      browser: { enabled: false },
      server: { recheckMinutes: 10, ledgerMaxMb: 1 },
      units: [
        {
          id: 'jia',
          name: '宣城市甲局',
          kind: 'department',
          site: `http://jia.test.gov.cn:${sites[0].port}/`,
          hosts: { 'jia.test.gov.cn': ['127.0.0.1'] },
        },
        {
          id: 'yi',
          name: '宣城市乙局',
          kind: 'department',
          site: `http://yi.test.gov.cn:${sites[1].port}/`,
          hosts: { 'yi.test.gov.cn': ['127.0.0.1'] },
        },
      ],
    }),
  );
  const { app, store, runner } = await buildServer({
    configFile,
    dbFile: join(dir, 'zwgk.db'),
    outRoot: join(dir, 'out'),
    adminPasswordHash: hashPassword(PASSWORD),
    cookieSecret: 'test-secret-0123456789',
    asOf: '2022-11-15',
  });
  runner.start(undefined, 'first');
  await runner.idle();
  const firstRun = store.runs(1)[0].id;
  return {
    app,
    store,
    runner,
    dir,
    firstRun,
    siteA,
    siteB,
    /** Adds the page the homepage links to: the dead link is fixed. */
    fixA: () => void (siteA['/zt/old.html'] = page('旧专题', '<p>专题已恢复</p>')),
    close: async () => {
      await app.close();
      await Promise.all(sites.map((s) => s.close()));
    },
  };
}
