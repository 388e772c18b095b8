// Serves a fixture site on loopback under a real-looking name and crawls it with the real
// crawler, returning the records, a CheckContext over them and how often each path was asked for.
import { crawlOptionsSchema } from '../../src/config/schema.ts';
import { crawlUnit, type RenderMode } from '../../src/crawl/crawl-unit.ts';
import { Renderer } from '../../src/browser/renderer.ts';
import { serveSite, type SiteMap } from '../../src/demo/site-server.ts';
import { HostMap } from '../../src/net/hosts.ts';
import { HttpClient } from '../../src/net/http.ts';
import { profile } from './context.ts';
import type { CheckContext } from '../../src/contract/check.ts';
import type { PageRecord } from '../../src/contract/page.ts';

/** `render` other than http starts the system Chromium for the crawl (real browser, same loopback policy). */
export async function crawlFixture(
  site: SiteMap,
  host = 'www.fixture.gov.cn',
  render: RenderMode = 'http',
): Promise<{ records: PageRecord[]; ctx: CheckContext; hits: Map<string, number> }> {
  const server = await serveSite(site, ['127.0.0.1']);
  const client = new HttpClient(new HostMap({ [host]: ['127.0.0.1'] }, true));
  const renderer =
    render === 'http'
      ? undefined
      : await new Renderer(client, {
          poolSize: 2,
          pageTimeoutMs: 10_000,
          recycleAfter: 50,
          userAgent: 'zwgk-audit-test',
        }).start();
  const records: PageRecord[] = [];
  try {
    await crawlUnit({
      renderer,
      render,
      site: `http://${host}:${server.port}/`,
      options: crawlOptionsSchema.parse({
        delayMs: 0,
        recheckPauseMs: 20,
        homepageRetrySpreadMs: 30,
      }),
      availability: { attempts: 1, timeoutSec: 2 },
      client,
      userAgent: 'zwgk-audit-test',
      sink: (r) => records.push(r),
    });
  } finally {
    await renderer?.close();
    await server.close();
    await client.close();
  }
  const ctx: CheckContext = {
    unit: { id: 'fixture', name: '测试单位', kind: 'department', site: records[0].url },
    profile: profile(),
    asOf: '2022-11-15',
    pages: records,
    byUrl: new Map(records.map((r) => [r.url, r])),
    homepage: records[0],
    crawl: undefined,
    probes: {},
  };
  return { records, ctx, hits: server.hits };
}
