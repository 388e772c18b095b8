// `npm run bench:browser [-- --pages N]`: the cost of browser mode. The same synthetic site
// (served from a separate process) is crawled over plain HTTP and with every page rendered in
// the system Chromium (pool of 2 and of 4 tabs), in the same run; prints pages/s and ratios.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Renderer } from '../src/browser/renderer.ts';
import { crawlOptionsSchema } from '../src/config/schema.ts';
import { crawlUnit, type RenderMode } from '../src/crawl/crawl-unit.ts';
import { HostMap } from '../src/net/hosts.ts';
import { HttpClient } from '../src/net/http.ts';
import { treeCpuMs } from './process-cpu.ts';
import { ROOT } from '../src/version.ts';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '300' } } });
const n = Number(values.pages);
const server = spawn(
  process.execPath,
  [join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'bench/server.ts'), String(n)],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const [chunk] = (await once(server.stdout!, 'data')) as [Buffer];
const site = `http://www.bench.gov.cn:${chunk.toString().trim()}/`;
console.log(`synthetic site: ${n} pages at ${site}`);

async function crawl(render: RenderMode, poolSize = 2): Promise<number> {
  const client = new HttpClient(new HostMap({ 'www.bench.gov.cn': ['127.0.0.1'] }, true));
  const renderer =
    render === 'http'
      ? undefined
      : await new Renderer(client, {
          poolSize,
          pageTimeoutMs: 20_000,
          recycleAfter: 200,
          userAgent: 'bench',
        }).start();
  const started = performance.now();
  const cpu0 = treeCpuMs();
  let cpu1 = cpu0;
  let pages = 0;
  try {
    await crawlUnit({
      site,
      options: crawlOptionsSchema.parse({
        concurrency: 8,
        delayMs: 0,
        maxPages: n,
        maxDepth: 1000,
        checkExternalLinks: false,
      }),
      availability: { attempts: 1, timeoutSec: 10 },
      client,
      userAgent: 'bench',
      renderer,
      render,
      sink: (r) => void (r.kind === 'page' && pages++),
    });
    cpu1 = treeCpuMs(); // before the browser closes: its processes' CPU goes with them
  } finally {
    await renderer?.close();
    await client.close();
  }
  const pps = pages / ((performance.now() - started) / 1000);
  console.log(
    `${render === 'http' ? 'HTTP' : `browser, ${poolSize} tabs`}: ${pages} pages, ${pps.toFixed(1)} pages/s`,
  );
  if (renderer) {
    // Where a rendered page's time goes, in ms a page (summed over tabs working side by side).
    const s = renderer.spent;
    const ms = (x: number) => Math.round(x / Math.max(1, s.pages));
    console.log(
      `  a page: ${ms(s.queueMs)} ms waiting for a tab, ` +
        `${ms(s.loadMs)} ms loading (navigation to the load event), ` +
        `${ms(s.settleMs)} ms waiting for the page's own requests and short timers, ` +
        `${ms(s.readMs)} ms reading the DOM and computed styles`,
    );
  }
  // CPU a page by process: on two cores the pages/s can be no more than 2000 ÷ the total.
  const used = Object.entries(cpu1)
    .map(([kind, t]) => [kind, (t - (cpu0[kind] ?? 0)) / Math.max(1, pages)] as const)
    .filter(([, t]) => t >= 0.5)
    .sort((a, b) => b[1] - a[1]);
  const total = used.reduce((a, [, t]) => a + t, 0);
  const names: Record<string, string> = { self: 'zwgk', other: "the site's server" };
  console.log(
    `  CPU a page: ${total.toFixed(0)} ms (` +
      used.map(([k, t]) => `${names[k] ?? k} ${t.toFixed(0)}`).join(', ') +
      ')',
  );
  return pps;
}

try {
  const http = await crawl('http');
  const b2 = await crawl('browser', 2);
  const b4 = await crawl('browser', 4);
  console.log(
    `browser/HTTP ratio: ${(b2 / http).toFixed(3)} with 2 tabs, ${(b4 / http).toFixed(3)} with 4 tabs`,
  );
} finally {
  server.kill();
}
