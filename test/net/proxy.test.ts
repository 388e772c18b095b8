// Through an office's proxy: every request of the crawl and of the browser goes through it,
// NO_PROXY hosts go direct, and the probes a proxy makes meaningless (IPv6, what a search engine
// sees) say so rather than report a wrong result.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startForwardProxy, type ForwardProxy } from '../helpers/forward-proxy.ts';
import { loadConfig } from '../../src/config/load.ts';
import { serveSite, type RunningSite } from '../../src/demo/site-server.ts';
import { bypassesProxy, proxyFor } from '../../src/net/proxy.ts';
import { audit } from '../../src/run/audit.ts';
import { Store } from '../../src/store/db.ts';
import type { RunJson } from '../../src/contract/run.ts';
import { describeWith } from '../helpers/system.ts';

describe('the proxy setting', () => {
  it('comes from the config, else from HTTPS_PROXY / HTTP_PROXY, with NO_PROXY', () => {
    expect(proxyFor('http://p:8080', {})).toEqual({ url: 'http://p:8080', noProxy: [] });
    const env = {
      HTTPS_PROXY: 'http://office:3128',
      NO_PROXY: 'intranet.gov.cn, .local,localhost',
    };
    const p = proxyFor(undefined, env)!;
    expect(p.url).toBe('http://office:3128');
    expect(bypassesProxy(p, 'intranet.gov.cn')).toBe(true);
    expect(bypassesProxy(p, 'www.intranet.gov.cn')).toBe(true);
    expect(bypassesProxy(p, 'a.local')).toBe(true);
    expect(bypassesProxy(p, 'notintranet.gov.cn')).toBe(false);
    expect(bypassesProxy(p, 'www.gov.cn')).toBe(false);
    expect(proxyFor(undefined, {})).toBeUndefined();
  });
});

describeWith('chromium', 'an audit through a proxy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-proxy-'));
  let site: RunningSite;
  let direct: RunningSite;
  let proxy: ForwardProxy;
  let run: RunJson;
  let store: Store;
  const savedNoProxy = process.env.NO_PROXY;

  beforeAll(async () => {
    const page = (t: string, more = '') =>
      `<html><head><title>${t}</title><link rel="stylesheet" href="/style.css"></head><body><h1>${t}</h1>` +
      `<ul><li><a href="/a.html">通知</a><span>2022-11-10</span></li></ul>${more}</body></html>`;
    site = await serveSite(
      {
        '/': page('宣城市代理局'),
        '/a.html': page('通知', '<p>发布日期：2022-11-10</p>'),
        '/style.css': 'h1{}',
      },
      ['127.0.0.1'],
    );
    direct = await serveSite({ '/': page('宣城市直连局'), '/a.html': page('通知') }, ['127.0.0.1']);
    // Only the proxy knows where www.proxied.gov.cn is: a direct connection could not be made.
    proxy = await startForwardProxy({ 'www.proxied.gov.cn': '127.0.0.1' });
    process.env.NO_PROXY = 'direct.gov.cn';
    const file = join(dir, 'units.yaml');
    writeFileSync(
      file,
      stringify({
        contact: 'test',
        network: { loopbackOnly: true, referenceHosts: [], proxy: proxy.url },
        crawl: { delayMs: 0, timeoutMs: 3000, recheckPauseMs: 20, homepageRetrySpreadMs: 30 },
        units: [
          {
            id: 'dl',
            name: '宣城市代理局',
            kind: 'department',
            site: `http://www.proxied.gov.cn:${site.port}/`,
            render: 'browser',
          },
          {
            id: 'zl',
            name: '宣城市直连局',
            kind: 'department',
            site: `http://www.direct.gov.cn:${direct.port}/`,
            hosts: { 'www.direct.gov.cn': ['127.0.0.1'] },
            render: 'http',
          },
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
    store = new Store(join(dir, 'zwgk.db'));
  }, 120_000);
  afterAll(async () => {
    if (savedNoProxy === undefined) delete process.env.NO_PROXY;
    else process.env.NO_PROXY = savedNoProxy;
    store?.close();
    await Promise.all([site?.close(), direct?.close(), proxy?.close()]);
  });

  it('fetches every page through the proxy, the browser’s requests included', () => {
    const dl = run.units.find((u) => u.id === 'dl')!;
    expect(dl.score).not.toBeNull();
    const pages = store.pages(run.runId, 'dl').filter((p) => p.kind === 'page');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const p of pages) expect(proxy.requests).toContain(p.url);
    // The stylesheet is asked for only by Chromium rendering the page.
    expect(dl.coverage.pagesRendered).toBeGreaterThan(0);
    expect(proxy.requests).toContain(`http://www.proxied.gov.cn:${site.port}/style.css`);
  });

  it('reaches NO_PROXY hosts directly', () => {
    expect(run.units.find((u) => u.id === 'zl')!.score).not.toBeNull();
    expect(proxy.requests.some((r) => r.includes('direct.gov.cn'))).toBe(false);
    expect(direct.hits.get('/')).toBeGreaterThan(0);
  });

  it('says the IPv6 and search-engine probes cannot be measured through it', () => {
    const dl = run.units.find((u) => u.id === 'dl')!;
    const ipv6 = dl.checks.find((c) => c.id === 'ipv6')!;
    expect(ipv6.status).toBe('error');
    expect(ipv6.reason).toMatch(/代理/);
    expect(dl.checks.find((c) => c.id === 'spam-injection')!.reason).toMatch(
      /未比较搜索引擎视角.*代理/,
    );
    // Direct: measured.
    expect(
      run.units.find((u) => u.id === 'zl')!.checks.find((c) => c.id === 'ipv6')!.reason ?? '',
    ).not.toMatch(/代理/);
  });
});
