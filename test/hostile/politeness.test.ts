// Every request to a host waits in that host's turn, probes and redirect hops included. Units
// whose own domains redirect to the city's shared portal: their homepage attempts and probes
// (IPv6, HTTPS, the three cloaking views) had reached the portal outside its limit.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { serveSite, type RunningSite, type SiteMap } from '../../src/demo/site-server.ts';
import { audit } from '../../src/run/audit.ts';
import { LOOPBACK_CRAWL } from '../helpers/config-files.ts';

const sites: RunningSite[] = [];
afterAll(() => Promise.all(sites.map((s) => s.close())));

it("keeps a shared portal within its limit when units' own domains redirect to it", async () => {
  const page = (title: string, links: string) =>
    `<html><head><title>${title}</title></head><body>${links}` +
    `<div class="footer">主办单位：${title}</div></body></html>`;
  const portalSite: SiteMap = {};
  for (const id of [100, 200, 300]) {
    const items = [1, 2, 3, 4].map((i) => `<a href="/public/${id}/a${i}.html">文章${i}</a>`);
    portalSite[`/public/${id}/`] = page(`单位${id}`, items.join(''));
    for (let i = 1; i <= 4; i++) portalSite[`/public/${id}/a${i}.html`] = page(`文章${i}`, '');
  }
  const portal = await serveSite(portalSite, ['127.0.0.1'], 0, { latencyMs: 60 });
  sites.push(portal);
  const portalBase = `http://www.portal.gov.cn:${portal.port}`;
  // The units' own domains: one server answering each with a redirect to its part of the portal.
  const redirects: SiteMap = { '/': { redirect: `${portalBase}/public/__UNIT__/` } };
  const own = await serveSite(redirects, ['127.0.0.1']);
  sites.push(own);
  const units = [100, 200, 300].map((id) => {
    const host = `u${id}.example.gov.cn`;
    redirects[`/u${id}/`] = { redirect: `${portalBase}/public/${id}/` };
    return {
      id: `u${id}`,
      name: `单位${id}`,
      kind: 'department',
      site: `http://${host}:${own.port}/u${id}/`,
      hosts: { [host]: ['127.0.0.1'], 'www.portal.gov.cn': ['127.0.0.1'] },
    };
  });
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-polite-'));
  const file = join(dir, 'units.yaml');
  writeFileSync(
    file,
    stringify({
      contact: 'test',
      network: { loopbackOnly: true, referenceHosts: [] },
      browser: { enabled: false },
      crawl: LOOPBACK_CRAWL,
      units,
    }),
  );
  const { run } = await audit({
    config: loadConfig(file),
    asOf: '2022-11-15',
    outDir: join(dir, 'out'),
    dbFile: join(dir, 'zwgk.db'),
  });
  expect(run.units.every((u) => u.score !== null)).toBe(true);
  expect(portal.hits.get('/public/100/')).toBeGreaterThan(3); // attempts and probes came
  expect(portal.peak()).toBeGreaterThan(0);
  expect(portal.peak()).toBeLessThanOrEqual(2);
}, 120_000);
